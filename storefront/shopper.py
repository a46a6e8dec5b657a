"""Who the shopper is: a signed-in account, or a guest known by a random token in a cookie.

Carts and wishlists belong to an Owner; every read and write is scoped by it, so no request
can reach another shopper's data by guessing an id.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask import Flask, current_app, g, request
from flask_login import current_user
from itsdangerous import BadSignature, URLSafeSerializer
from werkzeug.wrappers import Response

GUEST_COOKIE = "guest"
GUEST_LIFETIME = timedelta(days=30)


@dataclass(frozen=True)
class Owner:
    account_id: int | None = None
    guest_token: str | None = None


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="guest-token")


def _cookie_token() -> str | None:
    """The token from a valid cookie; a tampered or malformed one counts as none."""
    raw = request.cookies.get(GUEST_COOKIE)
    if not raw:
        return None
    try:
        token = _serializer().loads(raw)
    except BadSignature:
        return None
    valid = isinstance(token, str) and len(token) == 32 and token.isalnum()
    return token if valid else None


def guest_token(*, create: bool) -> str | None:
    """This browser's guest token; with `create`, a new 128-bit one if it has none."""
    if "guest_token" not in g:
        g.guest_token = _cookie_token()
    if g.guest_token is None and create:
        g.guest_token = secrets.token_hex(16)
    if g.guest_token is not None:
        g.refresh_guest_cookie = True  # 30 days counts from the last use, not the first
    return g.guest_token


def forget_guest() -> None:
    """At sign-out: the next person on this device starts as a new guest, with nothing of
    the previous shopper's."""
    g.guest_token = None
    g.forget_guest = True


def current_owner(*, create: bool = False) -> Owner | None:
    if current_user.is_authenticated:
        return Owner(account_id=current_user.account_id)
    token = guest_token(create=create)
    return Owner(guest_token=token) if token else None


def init_app(app: Flask) -> None:
    secure = app.config["SESSION_COOKIE_SECURE"]

    @app.after_request
    def _set_guest_cookie(response: Response) -> Response:
        if g.get("forget_guest"):
            response.delete_cookie(GUEST_COOKIE, httponly=True, samesite="Lax", secure=secure)
        elif g.get("refresh_guest_cookie") and g.get("guest_token"):
            response.set_cookie(
                GUEST_COOKIE,
                _serializer().dumps(g.guest_token),
                max_age=int(GUEST_LIFETIME.total_seconds()),
                httponly=True,
                samesite="Lax",
                secure=secure,
            )
        return response
