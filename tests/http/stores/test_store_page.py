"""The store page: address, directions, live status in the store's time zone, the week."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, time

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from storefront.clock import SetClock
from storefront.stores.models import StoreClosure, StoreKind
from tests.factories import make_store

MONDAY_NOON_PARIS = datetime(2026, 6, 15, 10, tzinfo=UTC)


@pytest.fixture(autouse=True)
def monday_noon(clock: SetClock) -> None:
    clock.at = MONDAY_NOON_PARIS


@pytest.fixture
def lyon(session: Session) -> None:
    store = make_store(session, slug="lyon-part-dieu", phone="+33 4 72 00 00 00")
    store.services = ["pickup", "repair"]
    store.closures = [
        StoreClosure(day=date(2026, 6, 17), reason="Stocktaking"),
        StoreClosure(day=date(2026, 6, 20), reason="Summer fair", opens=time(9), closes=time(21)),
        StoreClosure(day=date(2025, 12, 25), reason="Last Christmas"),
    ]
    session.commit()


def test_store_page(client: FlaskClient, lyon: None) -> None:
    page = client.get("/stores/lyon-part-dieu")
    assert page.status_code == 200
    html = page.text
    assert "<html" in html and "<h1>Lyon Part-Dieu</h1>" in html
    assert "17 rue du Docteur Bouchut" in html and "69003 Lyon" in html
    assert "https://www.openstreetmap.org/directions?to=45.76060,4.85930" in html
    assert 'href="tel:+33472000000"' in html
    assert "Click and collect" in html and "Workshop and repairs" in html
    assert "Open now, closes at 19:00" in html
    assert "Make this my store" in html


def test_week_with_today_highlighted_and_closures(client: FlaskClient, lyon: None) -> None:
    html = client.get("/stores/lyon-part-dieu").text
    today = re.search(r'<tr class="store-hours__today" aria-current="date">(.*?)</tr>', html, re.S)
    assert today and "Today" in today[1] and "10:00–19:00" in today[1]
    assert "Stocktaking" in html and "Summer fair" in html and "09:00–21:00" in html
    assert "Last Christmas" not in html  # past closures are not shown


def test_closed_store_says_when_it_opens(client: FlaskClient, lyon: None, clock: SetClock) -> None:
    clock.at = datetime(2026, 6, 15, 18, tzinfo=UTC)
    assert "Closed, opens tomorrow at 10:00" in client.get("/stores/lyon-part-dieu").text
    clock.at = datetime(2026, 6, 16, 18, tzinfo=UTC)
    # Wednesday 17 is a stocktaking day: Thursday next.
    assert "Closed, opens Thursday at 10:00" in client.get("/stores/lyon-part-dieu").text


def test_french_page(client: FlaskClient, lyon: None) -> None:
    html = client.get("/stores/lyon-part-dieu", headers={"Accept-Language": "fr"}).text
    assert 'lang="fr"' in html and "Mardi" in html and "juin" in html


def test_structured_data(client: FlaskClient, lyon: None) -> None:
    html = client.get("/stores/lyon-part-dieu").text
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert found
    data = json.loads(found[1])
    assert data["@type"] == "SportingGoodsStore"
    assert data["address"]["postalCode"] == "69003"
    assert len(data["openingHoursSpecification"]) == 6


def test_fragment_is_the_hours_without_the_page(client: FlaskClient, lyon: None) -> None:
    response = client.get("/stores/lyon-part-dieu", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<html" not in response.text and 'id="store-hours"' in response.text
    assert "HX-Request" in response.headers["Vary"]


def test_unknown_store_is_a_404_page(client: FlaskClient, lyon: None) -> None:
    response = client.get("/stores/atlantis")
    assert response.status_code == 404 and "<html" in response.text
    assert client.get("/stores/" + "x" * 2000).status_code == 404


def test_warehouse_has_no_page(client: FlaskClient, session: Session) -> None:
    make_store(session, "Central warehouse", slug="warehouse", kind=StoreKind.WAREHOUSE)
    session.commit()
    assert client.get("/stores/warehouse").status_code == 404


def test_store_without_hours(client: FlaskClient, session: Session) -> None:
    store = make_store(session, "Pop-up", slug="pop-up")
    store.hours = []
    session.commit()
    html = client.get("/stores/pop-up").text
    assert "Closed until further notice" in html
