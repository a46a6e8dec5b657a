"""Slot capacity: what a day offers, and holding or releasing a place in a slot.

A place is taken with one conditional UPDATE (`taken < capacity`) whose row count says
whether it worked, so two shoppers racing for the last place cannot both get it, on
SQLite (writes serialised by BEGIN IMMEDIATE) and PostgreSQL (the row lock) alike.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from storefront import db
from storefront.messages import N_, Message
from storefront.pickup import rules
from storefront.pickup.errors import PickupError
from storefront.pickup.models import PickupSlot, SlotHold
from storefront.shopper import Owner
from storefront.stores.hours import StoreSchedule
from storefront.stores.models import Store


class SlotFull(PickupError):
    def __init__(self) -> None:
        super().__init__(
            Message(N_("Someone has just taken the last place in this slot. Choose another."))
        )


def _owned(owner: Owner) -> ColumnElement[bool]:
    if owner.account_id is not None:
        return SlotHold.account_id == owner.account_id
    return SlotHold.guest_token == owner.guest_token


def current_hold(session: Session, owner: Owner) -> SlotHold | None:
    return session.scalars(select(SlotHold).where(_owned(owner))).one_or_none()


def booked(
    session: Session, store_id: int, slots: list[rules.SlotTime], now_utc: datetime
) -> dict[datetime, tuple[int, int]]:
    """Start -> (capacity, places taken) of the booked windows among `slots`; holds that
    ran out count as free even before they are reclaimed."""
    if not slots:
        return {}
    stale = (
        select(func.count(SlotHold.id))
        .where(SlotHold.slot_id == PickupSlot.id, SlotHold.expires_at <= now_utc)
        .scalar_subquery()
    )
    rows = session.execute(
        select(PickupSlot.starts_at, PickupSlot.capacity, PickupSlot.taken - stale).where(
            PickupSlot.store_id == store_id,
            PickupSlot.starts_at >= slots[0].starts_at,
            PickupSlot.starts_at <= slots[-1].starts_at,
        )
    )
    return {starts: (capacity, int(taken)) for starts, capacity, taken in rows}


def day_offer(
    session: Session,
    store: Store,
    schedule: StoreSchedule,
    day: date,
    *,
    earliest: datetime | None,
    now_utc: datetime,
) -> list[rules.OfferedSlot]:
    slots = rules.day_slots(schedule, day, store.slot_minutes)
    return rules.day_offer(
        slots,
        earliest=earliest,
        capacity=store.slot_capacity,
        booked=booked(session, store.id, slots, now_utc),
    )


def slot_row(session: Session, store: Store, slot: rules.SlotTime) -> int:
    """The id of the slot's row, created on first use (race-safe: ON CONFLICT DO NOTHING)."""
    session.execute(
        db.insert(session, PickupSlot)
        .values(
            store_id=store.id,
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            capacity=store.slot_capacity,
            taken=0,
        )
        .on_conflict_do_nothing(index_elements=["store_id", "starts_at"])
    )
    return session.scalars(
        select(PickupSlot.id).where(
            PickupSlot.store_id == store.id, PickupSlot.starts_at == slot.starts_at
        )
    ).one()


def reclaim_expired(session: Session, now_utc: datetime, slot_id: int | None = None) -> int:
    """Give back the places of holds that ran out (of one slot, or all); returns how many."""
    criteria = [SlotHold.expires_at <= now_utc]
    if slot_id is not None:
        criteria.append(SlotHold.slot_id == slot_id)
    gone = session.execute(delete(SlotHold).where(*criteria).returning(SlotHold.slot_id)).scalars()
    per_slot: dict[int, int] = {}
    for freed in gone:
        per_slot[freed] = per_slot.get(freed, 0) + 1
    for freed, count in sorted(per_slot.items()):
        session.execute(
            update(PickupSlot).where(PickupSlot.id == freed).values(taken=PickupSlot.taken - count)
        )
    return sum(per_slot.values())


def take_place(session: Session, slot_id: int) -> None:
    taken = session.execute(
        update(PickupSlot)
        .where(PickupSlot.id == slot_id, PickupSlot.taken < PickupSlot.capacity)
        .values(taken=PickupSlot.taken + 1)
    )
    if taken.rowcount != 1:  # type: ignore[attr-defined]
        raise SlotFull()


def give_back_place(session: Session, slot_id: int) -> None:
    session.execute(
        update(PickupSlot)
        .where(PickupSlot.id == slot_id, PickupSlot.taken > 0)
        .values(taken=PickupSlot.taken - 1)
    )


def release_hold(session: Session, owner: Owner) -> None:
    """Let go of this shopper's hold, if any, and give its place back."""
    freed = session.execute(delete(SlotHold).where(_owned(owner)).returning(SlotHold.slot_id))
    for slot_id in freed.scalars().all():
        give_back_place(session, slot_id)


def hold(
    session: Session, owner: Owner, store: Store, slot: rules.SlotTime, now_utc: datetime
) -> SlotHold:
    """Keep a place in `slot` for this shopper for rules.HOLD, letting go of any other
    hold they had. The caller checked that the store offers `slot` to this order."""
    release_hold(session, owner)
    slot_id = slot_row(session, store, slot)
    reclaim_expired(session, now_utc, slot_id)
    take_place(session, slot_id)
    record = SlotHold(
        slot_id=slot_id,
        account_id=owner.account_id,
        guest_token=None if owner.account_id is not None else owner.guest_token,
        created_at=now_utc,
        expires_at=now_utc + rules.HOLD,
    )
    session.add(record)
    session.flush()
    return record


def consume_hold(session: Session, owner: Owner, slot_id: int, now_utc: datetime) -> bool:
    """Turn the shopper's live hold on `slot_id` into a booking: its place stays taken.
    False when there is no such live hold (it ran out, or another request used it)."""
    used = session.execute(
        delete(SlotHold).where(
            _owned(owner),
            SlotHold.slot_id == slot_id,
            SlotHold.expires_at > now_utc,
        )
    )
    return used.rowcount == 1  # type: ignore[attr-defined]
