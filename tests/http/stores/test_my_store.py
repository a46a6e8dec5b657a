"""My store: chosen by a guest (signed cookie) or an account (database), shown in the header."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.accounts.models import Account
from storefront.clock import SetClock
from storefront.stores import my_store
from tests.conftest import PASSWORD, AuthActions
from tests.factories import make_account, make_store
from tests.forms import csrf

MONDAY_NOON_PARIS = datetime(2026, 6, 15, 10, tzinfo=UTC)


@pytest.fixture(autouse=True)
def monday_noon(clock: SetClock) -> None:
    clock.at = MONDAY_NOON_PARIS


@pytest.fixture
def stores(session: Session) -> tuple[int, int]:
    """Ids, not rows: reading an expired row would open a write transaction on SQLite."""
    lyon = make_store(session, "Lyon Part-Dieu", code="LYO", slug="lyon-part-dieu")
    annecy = make_store(session, "Annecy", code="ANN", slug="annecy")
    session.commit()
    return lyon.id, annecy.id


def choose(client: FlaskClient, slug: str, **headers: str) -> object:
    token = csrf(client, f"/stores/{slug}")
    return client.post(f"/stores/{slug}/my-store", data={"csrf_token": token}, headers=headers)


def header_link(html: str) -> str:
    found = re.search(r'<a id="my-store-link".*?</a>', html, re.S)
    assert found
    return found[0]


def account_store(session: Session, email: str = "shopper@example.com") -> int | None:
    """Read then end the transaction: the test session writes, so it holds SQLite's lock."""
    found = session.scalars(select(Account.my_store_id).where(Account.email == email)).one()
    session.rollback()
    return found


def test_no_store_chosen_links_to_the_locator(client: FlaskClient, stores: object) -> None:
    link = header_link(client.get("/").text)
    assert 'href="/stores"' in link and "Choose my store" in link


def test_guest_chooses_a_store_without_javascript(client: FlaskClient, stores: object) -> None:
    response = choose(client, "lyon-part-dieu")
    assert response.status_code == 303  # type: ignore[attr-defined]
    assert response.headers["Location"] == "/stores/lyon-part-dieu"  # type: ignore[attr-defined]
    cookie = client.get_cookie("my_store")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax"
    assert cookie.expires is not None
    link = header_link(client.get("/").text)
    assert 'href="/stores/lyon-part-dieu"' in link
    assert "Lyon Part-Dieu" in link and "open until 19:00" in link
    assert "This is your store" in client.get("/stores/lyon-part-dieu").text


def test_guest_chooses_with_htmx(client: FlaskClient, stores: object) -> None:
    response = choose(client, "annecy", **{"HX-Request": "true"})
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert response.headers["HX-Trigger"] == "my-store-changed"  # type: ignore[attr-defined]
    html = response.text  # type: ignore[attr-defined]
    assert "<html" not in html and 'id="my-store-choice"' in html and "This is your store" in html
    link = client.get("/my-store", headers={"HX-Request": "true"})
    assert "<html" not in link.text and "Annecy" in link.text
    assert client.get("/my-store").headers["Location"] == "/stores/annecy"


def test_my_store_link_without_a_store_goes_to_the_locator(client: FlaskClient) -> None:
    assert client.get("/my-store").headers["Location"] == "/stores"


def test_current_store_code_for_other_domains(
    app: Flask, client: FlaskClient, stores: object
) -> None:
    choose(client, "annecy")
    cookie = client.get_cookie("my_store")
    assert cookie is not None
    with app.test_request_context("/", headers={"Cookie": f"my_store={cookie.value}"}):
        assert my_store.current_store_code() == "ANN"
    with app.test_request_context("/"):
        assert my_store.current_store_code() is None


def test_tampered_cookie_is_ignored(client: FlaskClient, stores: object) -> None:
    choose(client, "annecy")
    cookie = client.get_cookie("my_store")
    assert cookie is not None
    client.set_cookie("my_store", cookie.value[:-2] + "xx")
    assert "Choose my store" in header_link(client.get("/").text)
    client.set_cookie("my_store", "LYO")
    assert "Choose my store" in header_link(client.get("/").text)


def test_missing_csrf_changes_nothing(client: FlaskClient, stores: object) -> None:
    response = client.post("/stores/lyon-part-dieu/my-store")
    assert response.status_code == 400
    assert client.get_cookie("my_store") is None
    assert "Choose my store" in header_link(client.get("/").text)


def test_unknown_store_cannot_be_chosen(client: FlaskClient, stores: object) -> None:
    token = csrf(client)
    response = client.post("/stores/atlantis/my-store", data={"csrf_token": token})
    assert response.status_code == 404 and client.get_cookie("my_store") is None


def test_account_chooses_in_the_database(
    client: FlaskClient, auth: AuthActions, session: Session, stores: tuple[int, int]
) -> None:
    make_account(session, password=PASSWORD)
    session.commit()
    auth.sign_in()
    choose(client, "annecy")
    assert account_store(session) == stores[1]
    assert client.get_cookie("my_store") is None
    assert "Annecy" in header_link(client.get("/").text)
    auth.sign_out()
    assert "Choose my store" in header_link(client.get("/").text)
    auth.sign_in()
    assert "Annecy" in header_link(client.get("/").text)


def test_guest_choice_is_adopted_at_sign_in(
    client: FlaskClient, auth: AuthActions, session: Session, stores: tuple[int, int]
) -> None:
    make_account(session, password=PASSWORD)
    session.commit()
    choose(client, "lyon-part-dieu")
    auth.sign_in()
    assert account_store(session) == stores[0]
    assert client.get_cookie("my_store") is None  # the account carries it now
    assert "Lyon Part-Dieu" in header_link(client.get("/").text)


def test_account_choice_wins_at_sign_in(
    client: FlaskClient, auth: AuthActions, session: Session, stores: tuple[int, int]
) -> None:
    account = make_account(session, password=PASSWORD)
    account.my_store_id = stores[1]
    session.commit()
    choose(client, "lyon-part-dieu")
    auth.sign_in()
    assert account_store(session) == stores[1]
    assert "Annecy" in header_link(client.get("/").text)
