"""`flask --app app catalog import FILE`: products and variants from CSV or JSON Lines."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from storefront.catalog.importing import import_catalog
from storefront.importing import IMPORT_FILE, run_import

catalog_cli = AppGroup("catalog", help="Catalog: products, variants, categories, brands.")


@catalog_cli.command("import")
@click.argument("file", type=IMPORT_FILE)
def import_command(file: Path) -> None:
    """Create or update products and variants, by SKU, from a .csv or .jsonl FILE.

    Needs sku, title, price and category per line; a file with any bad line changes
    nothing and lists every bad line.
    """
    run_import(file, import_catalog, "SKUs")
