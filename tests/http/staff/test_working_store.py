"""A staff member's store is the store they work at: stock, promise and checkout follow it,
and one on several teams switches between their stores, and only those."""

import re

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from storefront.staff.models import StaffRole
from tests.conftest import PASSWORD, AuthActions
from tests.factories import make_account, make_product, set_stock
from tests.http.staff.conftest import Stores

HX = {"HX-Request": "true"}


@pytest.fixture
def tent(session: Session, stores: Stores) -> str:
    """A tent with 2 left at Lyon and plenty at Paris; returns its product page."""
    product = make_product(session, "Dome tent", slug="dome-tent")
    set_stock(session, stores.lyon, product.variants[0], 2)
    set_stock(session, stores.paris, product.variants[0], 9)
    session.commit()
    return "/p/dome-tent"


def my_store_stock(client: FlaskClient, page: str) -> str:
    """The product page's "my store" line: the store's name and its stock, as read."""
    match = re.search(r'class="availability__store">(.*?)</p>', client.get(page).text, re.S)
    if match is None:
        return "no store"
    return " ".join(re.sub(r"<[^>]+>", " ", match[1]).split())


def switch(client: FlaskClient, auth: AuthActions, code: str) -> TestResponse:
    return client.post(
        "/staff/working-store", data={"store": code, "csrf_token": auth.csrf_token()}
    )


def test_staff_see_their_stores_stock_without_choosing_it(
    client: FlaskClient, ana: AuthActions, tent: str
) -> None:
    assert my_store_stock(client, tent) == "Lyon Part-Dieu Only 2 left"
    assert "Working at" not in client.get("/staff/LYON1").text  # one store: nothing to switch


def test_staff_on_two_teams_switch_and_the_choice_stays_with_the_account(
    client: FlaskClient, session: Session, ana: AuthActions, stores: Stores, tent: str
) -> None:
    account = make_account(session, "bo@example.com", PASSWORD, name="Bo")
    for store in (stores.lyon, stores.paris):
        session.add(StaffRole(account_id=account.id, store_id=store.id))
    session.commit()
    ana.sign_out()
    ana.sign_in("bo@example.com")
    assert my_store_stock(client, tent) == "Lyon Part-Dieu Only 2 left"
    board = client.get("/staff/LYON1").text
    assert '<option value="PARIS1">Cairn Paris Rivoli</option>' in board
    switched = switch(client, ana, "PARIS1")
    assert switched.status_code == 303 and switched.location == "/staff/PARIS1"
    assert my_store_stock(client, tent) == "Paris Rivoli In stock"
    ana.sign_out()
    ana.sign_in("bo@example.com")
    assert my_store_stock(client, tent) == "Paris Rivoli In stock"


def test_staff_cannot_switch_to_a_store_they_do_not_work_at(
    client: FlaskClient, ana: AuthActions, stores: Stores, tent: str
) -> None:
    refused = switch(client, ana, "PARIS1")
    assert refused.status_code == 422
    assert "You are not on the team of this store" in refused.text
    assert my_store_stock(client, tent) == "Lyon Part-Dieu Only 2 left"
    paris = f"/stores/{stores.paris.slug}/my-store"
    chosen = client.post(paris, data={"csrf_token": ana.csrf_token()})
    assert chosen.status_code == 422 and "your store is one you work at" in chosen.text
    swapped = client.post(paris, data={"csrf_token": ana.csrf_token()}, headers=HX)
    assert swapped.status_code == 422 and "<html" not in swapped.text
    assert 'role="alert"' in swapped.text and "HX-Trigger" not in swapped.headers
    assert my_store_stock(client, tent) == "Lyon Part-Dieu Only 2 left"


def test_shoppers_keep_the_store_they_chose(
    client: FlaskClient, auth: AuthActions, stores: Stores, tent: str
) -> None:
    auth.sign_up("walker@example.com")
    assert my_store_stock(client, tent) == "no store"
    paris = f"/stores/{stores.paris.slug}/my-store"
    assert client.post(paris, data={"csrf_token": auth.csrf_token()}).status_code == 303
    assert my_store_stock(client, tent) == "Paris Rivoli In stock"
    assert switch(client, auth, "PARIS1").status_code == 404
