"""Orders placed through the real services, for the order page and board tests."""

from __future__ import annotations

import itertools
from datetime import datetime

from flask import Flask
from sqlalchemy.orm import Session

from storefront.cart import services as cart
from storefront.catalog.models import Variant
from storefront.clock import SetClock
from storefront.pickup import slots
from storefront.pickup.models import PickupOrder
from storefront.shopper import Owner
from storefront.stores.models import Store
from tests.pickup_orders import NOON as NOON_SLOT
from tests.pickup_orders import NOW, confirm, slot_at

NOON = NOON_SLOT.starts_at  # 12:00 in Paris
_keys = itertools.count(1)


def freeze(clock: SetClock, now: datetime = NOW) -> None:
    clock.at = now


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
    slots.hold(session, owner, store, slot_at(store, starts_at), NOW)
    order = confirm(session, store, owner, f"key-{next(_keys)}", name=name)
    session.commit()
    return order
