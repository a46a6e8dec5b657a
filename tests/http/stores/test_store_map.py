"""The locator's map: only with a configured tile server, whose origin the CSP then allows."""

from __future__ import annotations

import dataclasses
import html
import json
import re
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from storefront.config import Config
from storefront.security import CONTENT_SECURITY_POLICY, tile_origin
from tests.conftest import make_app
from tests.factories import make_store

HX = {"HX-Request": "true"}
TILES = "http://127.0.0.1:9/{z}/{x}/{y}.png"


def img_src(csp: str) -> str:
    return next(d for d in csp.split("; ") if d.startswith("img-src "))


def stores_data(page: str) -> list[dict[str, object]]:
    found = re.search(r"data-stores='([^']*)'", page)
    assert found, "no data-stores attribute"
    data: list[dict[str, object]] = json.loads(html.unescape(found[1]))
    return data


@pytest.fixture
def stores(session: Session) -> None:
    make_store(session, "Lyon Part-Dieu", slug="lyon-part-dieu", latitude=45.7606, longitude=4.8593)
    make_store(session, "Paris <Rivoli>", slug="paris-rivoli", latitude=48.86, longitude=2.347)
    session.commit()


@pytest.fixture
def map_app(config: Config) -> Iterator[Flask]:
    app = make_app(dataclasses.replace(config, map_tiles=TILES, map_attribution="© Tiles & Co"))
    yield app
    app.extensions["db_engine"].dispose()


@pytest.fixture
def map_client(map_app: Flask) -> FlaskClient:
    return map_app.test_client()


@pytest.mark.usefixtures("stores")
def test_without_tiles_no_map_no_leaflet_csp_unchanged(client: FlaskClient) -> None:
    for path in ("/stores", "/stores?q=Lyon"):
        response = client.get(path)
        page = response.get_data(as_text=True)
        assert "store-map" not in page and "leaflet" not in page.lower()
        assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
        assert img_src(CONTENT_SECURITY_POLICY) == "img-src 'self' data:"
    fragment = client.get("/stores?q=Lyon", headers=HX).get_data(as_text=True)
    assert "store-map" not in fragment


@pytest.mark.usefixtures("stores")
def test_with_tiles_the_page_has_the_map_and_leaflet(map_client: FlaskClient) -> None:
    response = map_client.get("/stores?q=Lyon")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert re.search(
        r'<link rel="stylesheet" href="/static/vendor/leaflet/leaflet\.[0-9a-f]{12}\.css">', page
    )
    assert re.search(r'<script src="/static/vendor/leaflet/leaflet\.[0-9a-f]{12}\.js" defer>', page)
    assert re.search(r'<script src="/static/js/store-map\.[0-9a-f]{12}\.js" defer>', page)
    assert 'id="store-map"' in page and 'role="region"' in page
    assert f'data-tiles="{TILES}"' in page and 'data-attribution="© Tiles &amp; Co"' in page
    assert page.index('id="store-map"') < page.index('class="store-list"')
    assert stores_data(page) == [
        {"name": "Lyon Part-Dieu", "lat": 45.7606, "lon": 4.8593, "url": "/stores/lyon-part-dieu"},
        {"name": "Paris <Rivoli>", "lat": 48.86, "lon": 2.347, "url": "/stores/paris-rivoli"},
    ]
    assert "<Rivoli>" not in page.split('id="store-map"', 1)[1].split("></div>", 1)[0]
    csp = response.headers["Content-Security-Policy"]
    assert img_src(csp) == "img-src 'self' data: http://127.0.0.1:9"
    assert "script-src 'self';" in csp and "style-src 'self';" in csp


@pytest.mark.usefixtures("stores")
def test_with_tiles_the_fragment_brings_its_map(map_client: FlaskClient) -> None:
    response = map_client.get("/stores?lat=48.86&lon=2.35", headers=HX)
    fragment = response.get_data(as_text=True)
    assert fragment.lstrip().startswith('<section id="store-results"')
    assert 'id="store-map"' in fragment and "<script" not in fragment
    assert [store["name"] for store in stores_data(fragment)] == [
        "Paris <Rivoli>",
        "Lyon Part-Dieu",
    ]
    assert "http://127.0.0.1:9" in response.headers["Content-Security-Policy"]


def test_with_tiles_but_no_results_no_map_div(map_client: FlaskClient) -> None:
    page = map_client.get("/stores").get_data(as_text=True)
    assert 'id="store-map"' not in page and "vendor/leaflet/leaflet" in page


def test_the_tile_origin_is_a_plain_http_origin() -> None:
    assert tile_origin("https://{s}.tile.example.org/{z}/{x}/{y}.png") == (
        "https://*.tile.example.org"
    )
    for bad in ("javascript:alert(1)", "https://a.org; script-src *", "//a.org/x", "ftp://a.org"):
        with pytest.raises(ValueError):
            tile_origin(bad)
