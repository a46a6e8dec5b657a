"""Staff of one store never see another store's orders, by URL or by code."""

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.accounts.models import Account
from storefront.staff.models import StaffRole
from tests.conftest import AuthActions
from tests.http.staff.conftest import Stores


def test_signing_in_comes_first(client: FlaskClient, stores: Stores) -> None:
    response = client.get("/staff/LYON1")

    assert response.status_code == 302 and "/account/sign-in" in response.headers["Location"]


def test_a_shopper_finds_no_staff_pages(
    client: FlaskClient, auth: AuthActions, stores: Stores
) -> None:
    auth.sign_up("shopper@example.com")
    number = stores.order.number

    for url in ("/staff", "/staff/LYON1", f"/staff/LYON1/orders/{number}", "/staff/LYON1/find"):
        assert client.get(url).status_code == 404, url
    token = auth.csrf_token()
    post = client.post(f"/staff/LYON1/orders/{number}/ready", data={"csrf_token": token})
    assert post.status_code == 404


def test_one_store_goes_straight_to_its_board(client: FlaskClient, ana: AuthActions) -> None:
    response = client.get("/staff")

    assert response.status_code == 302 and response.headers["Location"] == "/staff/LYON1"


def test_several_stores_are_listed(
    client: FlaskClient, session: Session, ana: AuthActions, stores: Stores
) -> None:
    session.add(StaffRole(account_id=_account_id(session), store_id=stores.paris.id))
    session.commit()

    page = client.get("/staff").text

    assert 'href="/staff/LYON1"' in page and 'href="/staff/PARIS1"' in page


def test_another_stores_board_and_orders_do_not_exist(
    client: FlaskClient, ana: AuthActions, stores: Stores
) -> None:
    theirs = stores.elsewhere.number
    token = ana.csrf_token()

    assert client.get("/staff/PARIS1").status_code == 404
    assert client.get(f"/staff/PARIS1/orders/{theirs}").status_code == 404
    assert client.get(f"/staff/LYON1/orders/{theirs}").status_code == 404  # through my store
    for change in ("preparing", "ready", "missing", "hand-over"):
        url = f"/staff/LYON1/orders/{theirs}/{change}"
        assert client.post(url, data={"csrf_token": token}).status_code == 404, change
    assert theirs not in client.get("/staff/LYON1").text


def test_another_stores_code_is_not_found_here(
    client: FlaskClient, ana: AuthActions, stores: Stores
) -> None:
    response = client.get(f"/staff/LYON1/find?code={stores.elsewhere.pickup_code}")

    assert response.status_code == 422
    assert "No order with this code at Lyon Part-Dieu." in response.text
    assert stores.elsewhere.number not in response.text


def _account_id(session: Session) -> int:
    return session.scalars(select(Account.id).where(Account.email == "ana@example.com")).one()


def test_the_account_page_leads_staff_to_their_board(
    client: FlaskClient, ana: AuthActions, stores: Stores
) -> None:
    page = client.get("/account").text

    assert 'href="/staff/LYON1"' in page and 'href="/orders"' in page


def test_a_shoppers_account_page_has_no_store_team_link(
    client: FlaskClient, auth: AuthActions, stores: Stores
) -> None:
    auth.sign_up("shopper@example.com")

    page = client.get("/account").text

    assert 'href="/orders"' in page and "/staff/" not in page
