"""The product page tells where my store keeps the chosen variant, and only my store's."""

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from tests.conftest import AuthActions
from tests.factories import make_product, make_store, set_stock

HX = {"HX-Request": "true"}
LARGE_EAN = "5901234123457"


@pytest.fixture(autouse=True)
def jackets(session: Session) -> None:
    """A jacket in M and L at Annecy, shelved apart; Chambéry, nearby, has M elsewhere."""
    annecy = make_store(session, "Annecy", code="ANNECY", slug="annecy")
    chambery = make_store(session, "Chambéry", code="CHAMBERY", slug="chambery", latitude=45.57)
    product = make_product(
        session,
        "Rain jacket",
        slug="rain-jacket",
        variants=[
            {"size": "M", "sku": "RJ-M"},
            {"size": "L", "sku": "RJ-L", "gtin": LARGE_EAN},
            {"sku": "RJ-XL"},
        ],
    )
    medium, large, extra_large = product.variants
    set_stock(session, annecy, medium, 3, location="Aisle 12, bay 3")
    set_stock(session, annecy, large, 5, location="Aisle 12, bay 4")
    set_stock(session, annecy, extra_large, 2, reserved=2, location="Aisle 12, bay 5")
    set_stock(session, chambery, medium, 6, location="Rayon 7")
    session.commit()


def choose(client: FlaskClient, auth: AuthActions, slug: str) -> None:
    response = client.post(f"/stores/{slug}/my-store", data={"csrf_token": auth.csrf_token()})
    assert response.status_code in (200, 303)


def test_my_store_tells_where_the_chosen_variant_is_on_the_shelf(
    client: FlaskClient, auth: AuthActions
) -> None:
    choose(client, auth, "annecy")
    for headers in ({}, HX):
        medium = client.get("/p/rain-jacket?sku=RJ-M", headers=headers).text
        assert "Shelf: Aisle 12, bay 3" in medium
        assert "Aisle 12, bay 4" not in medium
        assert "Rayon 7" not in medium  # Chambéry is listed nearby, without its shelf
    large = client.get("/p/rain-jacket?size=L").text
    assert "Shelf: Aisle 12, bay 4" in large and "Aisle 12, bay 3" not in large


def test_no_shelf_is_told_without_my_store_or_when_none_is_left_to_sell(
    client: FlaskClient, auth: AuthActions
) -> None:
    assert "Aisle 12" not in client.get("/p/rain-jacket?sku=RJ-M").text
    choose(client, auth, "annecy")
    all_reserved = client.get("/p/rain-jacket?sku=RJ-XL").text
    assert "Out of stock" in all_reserved and "Aisle 12, bay 5" not in all_reserved
    choose(client, auth, "chambery")
    assert "Shelf: Rayon 7" in client.get("/p/rain-jacket?sku=RJ-M").text
    assert "Shelf:" not in client.get("/p/rain-jacket?sku=RJ-L").text


def test_the_shelf_is_told_in_french(client: FlaskClient, auth: AuthActions) -> None:
    choose(client, auth, "annecy")
    html = client.get("/p/rain-jacket?sku=RJ-M", headers={"Accept-Language": "fr"}).text
    assert "Emplacement\u00a0: Aisle 12, bay 3" in html  # no break before the colon


def test_a_scanned_barcode_opens_the_variant_with_its_shelf(
    client: FlaskClient, auth: AuthActions
) -> None:
    choose(client, auth, "annecy")
    page = client.get(f"/scan?code={LARGE_EAN}", follow_redirects=True).text
    assert "Shelf: Aisle 12, bay 4" in page and "Aisle 12, bay 3" not in page
