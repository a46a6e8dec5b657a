"""The staff area in the app: the store's order board, its CLI, and staff's own store."""

from __future__ import annotations

from flask import Flask

from storefront.staff import queries, views
from storefront.staff.cli import staff_cli
from storefront.stores import my_store


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
    app.cli.add_command(staff_cli)
    my_store.register_workplaces(app, queries.store_ids_of)
