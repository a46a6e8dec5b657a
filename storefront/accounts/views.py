"""Blueprint "accounts": the routes under /account, and what all of them share."""

from __future__ import annotations

import time
from typing import Any

from flask import Blueprint, Response, current_app, request
from werkzeug.exceptions import TooManyRequests

from storefront.accounts import access_views, account_views, rules, sso_views
from storefront.accounts.forms import posted
from storefront.accounts.responses import form_page
from storefront.extensions import limiter
from storefront.messages import FORM, N_, Message
from storefront.security import personal

bp = personal(Blueprint("accounts", __name__, url_prefix="/account"))
bp.add_app_template_filter(rules.first_name, "first_name")

GET_POST = ["GET", "POST"]
bp.add_url_rule("/sign-up", view_func=access_views.sign_up, methods=GET_POST)
bp.add_url_rule("/sign-in", view_func=access_views.sign_in, methods=GET_POST)
bp.add_url_rule("/sign-out", view_func=access_views.sign_out, methods=["POST"])
bp.add_url_rule("/password-reset", view_func=access_views.password_reset, methods=GET_POST)
bp.add_url_rule("/password-reset/<token>", view_func=access_views.reset_password, methods=GET_POST)
bp.add_url_rule("", view_func=account_views.account, endpoint="account")
bp.add_url_rule("/profile", view_func=account_views.profile, methods=["POST"])
bp.add_url_rule("/password", view_func=account_views.password, methods=["POST"])
bp.add_url_rule("/data.json", view_func=account_views.data)
bp.add_url_rule("/delete", view_func=account_views.delete, methods=["POST"])
bp.add_url_rule("/deleted", view_func=account_views.deleted)
bp.add_url_rule(
    "/sign-in-methods/<int:identity_id>/remove",
    view_func=account_views.remove_sign_in_method,
    methods=["POST"],
)
# Single sign-on: <provider> is a name from STOREFRONT_OIDC_PROVIDERS.
bp.add_url_rule("/sso/<provider>/start", "sso_start", sso_views.start, methods=["POST"])
bp.add_url_rule("/sso/<provider>/add", "sso_add", sso_views.add, methods=["POST"])
bp.add_url_rule("/sso/<provider>/callback", "sso_callback", sso_views.callback)
bp.add_url_rule("/sso/link", "sso_link", sso_views.link, methods=GET_POST)
bp.add_url_rule(
    "/sso/<provider>/backchannel-logout",
    "sso_backchannel_logout",
    sso_views.backchannel_logout,
    methods=["POST"],
)

TOO_MANY = Message(N_("Too many attempts in a short time. Wait a minute, then try again."))
# The rate-limited forms, by endpoint: the template name and the fields to show again.
LIMITED_FORMS = {
    "accounts.sign_in": ("sign_in", "sign-in", access_views.SIGN_IN_FIELDS),
    "accounts.sign_up": ("sign_up", "sign-up", access_views.SIGN_UP_FIELDS),
    "accounts.password_reset": ("password_reset", "password-reset", ("email",)),
    "accounts.sso_start": ("sign_in", "sign-in", access_views.SIGN_IN_FIELDS),
}


@bp.errorhandler(TooManyRequests)
def _too_many(_error: TooManyRequests) -> Response:
    """The same form again, saying why and (in Retry-After) when to come back."""
    name, form_id, fields = LIMITED_FORMS[request.endpoint or ""]
    response = form_page(name, posted(form_id, fields, {FORM: TOO_MANY}), 429)
    current = limiter.current_limit
    wait = current.reset_at - int(time.time()) if current else 60
    response.headers["Retry-After"] = str(max(1, wait))
    return response


@bp.context_processor
def _ways_in() -> dict[str, Any]:
    """What the sign-in page offers: the identity providers, and the password form unless
    local accounts are turned off."""
    config = current_app.config["STOREFRONT"]
    return {"sso_providers": config.oidc_providers, "local_accounts": config.local_accounts}
