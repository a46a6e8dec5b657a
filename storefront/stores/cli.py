"""`flask --app app stores import FILE`."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from storefront.importing import IMPORT_FILE, run_import
from storefront.stores.importing import import_stores

stores_cli = AppGroup("stores", help="Stores, their opening hours and closures.")


@stores_cli.command("import")
@click.argument("file", type=IMPORT_FILE)
def import_stores_command(file: Path) -> None:
    """Create or update stores, by code, from a .csv or .jsonl FILE."""
    run_import(file, import_stores, "stores")
