"""The "Available at <my store>" facet: shown once a store is chosen, same in page and fragment."""

import re

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from tests.conftest import AuthActions
from tests.factories import make_category, make_product, make_store, set_stock

HX = {"HX-Request": "true"}
CHECKBOX = re.compile(
    r'<label class="facet__value"><input type="checkbox" name="store".*?</label>', re.S
)


@pytest.fixture
def shelves(session: Session) -> None:
    """Two boots: one on the shelf at Annecy, one only at Chambéry."""
    annecy = make_store(session, "Annecy", code="ANNECY", slug="annecy")
    chambery = make_store(session, "Chambéry", code="CHAMBERY")
    boots = make_category(session, "Boots", slug="boots")
    here = make_product(session, "Annecy boot", category=boots)
    there = make_product(session, "Chambéry boot", category=boots)
    set_stock(session, annecy, here.variants[0], 3)
    set_stock(session, chambery, there.variants[0], 3)
    session.commit()


def choose_annecy(client: FlaskClient, auth: AuthActions) -> None:
    response = client.post("/stores/annecy/my-store", data={"csrf_token": auth.csrf_token()})
    assert response.status_code in (200, 303)


def test_no_store_chosen_no_checkbox(client: FlaskClient, shelves: None) -> None:
    assert not CHECKBOX.search(client.get("/c/boots").text)
    assert not CHECKBOX.search(client.get("/c/boots", headers=HX).text)


def test_my_store_checkbox_is_the_same_in_page_and_fragment(
    client: FlaskClient, auth: AuthActions, shelves: None
) -> None:
    choose_annecy(client, auth)
    page = client.get("/c/boots").text
    fragment = client.get("/c/boots", headers=HX).text
    assert "<html" in page and "<html" not in fragment
    found = CHECKBOX.search(page)
    assert found and 'value="ANNECY"' in found[0] and "Available at Annecy" in found[0]
    assert "checked" not in found[0]
    assert CHECKBOX.search(fragment)[0] == found[0]  # type: ignore[index]


def test_checked_it_filters_to_my_store_and_sets_the_select_aside(
    client: FlaskClient, auth: AuthActions, shelves: None
) -> None:
    choose_annecy(client, auth)
    for headers in ({}, HX):
        html = client.get("/c/boots?store=ANNECY", headers=headers).text
        assert "checked" in CHECKBOX.search(html)[0]  # type: ignore[index]
        assert '<select name="store" disabled>' in html  # one store value is submitted
        assert "Annecy boot" in html and "Chambéry boot" not in html

    other = client.get("/c/boots?store=CHAMBERY", headers=HX).text
    assert "checked" not in CHECKBOX.search(other)[0]  # type: ignore[index]
    assert '<option value="CHAMBERY" selected>' in other
    assert "Chambéry boot" in other and "Annecy boot" not in other
