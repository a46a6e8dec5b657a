import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from storefront.catalog.models import Category, Product
from storefront.config import Config
from storefront.stores.models import Store
from tests.conftest import make_app
from tests.factories import make_brand, make_category, make_product, make_store, set_stock


@dataclass
class Catalog:
    running: Category
    shoes: Category
    jackets: Category
    shoe: Product
    jacket: Product
    store: Store


@pytest.fixture
def catalog(session: Session) -> Catalog:
    running = make_category(session, "Running", slug="running")
    shoes = make_category(session, "Shoes", parent=running, slug="running-shoes")
    jackets = make_category(session, "Jackets", parent=running, slug="running-jackets")
    altitude, boreal = (
        make_brand(session, "Altitude", slug="altitude"),
        make_brand(session, "Boreal", slug="boreal"),
    )
    store = make_store(session, "Lyon Part-Dieu", code="LYON1", slug="lyon-part-dieu")
    shoe = make_product(
        session,
        "Trail runner",
        slug="trail-runner",
        category=shoes,
        brand=altitude,
        variants=[
            {
                "sku": "TR-42-RED",
                "size": "42",
                "colour": "Red",
                "price_amount": 8999,
                "compare_at_amount": 11999,
                "gtin": "4006381333931",
            },
            {"sku": "TR-43-RED", "size": "43", "colour": "Red", "price_amount": 8999},
            {"sku": "TR-42-BLUE", "size": "42", "colour": "Blue", "price_amount": 9499},
        ],
    )
    jacket = make_product(
        session,
        "Rain jacket",
        slug="rain-jacket",
        category=jackets,
        brand=boreal,
        variants=[{"sku": "RJ-M", "size": "M", "colour": "Black", "price_amount": 12900}],
    )
    set_stock(session, store, shoe.variants[0], 3)
    set_stock(session, store, shoe.variants[2], 0)
    session.commit()
    return Catalog(running, shoes, jackets, shoe, jacket, store)


@pytest.fixture
def cached(config: Config) -> Iterator[Flask]:
    """The app with its listing cache on for a minute, as a server runs it."""
    app = make_app(dataclasses.replace(config, listing_cache_seconds=60))
    yield app
    app.extensions["db_engine"].dispose()
