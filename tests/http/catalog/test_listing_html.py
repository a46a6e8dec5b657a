"""A listing's HTML is rendered once per catalog version and address, and each shopper still
gets their own: their forms' token (a post with it works), their hearts, their language,
and the stock as it is now."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import update

from storefront.inventory.models import StockLevel
from tests.forms import csrf
from tests.http.conftest import Catalog

TOKENS = re.compile(r'name="csrf_token" value="([^"]+)"')
PAGE = "/c/running"


def _heart(page: str, product_id: int) -> str:
    form = re.search(rf'<form class="heart"[^>]*id="heart-{product_id}".*?</form>', page, re.S)
    assert form, page
    return re.search(r'aria-pressed="(\w+)"', form[0])[1]  # type: ignore[index]


def _session_secret(token: str) -> str:
    """A token is the session's secret, signed with the time: the secret is the first part."""
    return token.split(".")[0]


def _wish(shopper: FlaskClient, product_id: int) -> None:
    answer = shopper.post(
        f"/wishlist/heart/{product_id}", data={"csrf_token": csrf(shopper), "on": "1"}
    )
    assert answer.status_code in {200, 303}, answer.text


def test_each_shopper_gets_their_own_token_and_hearts(cached: Flask, catalog: Catalog) -> None:
    ana, ben = cached.test_client(), cached.test_client()
    _wish(ana, catalog.shoe.id)

    for _ in range(2):  # rendered for Ana, then read from the cache for both
        for shopper, wished in ((ana, "true"), (ben, "false")):
            page = shopper.get(PAGE).text
            assert len(set(TOKENS.findall(page))) == 1
            assert _session_secret(TOKENS.findall(page)[0]) == _session_secret(csrf(shopper))
            assert _heart(page, catalog.shoe.id) == wished
            assert _heart(page, catalog.jacket.id) == "false"
            assert "\x00" not in page

    added = ben.post(
        "/cart/lines",
        data={
            "csrf_token": TOKENS.findall(ben.get(PAGE).text)[0],
            "variant_id": catalog.jacket.variants[0].id,
        },
    )
    assert added.status_code == 303


def test_the_language_and_the_stock_are_those_of_now(cached: Flask, catalog: Catalog) -> None:
    shopper = cached.test_client()
    assert "In stock" in shopper.get(PAGE).text
    assert "En stock" in shopper.get(PAGE, headers={"Accept-Language": "fr"}).text

    with cached.extensions["db_writers"]() as server_session:  # a write the server sees
        server_session.execute(
            update(StockLevel)
            .where(StockLevel.variant_id == catalog.shoe.variants[0].id)
            .values(on_hand=0)
        )
        server_session.commit()

    page = shopper.get(PAGE).text
    assert page.count("Out of stock") == 2, page  # the shoe and the jacket, none left anywhere
