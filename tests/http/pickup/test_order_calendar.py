"""The order's calendar file: the slot in UTC at the store, opened like the order page."""

from datetime import timedelta

import pytest
from flask.testing import FlaskClient
from icalendar import Calendar
from sqlalchemy.orm import Session

from storefront.clock import SetClock
from storefront.pickup import links
from storefront.shopper import Owner
from tests.factories import make_product, make_store, set_stock
from tests.http.staff.orders import NOON, freeze, place_order


@pytest.fixture
def order(app, session: Session, clock: SetClock):
    freeze(clock)
    store = make_store(session, "Lyon Part-Dieu")
    boots = make_product(session, "Hiking boots")
    set_stock(session, store, boots.variants[0], 5)
    session.commit()
    return place_order(app, session, store, [(boots.variants[0], 1)], Owner(guest_token="g" * 32))


def _ics_url(app, order) -> str:
    with app.test_request_context():
        return links.link("orders.calendar", order)


def test_the_calendar_file_holds_the_slot_the_store_and_the_code(
    app, client: FlaskClient, order
) -> None:
    response = client.get(_ics_url(app, order))

    assert response.status_code == 200 and response.mimetype == "text/calendar"
    assert f'filename="{order.number}.ics"' in response.headers["Content-Disposition"]
    event = Calendar.from_ical(response.data).walk("VEVENT")[0]
    assert event.decoded("dtstart") == NOON and event.decoded("dtstart").utcoffset() == timedelta(0)
    assert event.decoded("dtend") == NOON + timedelta(minutes=30)
    assert str(event["location"]) == "Cairn Lyon Part-Dieu, 17 rue du Docteur Bouchut, 69003 Lyon"
    description = str(event["description"])
    assert order.number in description and order.pickup_code in description
    assert str(event["status"]) == "CONFIRMED"
    again = Calendar.from_ical(client.get(_ics_url(app, order)).data).walk("VEVENT")[0]
    assert str(again["uid"]) == str(event["uid"])  # the same event, imported twice


def test_the_calendar_file_needs_the_link(client: FlaskClient, order) -> None:
    assert client.get(f"/orders/{order.number}/calendar.ics").status_code == 404
