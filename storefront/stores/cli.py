"""`flask --app app stores import FILE` and `stock import FILE`, from CSV or JSON Lines."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from storefront.importing import run_import
from storefront.stores.importing import import_stock, import_stores

stores_cli = AppGroup("stores", help="Stores, their opening hours and closures.")
stock_cli = AppGroup("stock", help="Units on hand per store and SKU.")
FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@stores_cli.command("import")
@click.argument("file", type=FILE)
def import_stores_command(file: Path) -> None:
    """Create or update stores, by code, from a .csv or .jsonl FILE."""
    run_import(file, import_stores, "stores")


@stock_cli.command("import")
@click.argument("file", type=FILE)
def import_stock_command(file: Path) -> None:
    """Set units on hand per store code and SKU from a .csv or .jsonl FILE."""
    run_import(file, import_stock, "stock levels")
