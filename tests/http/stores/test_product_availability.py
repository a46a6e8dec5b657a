"""The product page's availability panel offers a back-in-stock alert where it is out of stock."""

from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.inventory.models import StockAlert
from storefront.stores.models import StoreKind
from tests.conftest import AuthActions
from tests.factories import make_product, make_store, set_stock

HX = {"HX-Request": "true"}


@pytest.fixture
def boot(session: Session) -> dict[str, Any]:
    """One boot in two sizes: size 42 on the shelf at Annecy and in the warehouse, 43 nowhere."""
    warehouse = make_store(session, "Warehouse", code="WH", kind=StoreKind.WAREHOUSE)
    annecy = make_store(session, "Annecy", code="ANNECY", slug="annecy")
    make_store(session, "Chambéry", code="CHAMBERY")
    product = make_product(
        session,
        "Hiking boot",
        slug="hiking-boot",
        variants=[{"size": "42", "sku": "HB-42"}, {"size": "43", "sku": "HB-43"}],
    )
    in_stock, out = product.variants
    set_stock(session, annecy, in_stock, 4)
    set_stock(session, warehouse, in_stock, 9)
    set_stock(session, annecy, out, 0)
    session.commit()
    return {"in_stock": in_stock.id, "out": out.id}


def choose_annecy(client: FlaskClient, auth: AuthActions) -> None:
    response = client.post("/stores/annecy/my-store", data={"csrf_token": auth.csrf_token()})
    assert response.status_code in (200, 303)


def test_out_of_stock_online_without_a_store_shows_the_alert_form(
    client: FlaskClient, boot: dict[str, Any]
) -> None:
    for headers in ({}, HX):
        html = client.get("/p/hiking-boot?sku=HB-43", headers=headers).text
        assert 'id="stock-alert"' in html
        assert f'name="variant_id" value="{boot["out"]}"' in html
        assert '<option value="online" selected>' in html
        assert '<option value="ANNECY" >Annecy</option>' in html
        assert "Warehouse</option>" not in html  # only shops are offered
        assert html.index('class="add-to-cart') < html.index('id="stock-alert"')


def test_the_warehouse_stock_is_told_as_pickup_not_delivery(
    client: FlaskClient, boot: dict[str, Any]
) -> None:
    html = client.get("/p/hiking-boot?sku=HB-42").text
    assert "Delivery" not in html
    assert "Only 9 left, sent to any store for pickup" not in html  # 9 is more than a few
    assert "In stock, sent to any store for pickup" in html


def test_in_stock_shows_no_alert_form(client: FlaskClient, boot: dict[str, Any]) -> None:
    assert 'id="stock-alert"' not in client.get("/p/hiking-boot?sku=HB-42").text


def test_out_of_stock_at_my_store_proposes_my_store(
    client: FlaskClient, auth: AuthActions, boot: dict[str, Any]
) -> None:
    choose_annecy(client, auth)
    html = client.get("/p/hiking-boot?sku=HB-43").text
    assert 'id="stock-alert"' in html
    assert '<option value="ANNECY" selected>Annecy</option>' in html
    assert 'id="stock-alert"' not in client.get("/p/hiking-boot?sku=HB-42").text


def test_posting_the_form_from_the_product_page_creates_the_alert(
    client: FlaskClient, auth: AuthActions, session: Session, boot: dict[str, Any]
) -> None:
    choose_annecy(client, auth)
    form = {
        "csrf_token": auth.csrf_token(),
        "variant_id": str(boot["out"]),
        "store": "ANNECY",
        "email": "walker@example.com",
        "next": "/p/hiking-boot?sku=HB-43",
    }
    response = client.post("/alerts", data=form)
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/p/hiking-boot?sku=HB-43")

    session.expire_all()
    alerts = session.execute(select(StockAlert.variant_id, StockAlert.email)).all()
    assert [tuple(a) for a in alerts] == [(boot["out"], "walker@example.com")]

    page = client.get(response.headers["Location"]).text  # the flashed confirmation, in place
    assert "open the link we sent to walker@example.com to confirm" in page


NEARBY_LIST = 'class="availability__nearby"'
LOCATE_BUTTON = 'id="nearby-locate"'


def test_the_browser_location_shows_the_nearby_stores_without_my_store(
    client: FlaskClient, boot: dict[str, Any]
) -> None:
    for headers in ({}, HX):
        html = client.get("/p/hiking-boot?sku=HB-42&lat=45.76&lon=4.84", headers=headers).text
        assert f"{NEARBY_LIST} open>" in html
        assert "In stock at 1 store near you" in html
        assert ">Annecy</a>" in html
        assert '<span class="availability__distance">1.5 km</span>' in html
        assert "Chambéry</a>" not in html  # no stock there
        assert LOCATE_BUTTON not in html  # the location is already in use
        assert "Choose your store" in html  # my store is still unknown


def test_a_location_where_no_store_has_it_says_so(
    client: FlaskClient, boot: dict[str, Any]
) -> None:
    html = client.get("/p/hiking-boot?sku=HB-43&lat=45.76&lon=4.84").text
    assert NEARBY_LIST + '"' not in html and "No store near you has it in stock." in html


@pytest.mark.parametrize(
    "query",
    [
        "lat=abc&lon=4.84",
        "lat=45.76&lon=xyz",
        "lat=91&lon=4.84",
        "lat=45.76&lon=-180.5",
        "lat=nan&lon=4.84",
        "lat=45.76&lon=inf",
        "lat=45.76",
        "lon=4.84",
        "lat=&lon=",
    ],
)
def test_bad_coordinates_are_ignored(client: FlaskClient, boot: dict[str, Any], query: str) -> None:
    response = client.get(f"/p/hiking-boot?sku=HB-42&{query}")
    assert response.status_code == 200
    html = response.text
    assert 'id="buy-box"' in html and "HB-42" in html
    assert "availability__nearby" not in html and "near you" not in html
    assert f'<button class="button" type="button" {LOCATE_BUTTON} hidden' in html


def test_without_a_location_the_button_is_offered_hidden_until_the_script_shows_it(
    client: FlaskClient, auth: AuthActions, boot: dict[str, Any]
) -> None:
    html = client.get("/p/hiking-boot?sku=HB-42").text
    assert f'<button class="button" type="button" {LOCATE_BUTTON} hidden' in html
    assert 'id="nearby-locate-box" hidden' in html
    assert 'aria-live="polite"' in html
    assert "Use my location to see stores near me" in html
    assert "/js/nearby" in html and "defer" in html

    choose_annecy(client, auth)  # as an extra beside the list ranked from my store
    html = client.get("/p/hiking-boot?sku=HB-42", headers=HX).text
    assert LOCATE_BUTTON in html
