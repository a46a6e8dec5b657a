"""The catalog pages in the app: home, categories, search and products."""

from __future__ import annotations

from flask import Flask

from storefront.browse import views


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
