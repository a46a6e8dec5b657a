"""Click & collect rules: which slots a store offers, who may change an order, and when."""

from __future__ import annotations

import enum
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from storefront.messages import N_, Decision, Message
from storefront.stores.hours import StoreSchedule, day_hours, local_today

BOOKING_DAYS = 7  # today and the six days after it
HOLD = timedelta(minutes=10)  # a slot picked during checkout is kept this long
MAX_NAME_LENGTH = 120
# What a shopper reads aloud at the desk: no 0/O or 1/I/L to confuse.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_PHONE_CHARACTERS = re.compile(r"^\+?[0-9 .()/-]+$")


class OrderStatus(enum.StrEnum):
    PLACED = "placed"
    PREPARING = "preparing"
    READY = "ready"
    COLLECTED = "collected"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


class EventKind(enum.StrEnum):
    """What a history entry records: a status change, a new pickup time, missing items."""

    STATUS = "status"
    RESCHEDULED = "rescheduled"
    ADJUSTED = "adjusted"


STATUS_LABELS: Mapping[OrderStatus, str] = {
    OrderStatus.PLACED: N_("Placed"),
    OrderStatus.PREPARING: N_("Being prepared"),
    OrderStatus.READY: N_("Ready to collect"),
    OrderStatus.COLLECTED: N_("Collected"),
    OrderStatus.CANCELLED: N_("Cancelled"),
    OrderStatus.EXPIRED: N_("Expired"),
}

# An order in one of these still holds its stock and its place in the slot.
OPEN_STATUSES = (OrderStatus.PLACED, OrderStatus.PREPARING, OrderStatus.READY)
# The shopper may reschedule or cancel until the store has the order ready.
SHOPPER_CHANGEABLE = (OrderStatus.PLACED, OrderStatus.PREPARING)
_NEXT: Mapping[OrderStatus, frozenset[OrderStatus]] = {
    OrderStatus.PLACED: frozenset(
        {OrderStatus.PREPARING, OrderStatus.READY, OrderStatus.CANCELLED, OrderStatus.EXPIRED}
    ),
    OrderStatus.PREPARING: frozenset(
        {OrderStatus.READY, OrderStatus.CANCELLED, OrderStatus.EXPIRED}
    ),
    OrderStatus.READY: frozenset(
        {OrderStatus.COLLECTED, OrderStatus.CANCELLED, OrderStatus.EXPIRED}
    ),
}


def sources_for(to: OrderStatus) -> tuple[OrderStatus, ...]:
    """The statuses an order may move to `to` from, for a conditional UPDATE."""
    return tuple(s for s, targets in _NEXT.items() if to in targets)


@dataclass(frozen=True)
class SlotTime:
    """A pickup window as UTC instants."""

    starts_at: datetime
    ends_at: datetime


class SlotState(enum.StrEnum):
    FREE = "free"
    FULL = "full"
    PAST = "past"  # gone, or sooner than the order can be ready


@dataclass(frozen=True)
class OfferedSlot:
    time: SlotTime
    state: SlotState
    left: int


def booking_days(schedule: StoreSchedule, now_utc: datetime) -> list[date]:
    today = local_today(schedule, now_utc)
    return [today + timedelta(days=n) for n in range(BOOKING_DAYS)]


def day_slots(schedule: StoreSchedule, day: date, minutes: int) -> list[SlotTime]:
    """Windows of `minutes` from each opening of the local `day`, ending by its closing.

    Steps are taken in UTC, so a window is always `minutes` long, daylight saving or not.
    """
    zone = schedule.zone
    step = timedelta(minutes=max(minutes, 5))
    slots = []
    for period in day_hours(schedule, day).periods:
        start = datetime.combine(day, period.opens, zone).astimezone(UTC)
        end = datetime.combine(day, period.closes, zone).astimezone(UTC)
        while start + step <= end:
            slots.append(SlotTime(start, start + step))
            start += step
    return slots


def day_offer(
    slots: list[SlotTime],
    *,
    earliest: datetime | None,
    capacity: int,
    booked: Mapping[datetime, tuple[int, int]],
) -> list[OfferedSlot]:
    """Each window with what the picker shows: free with places left, full, or past.

    `booked` maps a window's start to (capacity, taken) for windows already booked; the
    others have the store's `capacity` free. `earliest` None means nothing can be ready.
    """
    offer = []
    for slot in slots:
        size, taken = booked.get(slot.starts_at, (capacity, 0))
        left = max(size - taken, 0)
        if earliest is None or slot.starts_at < earliest:
            offer.append(OfferedSlot(slot, SlotState.PAST, 0))
        else:
            offer.append(OfferedSlot(slot, SlotState.FREE if left else SlotState.FULL, left))
    return offer


