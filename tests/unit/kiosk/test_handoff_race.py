"""Phones racing on one kiosk code: exactly one gets the kiosk's cart, the others are told
the code was used and keep their carts as they were; on SQLite and on PostgreSQL (run with
STOREFRONT_DATABASE_URL set)."""

import itertools

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront import clock
from storefront.cart import services as carts
from storefront.cart.models import Cart, CartLine
from storefront.kiosk import handoff, services
from storefront.kiosk.models import HandoffDirection
from storefront.shopper import Owner
from tests.concurrency import race
from tests.factories import make_product, make_store, set_stock

PHONES = 6
SECRET = b"test secret"
VISIT = "a" * 32


def test_phones_racing_on_one_code_get_one_cart_between_them(app: Flask, session: Session) -> None:
    store = make_store(session)
    product = make_product(session, "Trail runner")
    set_stock(session, store, product.variants[0], 10)
    new = services.start_pairing(session, store, now=clock.now())
    services.pair(session, new.token, now=clock.now())
    carts.add_to_cart(session, Owner(guest_token=VISIT), product.variants[0].id, 2)
    cart = carts.find_cart(session, Owner(guest_token=VISIT))
    assert cart is not None
    started = handoff.start(
        session, new.kiosk, VISIT, HandoffDirection.TO_PHONE, SECRET, clock.now(), cart_id=cart.id
    )
    code = handoff.code_of(started, SECRET)
    session.commit()
    phones = itertools.count()  # a new guest phone per thread (next() on a count is atomic)

    def take(own: Session) -> None:
        handoff.accept(own, code, Owner(guest_token=f"{next(phones):032x}"), clock.now())

    errors = race(app, take, PHONES)

    assert len(errors) == PHONES - 1
    assert all(isinstance(e, handoff.HandoffRefused) and "already used" in str(e) for e in errors)
    session.expire_all()
    holders = session.execute(select(Cart.guest_token, CartLine.quantity).join(CartLine)).all()
    assert len(holders) == 1 and holders[0][1] == 2 and holders[0][0] != VISIT
