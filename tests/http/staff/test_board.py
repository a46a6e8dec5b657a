"""The board, finding an order by its code, and each staff action."""

import re
from datetime import timedelta
from html import unescape

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.inventory.models import StockLevel
from storefront.pickup.models import OrderEvent, PickupOrder, PickupOrderLine
from storefront.pickup.rules import OrderStatus
from storefront.shopper import Owner
from tests.conftest import AuthActions
from tests.http.staff.conftest import Stores
from tests.http.staff.orders import NOON, place_order

HX = {"HX-Request": "true"}


def _status(session: Session, order: PickupOrder) -> OrderStatus:
    session.expire_all()
    return session.get(PickupOrder, order.id).status  # type: ignore[union-attr]


def _post(client: FlaskClient, auth: AuthActions, url: str, headers=None, **data: str):  # type: ignore[no-untyped-def]
    return client.post(url, data={"csrf_token": auth.csrf_token(), **data}, headers=headers or {})


def test_the_board_groups_today_and_tomorrow_by_slot(
    app, client: FlaskClient, session: Session, ana: AuthActions, stores: Stores
) -> None:
    later = place_order(
        app, session, stores.lyon, [(stores.boots, 1)], Owner(guest_token="c" * 32),
        starts_at=NOON + timedelta(days=1, hours=3), name="Jo Blanc",
    )  # fmt: skip
    next_week = place_order(
        app, session, stores.lyon, [(stores.boots, 1)], Owner(guest_token="d" * 32),
        starts_at=NOON + timedelta(days=3),
    )  # fmt: skip

    page = client.get("/staff/LYON1")

    assert page.status_code == 200 and "<html" in page.text
    assert page.headers["Cache-Control"] == "private, no-store"
    text = re.sub(r"\s+", " ", page.text)
    today, tomorrow = text.split("Tomorrow")
    assert "12:00–12:30" in today and stores.order.number in today and "Camille Martin" in today
    assert "3 items" in today and "Placed" in today
    assert "15:00–15:30" in tomorrow and later.number in tomorrow and "Jo Blanc" in tomorrow
    assert next_week.number not in text
    assert 'hx-trigger="every 30s"' in page.text


def test_the_board_refreshes_as_a_fragment(client: FlaskClient, ana: AuthActions) -> None:
    fragment = client.get("/staff/LYON1", headers=HX)

    assert fragment.text.lstrip().startswith('<section id="board"')
    assert "<html" not in fragment.text and "HX-Request" in fragment.headers["Vary"]


def test_marking_preparing_then_ready_from_the_board(
    client: FlaskClient, session: Session, ana: AuthActions, stores: Stores
) -> None:
    base = f"/staff/LYON1/orders/{stores.order.number}"

    preparing = _post(client, ana, f"{base}/preparing", HX)
    assert preparing.text.lstrip().startswith('<section id="board"')
    assert f"Order {stores.order.number}: Being prepared." in preparing.text
    ready = _post(client, ana, f"{base}/ready", next="/staff/LYON1")

    assert ready.status_code == 303 and ready.headers["Location"] == "/staff/LYON1"
    assert _status(session, stores.order) is OrderStatus.READY
    actors = session.scalars(select(OrderEvent.actor).order_by(OrderEvent.id)).all()
    assert actors[-2:] == ["staff:ana@example.com", "staff:ana@example.com"]


def test_a_wrong_transition_says_why_and_changes_nothing(
    client: FlaskClient, session: Session, ana: AuthActions, stores: Stores
) -> None:
    base = f"/staff/LYON1/orders/{stores.order.number}"

    refused = _post(client, ana, f"{base}/hand-over", HX, code=stores.order.pickup_code)

    assert refused.status_code == 422 and refused.text.lstrip().startswith('<section id="board"')
    assert "This order is “Placed” and cannot change now." in unescape(refused.text)
    page = _post(client, ana, f"{base}/hand-over", code=stores.order.pickup_code)
    assert page.status_code == 422 and "<html" in page.text and "cannot change now" in page.text
    assert _status(session, stores.order) is OrderStatus.PLACED


def test_find_by_code_then_hand_over(
    client: FlaskClient, session: Session, ana: AuthActions, stores: Stores
) -> None:
    order = stores.order
    _post(client, ana, f"/staff/LYON1/orders/{order.number}/ready")
    typed = f"{order.pickup_code[:3].lower()}-{order.pickup_code[3:]} "  # as someone types it

    found = client.get("/staff/LYON1/find", query_string={"code": typed})
    assert found.status_code == 303
    page = client.get(found.headers["Location"]).text
    assert "Pickup code checked: this is the order of Camille Martin." in page
    handed = _post(client, ana, f"/staff/LYON1/orders/{order.number}/hand-over", code=typed)

    assert handed.status_code == 303
    assert _status(session, order) is OrderStatus.COLLECTED
    levels = session.scalars(select(StockLevel).where(StockLevel.store_id == stores.lyon.id))
    assert sorted((s.on_hand, s.reserved) for s in levels) == [(3, 0), (4, 0)]


def test_handing_over_needs_the_right_code(
    client: FlaskClient, session: Session, ana: AuthActions, stores: Stores
) -> None:
    order = stores.order
    _post(client, ana, f"/staff/LYON1/orders/{order.number}/ready")

    refused = _post(client, ana, f"/staff/LYON1/orders/{order.number}/hand-over", code="ZZZZZZ")

    assert refused.status_code == 422
    assert f"This is not the pickup code of order {order.number}." in refused.text
    assert _status(session, order) is OrderStatus.READY


def test_an_unknown_or_empty_code(client: FlaskClient, ana: AuthActions) -> None:
    unknown = client.get("/staff/LYON1/find?code=ZZZZZZ")
    empty = client.get("/staff/LYON1/find?code=")

    assert (
        unknown.status_code == 422 and "No order with this code at Lyon Part-Dieu." in unknown.text
    )
    assert empty.status_code == 422 and "Enter or scan a pickup code." in empty.text


def test_reporting_a_missing_item_adjusts_the_order(
    client: FlaskClient, session: Session, ana: AuthActions, stores: Stores
) -> None:
    order = stores.order
    socks = next(line for line in order.lines if line.quantity == 2)
    url = f"/staff/LYON1/orders/{order.number}/missing"

    done = _post(client, ana, url, line=str(socks.id), quantity="1")
    too_many = _post(client, ana, url, line=str(socks.id), quantity="5")
    nonsense = _post(client, ana, url, line="abc", quantity="-1")

    assert done.status_code == 303
    assert (
        too_many.status_code == 422 and "Only 1 of Wool socks are in this order." in too_many.text
    )
    assert nonsense.status_code == 422 and "Choose the item and enter how many" in nonsense.text
    session.expire_all()
    assert session.get(PickupOrderLine, socks.id).missing == 1  # type: ignore[union-attr]
    assert session.get(PickupOrder, order.id).total_amount == 12000 + 1500  # type: ignore[union-attr]
    history = client.get(f"/staff/LYON1/orders/{order.number}").text
    assert "Missing from the order: 1 × Wool socks" in unescape(history)


def test_actions_need_the_csrf_token(
    client: FlaskClient, session: Session, ana: AuthActions, stores: Stores
) -> None:
    response = client.post(f"/staff/LYON1/orders/{stores.order.number}/ready")

    assert response.status_code == 400
    assert _status(session, stores.order) is OrderStatus.PLACED
