"""Accounts in the app: sign-in sessions, single sign-on, the account pages, the steps
signing in runs (in the order given) and what each domain exports and erases."""

from __future__ import annotations

from collections.abc import Sequence

from flask import Flask

from storefront.accounts import emails, on_sign_in, privacy, sessions, sso_views, views
from storefront.outbox import rendering


def init_app(
    app: Flask, *, sign_in_steps: Sequence[on_sign_in.Step], privacy_of: privacy.Privacy
) -> None:
    sessions.init_app(app)
    sso_views.init_app(app)
    app.register_blueprint(views.bp)
    on_sign_in.init_app(app, sign_in_steps)
    privacy.init_app(app, privacy_of)
    rendering.register(app, emails.COMPOSERS)
