"""`flask push keys`: the shop's VAPID key pair, printed once as settings."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from storefront.push.keys import new_keys

push_cli = AppGroup("push", help="Web push notifications.")


@push_cli.command("keys")
def keys_command() -> None:
    """Print a new VAPID key pair as the settings that turn web push on."""
    keys = new_keys()
    click.echo(f"STOREFRONT_VAPID_PRIVATE_KEY={keys.private_key}")
    click.echo(f"STOREFRONT_VAPID_PUBLIC_KEY={keys.public_key}")
    click.echo(
        "Keep the private key secret; changing the pair unsubscribes every browser.", err=True
    )
