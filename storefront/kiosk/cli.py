"""`flask --app app kiosk pair STORE`: a one-time link that pairs a screen as a kiosk."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from storefront import clock, db
from storefront.kiosk import rules, services
from storefront.messages import FieldErrors
from storefront.outbox.links import external_url

kiosk_cli = AppGroup("kiosk", help="In-store kiosks.")


@kiosk_cli.command("pair")
@click.argument("store")
@click.option("--name", help="What staff call this screen, such as “Entrance”.")
def pair_command(store: str, name: str | None) -> None:
    """Print a link that pairs one screen as a kiosk of STORE (a store code)."""
    session = db.session()
    try:
        new = services.start_pairing(
            session, services.store_by_code(session, store), now=clock.now(), name=name
        )
    except services.UnknownStore:
        raise click.ClickException(f"no store with code {store}") from None
    except FieldErrors as error:
        problems = "; ".join(str(m) for m in error.errors.values())
        raise click.ClickException(f"name: {problems}") from None
    session.commit()
    minutes = int(rules.PAIRING_VALID_FOR.total_seconds() // 60)
    click.echo(f"{new.kiosk.name} of {new.kiosk.store.name}: open this link on the screen,")
    click.echo(f"within {minutes} minutes; it works once:")
    click.echo(external_url("kiosk_pairing.show", token=new.token))
