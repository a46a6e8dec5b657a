"""`flask --app app staff add EMAIL STORE`: give an account a role at a store."""

from __future__ import annotations

import click
from flask import current_app, url_for
from flask.cli import AppGroup

from storefront import db
from storefront.accounts.resets import request_password_reset
from storefront.messages import FieldErrors
from storefront.outbox.links import public_links
from storefront.staff import services
from storefront.staff.models import MANAGER, STAFF

staff_cli = AppGroup("staff", help="Store team accounts.")


class _Links:
    """Keeps the password link the reset service makes, to print it once."""

    def __init__(self) -> None:
        self.made: list[str] = []

    def __call__(self, token: str) -> str:
        self.made.append(url_for("accounts.reset_password", token=token, _external=True))
        return self.made[-1]


@staff_cli.command("add")
@click.argument("email")
@click.argument("store")
@click.option("--manager", is_flag=True, help="Store manager: also pairs and runs its kiosks.")
def add_command(email: str, store: str, manager: bool) -> None:
    """Give EMAIL a staff role at STORE (a store code), creating the account if needed."""
    session = db.session()
    # With single sign-on only, people get their account by signing in through the
    # provider: a local account made here could never be signed in to.
    local_accounts = current_app.config["STOREFRONT"].local_accounts
    try:
        role = MANAGER if manager else STAFF
        added = services.add_staff(session, email, store, create=local_accounts, role=role)
        links = _Links()
        if added.created:
            # On the public address, as a request would be: links and the email's language.
            with public_links():
                request_password_reset(session, added.account.email, link_for=links)
    except services.UnknownStore:
        raise click.ClickException(f"no store with code {store}") from None
    except services.NoSuchAccount:
        raise click.ClickException(
            f"no account for {email}: with single sign-on only, ask them to sign in once, "
            "then run this again"
        ) from None
    except FieldErrors as error:
        problems = "; ".join(str(m) for m in error.errors.values())
        raise click.ClickException(f"{email}: {problems}") from None
    session.commit()
    who = added.account.email
    if added.already:
        click.echo(f"{who} is already {role} at {store}: nothing changed.")
        return
    click.echo(f"{who} is now {role} at {store}.")
    if added.created:
        click.echo("New account. Give them this one-time link to set their password")
        click.echo(f"(it was emailed to them too): {links.made[0]}")
