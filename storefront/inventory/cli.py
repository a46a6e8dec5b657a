"""`flask --app app stock import FILE`, `stores token STORE` (the tills' feed token) and
`alerts purge`."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup, with_appcontext
from sqlalchemy.orm import Session

from storefront import clock, db
from storefront.importing import IMPORT_FILE, ImportResult, Rows, run_import
from storefront.inventory import alerts, tokens
from storefront.inventory.importing import import_stock

stock_cli = AppGroup("stock", help="Units on hand per store and SKU.")
alerts_cli = AppGroup("alerts", help="Back-in-stock alerts.")


@stock_cli.command("import")
@click.argument("file", type=IMPORT_FILE)
def import_stock_command(file: Path) -> None:
    """Set units on hand per store code and SKU from a .csv or .jsonl FILE."""
    run_import(file, import_stock_and_notify, "stock levels")


def import_stock_and_notify(session: Session, rows: Rows) -> ImportResult:
    """The stock import, then the back-in-stock emails it makes due, in its transaction
    (rolled back with it when a line is bad)."""
    result = import_stock(session, rows)
    if not result.errors:
        alerts.notify_back_in_stock(session)
    return result


@click.command("token")
@with_appcontext
@click.argument("store")
@click.option("--revoke", is_flag=True, help="Revoke the store's tokens instead of adding one.")
def token_command(store: str, revoke: bool) -> None:
    """Print a new stock-feed token for the tills of STORE (a store code), once."""
    session = db.session()
    try:
        if revoke:
            count = tokens.revoke_tokens(session, store)
        else:
            token = tokens.issue_token(session, store)
    except tokens.UnknownStore:
        raise click.ClickException(f"no store with code {store}") from None
    session.commit()
    if revoke:
        click.echo(f"Revoked {count} token(s) of store {store}.")
    else:
        click.echo(token)
        click.echo("Shown once: only its hash is kept. Give it to the store's tills.", err=True)


@alerts_cli.command("purge")
def purge_alerts_command() -> None:
    """Delete alerts nobody confirmed within 48 hours, and their address (run from cron)."""
    session = db.session()
    removed = alerts.remove_unconfirmed(session, clock.now())
    session.commit()
    click.echo(f"Removed {removed} unconfirmed alert(s).")
