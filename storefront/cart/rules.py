"""Cart limits: how many of a variant one line may hold, and why a quantity is refused."""

from __future__ import annotations

from dataclasses import dataclass

from storefront.messages import N_, Message

MAX_PER_LINE = 20


@dataclass(frozen=True)
class Allowance:
    """The quantity the line may hold, and, when that is less than asked, the reason."""

    quantity: int
    reason: Message | None = None


def parse_quantity(raw: str | None) -> int | Message:
    """A whole number from 1 to MAX_PER_LINE, written plainly: "-1", "0", "1e9", "2.5" and
    "abc" are not."""
    text = (raw or "").strip()
    if not text.isdigit() or len(text) > 3:
        return Message(N_("Enter a whole number of items, from 1 to %(max)d."), max=MAX_PER_LINE)
    quantity = int(text)
    if not 1 <= quantity <= MAX_PER_LINE:
        return Message(N_("Enter a whole number of items, from 1 to %(max)d."), max=MAX_PER_LINE)
    return quantity


def stepped(raw: str | None, step: str | None) -> str | None:
    """The quantity a stepper button asks for: the field's value moved by one."""
    if step in {"-1", "1"} and raw and raw.strip().isdigit():
        return str(int(raw) + int(step))
    return raw


def line_limit(sellable: int) -> int:
    return max(0, min(MAX_PER_LINE, sellable))


def allowed_quantity(wanted: int, sellable: int) -> Allowance:
    """How many of `wanted` a line may hold given what can be sold right now."""
    limit = line_limit(sellable)
    if limit == 0:
        return Allowance(0, Message(N_("This item is out of stock.")))
    if wanted <= limit:
        return Allowance(wanted)
    if limit < MAX_PER_LINE:
        reason = Message(
            N_("Only %(num)d can be bought right now: your cart holds %(num)d."), num=limit
        )
    else:
        reason = Message(N_("A cart line holds at most %(num)d items."), num=MAX_PER_LINE)
    return Allowance(limit, reason)
