"""Demo stock lines: deep stock in the warehouse, a few units of part of the range in stores,
each on its shelf."""

from __future__ import annotations

import random
from collections import Counter

from storefront.demo.catalog_data import DemoCatalog
from storefront.demo.families import FAMILIES
from storefront.demo.stores_data import CARRIES, STORES, WAREHOUSE
from storefront.importing import Row

BULKY = {"bike", "tent", "skis"}  # shapes stores keep only one or two of
PRODUCTS_PER_BAY = 2


def stock_rows(catalog: DemoCatalog) -> list[Row]:
    """Stock lines in the format of a stock import file.

    The warehouse holds most variants in quantity; each store keeps a share of the products
    that grows with its size (a flagship carries more) and, per variant, has 0 to 12 units:
    about a fifth out of stock and a fair number down to their last one or two, so "only 2
    left" and "out of stock, from the warehouse in 3 days" both show up. Each store draws
    from its own seeded generator in catalog order, so the same catalog always gets the
    same stock and a bigger catalog keeps the smaller one's. A store's products have a shelf
    location, the same for all their sizes and colours (see `_aisles`), and the warehouse's
    none: it is never shown to a shopper.
    """
    rows: list[Row] = []
    rng = random.Random(f"stock:{WAREHOUSE.code}")
    for skus in catalog.skus_by_product.values():
        for sku in skus:
            units = 0 if rng.random() < 0.06 else rng.randint(8, 240)
            rows.append({"store": WAREHOUSE.code, "sku": sku, "on_hand": units})
    for store in STORES:
        rng = random.Random(f"stock:{store.code}")
        aisles = _aisles(store.code, {family.category for family in FAMILIES})
        shelved: Counter[str] = Counter()
        for key, skus in catalog.skus_by_product.items():
            if rng.random() >= CARRIES[store.size]:
                continue
            bulky = catalog.shape_of[key] in BULKY
            category = catalog.category_of[key]
            bay = shelved[category] // PRODUCTS_PER_BAY + 1
            shelved[category] += 1
            location = f"Aisle {aisles[category]}, bay {bay}"
            rows += [
                {
                    "store": store.code,
                    "sku": sku,
                    "on_hand": _shelf_units(rng, bulky),
                    "location": location,
                }
                for sku in skus
                if rng.random() < 0.9
            ]
    return rows


def _aisles(store_code: str, categories: set[str]) -> dict[str, int]:
    """Category path -> aisle number in one store: its departments ("Running", "Ski") in an
    order of the store's own, each department's categories in aisles side by side. Drawn
    from a generator of its own, so the stock drawn above stays the same, and from every
    family's category, so a bigger catalog keeps the aisles of the smaller one."""
    departments = sorted({category.split(" > ")[0] for category in categories})
    random.Random(f"shelves:{store_code}").shuffle(departments)
    ordered = sorted(categories, key=lambda c: (departments.index(c.split(" > ")[0]), c))
    return {category: aisle for aisle, category in enumerate(ordered, start=1)}


def _shelf_units(rng: random.Random, bulky: bool) -> int:
    draw = rng.random()
    if draw < 0.2:
        return 0
    if draw < 0.4:
        return rng.randint(1, 2)
    return rng.randint(1, 3) if bulky else rng.randint(3, 12)