def check_slot(
    schedule: StoreSchedule,
    starts_at: datetime,
    *,
    now_utc: datetime,
    minutes: int,
    earliest: datetime | None,
) -> SlotTime | Decision:
    """The window starting at `starts_at` if the store offers it now, else why not."""
    if earliest is None:
        return Decision.refuse(Message(N_("This store cannot prepare your order.")))
    local_day = starts_at.astimezone(schedule.zone).date()
    if local_day not in booking_days(schedule, now_utc):
        return Decision.refuse(Message(N_("Choose a slot within the next 7 days.")))
    slot = next(
        (s for s in day_slots(schedule, local_day, minutes) if s.starts_at == starts_at), None
    )
    if slot is None:
        return Decision.refuse(Message(N_("This store offers no pickup slot at that time.")))
    if starts_at < earliest:
        return Decision.refuse(
            Message(N_("This slot is too soon for your order to be ready. Choose a later one."))
        )
    return slot


class StaffAction(enum.StrEnum):
    """What the store team does to an order, as the staff routes name it."""

    PREPARE = "preparing"
    MARK_READY = "ready"
    HAND_OVER = "hand-over"
    REPORT_MISSING = "missing"


STAFF_MOVES: Mapping[StaffAction, OrderStatus] = {
    StaffAction.PREPARE: OrderStatus.PREPARING,
    StaffAction.MARK_READY: OrderStatus.READY,
    StaffAction.HAND_OVER: OrderStatus.COLLECTED,
}


def may_report_missing(status: OrderStatus) -> bool:
    """Missing items are found while preparing; once ready, the bag is packed."""
    return status in SHOPPER_CHANGEABLE


def staff_actions(status: OrderStatus) -> frozenset[StaffAction]:
    """What the staff order page and board offer for an order in this status."""
    offered = {action for action, to in STAFF_MOVES.items() if to in _NEXT.get(status, ())}
    if may_report_missing(status):
        offered.add(StaffAction.REPORT_MISSING)
    return frozenset(offered)


def can_move(current: OrderStatus, to: OrderStatus) -> Decision:
    if to in _NEXT.get(current, frozenset()):
        return Decision.allow()
    return Decision.refuse(
        Message(
            N_("This order is “%(status)s” and cannot change now."),
            status=Message(STATUS_LABELS[current]),
        )
    )


def shopper_may_change(status: OrderStatus) -> Decision:
    if status in SHOPPER_CHANGEABLE:
        return Decision.allow()
    return Decision.refuse(
        Message(N_("This order can no longer be changed online. Please contact the store."))
    )


def expires_at(slot_ends_at: datetime, hold_days: int) -> datetime:
    """An uncollected order is kept `hold_days` after its slot ends, then expires."""
    return slot_ends_at + timedelta(days=max(hold_days, 0))


def clean_name(raw: str) -> str:
    return " ".join(raw.split())


def check_name(name: str) -> Decision:
    if not name:
        return Decision.refuse(Message(N_("Enter the name the store should ask for.")))
    if len(name) > MAX_NAME_LENGTH or not name.isprintable():
        return Decision.refuse(
            Message(N_("Use at most %(count)d letters for your name."), count=MAX_NAME_LENGTH)
        )
    return Decision.allow()


def clean_phone(raw: str) -> str:
    return " ".join(raw.split())


def check_phone(phone: str) -> Decision:
    """Any national or international number: 6 to 15 digits (E.164), usual separators."""
    digits = sum(c.isdigit() for c in phone)
    if not phone:
        return Decision.refuse(Message(N_("Enter a phone number the store can call.")))
    if not _PHONE_CHARACTERS.match(phone) or not 6 <= digits <= 15 or len(phone) > 32:
        return Decision.refuse(Message(N_("Enter a phone number like +33 6 12 34 56 78.")))
    return Decision.allow()


def new_code(length: int) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def order_number() -> str:
    """Short enough to read on the phone, random so numbers tell nothing of sales."""
    return f"C{new_code(3)}-{new_code(4)}"


def pickup_code() -> str:
    return new_code(6)


def normalise_code(raw: str) -> str:
    """What staff type or scan: case, spaces and dashes do not matter."""
    return "".join(c for c in raw.upper() if c.isalnum())
