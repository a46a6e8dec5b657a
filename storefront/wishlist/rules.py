"""Wishlist rules: list names, how many lists and items a shopper may keep, price drops.

Pure functions; decisions come back as values with a message the shopper can read.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from storefront.messages import N_, Decision, Message

NAME_MAX = 80
MAX_LISTS = 20
MAX_ITEMS_PER_LIST = 500
# Stored as is and translated when shown, so a list created in French reads right in English.
DEFAULT_LIST_NAME = N_("My wishlist")


ALLOWED = Decision(True)


def clean_name(raw: str) -> str:
    """Trim and collapse runs of whitespace: "  Summer   trip " is "Summer trip"."""
    return " ".join(raw.split())


def name_key(name: str) -> str:
    """Names compare without case or Unicode form, so "Trip" and "TRIP" are the same list."""
    return unicodedata.normalize("NFKC", name).casefold()


def check_list_name(name: str, taken: Iterable[str]) -> Decision:
    """`name` already cleaned; `taken` are the owner's other list names."""
    if not name:
        return Decision(False, Message(N_("Give the list a name.")))
    if len(name) > NAME_MAX:
        return Decision(False, Message(N_("Use at most %(max)d characters."), max=NAME_MAX))
    # Control characters would break the page, and PostgreSQL refuses NUL outright.
    if any(unicodedata.category(char).startswith("C") for char in name):
        return Decision(False, Message(N_("Use letters, numbers and punctuation only.")))
    if name_key(name) in {name_key(other) for other in taken}:
        return Decision(False, Message(N_("You already have a list called “%(name)s”."), name=name))
    return ALLOWED


def can_create_list(count: int) -> Decision:
    if count >= MAX_LISTS:
        return Decision(
            False, Message(N_("You can keep up to %(max)d lists. Delete one first."), max=MAX_LISTS)
        )
    return ALLOWED


def can_add_item(count: int) -> Decision:
    if count >= MAX_ITEMS_PER_LIST:
        return Decision(
            False,
            Message(
                N_("This list is full (%(max)d items). Remove some or use another list."),
                max=MAX_ITEMS_PER_LIST,
            ),
        )
    return ALLOWED


def free_name(name: str, taken: Iterable[str]) -> str:
    """`name`, or "name (2)", "name (3)"… the first one not taken, still within NAME_MAX.

    Used when lists from another owner arrive (a guest's lists at sign-in): the shopper keeps
    both lists rather than losing one or mixing them."""
    keys = {name_key(other) for other in taken}
    candidate, n = name, 1
    while name_key(candidate) in keys:
        n += 1
        suffix = f" ({n})"
        candidate = name[: NAME_MAX - len(suffix)].rstrip() + suffix
    return candidate


def price_dropped(price_at_add: int | None, price_now: int) -> bool:
    """Only a lower price is news worth telling; a rise is shown as the price, quietly."""
    return price_at_add is not None and price_now < price_at_add
