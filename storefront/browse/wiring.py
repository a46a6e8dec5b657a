"""The catalog pages in the app: home, categories, search, products and the barcode scan."""

from __future__ import annotations

from flask import Flask

from storefront.browse import scan_views, views


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
    app.register_blueprint(scan_views.bp)
