"""Ordering at the kiosk (the endless aisle): the web's click & collect checkout, with its
rules and services, but the pickup store is always the kiosk's own, whatever a form says."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from sqlalchemy.orm import Session

from storefront.messages import Message
from storefront.pickup import checkout, reservation
from storefront.pickup.models import PickupOrder, SlotHold
from storefront.pickup.picker import PickerAction
from storefront.shopper import Owner
from storefront.stores.models import Store


def checkout_here(
    session: Session,
    owner: Owner | None,
    store: Store,
    *,
    now_utc: datetime,
    action: Callable[[Store], PickerAction],
    contact: dict[str, str],
    idempotency_key: str,
    day: date | None = None,
    errors: dict[str, Message] | None = None,
    message: Message | None = None,
) -> checkout.Checkout:
    """The checkout page for this store alone: no other store is offered or planned, and
    a hold the shopper has elsewhere is not shown as this store's."""
    return checkout.checkout_view(
        session,
        owner,
        only_store=store,
        now_utc=now_utc,
        action=action,
        contact=contact,
        idempotency_key=idempotency_key,
        day=day,
        errors=errors,
        message=message,
    )


def hold_slot_here(
    session: Session, owner: Owner, store: Store, starts_at: datetime, now_utc: datetime
) -> SlotHold:
    return checkout.hold_slot(session, owner, store.id, starts_at, now_utc)


def place_order_here(
    session: Session,
    owner: Owner,
    store: Store,
    *,
    contact: reservation.Contact,
    idempotency_key: str,
    locale: str,
    now_utc: datetime,
) -> PickupOrder:
    """The web's `reserve_for_pickup` at this store, the order marked as placed at the
    kiosk so the store team sees where it came from. Raises what it raises."""
    order = reservation.reserve_for_pickup(
        session,
        owner,
        store_id=store.id,
        contact=contact,
        idempotency_key=idempotency_key,
        locale=locale,
        now_utc=now_utc,
    )
    order.placed_at_kiosk = True
    session.flush()
    return order
