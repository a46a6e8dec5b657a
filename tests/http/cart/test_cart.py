import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from storefront.cart import rules
from tests.conftest import AuthActions
from tests.forms import csrf
from tests.http.conftest import Catalog

HX = {"HX-Request": "true"}


def add(client: FlaskClient, variant_id: int | str, quantity: str = "1", **headers: str):  # type: ignore[no-untyped-def]
    data = {"variant_id": str(variant_id), "quantity": quantity, "csrf_token": csrf(client)}
    return client.post("/cart/lines", data=data, headers=headers)


def line_ids(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'id="line-(\d+)"', html)]


def badges(client: FlaskClient) -> list[str]:
    """The cart's count as the header and the bottom bar say it after a refresh."""
    html = client.get("/cart/badges", headers=HX).text
    assert html.lstrip().startswith('<a id="cart-link"') and "<html" not in html
    assert re.search(r'<a id="cart-bottom-link"[^>]*hx-swap-oob="true"', html)
    return re.findall(r'aria-label="([^"]+)"', html)


def badge(client: FlaskClient) -> str:
    header, bottom = badges(client)
    assert header == bottom
    return header


def test_the_add_form_allows_what_a_line_may_hold(client: FlaskClient, catalog: Catalog) -> None:
    page = client.get(f"/p/{catalog.shoe.slug}").text
    assert f'name="quantity" value="1" min="1" max="{rules.MAX_PER_LINE}"' in page


def test_the_header_and_the_bottom_bar_refresh_alike_after_an_add(
    client: FlaskClient, catalog: Catalog
) -> None:
    page = client.get("/").text
    assert page.count('hx-get="/cart/badges" hx-trigger="cart-changed from:body') == 1
    add(client, catalog.shoe.variants[0].id)
    assert badges(client) == ["Cart, 1 item", "Cart, 1 item"]


def test_the_cart_page_and_its_fragments(client: FlaskClient, catalog: Catalog) -> None:
    page = client.get("/cart")
    assert "<html" in page.text and "Your cart is empty" in page.text
    fragment = client.get("/cart", headers=HX | {"HX-Target": "div#cart"})
    assert fragment.text.lstrip().startswith('<div id="cart"') and "<html" not in fragment.text
    assert "HX-Request" in fragment.headers["Vary"]
    assert badge(client) == "Cart, 0 items"


def test_adding_with_htmx_answers_with_a_toast_and_a_cart_changed_event(
    client: FlaskClient, catalog: Catalog
) -> None:
    variant = catalog.shoe.variants[0]
    response = add(client, variant.id, "2", **HX, **{"HX-Target": "div#cart-toast"})
    assert response.status_code == 200
    assert response.headers["HX-Trigger"] == "cart-changed"
    assert "Added to your cart" in response.text and "<html" not in response.text
    assert badge(client) == "Cart, 2 items"
    assert "Trail runner" in client.get("/cart").text


def test_adding_without_javascript_redirects_to_the_cart(
    client: FlaskClient, catalog: Catalog
) -> None:
    response = add(client, catalog.shoe.variants[0].id)
    assert response.status_code == 303 and response.headers["Location"] == "/cart"
    html = client.get("/cart").text
    assert "Trail runner" in html and "TR-42-RED" in html


