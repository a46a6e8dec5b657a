"""An order a store team proposes and the shopper accepts: its items, at that store, in the
next slot with room, by the same rules as a checkout."""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy.orm import Session

from storefront.messages import N_, FieldErrors, Message
from storefront.pickup import rules, slots
from storefront.pickup.errors import InsufficientStock, Refused
from storefront.pickup.models import PickupOrder
from storefront.pickup.reservation import Contact, book_held_slot, by_key
from storefront.pickup.supply import Want, supply
from storefront.shopper import Owner
from storefront.stores.hours import schedule_of
from storefront.stores.models import Store
from storefront.stores.queries import shop_by_id

NO_SLOT = Message(N_("No pickup slot is free at this store this week."))


def next_free_slot(
    session: Session, store: Store, earliest: datetime | None, now_utc: datetime
) -> rules.SlotTime | None:
    """The first window of the booking week the order can be ready for, with a place left."""
    schedule = schedule_of(store)
    for day in rules.booking_days(schedule, now_utc):
        offer = slots.day_offer(session, store, schedule, day, earliest=earliest, now_utc=now_utc)
        free = next((o.time for o in offer if o.state is rules.SlotState.FREE), None)
        if free is not None:
            return free
    return None


def reserve_now(
    session: Session,
    owner: Owner,
    *,
    store_id: int,
    wants: list[Want],
    contact: Contact,
    proposal_key: str,
    locale: str,
    now_utc: datetime,
) -> PickupOrder:
    """Place the order, or change nothing. `proposal_key` names what is accepted: accepting
    it twice (two taps, two devices) finds the first order rather than making a second."""
    key = hashlib.sha256(f"on-behalf|{proposal_key}".encode()).hexdigest()
    if (done := by_key(session, key)) is not None:
        return done
    problems = contact.problems()
    if problems:
        raise FieldErrors(problems)
    store = shop_by_id(session, store_id, now_utc)
    if store is None:
        raise Refused(NO_SLOT)
    wants = sorted(wants, key=lambda w: w.variant_id)
    plan = supply(session, store, wants, now_utc)
    if plan.short:
        raise InsufficientStock([w.name for w in plan.short])
    slot = next_free_slot(session, store, plan.earliest, now_utc)
    if slot is None:
        raise Refused(NO_SLOT)
    slots.hold(session, owner, store, slot, now_utc)
    return book_held_slot(
        session,
        owner,
        store_id=store.id,
        wants=wants,
        contact=contact,
        idempotency_key=key,
        locale=locale,
        now_utc=now_utc,
    )
