"""Two devices, one cart: concurrent adds of one variant end in one line holding them all."""

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.cart import services
from storefront.cart.models import Cart, CartLine
from storefront.shopper import Owner
from tests.concurrency import race
from tests.factories import make_account, make_product, make_store, set_stock

THREADS = 8


def test_concurrent_adds_of_one_variant_make_one_line_with_every_unit(
    app: Flask, session: Session
) -> None:
    product = make_product(session)
    set_stock(session, make_store(session), product.variants[0], 100)
    owner = Owner(account_id=make_account(session, "race@example.com").id)
    variant_id = product.variants[0].id
    session.commit()

    errors = race(app, lambda s: services.add_to_cart(s, owner, variant_id, 2), THREADS)

    assert errors == []
    session.expire_all()
    assert session.scalar(select(Cart.id).where(Cart.account_id == owner.account_id))
    lines = session.execute(select(CartLine.variant_id, CartLine.quantity)).all()
    assert [tuple(line) for line in lines] == [(variant_id, min(2 * THREADS, 20))]


def test_concurrent_adds_never_pass_the_stock(app: Flask, session: Session) -> None:
    product = make_product(session)
    set_stock(session, make_store(session), product.variants[0], 5)
    owner = Owner(guest_token="c" * 32)
    variant_id = product.variants[0].id
    session.commit()

    errors = race(app, lambda s: services.add_to_cart(s, owner, variant_id, 1), THREADS)

    assert all(isinstance(e, services.CartError) for e in errors)
    session.expire_all()
    # Late adds are refused or capped with a notice, depending on when each read the line.
    assert session.scalar(select(CartLine.quantity)) == 5
