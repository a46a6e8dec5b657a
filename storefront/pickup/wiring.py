"""Click & collect in the app: checkout, the shopper's orders, and its CLI."""

from __future__ import annotations

from flask import Flask

from storefront.outbox import rendering
from storefront.pickup import notifications, order_views, views
from storefront.pickup.cli import pickups_cli


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
    app.register_blueprint(order_views.bp)
    app.cli.add_command(pickups_cli)
    rendering.register(app, notifications.COMPOSERS)
