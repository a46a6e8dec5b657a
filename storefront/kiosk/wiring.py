"""The kiosk in the app: its pages, its checkout, its pairing, the managers' list, its CLI."""

from __future__ import annotations

from flask import Flask

from storefront import shop_links
from storefront.kiosk import checkout_views, handoff_views, manage_views, pairing_views, views
from storefront.kiosk.access import KIOSK_LINKS
from storefront.kiosk.cli import kiosk_cli


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
    app.register_blueprint(checkout_views.bp)
    app.register_blueprint(pairing_views.bp)
    app.register_blueprint(handoff_views.bp)
    app.register_blueprint(manage_views.bp)
    shop_links.register_shell(app, views.bp.url_prefix or "/kiosk", KIOSK_LINKS, shared_screen=True)
    app.cli.add_command(kiosk_cli)
