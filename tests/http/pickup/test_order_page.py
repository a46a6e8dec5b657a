"""The order page: who may open it, what it shows, and the shopper's cancel."""

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.accounts.models import Account
from storefront.clock import SetClock
from storefront.inventory.models import StockLevel
from storefront.pickup import links
from storefront.pickup.models import PickupOrder
from storefront.pickup.rules import OrderStatus
from storefront.shopper import Owner
from tests.conftest import AuthActions
from tests.factories import make_product, make_store, set_stock
from tests.forms import csrf
from tests.http.staff.orders import freeze, place_order

HX = {"HX-Request": "true"}
GUEST = Owner(guest_token="g" * 32)


@pytest.fixture
def shop(session: Session, clock: SetClock):
    freeze(clock)
    store = make_store(session, "Lyon Part-Dieu", code="LYON1")
    boots = make_product(session, "Hiking boots", variants=[{"price_amount": 12000}])
    socks = make_product(session, "Wool socks", variants=[{"price_amount": 1500, "size": "M"}])
    set_stock(session, store, boots.variants[0], 5)
    set_stock(session, store, socks.variants[0], 5)
    session.commit()
    return store, boots.variants[0], socks.variants[0]


@pytest.fixture
def guest_order(app, session: Session, shop) -> PickupOrder:
    store, boots, socks = shop
    return place_order(app, session, store, [(boots, 1), (socks, 2)], GUEST)


def _link(app, order: PickupOrder) -> str:
    with app.test_request_context():
        return links.order_url(order, external=False)


def test_a_guest_link_shows_the_order(app, client: FlaskClient, guest_order) -> None:
    page = client.get(_link(app, guest_order))

    assert page.status_code == 200 and "<html" in page.text
    assert f"Order {guest_order.number}" in page.text
    assert 'aria-current="step"' in page.text and "Placed" in page.text
    assert guest_order.pickup_code in page.text and "<svg" in page.text  # code and its QR
    assert "Cairn Lyon Part-Dieu" in page.text and "17 rue du Docteur Bouchut" in page.text
    assert "Monday 23 November, 12:00–12:30" in page.text  # Paris time, stored 11:00 UTC
    assert "€150.00" in page.text and "Pay at the pickup desk" in page.text
    assert page.headers["Cache-Control"] == "private, no-store"


def test_the_order_fragment_for_htmx(app, client: FlaskClient, guest_order) -> None:
    fragment = client.get(_link(app, guest_order), headers=HX)

    assert fragment.text.lstrip().startswith('<article id="order"')
    assert "<html" not in fragment.text and "HX-Request" in fragment.headers["Vary"]


def test_without_a_valid_token_the_order_does_not_exist(
    app, client: FlaskClient, session: Session, shop, guest_order
) -> None:
    store, boots, _ = shop
    other = place_order(app, session, store, [(boots, 1)], Owner(guest_token="h" * 32))
    other_token = _link(app, other).split("t=")[1]
    number = guest_order.number

    for url in (
        f"/orders/{number}",
        f"/orders/{number}?t=forged",
        f"/orders/{number}?t={other_token}",  # a real token, of another order
        f"/orders/{number}/calendar.ics?t={other_token}",
        "/orders/CXXX-XXXX",
        "/orders/" + "C" * 500,
    ):
        assert client.get(url).status_code == 404, url


def test_an_account_sees_its_order_and_no_one_else_does(
    app, client: FlaskClient, session: Session, auth: AuthActions, shop
) -> None:
    store, boots, _ = shop
    auth.sign_up("owner@example.com")
    owner_id = session.scalar(select(Account.id).where(Account.email == "owner@example.com"))
    order = place_order(app, session, store, [(boots, 1)], Owner(account_id=owner_id))

    mine = client.get(f"/orders/{order.number}")
    assert mine.status_code == 200 and order.pickup_code in mine.text
    assert 'href="/orders"' in mine.text  # back to the list of the account's orders
    listing = client.get("/orders")
    assert order.number in listing.text and "Cairn Lyon Part-Dieu" in listing.text

    auth.sign_out()
    assert client.get(f"/orders/{order.number}").status_code == 404
    auth.sign_up("other@example.com")
    assert client.get(f"/orders/{order.number}").status_code == 404
    assert order.number not in client.get("/orders").text
    with app.test_request_context():
        forged = links.order_token(order)
    assert client.get(f"/orders/{order.number}?t={forged}").status_code == 404


def test_the_orders_list_asks_a_guest_to_sign_in(client: FlaskClient) -> None:
    response = client.get("/orders")

    assert response.status_code == 302 and "/account/sign-in" in response.headers["Location"]


def test_cancelling_frees_the_stock_and_says_so(
    app, client: FlaskClient, session: Session, guest_order
) -> None:
    url = _link(app, guest_order)
    cancel = url.replace(f"/orders/{guest_order.number}", f"/orders/{guest_order.number}/cancel")

    response = client.post(cancel, data={"csrf_token": csrf(client, url)})

    assert response.status_code == 303 and response.headers["Location"] == url
    page = client.get(url).text
    assert "This order is cancelled" in page and "Cancel this order" not in page
    assert session.scalars(select(StockLevel.reserved)).all() == [0, 0]


def test_cancelling_needs_the_form_and_the_link(
    app, client: FlaskClient, session: Session, guest_order
) -> None:
    url = _link(app, guest_order)
    number = guest_order.number
    token = csrf(client, url)

    assert client.post(url.replace(number, f"{number}/cancel")).status_code == 400  # no CSRF
    no_link = client.post(f"/orders/{number}/cancel", data={"csrf_token": token})
    assert no_link.status_code == 404
    assert session.scalar(select(PickupOrder.status)) is OrderStatus.PLACED


def test_a_ready_order_can_no_longer_be_cancelled_online(
    app, client: FlaskClient, session: Session, guest_order
) -> None:
    session.execute(PickupOrder.__table__.update().values(status="ready"))
    session.commit()
    url = _link(app, guest_order)
    token = csrf(client, "/")
    page = client.get(url).text
    assert "Cancel this order" not in page and "Ready to collect" in page

    response = client.post(
        url.replace(guest_order.number, f"{guest_order.number}/cancel"), data={"csrf_token": token}
    )

    assert response.status_code == 422
    assert "can no longer be changed online" in response.text
    assert session.scalar(select(PickupOrder.status)) is OrderStatus.READY
