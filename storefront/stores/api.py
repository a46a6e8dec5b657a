"""Blueprint "stock_api": POST /api/stock for the tills, and its OpenAPI description."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, Response, jsonify, request
from werkzeug.exceptions import HTTPException

from storefront import db
from storefront.extensions import csrf
from storefront.stores import feed, tokens

bp = Blueprint("stock_api", __name__, url_prefix="/api")
csrf.exempt(bp)  # bearer tokens, no cookies: nothing for a forged form to ride on
MAX_BODY_BYTES = 1024 * 1024  # 5,000 lines of {"sku": ..., "delta": ...} fit well within
OPENAPI = Path(__file__).with_name("openapi.yaml")


def _error(status: int, message: str, **extra: Any) -> Response:
    response = jsonify({"error": message, **extra})
    response.status_code = status
    return response


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException) -> Response:
    """JSON, not the shop's HTML error page: the client is a till, not a browser."""
    return _error(error.code or 500, error.description or error.name)


def _unauthorised(reason: str) -> Response:
    response = _error(401, reason)
    response.headers["WWW-Authenticate"] = 'Bearer realm="stock", error="invalid_token"'
    return response


@bp.post("/stock")
def stock() -> Response:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.casefold() != "bearer" or not token.strip():
        return _unauthorised("send the store's token as Authorization: Bearer <token>")
    session = db.session()
    store_id = tokens.store_for_token(session, token.strip())
    if store_id is None:
        return _unauthorised("unknown or revoked token")
    if request.mimetype != "application/json":
        return _error(415, "send the feed as Content-Type: application/json")
    request.max_content_length = MAX_BODY_BYTES
    body = request.get_json(silent=True)
    if body is None:
        return _error(400, "the body is not valid JSON")
    try:
        outcome = feed.apply_feed(session, store_id, body)
    except feed.FeedError as exc:
        session.rollback()
        return _error(400, str(exc))
    except feed.FeedRejected as exc:
        session.rollback()
        lines = [{"index": e.line, "field": e.field, "reason": e.reason} for e in exc.errors]
        return _error(422, "nothing was applied: fix these lines and send again", lines=lines)
    session.commit()
    response = jsonify(outcome.result)
    if outcome.replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return response


@bp.get("/openapi.yaml")
def openapi() -> Response:
    return Response(OPENAPI.read_text(encoding="utf-8"), mimetype="application/yaml")
