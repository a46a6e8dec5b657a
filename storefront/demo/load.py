"""Load the demo retailer through the same import services an operator's files go through."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.catalog.importing import import_catalog
from storefront.catalog.models import Product
from storefront.demo.catalog_data import build_catalog
from storefront.demo.images import write_images
from storefront.demo.stock_data import stock_rows
from storefront.demo.stores_data import store_rows
from storefront.importing import ImportResult, Row, Rows
from storefront.inventory.importing import import_stock
from storefront.stores.importing import import_stores

DEFAULT_PRODUCTS = 420


class DemoDataError(Exception):
    """The generated demo lines were refused by an importer: a bug in the demo data."""


@dataclass(frozen=True)
class DemoReport:
    catalog: ImportResult
    stores: ImportResult
    stock: ImportResult
    images_written: int


def has_products(session: Session) -> bool:
    return session.scalar(select(Product.id).limit(1)) is not None


def load_demo(session: Session, media_root: Path, products: int = DEFAULT_PRODUCTS) -> DemoReport:
    """Import the demo catalog, stores and stock, then write the product images.

    Rows are built in memory in the import file format and handed to the import services,
    so the demo takes the one path operators' files take (same checks, same upsert by
    SKU and code). Everything is deterministic, so a second load finds every line
    unchanged and writes nothing. The caller commits.
    """
    catalog = build_catalog(products)
    return DemoReport(
        catalog=_run(import_catalog, session, catalog.rows, "catalog"),
        stores=_run(import_stores, session, store_rows(), "stores"),
        stock=_run(import_stock, session, stock_rows(catalog), "stock"),
        images_written=write_images(media_root, catalog.images),
    )


def _run(
    service: Callable[[Session, Rows], ImportResult], session: Session, rows: list[Row], name: str
) -> ImportResult:
    result = service(session, enumerate(rows, start=1))
    if result.errors or result.unknown_fields:
        problems = [str(error) for error in result.errors[:5]] + result.unknown_fields
        raise DemoDataError(f"demo {name} lines refused: {'; '.join(problems)}")
    return result
