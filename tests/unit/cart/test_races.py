"""Two devices, one cart: concurrent adds of one variant end in one line holding them all."""

import threading
from collections.abc import Callable

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.cart import services
from storefront.cart.models import Cart, CartLine
from storefront.db import session_factory
from storefront.shopper import Owner
from tests.factories import make_account, make_product, make_store, set_stock

THREADS = 8


def race(app: Flask, work: Callable[[Session], None]) -> list[BaseException]:
    """Run `work` in THREADS threads released together, each in its own transaction."""
    factory = session_factory(app.extensions["db_engine"], write=True)
    start = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def run() -> None:
        start.wait()
        try:
            with factory() as session:
                work(session)
                session.commit()
        except BaseException as error:  # collected and asserted on below
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def test_concurrent_adds_of_one_variant_make_one_line_with_every_unit(
    app: Flask, session: Session
) -> None:
    product = make_product(session)
    set_stock(session, make_store(session), product.variants[0], 100)
    owner = Owner(account_id=make_account(session, "race@example.com").id)
    variant_id = product.variants[0].id
    session.commit()

    errors = race(app, lambda s: services.add_to_cart(s, owner, variant_id, 2))

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

    errors = race(app, lambda s: services.add_to_cart(s, owner, variant_id, 1))

    assert all(isinstance(e, services.CartError) for e in errors)
    session.expire_all()
    # Late adds are refused or capped with a notice, depending on when each read the line.
    assert session.scalar(select(CartLine.quantity)) == 5
