"""The inventory domain in the app: the tills' stock API, back-in-stock alerts, its CLI."""

from __future__ import annotations

from flask import Flask

from storefront.inventory import alert_emails, alert_views, api
from storefront.inventory.cli import alerts_cli, stock_cli, token_command
from storefront.outbox import rendering
from storefront.stores.cli import stores_cli


def init_app(app: Flask) -> None:
    app.register_blueprint(api.bp)
    app.register_blueprint(alert_views.bp)
    app.cli.add_command(stock_cli)
    app.cli.add_command(alerts_cli)
    # The tills' token is asked per store, so it sits with the stores' commands.
    stores_cli.add_command(token_command)
    rendering.register(app, alert_emails.COMPOSERS)
