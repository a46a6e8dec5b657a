"""The product page's availability panel offers a back-in-stock alert where it is out of stock."""

from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.stores.models import StockAlert, StoreKind
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
    assert "walker@example.com" in page and "we will email" in page
