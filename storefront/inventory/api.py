"""Blueprint "stock_api": POST /api/stock for the tills, and its OpenAPI description."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import HTTPException

from storefront import db
from storefront.errors import RETRY_AFTER, database_away
from storefront.extensions import csrf
from storefront.inventory import feed, tokens
from storefront.request_guard import JSON_NUL

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


@bp.errorhandler(DBAPIError)
def _database_error(error: DBAPIError) -> Response:
    if database_away(error):
        response = _error(503, "the stock service is briefly unavailable: send the feed again")
        response.headers["Retry-After"] = RETRY_AFTER
        return response
    current_app.logger.exception("Unhandled database error", exc_info=error)
    return _error(500, "the feed could not be recorded: send it again")


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
    try:
        body = request.get_json(silent=True)
    except RecursionError:
        return _error(400, "the body is nested too deeply to be a feed")
    if body is None:
        return _error(400, "the body is not valid JSON")
    if any(marker in request.get_data(cache=True) for marker in JSON_NUL):
        return _error(400, "the body holds a NUL character, which no field accepts")
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
