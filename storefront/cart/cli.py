"""`flask --app app carts purge`: remove guest carts unused for 30 days."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from storefront import clock, db
from storefront.cart.services import purge_expired_guest_carts
from storefront.shopper import GUEST_LIFETIME

carts_cli = AppGroup("carts", help="Shopping carts.")


@carts_cli.command("purge")
def purge() -> None:
    """Delete guest carts not used for 30 days (safe to run from cron)."""
    session = db.session()
    removed = purge_expired_guest_carts(session, now=clock.now(), max_idle=GUEST_LIFETIME)
    session.commit()
    click.echo(f"Removed {removed} expired guest cart(s).")
