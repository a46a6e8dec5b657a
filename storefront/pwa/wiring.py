"""The phone app layer in the app."""

from __future__ import annotations

from flask import Flask

from storefront.pwa import views


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
