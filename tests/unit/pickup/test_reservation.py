"""Confirming a pickup: stock and the slot are taken together, or nothing changes."""

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.cart import services as cart
from storefront.cart.models import CartLine
from storefront.inventory.models import StockLevel
from storefront.pickup import orders, rules, slots
from storefront.pickup.errors import InsufficientStock, Refused
from storefront.pickup.models import PickupSlot, SlotHold
from storefront.pickup.reservation import HoldLost
from storefront.shopper import Owner
from storefront.stores.models import Store
from tests.factories import make_product, make_store, set_stock
from tests.pickup_orders import NOON, NOW, confirm

GUEST = Owner(guest_token="g" * 32)


@pytest.fixture
def shop(session: Session):
    store = make_store(session)
    product = make_product(session)
    set_stock(session, store, product.variants[0], 3)
    cart.add_to_cart(session, GUEST, product.variants[0].id, 2)
    return store, product.variants[0]


def _confirm(session: Session, key: str = "k" * 32):
    store = session.get_one(Store, session.scalars(select(StockLevel.store_id)).first())
    return confirm(session, store, GUEST, key)


def test_confirming_reserves_stock_books_the_slot_and_empties_the_cart(session, shop) -> None:
    store, variant = shop
    slots.hold(session, GUEST, store, NOON, NOW)

    order = _confirm(session)

    assert order.status is rules.OrderStatus.PLACED
    assert order.slot_starts_at == NOON.starts_at
    assert order.total_amount == 2 * variant.price_amount
    assert session.scalar(select(StockLevel.reserved)) == 2
    assert session.scalar(select(PickupSlot.taken)) == 1
    assert session.scalars(select(SlotHold)).all() == []
    assert session.scalars(select(CartLine)).all() == []
    assert _confirm(session).id == order.id  # the same form sent twice


def test_a_line_no_longer_in_stock_is_named_and_nothing_changes(session, shop) -> None:
    store, variant = shop
    slots.hold(session, GUEST, store, NOON, NOW)
    session.execute(StockLevel.__table__.update().values(reserved=2))

    with pytest.raises(InsufficientStock) as refused:
        _confirm(session)

    assert refused.value.names == (variant.product.name,)


def test_an_expired_hold_is_refused(session, shop) -> None:
    store, _ = shop
    slots.hold(session, GUEST, store, NOON, NOW - timedelta(minutes=11))

    with pytest.raises(HoldLost):
        _confirm(session)


def test_cancelling_gives_back_stock_and_place_once(session, shop) -> None:
    store, _ = shop
    slots.hold(session, GUEST, store, NOON, NOW)
    order = _confirm(session)

    orders.cancel_by_shopper(session, order, orders.Actor.shopper(None), now_utc=NOW)
    with pytest.raises(Refused):
        orders.move(session, order, rules.OrderStatus.EXPIRED, orders.Actor.system(), now_utc=NOW)

    assert session.scalar(select(StockLevel.reserved)) == 0
    assert session.scalar(select(PickupSlot.taken)) == 0
