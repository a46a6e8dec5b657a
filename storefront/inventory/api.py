"""Blueprint "stock_api": POST /api/stock for the tills, GET /api/stock to read one SKU, and
their OpenAPI description."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import HTTPException

from storefront import db
from storefront.errors import RETRY_AFTER, database_away
from storefront.extensions import csrf
from storefront.inventory import feed, stock, tokens
from storefront.request_guard import JSON_NUL

bp = Blueprint("stock_api", __name__, url_prefix="/api")
csrf.exempt(bp)  # bearer tokens, no cookies: nothing for a forged form to ride on
MAX_BODY_BYTES = 1024 * 1024  # 5,000 lines of {"sku": ..., "delta": ...} fit well within
OPENAPI = Path(__file__).with_name("openapi.yaml")
MAX_SKU = 64


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


def _token_store() -> int | Response:
    """The store whose token the request carries, or the 401 that says what is wrong."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.casefold() != "bearer" or not token.strip():
        return _unauthorised("send the store's token as Authorization: Bearer <token>")
    store_id = tokens.store_for_token(db.session(), token.strip())
    return _unauthorised("unknown or revoked token") if store_id is None else store_id


@bp.get("/stock")
def read_stock() -> Response:
    store_id = _token_store()
    if isinstance(store_id, Response):
        return store_id
    sku = request.args.get("sku", "").strip()
    if not sku or len(sku) > MAX_SKU:
        return _error(400, f"give one SKU of 1 to {MAX_SKU} characters: /api/stock?sku=...")
    found = stock.store_level(db.session(), store_id, sku)
    if found is None:
        return _error(404, f"no variant with SKU {sku}")
    return jsonify(asdict(found))


@bp.post("/stock")
def push_stock() -> Response:
    store_id = _token_store()
    if isinstance(store_id, Response):
        return store_id
    session = db.session()
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
