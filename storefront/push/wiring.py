"""Web push in the app: its CLI, and its sender when the shop has VAPID keys."""

from __future__ import annotations

from functools import partial

from flask import Flask

from storefront.push.cli import push_cli
from storefront.push.sending import WebPush
from storefront.push.services import forget


def init_app(app: Flask) -> None:
    app.cli.add_command(push_cli)
    config = app.config["STOREFRONT"]
    if config.vapid_private_key:
        app.extensions["push_transport"] = WebPush(
            config.vapid_private_key,
            config.vapid_subject,
            forget=partial(forget, app.extensions["db_writers"]),
        )
    app.jinja_env.globals["push_key"] = config.vapid_public_key
