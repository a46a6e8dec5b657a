"""Moving an order to another slot from its page, with the checkout's slot picker."""

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.clock import SetClock
from storefront.pickup import links
from storefront.pickup.models import PickupOrder, PickupSlot
from storefront.shopper import Owner
from tests.factories import make_product, make_store, set_stock
from tests.forms import csrf
from tests.http.staff.orders import NOON, freeze, place_order

HX = {"HX-Request": "true"}
LATER = "2026-11-23T14:00:00+00:00"  # 15:00 in Paris


@pytest.fixture
def order(app, session: Session, clock: SetClock) -> PickupOrder:
    freeze(clock)
    store = make_store(session, "Lyon Part-Dieu")
    boots = make_product(session, "Hiking boots")
    set_stock(session, store, boots.variants[0], 5)
    session.commit()
    return place_order(app, session, store, [(boots.variants[0], 1)], Owner(guest_token="g" * 32))


def _token(app, order: PickupOrder) -> str:
    with app.test_request_context():
        return links.order_token(order)


def test_the_page_shows_the_picker_on_the_current_slot(app, client: FlaskClient, order) -> None:
    page = client.get(f"/orders/{order.number}?t={_token(app, order)}").text

    assert 'id="slot-picker"' in page and "Your current pickup slot." in page
    assert f'name="t" value="{_token(app, order)}"' in page  # the picker's forms keep the link


def test_another_day_as_a_page_and_as_a_partial(app, client: FlaskClient, order) -> None:
    url = f"/orders/{order.number}/slots?day=2026-11-24&t={_token(app, order)}"

    page = client.get(url)
    partial = client.get(url, headers=HX)

    assert page.status_code == 200 and "<html" in page.text and "Tuesday 24 November" in page.text
    assert partial.text.lstrip().startswith('<section id="slot-picker"')
    assert "<html" not in partial.text and "Tuesday 24 November" in partial.text
    assert client.get(f"/orders/{order.number}/slots?day=2026-11-24").status_code == 404


def test_moving_to_a_free_slot(app, client: FlaskClient, session: Session, order) -> None:
    data = {"starts_at": LATER, "t": _token(app, order), "csrf_token": csrf(client)}

    response = client.post(f"/orders/{order.number}/reschedule", data=data, headers=HX)

    assert response.status_code == 200 and "HX-Redirect" in response.headers
    page = client.get(response.headers["HX-Redirect"]).text
    assert "Monday 23 November, 15:00–15:30" in page
    assert "Pickup time changed to Monday 23 November, 15:00" in page
    session.expire_all()
    taken = dict(session.execute(select(PickupSlot.starts_at, PickupSlot.taken)).all())
    assert taken[NOON] == 0 and sum(taken.values()) == 1


@pytest.mark.parametrize(
    ("starts_at", "message"),
    [
        ("tomorrow", "Choose one of the slots shown."),
        ("2026-11-23T14:10:00+00:00", "This store offers no pickup slot at that time."),
        ("2026-11-23T08:30:00+00:00", "This store offers no pickup slot at that time."),
        ("2026-12-20T11:00:00+00:00", "Choose a slot within the next 7 days."),
    ],
)
def test_a_bad_slot_is_refused_in_the_picker(
    app, client: FlaskClient, session: Session, order, starts_at: str, message: str
) -> None:
    data = {"starts_at": starts_at, "t": _token(app, order), "csrf_token": csrf(client)}

    response = client.post(f"/orders/{order.number}/reschedule", data=data, headers=HX)

    assert response.status_code == 422
    assert (
        response.text.lstrip().startswith('<section id="slot-picker"') and message in response.text
    )
    session.expire_all()
    assert session.scalar(select(PickupOrder.slot_starts_at)) == NOON


def test_rescheduling_needs_the_link(client: FlaskClient, order) -> None:
    data = {"starts_at": LATER, "csrf_token": csrf(client)}

    assert client.post(f"/orders/{order.number}/reschedule", data=data).status_code == 404
