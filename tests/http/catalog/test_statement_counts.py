"""A catalog page costs a handful of SQL statements, the same for 24 cards as for 96: a
page that loads per card slows down with every product a shop adds. Counted cold (a new app,
nothing cached), as the first shopper after a deploy or a stock change would meet it.
Transaction control (BEGIN, COMMIT) is not counted: PostgreSQL's driver sends it unseen."""

from __future__ import annotations

import dataclasses
import re

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from storefront.catalog.models import ProductImage
from storefront.config import Config
from tests.conftest import make_app
from tests.factories import make_brand, make_category, make_product, make_store, set_stock
from tests.forms import csrf

MOST = 5
CONTROL = re.compile(r"\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b", re.I)


@pytest.fixture
def shelf(session: Session) -> str:
    """96 lamps in one category, half of them on promotion, each with an image, two sizes
    (one in stock at the store) and a brand of four; the slug of one lamp."""
    lamps = make_category(session, "Lamps", slug="lamps")
    brands = [make_brand(session, f"Brand {n}") for n in range(4)]
    store = make_store(session, "Lyon", code="LYON1", slug="lyon")
    for n in range(96):
        product = make_product(
            session,
            f"Lamp {n:02d}",
            slug=f"lamp-{n}",
            category=lamps,
            brand=brands[n % 4],
            variants=[
                {
                    "size": "S",
                    "price_amount": 2000 + n,
                    "compare_at_amount": 3000 if n % 2 else None,
                },
                {"size": "L", "price_amount": 2500 + n},
            ],
        )
        product.images.append(ProductImage(path=f"lamp-{n}.svg", alt=f"Lamp {n}", position=0))
        set_stock(session, store, product.variants[0], 4)
    session.commit()
    return "lamp-7"


def cold_counts(config: Config, path: str, *, chosen_store: bool = False) -> dict[int, list[str]]:
    """The statements of `path` for a shop showing 24 and one showing 96 cards a page."""
    found = {}
    for page_size in (24, 96):
        app = make_app(dataclasses.replace(config, page_size=page_size, listing_cache_seconds=10))
        statements: list[str] = []

        def record(
            _conn: object, _cursor: object, statement: str, *_: object, into: list[str] = statements
        ) -> None:
            if not CONTROL.match(statement):
                into.append(" ".join(statement.split())[:160])

        client = app.test_client()
        if chosen_store:
            token = csrf(client, "/stores/lyon")
            answer = client.post("/stores/lyon/my-store", data={"csrf_token": token})
            assert answer.status_code in (200, 303)
        app.extensions["catalog_cache"].clear()  # choosing the store loaded the tree
        event.listen(app.extensions["db_engine"], "before_cursor_execute", record)
        response = client.get(path)
        assert response.status_code == 200, path
        if path != "/p/lamp-7":
            cards = response.text.count('class="product-card"')
            assert cards == (16 if path == "/" else page_size), cards
        found[page_size] = statements
        app.extensions["db_engine"].dispose()
    return found


def assert_few(counts: dict[int, list[str]]) -> None:
    listed = "\n".join(counts[96])
    assert len(counts[24]) == len(counts[96]), listed
    assert len(counts[96]) <= MOST, listed


@pytest.mark.parametrize("path", ["/", "/c/lamps", "/search?q=lamp"])
def test_a_listing_page_runs_a_few_statements_whatever_its_cards(
    config: Config, shelf: str, path: str
) -> None:
    assert_few(cold_counts(config, path))


@pytest.mark.parametrize("path", ["/c/lamps", "/search?q=lamp", "/p/lamp-7"])
def test_with_a_chosen_store_too(config: Config, shelf: str, path: str) -> None:
    assert_few(cold_counts(config, path, chosen_store=True))
