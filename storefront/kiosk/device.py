"""The kiosk's device credential: a long-lived cookie that names the kiosk and proves it."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app, request
from itsdangerous import BadSignature, URLSafeSerializer
from werkzeug.wrappers import Response

from storefront.kiosk.services import Credential

COOKIE = "kiosk_device"
# Browsers cap a cookie's life at 400 days; revocation, not expiry, is what ends a kiosk.
LIFETIME = timedelta(days=400)
PATH = "/kiosk"  # sent to kiosk pages only: the shop's own pages have no use for it


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="kiosk-device")


def read() -> Credential | None:
    """The credential the browser brought; a tampered or malformed cookie counts as none."""
    raw = request.cookies.get(COOKIE)
    if not raw:
        return None
    try:
        kiosk_id, secret = _serializer().loads(raw)
    except (BadSignature, ValueError, TypeError):
        return None
    if not (isinstance(kiosk_id, int) and isinstance(secret, str) and len(secret) < 100):
        return None
    return Credential(kiosk_id, secret)


def write(response: Response, credential: Credential) -> None:
    """HttpOnly so no script reads it, Strict so no other site's link or form carries it."""
    response.set_cookie(
        COOKIE,
        _serializer().dumps([credential.kiosk_id, credential.secret]),
        max_age=int(LIFETIME.total_seconds()),
        path=PATH,
        httponly=True,
        samesite="Strict",
        secure=request.is_secure or current_app.config["SESSION_COOKIE_SECURE"],
    )
