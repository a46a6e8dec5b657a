"""Two stores, a guest's order at each, and Ana, staff at the first, signed in."""

from dataclasses import dataclass

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from storefront.catalog.models import Variant
from storefront.clock import SetClock
from storefront.pickup.models import PickupOrder
from storefront.shopper import Owner
from storefront.staff.models import StaffRole
from storefront.stores.models import Store
from tests.conftest import PASSWORD, AuthActions
from tests.factories import make_account, make_product, make_store, set_stock
from tests.http.staff.orders import freeze, place_order


@dataclass
class Stores:
    lyon: Store
    paris: Store
    boots: Variant
    socks: Variant
    order: PickupOrder  # at Lyon
    elsewhere: PickupOrder  # at Paris


@pytest.fixture
def stores(app: Flask, session: Session, clock: SetClock) -> Stores:
    freeze(clock)
    lyon = make_store(session, "Lyon Part-Dieu", code="LYON1")
    paris = make_store(session, "Paris Rivoli", code="PARIS1", city="Paris")
    boots = make_product(session, "Hiking boots", variants=[{"price_amount": 12000}])
    socks = make_product(session, "Wool socks", variants=[{"price_amount": 1500}])
    for store in (lyon, paris):
        set_stock(session, store, boots.variants[0], 5)
        set_stock(session, store, socks.variants[0], 5)
    session.commit()
    lines = [(boots.variants[0], 1), (socks.variants[0], 2)]
    order = place_order(app, session, lyon, lines, Owner(guest_token="a" * 32))
    elsewhere = place_order(
        app, session, paris, lines, Owner(guest_token="b" * 32), name="Léa Dubois"
    )
    return Stores(lyon, paris, boots.variants[0], socks.variants[0], order, elsewhere)


@pytest.fixture
def ana(session: Session, auth: AuthActions, stores: Stores) -> AuthActions:
    """Staff at Lyon only, signed in."""
    account = make_account(session, "ana@example.com", PASSWORD, name="Ana")
    session.add(StaffRole(account_id=account.id, store_id=stores.lyon.id))
    session.commit()
    auth.sign_in("ana@example.com")
    return auth
