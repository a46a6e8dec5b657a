"""The store and stock import services: upsert by code, by (store, SKU), refusals."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.catalog.models import Variant
from storefront.importing import ImportResult
from storefront.inventory.importing import import_stock
from storefront.inventory.models import StockLevel
from storefront.stores.importing import import_stores, store_slug
from storefront.stores.models import Store, StoreKind
from tests.factories import make_product, make_store, set_stock


def stores(session: Session, *rows: dict[str, Any]) -> ImportResult:
    return import_stores(session, list(enumerate(rows, start=2)))


def stock(session: Session, *rows: dict[str, Any]) -> ImportResult:
    return import_stock(session, list(enumerate(rows, start=2)))


def lyon(**values: Any) -> dict[str, Any]:
    return {
        "code": "LYS",
        "name": "Part-Dieu",
        "address": "17 rue du Docteur Bouchut",
        "postcode": "69003",
        "city": "Lyon",
        "country": "fr",
        "latitude": "45.7606",
        "longitude": 4.8593,
        "timezone": "Europe/Paris",
        "services": "pickup|kiosk",
        "hours": "Mon-Fri 10:00-19:00; Sat 09:30-12:30,14:00-20:00",
        "closures": "2026-12-25 closed Christmas Day; 2026-12-24 10:00-16:00 Christmas Eve",
        **values,
    }


def test_a_store_is_created_with_hours_closures_and_a_city_slug(session: Session) -> None:
    result = stores(session, lyon())

    assert (result.created, result.errors) == (1, [])
    store = session.scalars(select(Store)).one()
    assert (store.slug, store.country, store.kind) == ("lyon-part-dieu", "FR", StoreKind.SHOP)
    assert store.services == ["pickup", "kiosk"]
    saturday = [(h.opens, h.closes) for h in store.hours if h.weekday == 5]
    assert saturday == [(time(9, 30), time(12, 30)), (time(14), time(20))]
    assert len(store.hours) == 7
    assert [(c.day, c.opens, c.reason) for c in store.closures] == [
        (date(2026, 12, 24), time(10), "Christmas Eve"),
        (date(2026, 12, 25), None, "Christmas Day"),
    ]


def test_reimport_updates_by_code_and_keeps_unchanged_stores(session: Session) -> None:
    stores(session, lyon())
    again = stores(session, lyon())
    changed = stores(
        session,
        lyon(services=["pickup"], hours="Mon-Sat 10:00-19:30", closures="2026-12-25 closed"),
    )

    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert (changed.created, changed.updated) == (0, 1)
    store = session.scalars(select(Store)).one()
    session.flush()
    session.expire_all()
    assert store.services == ["pickup"]
    assert len(store.hours) == 6
    assert [(c.day, c.reason) for c in store.closures] == [(date(2026, 12, 25), "")]


def test_bad_store_lines_name_each_field(session: Session) -> None:
    result = stores(
        session,
        lyon(latitude="91", timezone="Europe/Lyon", country="XX", kind="depot"),
        lyon(code="LYS2", hours="Mon-Fri 10:00-09:00"),
        lyon(code="LYS3"),
        lyon(code="LYS4"),
    )

    assert [(e.line, e.field) for e in result.errors] == [
        (2, "country"),
        (2, "latitude"),
        (2, "timezone"),
        (2, "kind"),
        (3, "hours"),
        (5, "name"),
    ]
    assert session.scalars(select(Store)).all() == []


def test_a_slug_taken_by_another_store_is_refused(session: Session) -> None:
    make_store(session, "Lyon Part-Dieu", code="OTHER", slug="lyon-part-dieu")

    result = stores(session, lyon())

    assert [str(e) for e in result.errors] == [
        "line 2: name: its URL slug lyon-part-dieu (from city and name) is already store OTHER's"
    ]


@pytest.mark.parametrize(
    ("city", "name", "slug"),
    [
        ("Lyon", "Lyon Part-Dieu", "lyon-part-dieu"),
        ("Lyon", "Part-Dieu", "lyon-part-dieu"),
        ("Genève", "Rive", "geneve-rive"),
        ("Chamonix-Mont-Blanc", "Chamonix", "chamonix-mont-blanc"),
    ],
)
def test_store_slugs_carry_the_city(city: str, name: str, slug: str) -> None:
    assert store_slug(city, name) == slug


def test_stock_is_upserted_by_store_and_sku(session: Session) -> None:
    store = make_store(session, code="LYS")
    product = make_product(session, variants=[{"sku": "A"}, {"sku": "B"}])
    set_stock(session, store, product.variants[0], on_hand=5)

    result = stock(
        session,
        {"store": "LYS", "sku": "A", "on_hand": "7"},
        {"store": "LYS", "sku": "B", "on_hand": 3},
    )
    session.expire_all()

    assert (result.created, result.updated, result.errors) == (1, 1, [])
    levels = session.scalars(select(StockLevel).order_by(StockLevel.variant_id)).all()
    assert [level.on_hand for level in levels] == [7, 3]


def test_bad_stock_lines_change_nothing(session: Session) -> None:
    store = make_store(session, code="LYS")
    product = make_product(session, variants=[{"sku": "A"}])
    set_stock(session, store, product.variants[0], on_hand=5, reserved=4)

    result = stock(
        session,
        {"store": "LYS", "sku": "A", "on_hand": 3},
        {"store": "NOPE", "sku": "ZZZ", "on_hand": 1},
        {"store": "LYS", "sku": "A", "on_hand": -1},
        {"store": "LYS", "sku": "A", "on_hand": "2.5", "bin": "B12"},
    )

    assert [str(e) for e in result.errors] == [
        "line 4: on_hand: '-1' is not a whole number of units (0 or more)",
        "line 5: on_hand: '2.5' is not a whole number of units (0 or more)",
        "line 2: on_hand: 3 is below the 4 units reserved for orders",
        "line 3: store: no store with code NOPE",
        "line 3: sku: no variant with SKU ZZZ",
    ]
    assert result.unknown_fields == ["bin"]
    session.expire_all()
    assert session.scalars(select(StockLevel.on_hand)).all() == [5]


def test_a_store_and_sku_twice_in_one_file_is_an_error(session: Session) -> None:
    make_store(session, code="LYS")
    make_product(session, variants=[{"sku": "A"}])

    result = stock(
        session,
        {"store": "LYS", "sku": "A", "on_hand": 1},
        {"store": "LYS", "sku": "A", "on_hand": 2},
    )

    assert [str(e) for e in result.errors] == ["line 3: sku: LYS A already appears on line 2"]


def test_a_nul_byte_in_an_import_file_is_a_line_error(session: Session) -> None:
    make_store(session, code="LYS")
    result = stock(session, {"store": "LYS\x00", "sku": "A", "on_hand": "1"})
    assert [str(e) for e in result.errors] == ["line 2: store: holds a NUL character"]


def locations(session: Session) -> list[tuple[str, int, str]]:
    session.expire_all()
    query = select(Variant.sku, StockLevel.on_hand, StockLevel.location)
    query = query.join(Variant, Variant.id == StockLevel.variant_id)
    return [tuple(row) for row in session.execute(query.order_by(Variant.sku))]


def test_a_shelf_location_is_set_kept_when_not_given_and_cleared_when_empty(
    session: Session,
) -> None:
    store = make_store(session, code="LYS")
    skus = [{"sku": sku} for sku in "ABCD"]
    for variant in make_product(session, variants=skus).variants:
        set_stock(session, store, variant, on_hand=5, location="Aisle 1, bay 1")

    result = stock(
        session,
        {"store": "LYS", "sku": "A", "on_hand": 5, "location": "  Aisle 12, bay 3 "},
        {"store": "LYS", "sku": "B", "on_hand": 6},
        {"store": "LYS", "sku": "C", "on_hand": 5, "location": ""},
        {"store": "LYS", "sku": "D", "on_hand": 5, "location": None},  # a JSON line's null
    )

    assert (result.updated, result.unchanged, result.errors) == (4, 0, [])
    assert locations(session) == [
        ("A", 5, "Aisle 12, bay 3"),
        ("B", 6, "Aisle 1, bay 1"),
        ("C", 5, ""),
        ("D", 5, ""),
    ]


def test_a_new_stock_level_takes_its_location_and_an_unchanged_one_is_counted(
    session: Session,
) -> None:
    store = make_store(session, code="LYS")
    product = make_product(session, variants=[{"sku": "A"}, {"sku": "B"}])
    set_stock(session, store, product.variants[0], on_hand=2, location="Aisle 4")

    result = stock(
        session,
        {"store": "LYS", "sku": "A", "on_hand": "2", "location": "Aisle 4"},
        {"store": "LYS", "sku": "B", "on_hand": "1", "location": "Allée 7, travée 2"},
    )

    assert (result.created, result.updated, result.unchanged) == (1, 0, 1)
    assert locations(session) == [("A", 2, "Aisle 4"), ("B", 1, "Allée 7, travée 2")]


def test_a_bad_shelf_location_is_a_line_error_and_changes_nothing(session: Session) -> None:
    store = make_store(session, code="LYS")
    product = make_product(session, variants=[{"sku": "A"}, {"sku": "B"}, {"sku": "C"}])
    for variant in product.variants:
        set_stock(session, store, variant, on_hand=1, location="Aisle 1")

    result = stock(
        session,
        {"store": "LYS", "sku": "A", "on_hand": 1, "location": "Aisle 12\nbay 3"},
        {"store": "LYS", "sku": "B", "on_hand": 1, "location": "x" * 41},
        {"store": "LYS", "sku": "C", "on_hand": 1, "location": 12},
    )

    assert [str(e) for e in result.errors] == [
        "line 2: location: holds a control character (a tab, a line break...), which is refused",
        "line 3: location: longer than 40 characters",
        'line 4: location: must be text, such as "Aisle 12, bay 3"',
    ]
    assert [location for _sku, _units, location in locations(session)] == ["Aisle 1"] * 3
