"""Input no shopper types gets a clear 4xx, never a 500: ids past the columns' range, NUL
bytes, dates at the calendar's edges. (test_no_server_errors.py walks every route.)"""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storefront.cart.models import CartLine
from tests.conftest import AuthActions
from tests.factories import make_product, make_store


@pytest.fixture
def token(client: FlaskClient, session: Session) -> str:
    make_store(session, "Lyon Part-Dieu", code="LYON", slug="lyon")
    make_product(session, "Trail runner", slug="trail-runner")
    session.commit()
    return AuthActions(client).csrf_token()


@pytest.mark.parametrize(
    "path",
    [
        "/cart/lines/99999999999999999999999",
        "/cart/lines/2147483648",
        "/wishlist/heart/99999999999999999999999",
        "/alerts/99999999999999999999999/cancel",
    ],
)
def test_an_id_past_the_columns_range_is_not_found(
    client: FlaskClient, token: str, path: str
) -> None:
    assert client.post(path, data={"csrf_token": token, "quantity": "2"}).status_code == 404


@pytest.mark.parametrize("variant_id", ["999999999999", "99999999999999999999999", "-1", "1e3"])
def test_a_form_id_no_row_can_have_is_refused_beside_its_field(
    client: FlaskClient, session: Session, token: str, variant_id: str
) -> None:
    data = {"variant_id": variant_id, "quantity": "1", "csrf_token": token}
    answer = client.post("/cart/lines", data=data, headers={"HX-Request": "true"})
    assert 400 <= answer.status_code < 500
    assert session.scalar(select(func.count(CartLine.id))) == 0


@pytest.mark.parametrize(
    ("path", "form"),
    [("/search?q=lamp%00", {}), ("/stores/%00", {}), ("/cart/lines", {"variant_id": "1\x00"})],
)
def test_a_nul_byte_anywhere_is_a_clear_400(
    client: FlaskClient, token: str, path: str, form: dict[str, str]
) -> None:
    answer = client.post(path, data={**form, "csrf_token": token}) if form else client.get(path)
    assert answer.status_code == 400
    assert "NUL character" in answer.text


@pytest.mark.parametrize("starts_at", ["9999-12-31T23:30-05:00", "0001-01-01T00:00+05:00"])
def test_a_slot_at_the_calendars_edge_is_refused(
    client: FlaskClient, token: str, starts_at: str
) -> None:
    data = {"store": "LYON", "starts_at": starts_at, "csrf_token": token}
    assert 400 <= client.post("/checkout/slots", data=data).status_code < 500
