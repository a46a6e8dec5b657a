"""Two app servers on one database: a stock change through one server's stock API shows on
the other's listing at the next request, because both cache listings per catalog version and
the version lives in Redis; without Redis, each server's own changes show at once."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from storefront.config import Config
from tests.conftest import make_app
from tests.factories import make_product, make_store, set_stock
from tests.redis_server import REDIS_URL, needs_redis

SKU = "TENT-2P"


@pytest.fixture
def slug(session: Session) -> str:
    store = make_store(session, code="LYON1")
    product = make_product(session, "Dome tent", variants=[{"sku": SKU}])
    set_stock(session, store, product.variants[0], 3)
    session.commit()
    return product.category.slug


def server(config: Config, cache_url: str, prefix: str) -> Flask:
    return make_app(
        dataclasses.replace(
            config, listing_cache_seconds=60, cache_url=cache_url, ratelimit_prefix=prefix
        )
    )


@pytest.fixture
def token(app: Flask, slug: str) -> str:
    result = app.test_cli_runner().invoke(args=["stores", "token", "LYON1"])
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


def badge(app: Flask, slug: str) -> str:
    page = app.test_client().get(f"/c/{slug}").get_data(as_text=True)
    return "Out of stock" if "Out of stock" in page else "In stock"


def sell_out(app: Flask, token: str) -> None:
    answer = app.test_client().post(
        "/api/stock",
        json={"request_key": uuid.uuid4().hex, "lines": [{"sku": SKU, "on_hand": 0}]},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 200, answer.get_data(as_text=True)


@pytest.fixture
def servers(config: Config) -> Iterator[tuple[Flask, Flask]]:
    prefix = f"test-{uuid.uuid4().hex}"
    pair = tuple(server(config, REDIS_URL, prefix) for _ in range(2))
    yield pair[0], pair[1]
    for app in pair:
        app.extensions["db_engine"].dispose()


@needs_redis
def test_a_stock_change_on_one_server_shows_on_the_others_cached_listing(
    servers: tuple[Flask, Flask], slug: str, token: str
) -> None:
    a, b = servers
    assert badge(b, slug) == "In stock"  # cached on b for a minute
    sell_out(a, token)
    assert badge(b, slug) == "Out of stock"
    assert badge(a, slug) == "Out of stock"


def test_without_redis_a_server_sees_its_own_change_at_once(
    config: Config, slug: str, token: str
) -> None:
    app = server(config, "", "cairn")
    assert badge(app, slug) == "In stock"
    sell_out(app, token)
    assert badge(app, slug) == "Out of stock"
    app.extensions["db_engine"].dispose()
