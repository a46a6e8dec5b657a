"""The stores domain in the app: its pages, the locator's geocoder, my store, its CLI."""

from __future__ import annotations

from flask import Flask

from storefront.stores import my_store
from storefront.stores.cli import stores_cli
from storefront.stores.geo import make_geocoder
from storefront.stores.views import bp


def init_app(app: Flask) -> None:
    config = app.config["STOREFRONT"]
    app.extensions["stores_geocoder"] = make_geocoder(config.geocoder, config.geocoder_user_agent)
    app.register_blueprint(bp)
    my_store.init_app(app)
    app.cli.add_command(stores_cli)
