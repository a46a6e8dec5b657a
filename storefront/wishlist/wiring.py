"""The wishlist in the app: its pages, hearts, merges and shared lists."""

from __future__ import annotations

from flask import Flask

from storefront.wishlist import views


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
