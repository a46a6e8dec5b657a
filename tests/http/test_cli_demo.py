"""`flask demo load` as `make run` and the benchmark call it."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storefront.catalog.models import Brand, Category, Product, ProductImage, Variant
from storefront.catalog.search import ranked_ids
from storefront.inventory.models import StockLevel
from storefront.stores.models import Store, StoreKind


def counts(session: Session) -> dict[str, int]:
    """Rows per table, read in a short transaction so the next command can write."""
    models = (Product, Variant, Category, Brand, ProductImage, Store, StockLevel)
    found = {
        model.__name__: session.scalar(select(func.count()).select_from(model)) or 0
        for model in models
    }
    session.rollback()
    return found


def test_loading_twice_changes_nothing(app: Flask, session: Session) -> None:
    runner = app.test_cli_runner()

    first = runner.invoke(args=["demo", "load", "--products", "30"])
    loaded = counts(session)
    second = runner.invoke(args=["demo", "load", "--products", "30"])

    assert first.exit_code == 0, first.output
    assert "Catalog: 0 created, 0 updated" in second.output
    assert "Stock: 0 created, 0 updated" in second.output
    assert "Images: 0 written" in second.output
    assert counts(session) == loaded
    assert loaded["Product"] == 30
    assert loaded["ProductImage"] >= 30


def test_if_empty_leaves_an_existing_catalog_alone(app: Flask, session: Session) -> None:
    runner = app.test_cli_runner()
    runner.invoke(args=["demo", "load", "--products", "5"])

    result = runner.invoke(args=["demo", "load", "--if-empty"])

    assert result.exit_code == 0
    assert "demo data not loaded" in result.output
    assert counts(session)["Product"] == 5


def test_the_default_demo_is_a_believable_retailer(app: Flask, session: Session) -> None:
    result = app.test_cli_runner().invoke(args=["demo", "load"])

    assert result.exit_code == 0, result.output
    loaded = counts(session)
    assert loaded["Product"] >= 400
    assert loaded["Variant"] >= 1500
    assert loaded["Category"] >= 12
    assert loaded["Brand"] >= 10
    assert loaded["Store"] >= 41
    warehouse = session.scalars(select(Store).where(Store.kind == StoreKind.WAREHOUSE)).one()
    assert session.scalars(select(Store.slug).where(Store.code == "LYS-PDI")).one() == (
        "lyon-part-dieu"
    )
    in_warehouse = select(func.count()).where(StockLevel.store_id == warehouse.id)
    assert (session.scalar(in_warehouse) or 0) > 0.8 * loaded["Variant"]
    assert ranked_ids(session, "trail shoe")
    image = session.scalars(select(ProductImage).limit(1)).one()
    svg = Path(app.instance_path) / "media" / image.path
    assert image.path.startswith("products/") and svg.stat().st_size < 2000
