"""`flask catalog|stores|stock import FILE` as an operator runs them: output and exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import Result
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storefront.catalog.models import Product, Variant
from storefront.inventory.models import StockLevel
from storefront.stores.models import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "storefront" / "demo" / "examples"


def invoke(app: Flask, *args: str) -> Result:
    return app.test_cli_runner().invoke(args=list(args))


def count(session: Session, model: type) -> int:
    """Rows in a table, read in a short transaction so the next command can write."""
    found = session.scalar(select(func.count()).select_from(model)) or 0
    session.rollback()
    return found


def test_the_example_files_import_and_reimport_without_duplicates(
    app: Flask, session: Session
) -> None:
    commands = [
        ("catalog", "catalog.csv"),
        ("catalog", "catalog.jsonl"),
        ("stores", "stores.jsonl"),
        ("stock", "stock.csv"),
    ]
    for group, name in commands:
        result = invoke(app, group, "import", str(EXAMPLES / name))
        assert result.exit_code == 0, result.output
        assert f"Imported {name}: " in result.output

    again = invoke(app, "catalog", "import", str(EXAMPLES / "catalog.csv"))

    assert "0 created, 0 updated, 4 unchanged SKUs" in again.output
    assert (count(session, Product), count(session, Variant)) == (4, 7)
    assert (count(session, Store), count(session, StockLevel)) == (3, 7)


def test_a_file_with_bad_lines_changes_nothing_and_lists_them(
    app: Flask, session: Session, tmp_path: Path
) -> None:
    invoke(app, "catalog", "import", str(EXAMPLES / "catalog.csv"))
    bad = tmp_path / "prices.csv"
    bad.write_text(
        "sku,title,price,category,shelf\n"
        "NV-KES-RED-41,Kestrel,99.90,Running > Shoes,A1\n"
        "NEW-1,New thing,twelve,Running,A2\n"
        "NEW-2,,10,Running,A3\n"
        "NEW-3,Other,10,Running,A4\n"
    )

    result = invoke(app, "catalog", "import", str(bad))

    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Ignored unknown fields: shelf",
        "line 3: price: not a number: 'twelve'",
        "line 4: title: required",
        "2 bad line(s) in prices.csv: nothing was imported.",
    ]
    assert count(session, Variant) == 4
    prices = session.scalars(select(Variant.price_amount).where(Variant.sku == "NV-KES-RED-41"))
    assert prices.all() == [11990]


def test_unknown_fields_are_named_once_on_success(app: Flask, tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(
        '{"sku": "A", "title": "A", "price": 1, "category": "X", "weight": 1}\n'
        '{"sku": "B", "title": "B", "price": 2, "category": "X", "weight": 2, "tax": 1}\n'
    )

    result = invoke(app, "catalog", "import", str(path))

    assert result.exit_code == 0
    assert result.stderr == "Ignored unknown fields: weight, tax\n"
    assert result.stdout == "Imported c.jsonl: 2 created, 0 updated, 0 unchanged SKUs.\n"


def test_stock_below_reserved_units_is_refused(
    app: Flask, session: Session, tmp_path: Path
) -> None:
    for group, name in [("catalog", "catalog.csv"), ("stores", "stores.jsonl")]:
        invoke(app, group, "import", str(EXAMPLES / name))
    path = tmp_path / "stock.csv"
    path.write_text("store;sku;on_hand\nLYS-PDI;NV-KES-RED-41;4\n")
    assert invoke(app, "stock", "import", str(path)).exit_code == 0
    session.rollback()
    level = session.scalars(select(StockLevel)).one()
    level.reserved = 3
    session.commit()
    path.write_text("store,sku,on_hand\nLYS-PDI,NV-KES-RED-41,2\n")

    result = invoke(app, "stock", "import", str(path))

    assert result.exit_code == 1
    assert "line 2: on_hand: 2 is below the 3 units reserved for orders" in result.stderr


@pytest.mark.parametrize(
    ("name", "message"),
    [("stock.xlsx", "expected a .csv, .jsonl or .ndjson file"), ("stock.csv", "not UTF-8")],
)
def test_unreadable_files_are_refused_whole(
    app: Flask, tmp_path: Path, name: str, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(b"store,sku,on_hand\nLYS,\xff\xfe,1\n")

    result = invoke(app, "stock", "import", str(path))

    assert result.exit_code == 1
    assert message in result.stderr
    assert "Nothing was imported" in result.stderr


def test_a_missing_file_is_a_usage_error(app: Flask, tmp_path: Path) -> None:
    result = invoke(app, "stores", "import", str(tmp_path / "nope.csv"))

    assert result.exit_code == 2
    assert "does not exist" in result.stderr
