"""Product images are fetched once: their URLs carry a hash of the file, so a browser keeps
them for a year without asking, and a replaced image gets a new URL at once."""

from __future__ import annotations

import re

from flask import Flask, url_for
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from storefront.catalog.models import ProductImage
from storefront.media import media_root
from tests.factories import make_category, make_product


def image_url(client: FlaskClient) -> str:
    found = re.search(r'<img src="(/media/[^"]+)"', client.get("/c/tents").text)
    assert found, "no product image on the listing"
    return found[1].replace("&amp;", "&")


def test_an_image_url_is_cached_for_good_and_changes_with_the_file(
    app: Flask, client: FlaskClient, session: Session
) -> None:
    picture = media_root(app) / "products" / "tent.svg"
    picture.parent.mkdir(parents=True, exist_ok=True)
    picture.write_text('<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>')
    tents = make_category(session, "Tents", slug="tents")
    product = make_product(session, "Tent", category=tents)
    session.add(ProductImage(product=product, path="products/tent.svg", alt="Tent"))
    session.commit()

    first = image_url(client)
    assert re.fullmatch(r"/media/products/tent\.svg\?v=[0-9a-f]{12}", first)
    answer = client.get(first)
    assert answer.status_code == 200
    assert answer.cache_control.immutable and answer.cache_control.max_age == 365 * 86400

    picture.write_text('<svg xmlns="http://www.w3.org/2000/svg"><rect width="4"/></svg>')
    second = image_url(client)
    assert second != first and second.startswith("/media/products/tent.svg?v=")
    stale = client.get(first)  # an old page: the file now, but not kept for good
    assert stale.status_code == 200 and b"rect" in stale.data
    assert not stale.cache_control.immutable and stale.cache_control.max_age == 86400


def test_a_missing_file_gets_no_hash_and_a_404(app: Flask, client: FlaskClient) -> None:
    with app.test_request_context():
        assert url_for("media", filename="products/none.svg") == "/media/products/none.svg"
    assert client.get("/media/products/none.svg").status_code == 404
