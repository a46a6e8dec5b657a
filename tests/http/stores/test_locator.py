"""The locator page: page vs fragment, shareable q and lat/lon URLs, bad input."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from tests.factories import make_store

HX = {"HX-Request": "true"}


@pytest.fixture
def stores(session: Session) -> None:
    make_store(session, "Lyon Part-Dieu", slug="lyon-part-dieu", latitude=45.7606, longitude=4.8593)
    make_store(session, "Paris Rivoli", slug="paris-rivoli", latitude=48.8600, longitude=2.3470)
    session.commit()


def test_empty_page_has_the_form_and_the_script(client: FlaskClient) -> None:
    page = client.get("/stores").get_data(as_text=True)
    assert "<html" in page and 'name="q"' in page and "js/locator" in page


@pytest.mark.usefixtures("stores")
def test_search_by_city_page_and_fragment(client: FlaskClient) -> None:
    page = client.get("/stores?q=Lyon")
    assert page.status_code == 200 and "<html" in page.get_data(as_text=True)
    fragment = client.get("/stores?q=Lyon", headers=HX)
    html = fragment.get_data(as_text=True)
    assert "<html" not in html and html.lstrip().startswith('<section id="store-results"')
    assert html.index("Lyon Part-Dieu") < html.index("Paris Rivoli")
    assert "/stores/lyon-part-dieu" in html and " km" in html
    assert "HX-Request" in fragment.headers["Vary"]


@pytest.mark.usefixtures("stores")
def test_the_place_searched_for_stays_out_of_the_product_search_box(client: FlaskClient) -> None:
    html = client.get("/stores?q=Lyon").get_data(as_text=True)
    product_search = re.search(r'<input id="search-q"[^>]*>', html)
    assert product_search and 'value=""' in product_search[0]
    searched = client.get("/search?q=Lyon").get_data(as_text=True)
    assert 'value="Lyon"' in re.search(r'<input id="search-q"[^>]*>', searched)[0]  # type: ignore[index]


@pytest.mark.usefixtures("stores")
def test_coordinates_and_postcode(client: FlaskClient) -> None:
    html = client.get("/stores?lat=48.86&lon=2.35").get_data(as_text=True)
    assert html.index("Paris Rivoli") < html.index("Lyon Part-Dieu")
    html = client.get("/stores?q=69003").get_data(as_text=True)
    assert html.index("Lyon Part-Dieu") < html.index("Paris Rivoli")


@pytest.mark.usefixtures("stores")
def test_ambiguous_name_offers_the_other_places(client: FlaskClient) -> None:
    html = client.get("/stores?q=Paris").get_data(as_text=True)
    assert "Texas" in html and html.index("Paris Rivoli") < html.index("Lyon Part-Dieu")


def test_unknown_place_suggests(client: FlaskClient) -> None:
    html = client.get("/stores?q=Lyonn").get_data(as_text=True)
    assert "We don't know “Lyonn”" in html and "Did you mean" in html and ">Lyon<" in html


@pytest.mark.parametrize(
    "query",
    [
        "lat=abc&lon=4",
        "lat=91&lon=4",
        "lat=45&lon=181",
        "lat=nan&lon=4",
        "lat=45",
        "q=" + "x" * 2000,
    ],
)
def test_bad_input_is_a_400_with_a_message(client: FlaskClient, query: str) -> None:
    for headers in ({}, HX):
        response = client.get(f"/stores?{query}", headers=headers)
        assert response.status_code == 400
        assert 'role="alert"' in response.get_data(as_text=True)
