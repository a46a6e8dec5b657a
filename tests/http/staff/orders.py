"""Orders placed through the real services, for the order page and board tests."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from storefront.cart import services as cart
from storefront.catalog.models import Variant
from storefront.pickup import rules, slots
from storefront.pickup.models import PickupOrder
from storefront.pickup.reservation import Contact, reserve_for_pickup
from storefront.shopper import Owner
from storefront.stores import my_store
from storefront.stores.models import Store

# Monday 23 November 2026, 09:00 in Paris: the store opens at 10:00 and needs 2 hours.
NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
NOON = datetime(2026, 11, 23, 11, 0, tzinfo=UTC)  # 12:00 in Paris
_keys = itertools.count(1)


def freeze(monkeypatch: pytest.MonkeyPatch, now: datetime = NOW) -> None:
    monkeypatch.setattr(my_store, "now_utc", lambda: now)


def place_order(
    app: Flask,
    session: Session,
    store: Store,
    lines: list[tuple[Variant, int]],
    owner: Owner,
    *,
    starts_at: datetime = NOON,
    name: str = "Camille Martin",
) -> PickupOrder:
    """Cart, slot hold and confirmation, as checkout does them; committed. In an app
    context, as in a request: the confirmation email is queued in the same transaction."""
    with app.app_context():
        return _place(session, store, lines, owner, starts_at, name)


def _place(
    session: Session,
    store: Store,
    lines: list[tuple[Variant, int]],
    owner: Owner,
    starts_at: datetime,
    name: str,
) -> PickupOrder:
    for variant, quantity in lines:
        cart.add_to_cart(session, owner, variant.id, quantity)
    slot = rules.SlotTime(starts_at, starts_at + timedelta(minutes=store.slot_minutes))
    slots.hold(session, owner, store, slot, NOW)
    order = reserve_for_pickup(
        session,
        owner,
        store_id=store.id,
        contact=Contact.cleaned(name, "camille@example.com", "+33 6 12 34 56 78"),
        idempotency_key=f"key-{next(_keys)}",
        locale="en",
        now_utc=NOW,
    )
    session.commit()
    return order
