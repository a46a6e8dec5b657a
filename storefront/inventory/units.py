"""Units of stock as files and feeds give them, within what a stock level holds."""

from __future__ import annotations

from typing import Any

from storefront.importing import as_text
from storefront.inventory.models import MAX_UNITS


def parse_units(raw: Any) -> int:
    """Units in an import file, where CSV gives text: 0 to MAX_UNITS, as digits or a number."""
    text = str(raw) if type(raw) is int else as_text(raw)
    if not (text.isascii() and text.isdigit()):
        raise ValueError(f"{text[:20]!r} is not a whole number of units (0 or more)")
    if len(text) > len(str(MAX_UNITS)) or int(text) > MAX_UNITS:
        raise ValueError(f"{text[:20]} is more than a stock level holds ({MAX_UNITS})")
    return int(text)


def parse_delta(raw: Any) -> int:
    """A whole number of units, signed; JSON numbers only, so "1" or 1.5 is a typo."""
    if type(raw) is not int or abs(raw) > MAX_UNITS:
        raise ValueError(f"must be a whole number such as -1 or 3, at most {MAX_UNITS} units")
    return raw


def parse_on_hand(raw: Any) -> int:
    """Units on hand, as the OpenAPI file says: a JSON integer, 0 or more, so "7" is refused."""
    if type(raw) is not int or not 0 <= raw <= MAX_UNITS:
        raise ValueError(f"must be a whole number from 0 to {MAX_UNITS}, such as 7")
    return raw
