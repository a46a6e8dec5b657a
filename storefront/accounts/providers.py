"""The configured identity providers of this app, one sso.Client each, found by name or issuer."""

from __future__ import annotations

from flask import Flask, abort, current_app

from storefront import db
from storefront.accounts import logout, sso
from storefront.accounts.models import LOCAL_ISSUER
from storefront.config import Config
from storefront.outbox.links import external_url


def client(name: str) -> sso.Client:
    """The configured provider by its name in the URL; 404 for any other."""
    found = current_app.extensions["sso_clients"].get(name)
    if found is None:
        abort(404)
    return found


def client_for_issuer(issuer: str) -> sso.Client | None:
    clients = current_app.extensions["sso_clients"].values()
    return next((c for c in clients if c.provider.issuer == issuer), None)


def callback_url(name: str) -> str:
    """Exactly the redirect URI registered with the provider: from STOREFRONT_PUBLIC_URL
    when set, so that it does not depend on the Host header."""
    return external_url("accounts.sso_callback", provider=name)


def end_session_url(session_id: str) -> str | None:
    """Where to send the browser after signing out here: the provider's end-session page
    when this sign-in came through one that offers it, which returns to our home page."""
    issuer = logout.issuer_of_session(db.session(), session_id)
    if issuer is None or issuer == LOCAL_ISSUER:
        return None
    found = client_for_issuer(issuer)
    return found.end_session_url(external_url("catalog.home")) if found else None


def init_app(app: Flask) -> None:
    config: Config = app.config["STOREFRONT"]
    app.extensions["sso_clients"] = {p.name: sso.Client(p) for p in config.oidc_providers}
