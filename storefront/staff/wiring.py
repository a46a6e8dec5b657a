"""The staff area in the app: the store's order board, and its CLI."""

from __future__ import annotations

from flask import Flask

from storefront.staff import views
from storefront.staff.cli import staff_cli


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
    app.cli.add_command(staff_cli)
