"""The checkout's slot picker: a page or its own partial, holding and letting go of a slot,
and every bad slot refused with a message and nothing changed."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import update
from sqlalchemy.orm import Session

from storefront.stores.models import Store
from tests.factories import make_store
from tests.http.pickup import test_checkout
from tests.http.pickup.test_checkout import HX, NOON, Shop, counts, csrf, fill_cart, hold

at_now = test_checkout.at_now  # the fixed clock, for every test here
shop = test_checkout.shop


def picker_of(html: str) -> str:
    found = re.search(r'<section id="slot-picker".*?</section>', html, re.S)
    assert found, "no slot picker"
    return found[0]


def test_a_day_of_slots_as_a_page(client: FlaskClient, shop: Shop) -> None:
    fill_cart(client, shop)
    response = client.get(f"/checkout/slots?store={shop.lyon}&day=2026-11-24")
    assert response.status_code == 200 and "<html" in response.text
    assert "Slots on Tuesday 24 November" in picker_of(response.text)
    assert "checkout-confirm" in response.text


def test_a_day_of_slots_as_a_partial(client: FlaskClient, shop: Shop) -> None:
    fill_cart(client, shop)
    response = client.get(f"/checkout/slots?store={shop.lyon}&day=2026-11-24", headers=HX)
    assert response.status_code == 200 and "<html" not in response.text
    assert response.text.lstrip().startswith('<section id="slot-picker"')
    assert "HX-Request" in response.headers["Vary"]
    assert 'value="2026-11-24T09:00:00+00:00"' in response.text  # 10:00 in Paris, free


def test_today_shows_past_slots_unavailable_and_sunday_closed(
    client: FlaskClient, shop: Shop
) -> None:
    fill_cart(client, shop)
    html = picker_of(client.get(f"/checkout/slots?store={shop.lyon}", headers=HX).text)
    ten = re.search(r'<button[^>]*value="2026-11-23T09:00:00\+00:00"[^>]*>.*?</button>', html, re.S)
    assert ten and "disabled" in ten[0] and "Unavailable" in ten[0]
    noon = re.search(rf'<button[^>]*value="{re.escape(NOON)}"[^>]*>.*?</button>', html, re.S)
    assert noon and "disabled" not in noon[0] and "Free" in noon[0]
    sunday = re.search(r'<span class="slot-day slot-day--closed".*?</span>\s*</span>', html, re.S)
    assert sunday and "Sun" in sunday[0] and "Closed" in sunday[0]


def test_holding_a_slot_with_htmx_answers_with_the_picker(
    client: FlaskClient, shop: Shop, session: Session
) -> None:
    fill_cart(client, shop)
    response = hold(client, shop.lyon, **HX)
    assert response.status_code == 200
    assert response.headers["HX-Trigger"] == "pickup-slot-changed"
    html = picker_of(response.text)
    assert "<html" not in response.text and "Held for 10 minutes" in html
    assert 'aria-pressed="true"' in html
    assert counts(session) == (0, 1, 1, 0, 3)
    review = client.get(
        f"/checkout?store={shop.lyon}", headers=HX | {"HX-Target": "section#checkout-review"}
    ).text
    assert review.lstrip().startswith('<section id="checkout-review"')
    assert "Monday 23 November, 12:00–12:30" in review


def test_letting_the_slot_go(client: FlaskClient, shop: Shop, session: Session) -> None:
    fill_cart(client, shop)
    hold(client, shop.lyon)
    data = {"store": str(shop.lyon), "csrf_token": csrf(client)}
    response = client.post("/checkout/slots/release", data=data, headers=HX)
    assert response.status_code == 200 and "Held for" not in response.text
    assert counts(session) == (0, 0, 0, 0, 3)


def test_a_full_slot_shows_full_and_cannot_be_held(
    client: FlaskClient, app: Flask, shop: Shop, session: Session
) -> None:
    session.execute(update(Store).values(slot_capacity=1))
    session.commit()
    other = app.test_client()
    fill_cart(other, shop)
    assert hold(other, shop.lyon).status_code == 303
    fill_cart(client, shop)

    html = picker_of(client.get(f"/checkout/slots?store={shop.lyon}", headers=HX).text)
    full = re.search(rf'<button[^>]*value="{re.escape(NOON)}"[^>]*>.*?</button>', html, re.S)
    assert full and "disabled" in full[0] and "Full" in full[0]
    response = hold(client, shop.lyon, **HX)
    assert response.status_code == 422
    assert "Someone has just taken the last place in this slot" in picker_of(response.text)
    assert counts(session)[:3] == (0, 1, 1)


@pytest.mark.parametrize(
    ("store", "starts_at", "message"),
    [
        ("lyon", "2026-11-23T09:00:00+00:00", "too soon for your order to be ready"),
        ("lyon", "2026-11-20T11:00:00+00:00", "Choose a slot within the next 7 days."),
        ("lyon", "2026-12-10T11:00:00+00:00", "Choose a slot within the next 7 days."),
        ("lyon", "2026-11-23T11:07:00+00:00", "offers no pickup slot at that time"),
        ("lyon", "2026-11-29T11:00:00+00:00", "offers no pickup slot at that time"),  # Sunday
        ("lyon", "2026-11-23T11:00:00", "This slot does not exist."),
        ("lyon", "noon", "This slot does not exist."),
        ("lyon", "", "This slot does not exist."),
        # Bron's 12:45 slot (45 minutes long) posted for Lyon, whose slots last 30
        ("lyon", "2026-11-23T11:45:00+00:00", "offers no pickup slot at that time"),
        ("99999", NOON, "Choose a store from the list."),
        ("abc", NOON, "Choose a store from the list."),
        ("annecy", NOON, "no longer available in the quantity you chose"),
    ],
)
def test_bad_slots_are_refused_with_a_message_and_change_nothing(
    client: FlaskClient, shop: Shop, session: Session, store: str, starts_at: str, message: str
) -> None:
    make_store(session, "Bron", code="BRON", slot_minutes=45)
    session.commit()
    ids = {"lyon": shop.lyon, "annecy": shop.annecy}
    fill_cart(client, shop)
    before = counts(session)

    response = hold(client, ids.get(store, store), starts_at, **HX)

    assert response.status_code == 422
    error = re.search(r'class="slot-picker__error" role="alert">(.*?)</p>', response.text, re.S)
    assert error and message in error[1]
    assert counts(session) == before == (0, 0, 0, 0, 3)


@pytest.mark.parametrize("query", ["day=2026-13-01", "day=tomorrow", "day=2027-01-01", "store=x"])
def test_a_bad_day_or_store_in_the_address_is_refused(
    client: FlaskClient, shop: Shop, query: str
) -> None:
    fill_cart(client, shop)
    url = f"/checkout/slots?store={shop.lyon}&{query}"
    if query.startswith("store"):
        url = f"/checkout/slots?{query}"
    response = client.get(url, headers=HX)
    assert response.status_code == 422
    assert re.search(r'class="slot-picker__error" role="alert">', response.text)
