"""The catalog in the app: the listing cache that catalog writes keep fresh, and its CLI."""

from __future__ import annotations

from flask import Flask

from storefront.catalog import freshness
from storefront.catalog.cli import catalog_cli
from storefront.catalog.read_cache import ReadCache


def init_app(app: Flask) -> None:
    config = app.config["STOREFRONT"]
    version = freshness.version_for(config.cache_url, config.ratelimit_prefix)
    for factory in (app.extensions["db_readers"], app.extensions["db_writers"]):
        freshness.watch(factory, version)
    app.extensions["catalog_cache"] = ReadCache(config.listing_cache_seconds, version)
    app.cli.add_command(catalog_cli)
