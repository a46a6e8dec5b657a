"""Showing a list to a store associate, in the app: the shopper's panel."""

from __future__ import annotations

from flask import Flask

from storefront.consent import views


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
