"""POST /alerts (page or fragment, 422 beside the field), the address owner's consent by a
first email, limits, the account's list, owner-only cancel."""

import re
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from storefront import clock
from storefront.catalog.models import Variant
from storefront.inventory.alerts import CONFIRM_WITHIN, notify_back_in_stock
from storefront.inventory.models import StockAlert
from storefront.stores.models import Store
from tests.conftest import PASSWORD, AuthActions
from tests.factories import make_account, make_product, make_store, set_stock
from tests.forms import csrf_in
from tests.outbox_mail import rendered

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
    app: Flask, client: FlaskClient, auth: AuthActions, variant_id: int
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


def first_email(session: Session, app: Flask) -> str:
    session.expire_all()
    bodies = [m.text_body for m in rendered(session, app)]
    session.rollback()
    assert len(bodies) == 1, bodies
    return bodies[0]


def confirm_link(body: str) -> str:
    found = re.search(r"https?://[^/\s]+(/alerts/\d+/confirm\?token=\S+)", body)
    assert found, body
    return found[1]


def test_a_guests_alert_waits_for_the_link_of_a_first_email(
    app: Flask, client: FlaskClient, auth: AuthActions, session: Session, variant_id: int
) -> None:
    asked = ask(client, auth, HX, variant_id=variant_id)
    assert "open the link we sent to g@example.com" in asked.text
    link = confirm_link(first_email(session, app))
    alert = session.scalars(select(StockAlert)).one()
    assert alert.confirmed_at is None
    session.rollback()

    set_stock(session, session.get(Store, alert.store_id), session.get(Variant, variant_id), 2)
    assert notify_back_in_stock(session) == 0  # nothing for an address that did not agree
    session.rollback()
    page = client.get(link)  # a mail scanner opening the link changes nothing
    assert page.status_code == 200 and "Confirm the alert" in page.text
    assert session.scalars(select(StockAlert)).one().confirmed_at is None
    session.rollback()

    token = link.split("token=")[1]
    done = client.post(link.split("?")[0], data={"token": token, "csrf_token": csrf_in(page.text)})

    assert done.status_code == 200 and "Your alert is on" in done.text
    assert session.scalars(select(StockAlert)).one().confirmed_at is not None


def test_stock_back_before_the_confirmation_is_announced_once_confirmed(
    app: Flask, client: FlaskClient, auth: AuthActions, session: Session, variant_id: int
) -> None:
    ask(client, auth, variant_id=variant_id)
    link = confirm_link(first_email(session, app))
    annecy = session.scalars(select(Store)).one()
    set_stock(session, annecy, session.get(Variant, variant_id), 2)
    session.commit()
    page = client.get(link)
    client.post(
        link.split("?")[0],
        data={"token": link.split("token=")[1], "csrf_token": csrf_in(page.text)},
    )
    session.expire_all()
    subjects = [m.subject for m in rendered(session, app)]
    assert subjects == ["Confirm your alert for Hiking boot", "Back in stock: Hiking boot"]


@pytest.mark.parametrize("tamper", ["forged", "other alert", "too late"])
def test_a_bad_or_late_link_confirms_nothing(
    app: Flask,
    client: FlaskClient,
    auth: AuthActions,
    session: Session,
    variant_id: int,
    tamper: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ask(client, auth, variant_id=variant_id)
    link = confirm_link(first_email(session, app))
    path, token = link.split("?token=")
    if tamper == "forged":
        token = token[:-3] + "abc"
    elif tamper == "other alert":
        path = path.replace(path.split("/")[2], "999999")
    else:
        session.execute(
            update(StockAlert).values(
                created_at=clock.now() - CONFIRM_WITHIN - timedelta(minutes=1)
            )
        )
        session.commit()
    page = client.get(f"{path}?token={token}")
    assert page.status_code == 404 and "This link no longer works" in page.text
    posted = client.post(path, data={"token": token, "csrf_token": auth.csrf_token()})
    assert posted.status_code == 404
    session.expire_all()
    assert session.scalars(select(StockAlert)).one().confirmed_at is None


def test_asking_again_sends_no_second_email_and_limits_stop_a_flood(
    app: Flask,
    client: FlaskClient,
    auth: AuthActions,
    session: Session,
    variant_id: int,
) -> None:
    app.config["STOREFRONT"] = replace(app.config["STOREFRONT"], alert_limit_per_email="3/hour")
    for _ in range(3):
        assert ask(client, auth, HX, variant_id=variant_id).status_code == 200
    first_email(session, app)  # one email, however many times it was asked

    flooded = ask(client, auth, HX, variant_id=variant_id)
    elsewhere = app.test_client()
    from_elsewhere = ask(elsewhere, AuthActions(elsewhere), HX, variant_id=variant_id)
    other = ask(client, auth, HX, variant_id=variant_id, email="h@example.com")

    assert flooded.status_code == 429 and from_elsewhere.status_code == 429  # per email
    assert other.status_code == 200


def test_the_per_ip_limit_covers_every_address(
    app: Flask, client: FlaskClient, auth: AuthActions, session: Session, variant_id: int
) -> None:
    app.config["STOREFRONT"] = replace(app.config["STOREFRONT"], alert_limit_per_ip="2/hour")
    for n in range(2):
        assert (
            ask(client, auth, HX, variant_id=variant_id, email=f"{n}@example.com").status_code
            == 200
        )
    assert ask(client, auth, HX, variant_id=variant_id, email="x@example.com").status_code == 429
    assert len(open_alerts(session)) == 2


def test_an_account_alert_for_its_own_verified_email_needs_no_confirming(
    app: Flask, client: FlaskClient, auth: AuthActions, session: Session, variant_id: int
) -> None:
    make_account(session, "owner@example.com", PASSWORD)
    session.commit()
    auth.sign_in("owner@example.com")

    asked = ask(client, auth, HX, variant_id=variant_id, email="")
    typed = ask(client, auth, HX, variant_id=variant_id, email="friend@example.com")

    assert "we will email owner@example.com once" in asked.text
    assert "open the link we sent to friend@example.com" in typed.text
    session.expire_all()
    recipients = [m.recipient for m in rendered(session, app)]
    assert recipients == ["friend@example.com"]


def test_unconfirmed_alerts_are_purged_after_48_hours(
    app: Flask, client: FlaskClient, auth: AuthActions, session: Session, variant_id: int
) -> None:
    ask(client, auth, variant_id=variant_id)
    ask(client, auth, variant_id=variant_id, email="fresh@example.com")
    session.execute(
        update(StockAlert)
        .where(StockAlert.email == "g@example.com")
        .values(created_at=clock.now() - CONFIRM_WITHIN)
    )
    session.commit()

    result = app.test_cli_runner().invoke(args=["alerts", "purge"])

    assert "Removed 1 unconfirmed alert(s)." in result.output
    assert open_alerts(session) == [("fresh@example.com", None)]
