"""The demo data as generated, before any import: believable, valid and deterministic."""

from __future__ import annotations

import re
import zoneinfo
from collections import Counter

from storefront.catalog.gtin import parse as parse_gtin
from storefront.demo.catalog_data import build_catalog
from storefront.demo.images import render
from storefront.demo.stock_data import stock_rows
from storefront.demo.stores_data import store_rows
from storefront.importing import slugify
from storefront.stores.hours_syntax import parse_closures, parse_hours
from storefront.stores.importing import store_slug


def test_a_bigger_catalog_extends_the_smaller_one() -> None:
    small, big = build_catalog(40), build_catalog(80)

    assert big.rows[: len(small.rows)] == small.rows
    assert build_catalog(40).rows == small.rows


def test_variants_have_unique_skus_and_valid_gtins_and_sizes_that_fit() -> None:
    rows = build_catalog(420).rows

    assert len({row["sku"] for row in rows}) == len(rows)
    assert len({parse_gtin(row["gtin"]) for row in rows}) == len(rows)
    sizes = {row["category"]: set() for row in rows}
    for row in rows:
        sizes[row["category"]].add(row["size"])
    assert sizes["Running > Shoes"] <= {str(size) for size in range(36, 48)}
    assert sizes["Hiking > Jackets"] <= {"XS", "S", "M", "L", "XL", "XXL"}
    assert sizes["Cycling > Bikes"] <= {"S", "M", "L", "XL"}
    assert sizes["Camping > Tents"] == {""}


def test_some_products_are_on_promotion() -> None:
    rows = build_catalog(420).rows
    promoted = {row["product"] for row in rows if row["compare_at_price"]}

    assert 0.08 < len(promoted) / 420 < 0.3
    assert all(
        float(r["compare_at_price"]) > float(r["price"]) for r in rows if r["compare_at_price"]
    )


def test_stores_are_real_places_with_hours_and_one_warehouse() -> None:
    rows = store_rows()

    assert len(rows) >= 41
    assert Counter(row["kind"] for row in rows)["warehouse"] == 1
    for row in rows:
        assert row["timezone"] in zoneinfo.available_timezones()
        assert parse_hours(row["hours"])
        parse_closures(row["closures"])
        assert store_slug(row["city"], row["name"]).startswith(slugify(row["city"]))
    cities = {row["city"] for row in rows}
    assert {"Paris", "Lyon", "Brussels", "Geneva", "Luxembourg", "Lausanne"} <= cities
    sundays = [row for row in rows if any(p.weekday == 6 for p in parse_hours(row["hours"]))]
    assert 2 <= len(sundays) <= 6


def test_stock_is_deep_in_the_warehouse_and_thin_in_stores() -> None:
    rows = stock_rows(build_catalog(200))
    shop = [row["on_hand"] for row in rows if row["store"] != "WH-SQF"]
    warehouse = [row["on_hand"] for row in rows if row["store"] == "WH-SQF"]

    assert max(shop) <= 12
    assert 0.15 < shop.count(0) / len(shop) < 0.25
    assert (shop.count(1) + shop.count(2)) / len(shop) > 0.1
    assert sum(warehouse) / len(warehouse) > 50


def test_store_stock_is_shelved_by_aisle_and_bay_and_stores_differ() -> None:
    catalog = build_catalog(200)
    product_of = {sku: key for key, skus in catalog.skus_by_product.items() for sku in skus}
    rows = stock_rows(catalog)
    shop = [row for row in rows if row["store"] != "WH-SQF"]

    assert all(row.get("location", "") == "" for row in rows if row["store"] == "WH-SQF")
    assert all(re.fullmatch(r"Aisle \d{1,2}, bay \d{1,2}", row["location"]) for row in shop)
    shelves: dict[tuple[str, str], set[str]] = {}
    aisles: dict[tuple[str, str], set[str]] = {}
    for row in shop:
        key = product_of[row["sku"]]
        shelves.setdefault((row["store"], key), set()).add(row["location"])
        aisle = row["location"].split(",")[0]
        aisles.setdefault((row["store"], catalog.category_of[key]), set()).add(aisle)
    assert all(len(found) == 1 for found in shelves.values())  # every size on one shelf
    assert all(len(found) == 1 for found in aisles.values())  # a category in one aisle
    running_shoes = {aisle for (_s, c), [aisle] in aisles.items() if c == "Running > Shoes"}
    assert len(running_shoes) > 3  # each store has its own layout


def test_images_are_small_svgs() -> None:
    catalog = build_catalog(120)
    shapes = {image.shape: image for image in catalog.images}

    assert len(shapes) >= 12
    for image in shapes.values():
        svg = render(image)
        assert svg.startswith("<svg") and svg.endswith("</svg>")
        assert len(svg.encode()) < 2000
        assert image.colour in svg