def test_the_guest_cart_lives_in_a_persistent_signed_cookie(
    client: FlaskClient, catalog: Catalog
) -> None:
    response = add(client, catalog.shoe.variants[0].id)
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("guest="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Max-Age=2592000" in cookie


@pytest.mark.parametrize("quantity", ["-1", "0", "1e9", "abc", "2.5", "21", ""])
def test_bad_quantities_are_refused_and_change_nothing(
    client: FlaskClient, catalog: Catalog, quantity: str
) -> None:
    response = add(client, catalog.shoe.variants[0].id, quantity, **HX)
    assert response.status_code == 422
    assert "whole number of items, from 1 to 20" in response.text
    assert badge(client) == "Cart, 0 items"


def test_more_than_the_stock_is_capped_with_the_reason(
    client: FlaskClient, catalog: Catalog
) -> None:
    response = add(client, catalog.shoe.variants[0].id, "5", **HX)  # 3 in stock
    assert "Only 3 can be bought" in response.text
    assert badge(client) == "Cart, 3 items"
    refused = add(client, catalog.shoe.variants[0].id, "1", **HX)
    assert refused.status_code == 422 and "Only 3" in refused.text


def test_out_of_stock_and_unknown_variants_are_refused(
    client: FlaskClient, catalog: Catalog
) -> None:
    assert "out of stock" in add(client, catalog.jacket.variants[0].id, **HX).text
    assert "no longer sold" in add(client, 987654, **HX).text
    assert "Choose a size" in add(client, "abc", **HX).text


def test_stepper_remove_and_undo(client: FlaskClient, catalog: Catalog) -> None:
    add(client, catalog.shoe.variants[0].id)
    [line] = line_ids(client.get("/cart").text)
    headers = HX | {"HX-Target": "div#cart"}
    data = {"quantity": "1", "step": "1", "csrf_token": csrf(client)}
    more = client.post(f"/cart/lines/{line}", data=data, headers=headers)
    assert more.headers["HX-Trigger"] == "cart-changed"
    assert 'value="2"' in more.text and more.text.lstrip().startswith('<div id="cart"')
    too_many = client.post(f"/cart/lines/{line}", data=data | {"quantity": "3"}, headers=headers)
    assert too_many.status_code == 422 and 'aria-invalid="true"' in too_many.text
    removed = client.post(
        f"/cart/lines/{line}/remove", data={"csrf_token": csrf(client)}, headers=headers
    )
    assert "Removed Trail runner." in removed.text and line_ids(removed.text) == []
    undo = add(client, catalog.shoe.variants[0].id, "2", **headers)
    assert line_ids(undo.text) != []


def test_a_price_change_since_adding_is_shown(
    client: FlaskClient, catalog: Catalog, app: Flask
) -> None:
    from storefront.catalog.models import Variant
    from storefront.db import session_factory

    add(client, catalog.shoe.variants[0].id)
    with session_factory(app.extensions["db_engine"], write=True)() as session:
        variant = session.get(Variant, catalog.shoe.variants[0].id)
        assert variant is not None
        variant.price_amount = 7999
        session.commit()
    html = client.get("/cart").text
    assert "Price dropped from €89.99 since you added it" in html and "€79.99" in html


def test_no_one_reaches_another_shoppers_lines(
    client: FlaskClient, app: Flask, catalog: Catalog
) -> None:
    add(client, catalog.shoe.variants[0].id)
    [line] = line_ids(client.get("/cart").text)
    intruder = app.test_client()
    data = {"quantity": "2", "csrf_token": csrf(intruder)}
    assert intruder.post(f"/cart/lines/{line}", data=data).status_code == 404
    assert intruder.post(f"/cart/lines/{line}/remove", data=data).status_code == 404
    assert line_ids(client.get("/cart").text) == [line]


def test_a_tampered_guest_cookie_starts_a_fresh_cart(client: FlaskClient, catalog: Catalog) -> None:
    add(client, catalog.shoe.variants[0].id)
    client.set_cookie("guest", "tampered.value")
    response = client.get("/cart")
    assert response.status_code == 200 and "Your cart is empty" in response.text


def test_posts_without_csrf_are_refused(client: FlaskClient, catalog: Catalog) -> None:
    response = client.post("/cart/lines", data={"variant_id": catalog.shoe.variants[0].id})
    assert response.status_code == 400
    assert badge(client) == "Cart, 0 items"


def test_sign_in_merges_the_guest_cart_reversibly(
    client: FlaskClient, auth: AuthActions, catalog: Catalog, app: Flask
) -> None:
    auth.sign_up("merge@example.com")
    auth.sign_out()
    add(client, catalog.shoe.variants[0].id, "2")
    auth.sign_in("merge@example.com")
    home = client.get("/").text
    assert "2 items you picked before signing in are now in your cart." in home
    html = client.get("/cart").text
    assert "now in your cart" not in html  # said once, not on every page
    assert "We added what you picked before signing in" in html
    assert "Trail runner (Red · 42) — 2 added from this browser" in html
    merge_id = re.search(r"/cart/merges/(\d+)/undo", html)[1]  # type: ignore[index]
    undone = client.post(f"/cart/merges/{merge_id}/undo", data={"csrf_token": csrf(client)})
    assert undone.status_code == 303
    html = client.get("/cart").text
    assert "Your carts are apart again" in html and line_ids(html) == []
    client.post("/cart/merges", data={"csrf_token": csrf(client)})
    assert badge(client) == "Cart, 2 items"
    auth.sign_out()
    assert badge(client) == "Cart, 0 items"  # nothing left behind for the next person


def test_the_data_download_holds_the_cart_and_the_wishlists(
    client: FlaskClient, auth: AuthActions, catalog: Catalog
) -> None:
    import json

    auth.sign_up("data@example.com")
    add(client, catalog.shoe.variants[0].id, "2")
    client.post(
        f"/wishlist/heart/{catalog.jacket.id}", data={"on": "1", "csrf_token": csrf(client)}
    )
    data = json.loads(client.get("/account/data.json").text)
    assert [(line["sku"], line["quantity"]) for line in data["cart"]] == [("TR-42-RED", 2)]
    assert data["cart"][0]["unit_price_when_added"] == 8999
    [wishlist] = data["wishlists"]
    assert [item["product"] for item in wishlist["items"]] == ["rain-jacket"]
