"""`flask --app app demo load [--products N] [--if-empty]`: a believable retailer to try."""

from __future__ import annotations

import time

import click
from flask import current_app
from flask.cli import AppGroup

from storefront import db
from storefront.demo.load import DEFAULT_PRODUCTS, has_products, load_demo
from storefront.media import media_root

demo_cli = AppGroup("demo", help="Demo data: a sport and outdoor retailer with stores.")


@demo_cli.command("load")
@click.option(
    "--products",
    type=click.IntRange(1, 20_000),
    default=DEFAULT_PRODUCTS,
    show_default=True,
    help="How many products (each with its sizes and colours).",
)
@click.option("--if-empty", is_flag=True, help="Do nothing when the catalog has products.")
def load_command(products: int, if_empty: bool) -> None:
    """Load demo products, stores, stock and images; running it again changes nothing."""
    session = db.session()
    if if_empty and has_products(session):
        click.echo("The catalog already has products: demo data not loaded.")
        return
    started = time.perf_counter()
    report = load_demo(session, media_root(current_app), products)
    session.commit()
    click.echo(f"Catalog: {report.catalog.summary('SKUs')}.")
    click.echo(f"Stores: {report.stores.summary('stores')}.")
    click.echo(f"Stock: {report.stock.summary('stock levels')}.")
    click.echo(f"Images: {report.images_written} written.")
    click.echo(f"Demo data loaded in {time.perf_counter() - started:.1f} s.")
