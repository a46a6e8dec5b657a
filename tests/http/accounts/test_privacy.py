"""Every domain's data about a person is in their download, and deleting the account
leaves the store its ended pickup orders without the person in them."""

import json

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.accounts.models import Account
from storefront.clock import SetClock
from storefront.inventory.models import StockAlert
from storefront.pickup.models import PickupOrder
from storefront.pickup.rules import OrderStatus
from storefront.shopper import Owner
from tests.conftest import AuthActions
from tests.factories import make_product, make_store, set_stock
from tests.http.accounts.test_account_page import post
from tests.http.staff.orders import freeze, place_order


@pytest.fixture
def orders(app, client: FlaskClient, session: Session, auth: AuthActions, clock: SetClock):
    """Two orders of shopper@example.com's account: one collected, one still to collect,
    and a back-in-stock alert."""
    freeze(clock)
    store = make_store(session, "Lyon Part-Dieu", code="LYON1")
    boots = make_product(session, "Hiking boots", variants=[{"price_amount": 12000}])
    set_stock(session, store, boots.variants[0], 5)
    session.commit()
    auth.sign_up(name="Anna")
    account_id = session.scalar(select(Account.id).where(Account.email == "shopper@example.com"))
    owner = Owner(account_id=account_id)
    ended = place_order(app, session, store, [(boots.variants[0], 1)], owner)
    ended.status = OrderStatus.COLLECTED
    open_ = place_order(app, session, store, [(boots.variants[0], 1)], owner)
    session.add(
        StockAlert(
            variant_id=boots.variants[0].id,
            store_id=store.id,
            account_id=account_id,
            email="shopper@example.com",
        )
    )
    session.commit()
    return ended, open_


def test_the_download_holds_pickup_orders_and_alerts(client: FlaskClient, orders) -> None:
    ended, _open = orders
    data = json.loads(client.get("/account/data.json").text)
    placed = {order["number"]: order for order in data["pickup_orders"]}
    assert set(placed) == {order.number for order in orders}
    assert placed[ended.number]["status"] == "collected"
    assert placed[ended.number]["lines"][0]["quantity"] == 1
    assert data["stock_alerts"][0]["store"] == "LYON1"
    assert {"cart", "wishlists", "identities", "sign_in_sessions"} <= set(data)


def test_deleting_the_account_anonymises_its_ended_orders(
    client: FlaskClient, session: Session, orders
) -> None:
    ended, open_ = orders
    done = post(client, "/account/delete", {"confirm_email": "shopper@example.com"})
    assert done.status_code == 303
    session.expire_all()
    kept = session.get_one(PickupOrder, ended.id)
    assert kept.customer_name == "(deleted account)" and kept.email == "" and kept.phone == ""
    assert kept.account_id is None and kept.total_amount == ended.total_amount
    still_to_collect = session.get_one(PickupOrder, open_.id)
    assert still_to_collect.account_id is None and still_to_collect.email
    assert session.scalars(select(StockAlert)).all() == []
