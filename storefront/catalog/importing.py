"""Catalog import: lines of SKUs grouped into products, upserted by SKU.

Decisions an operator relies on:
- A line describes its SKU completely: an empty optional field clears it (an empty
  ``compare_at_price`` ends a promotion). Images are only ever added.
- Lines sharing a ``product`` key are the variants of one product, named after the first
  line's title; a line without one is a product of its own, keyed by its SKU. The key is
  kept in ``Product.attributes["import_key"]``, so re-importing finds the same product
  while its slug (made from the name once, at creation) and URL stay stable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from babel.numbers import list_currencies
from sqlalchemy import insert
from sqlalchemy.orm import Session

from storefront.catalog.gtin import parse as parse_gtin
from storefront.catalog.import_lookups import Brands, CategoryPaths, ExistingProducts
from storefront.catalog.models import Product, ProductImage, Variant
from storefront.catalog.search import index_products
from storefront.importing import (
    Fields,
    ImportResult,
    LineError,
    Rows,
    Status,
    as_text,
    assign_changed,
    first_seen,
)
from storefront.money import InvalidPrice, parse_major

GTIN_FIELDS = ("gtin", "ean", "upc")
IMAGE_PATH = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$")
KNOWN_FIELDS = frozenset(
    {"sku", "title", "price", "category", "description", "brand", "currency", "size"}
    | {"colour", "compare_at_price", "product", "image", *GTIN_FIELDS}
)


@dataclass(frozen=True)
class CatalogLine:
    line: int
    sku: str
    title: str
    product_key: str
    category: tuple[str, ...]
    brand: str
    description: str
    price: int
    currency: str
    compare_at: int | None
    gtin: str | None
    size: str | None
    colour: str | None
    image: str | None


def parse_category(raw: Any) -> tuple[str, ...]:
    path = tuple(part.strip() for part in as_text(raw).split(">"))
    if not all(path):
        raise ValueError("empty level in the category path")
    if any(len(part) > 120 for part in path):
        raise ValueError("a category name is longer than 120 characters")
    return path


def parse_currency(raw: Any) -> str:
    code = as_text(raw).upper()
    if len(code) != 3 or code not in list_currencies():
        raise ValueError(f"{code!r} is not an ISO 4217 currency")
    return code


def parse_image(raw: Any) -> str:
    path = as_text(raw)
    if len(path) > 255 or ".." in path or not IMAGE_PATH.match(path):
        raise ValueError("must be a relative path under media/, e.g. products/tent.svg")
    return path


def read_line(line: int, row: dict[str, Any], errors: list[LineError]) -> CatalogLine | None:
    """One line checked field by field; None (and an error per bad field) when invalid."""
    fields = Fields(line, row, errors)
    sku = fields.text("sku", required=True, max_length=64)
    title = fields.text("title", required=True, max_length=200)
    key = fields.text("product", max_length=120) or sku
    category = fields.value("category", parse_category, required=True) or ()
    brand = fields.text("brand", max_length=120)
    description = fields.text("description", max_length=20_000)
    currency = fields.value("currency", parse_currency) or "EUR"

    def price(raw: Any) -> int:
        try:
            return parse_major(raw, currency)
        except InvalidPrice as exc:
            raise ValueError(str(exc)) from None

    amount = fields.value("price", price, required=True)
    compare_at = fields.value("compare_at_price", price)
    if amount is not None and compare_at is not None and compare_at <= amount:
        fields.error("compare_at_price", "must be above the price")
    gtin_field = next((name for name in GTIN_FIELDS if str(row.get(name) or "").strip()), "gtin")
    catalog_line = CatalogLine(
        line=line,
        sku=sku,
        title=title,
        product_key=key,
        category=category,
        brand=brand,
        description=description,
        price=amount or 0,
        currency=currency,
        compare_at=compare_at,
        gtin=fields.value(gtin_field, parse_gtin),
        size=fields.text("size", max_length=32) or None,
        colour=fields.text("colour", max_length=40) or None,
        image=fields.value("image", parse_image),
    )
    return catalog_line if fields.ok else None


def import_catalog(session: Session, rows: Rows) -> ImportResult:
    """Create or update products and variants, by SKU, from catalog lines.

    Every line is checked (fields, duplicates within the file, GTINs owned by other SKUs)
    before anything is written, so a file with a bad line leaves the session untouched.
    Lookups are preloaded in a few queries and the search index is refreshed once for all
    changed products: thousands of lines import in seconds.
    """
    result = ImportResult()
    lines: list[CatalogLine] = []
    for number, row in rows:
        result.note_unknown(row, KNOWN_FIELDS)
        if (line := read_line(number, row, result.errors)) is not None:
            lines.append(line)
    groups = _group(lines, result.errors)
    existing = ExistingProducts(session, {x.sku for x in lines}, {x.product_key for x in lines})
    owners = existing.gtin_owners({line.gtin for line in lines if line.gtin})
    for line in lines:
        other = owners.get(line.gtin or "", line.sku)
        if other != line.sku:
            result.errors.append(LineError(line.line, "gtin", f"already used by SKU {other}"))
    if result.errors:
        return result
    tree, brands = CategoryPaths(session), Brands(session)
    category_ids = {line.category: tree.resolve(line.category) for line in lines}
    brand_ids = {line.brand: brands.resolve(line.brand) for line in lines}
    planned: list[tuple[Product, bool, list[CatalogLine]]] = []
    for key, group in groups.items():
        first = group[0]
        product, created = existing.product_for(key, [x.sku for x in group], first.title)
        changed = assign_changed(
            product,
            {
                "name": first.title,
                "description": first.description,
                "category_id": category_ids[first.category],
                "brand_id": brand_ids[first.brand],
                "attributes": {**product.attributes, "import_key": key},
            },
        )
        changed = _add_images(product, group) or changed
        planned.append((product, changed and not created, group))
    session.flush()  # new products get their ids
    touched: list[int] = []
    new_variants: list[dict[str, Any]] = []
    for product, product_changed, group in planned:
        statuses = [
            _upsert_variant(existing, product, line, position, product_changed, new_variants)
            for position, line in enumerate(group)
        ]
        for status in statuses:
            result.tally(status)
        if product_changed or any(status != "unchanged" for status in statuses):
            touched.append(product.id)
    if new_variants:  # Core bulk insert: thousands of new SKUs without an ORM object each
        session.execute(insert(Variant.metadata.tables["variant"]), new_variants)
    session.flush()
    # Variants were inserted or moved by foreign key, behind the ORM's back: loaded lists
    # of variants no longer tell the truth, so the next reader reloads them.
    for product in {*existing.products.values(), *(product for product, _, _ in planned)}:
        session.expire(product, ["variants"])
    index_products(session, touched)
    return result


def _group(lines: list[CatalogLine], errors: list[LineError]) -> dict[str, list[CatalogLine]]:
    """Lines by product key, in file order; a SKU or GTIN twice in the file is an error."""
    first_seen([(line.line, line.sku) for line in lines], errors, "sku")
    first_seen([(line.line, line.gtin) for line in lines if line.gtin], errors, "gtin")
    groups: dict[str, list[CatalogLine]] = {}
    skus: set[str] = set()
    for line in lines:
        if line.sku in skus:
            continue  # already reported as a duplicate
        skus.add(line.sku)
        group = groups.setdefault(line.product_key, [])
        if group and line.category != group[0].category:
            reason = f"differs from line {group[0].line} of the same product"
            errors.append(LineError(line.line, "category", reason))
        group.append(line)
    return groups


def _upsert_variant(
    existing: ExistingProducts,
    product: Product,
    line: CatalogLine,
    position: int,
    product_changed: bool,
    new_variants: list[dict[str, Any]],
) -> Status:
    """Update the line's variant under ``product``, or queue it for insertion: "created",
    "updated" (also when its product changed, e.g. a new name) or "unchanged"."""
    values = {
        "product_id": product.id,
        "size": line.size,
        "colour": line.colour,
        "gtin": line.gtin,
        "price_amount": line.price,
        "currency": line.currency,
        "compare_at_amount": line.compare_at,
        "position": position,
    }
    variant = existing.variants.get(line.sku)
    if variant is None:
        new_variants.append({"sku": line.sku, **values})
        return "created"
    return "updated" if assign_changed(variant, values) or product_changed else "unchanged"


def _add_images(product: Product, group: Iterable[CatalogLine]) -> bool:
    """Attach each new image path once, tagged with its line's colour; True if any was new."""
    paths = {image.path for image in product.images}
    count = len(paths)
    for line in group:
        if line.image and line.image not in paths:
            paths.add(line.image)
            alt = f"{product.name}, {line.colour}" if line.colour else product.name
            position = len(product.images)
            product.images.append(
                ProductImage(path=line.image, alt=alt[:255], colour=line.colour, position=position)
            )
    return len(paths) > count
