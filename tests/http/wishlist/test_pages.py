import re

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from storefront.catalog.models import Variant
from storefront.wishlist import rules
from storefront.wishlist.models import Wishlist
from tests.http.conftest import Catalog
from tests.http.wishlist.conftest import HX, post


def pressed(html: str, name: str) -> str:
    match = re.search(rf'aria-pressed="(\w+)"\s+aria-label="Save {name} to wishlist"', html)
    assert match is not None, name
    return match[1]


def test_page_and_fragment_share_the_lists(client: FlaskClient, catalog: Catalog) -> None:
    page = client.get("/wishlist")
    fragment = client.get("/wishlist", headers=HX)
    assert page.status_code == fragment.status_code == 200
    assert "<html" in page.text and "<html" not in fragment.text
    assert fragment.text.lstrip().startswith('<div id="wishlists"')
    assert "Save what you like for later" in page.text
    assert "HX-Request" in page.headers["Vary"] and "HX-Request" in fragment.headers["Vary"]


def test_reading_creates_no_guest(client: FlaskClient, catalog: Catalog) -> None:
    client.get("/wishlist")
    client.get("/c/running")
    assert client.get_cookie("guest") is None


def test_heart_without_javascript_saves_and_goes_back(
    client: FlaskClient, catalog: Catalog
) -> None:
    response = post(client, f"/wishlist/heart/{catalog.shoe.id}", on=1, next="/c/running?size=42")
    assert response.status_code == 303 and response.location == "/c/running?size=42"
    assert client.get_cookie("guest") is not None
    listing = client.get("/c/running").text
    assert pressed(listing, "Trail runner") == "true"
    assert pressed(listing, "Rain jacket") == "false"
    page = client.get("/wishlist").text
    assert "Trail runner" in page and "In stock" in page


def test_heart_with_htmx_swaps_itself_and_tells_the_header(
    client: FlaskClient, catalog: Catalog
) -> None:
    pressed = post(client, f"/wishlist/heart/{catalog.jacket.id}", hx=True, on=1)
    assert pressed.status_code == 200 and "<html" not in pressed.text
    assert pressed.text.lstrip().startswith('<form class="heart"')
    assert 'aria-pressed="true"' in pressed.text and 'name="on" value="0"' in pressed.text
    assert pressed.headers["HX-Trigger"] == "wishlist-changed"
    link = client.get("/wishlist/link", headers=HX).text
    assert 'aria-label="Wishlist, 1 item"' in link and "<html" not in link
    released = post(client, f"/wishlist/heart/{catalog.jacket.id}", hx=True, on=0)
    assert 'aria-pressed="false"' in released.text
    assert 'aria-label="Wishlist, 0 items"' in client.get("/wishlist/link", headers=HX).text


def test_header_link_without_htmx_is_the_page(client: FlaskClient) -> None:
    response = client.get("/wishlist/link")
    assert response.status_code == 303 and response.location == "/wishlist"


def test_the_product_page_has_a_heart_beside_the_title(
    client: FlaskClient, catalog: Catalog
) -> None:
    html = client.get("/p/rain-jacket").text
    assert re.search(r'<form class="heart"[^>]*action="/wishlist/heart/\d+"', html)


def test_unknown_product_and_off_site_next_are_refused(
    client: FlaskClient, catalog: Catalog
) -> None:
    assert post(client, "/wishlist/heart/999999", on=1).status_code == 404
    response = post(client, f"/wishlist/heart/{catalog.shoe.id}", on=1, next="//evil.example/")
    assert response.location == "/"


def test_a_lower_price_than_when_saved_is_pointed_out(
    client: FlaskClient, session: Session, catalog: Catalog
) -> None:
    post(client, f"/wishlist/heart/{catalog.jacket.id}", on=1)
    session.execute(update(Variant).where(Variant.sku == "RJ-M").values(price_amount=9900))
    session.commit()
    html = client.get("/wishlist").text
    assert "Price dropped" in html and "129.00" in html and "99.00" in html


def test_a_tampered_guest_cookie_starts_a_fresh_guest(
    client: FlaskClient, catalog: Catalog
) -> None:
    post(client, f"/wishlist/heart/{catalog.shoe.id}", on=1)
    client.set_cookie("guest", "tampered.value")
    assert client.get("/wishlist").status_code == 200
    assert "Trail runner" not in client.get("/wishlist").text
    assert post(client, f"/wishlist/heart/{catalog.jacket.id}", on=1).status_code == 303
    cookie = client.get_cookie("guest")
    assert cookie is not None and cookie.value != "tampered.value"
    assert "Rain jacket" in client.get("/wishlist").text


def test_wishlist_pages_carry_no_inline_script_or_style(
    client: FlaskClient, catalog: Catalog
) -> None:
    post(client, f"/wishlist/heart/{catalog.shoe.id}", on=1)
    for html in (client.get("/wishlist").text, client.get("/c/running").text):
        assert "<script>" not in html and " style=" not in html and "<style" not in html


def test_a_refused_heart_says_why_and_changes_nothing(
    client: FlaskClient, session: Session, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rules, "MAX_ITEMS_PER_LIST", 0)
    refused = post(client, f"/wishlist/heart/{catalog.shoe.id}", hx=True, on=1)
    assert refused.status_code == 422 and 'role="alert"' in refused.text
    assert 'aria-pressed="false"' in refused.text and "HX-Trigger" not in refused.headers
    lists = session.scalar(select(func.count()).select_from(Wishlist))
    session.commit()
    assert lists == 0
