"""POST /alerts (page or fragment, 422 beside the field), the account's list, owner-only cancel."""

from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.stores.models import StockAlert
from tests.conftest import AuthActions
from tests.factories import make_product, make_store

HX = {"HX-Request": "true"}


@pytest.fixture
def variant_id(session: Session) -> int:
    make_store(session, "Annecy", code="ANNECY")
    product = make_product(session, "Hiking boot", slug="hiking-boot")
    session.commit()
    return product.variants[0].id


def ask(client: FlaskClient, auth: AuthActions, headers: Any = None, **form: Any) -> Any:
    data = {"store": "ANNECY", "email": "g@example.com", "next": "/p/hiking-boot", **form}
    return client.post(
        "/alerts", data={**data, "csrf_token": auth.csrf_token()}, headers=headers or {}
    )


def open_alerts(session: Session) -> list[tuple[str, int | None]]:
    session.expire_all()
    rows = session.execute(select(StockAlert.email, StockAlert.account_id)).all()
    session.rollback()
    return [(email, account_id) for email, account_id in rows]


def test_a_guest_asks_by_htmx_and_gets_the_confirmation(
    client: FlaskClient, auth: AuthActions, session: Session, variant_id: int
) -> None:
    response = ask(client, auth, HX, variant_id=variant_id)
    assert response.status_code == 200
    assert "<html" not in response.text and 'id="stock-alert"' in response.text
    assert "g@example.com" in response.text and 'name="token"' in response.text
    assert open_alerts(session) == [("g@example.com", None)]


def test_without_javascript_the_ask_redirects_back(
    client: FlaskClient, auth: AuthActions, session: Session, variant_id: int
) -> None:
    response = ask(client, auth, variant_id=variant_id, store="online")
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/p/hiking-boot")
    assert open_alerts(session) == [("g@example.com", None)]


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"email": "nope"}, "like name@example.com"),
        ({"store": "ATLANTIS"}, "Choose a store"),
        ({"variant_id": "999999"}, "no longer available"),
        ({"variant_id": "abc"}, "Choose a size"),
    ],
)
def test_bad_input_gets_422_beside_the_field_and_creates_nothing(
    client: FlaskClient,
    auth: AuthActions,
    session: Session,
    variant_id: int,
    form: dict[str, str],
    message: str,
) -> None:
    fragment = ask(client, auth, HX, **{"variant_id": variant_id, **form})
    assert fragment.status_code == 422
    assert message in fragment.text and "<html" not in fragment.text
    page = ask(client, auth, **{"variant_id": variant_id, **form})
    assert page.status_code == 422 and "<html" in page.text and message in page.text
    assert open_alerts(session) == []


def test_a_guest_undoes_with_the_signed_token_only(
    client: FlaskClient, auth: AuthActions, session: Session, variant_id: int
) -> None:
    response = ask(client, auth, HX, variant_id=variant_id)
    token = response.text.split('name="token" value="')[1].split('"')[0]
    alert_id = session.scalar(select(StockAlert.id))
    session.rollback()
    data = {"csrf_token": auth.csrf_token(), "token": "forged"}
    assert client.post(f"/alerts/{alert_id}/cancel", data=data, headers=HX).status_code == 404
    data["token"] = token
    response = client.post(f"/alerts/{alert_id}/cancel", data=data, headers=HX)
    assert response.status_code == 200 and "Alert cancelled" in response.text
    session.expire_all()
    assert session.scalar(select(StockAlert.cancelled_at)) is not None


def test_an_account_lists_and_cancels_its_own_alerts_only(
    client: FlaskClient, auth: AuthActions, session: Session, variant_id: int
) -> None:
    auth.sign_up("owner@example.com")
    assert ask(client, auth, HX, variant_id=variant_id, email="").status_code == 200
    page = client.get("/alerts")
    fragment = client.get("/alerts", headers=HX)
    assert "<html" in page.text and "Hiking boot" in page.text
    assert "<html" not in fragment.text and "Hiking boot" in fragment.text
    mine = session.scalar(select(StockAlert.id))
    assert open_alerts(session)[0][0] == "owner@example.com"
    auth.sign_out()
    auth.sign_up("other@example.com")
    data = {"csrf_token": auth.csrf_token()}
    assert client.post(f"/alerts/{mine}/cancel", data=data).status_code == 404
    assert client.post("/alerts/999999/cancel", data=data).status_code == 404
    auth.sign_out()
    auth.sign_in("owner@example.com")
    response = client.post(f"/alerts/{mine}/cancel", data={"csrf_token": auth.csrf_token()})
    assert response.status_code == 303
    assert "Hiking boot" not in client.get("/alerts", headers=HX).text


def test_the_list_needs_an_account(client: FlaskClient) -> None:
    assert client.get("/alerts").status_code in (302, 401)


def test_the_account_page_shows_the_alerts_card(
    client: FlaskClient, auth: AuthActions, variant_id: int
) -> None:
    auth.sign_up("owner@example.com")
    assert ask(client, auth, variant_id=variant_id, email="").status_code == 303

    page = client.get("/account")
    assert page.status_code == 200
    card = page.text.split('id="stock-alerts"', 1)[1].split("</section>", 1)[0]
    assert "Back-in-stock alerts" in card and 'hx-get="/alerts"' in card
    assert 'href="/alerts"' in card  # without JavaScript, a link to the list

    loaded = client.get("/alerts", headers=HX).text  # what the card's hx-get swaps in
    assert "<html" not in loaded and 'id="stock-alerts"' in loaded
    assert "Hiking boot" in loaded and "at Annecy" in loaded
