"""The nearby stores of a product page's availability panel come from a copy shared by the
requests of a server; a change to a store, its hours or its closures shows at the next page."""

from __future__ import annotations

from datetime import date, time

import pytest
from flask import Flask
from sqlalchemy import update
from sqlalchemy.orm import Session

from storefront.stores.models import OpeningHours, Store, StoreClosure
from tests.factories import make_product, make_store, set_stock

PAGE = "/p/hiking-boot?lat=45.76&lon=4.84"


@pytest.fixture
def annecy(session: Session) -> int:
    annecy = make_store(session, "Annecy", code="ANNECY", slug="annecy")
    boot = make_product(session, "Hiking boot", slug="hiking-boot", variants=[{"sku": "HB-42"}])
    set_stock(session, annecy, boot.variants[0], 4)
    session.commit()
    return annecy.id


def test_a_store_renamed_shows_at_the_next_page(cached: Flask, annecy: int) -> None:
    shopper = cached.test_client()
    for _ in range(2):  # read, then from the shared copy
        assert ">Annecy</a>" in shopper.get(PAGE).text
    with cached.extensions["db_writers"]() as server_session:
        server_session.execute(update(Store).where(Store.id == annecy).values(name="Annecy Lac"))
        server_session.commit()
    assert ">Annecy Lac</a>" in shopper.get(PAGE).text


@pytest.mark.parametrize(
    "change",
    [
        StoreClosure(day=date(2030, 1, 1), reason="New Year"),
        OpeningHours(weekday=6, opens=time(10), closes=time(12)),
    ],
    ids=["closure", "hours"],
)
def test_new_hours_or_closures_drop_the_shared_copy(
    cached: Flask, annecy: int, change: StoreClosure | OpeningHours
) -> None:
    cache = cached.extensions["catalog_cache"]
    assert cache.get("probe", lambda: "before") == "before"
    with cached.extensions["db_writers"]() as server_session:
        change.store_id = annecy
        server_session.add(change)
        server_session.commit()
    assert cache.get("probe", lambda: "after") == "after"
