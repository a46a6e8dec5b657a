"""The cart in the app: its pages and fragments, and its CLI."""

from __future__ import annotations

from flask import Flask

from storefront.cart import views
from storefront.cart.cli import carts_cli


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
    app.cli.add_command(carts_cli)
