"""Designed error pages; a message for the shopper, never a stack trace.

htmx swaps error responses too (htmx 4), so an htmx request gets a short message in the
page's notification area instead of a whole error page inside the element it targeted.
"""

from __future__ import annotations

from flask import Flask, make_response, render_template
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from werkzeug.exceptions import (
    HTTPException,
    InternalServerError,
    SecurityError,
    ServiceUnavailable,
)
from werkzeug.wrappers import Response

from storefront import db
from storefront.htmx import render_fragment, wants_fragment
from storefront.messages import N_, Message

NOTIFICATION_AREA = "#cart-toast"
SHORT_MESSAGES = {
    400: N_("This page is out of date: reload it and try again."),
    404: N_("This is no longer available: reload the page."),
    429: N_("Too many attempts: wait a minute and try again."),
    503: N_("The shop is briefly unavailable: try again in a moment."),
}
RETRY_AFTER = "30"  # seconds a shopper or a till should wait while the database is away
UNEXPECTED = N_("Something went wrong on our side. Please try again in a moment.")


def _respond(error: HTTPException) -> Response:
    status = error.code or 500
    if wants_fragment():
        message = Message(SHORT_MESSAGES.get(status, UNEXPECTED))
        response = render_fragment("partials/toast.html", status, refusal=message)
        response.headers["HX-Retarget"] = NOTIFICATION_AREA
        response.headers["HX-Reswap"] = "outerHTML"
        return response
    return make_response(render_template("errors/error.html", error=error, status=status), status)


def database_away(error: Exception) -> bool:
    """Whether `error` says the database cannot be reached (or is locked) for now; if so,
    the request lets its session go, and renders without the database."""
    away = isinstance(error, OperationalError | InterfaceError) or (
        isinstance(error, DBAPIError) and error.connection_invalidated
    )
    if away:
        db.give_up_session()
    return away


def _unavailable() -> Response:
    response = _respond(ServiceUnavailable())
    response.headers["Retry-After"] = RETRY_AFTER
    return response


def _untrusted_host(_error: SecurityError) -> Response:
    """A request for a host that is not STOREFRONT_PUBLIC_URL's: no page can be built for it
    (every link would point there), so a plain answer."""
    return Response("This shop is not served at this address.\n", 400, mimetype="text/plain")


def init_app(app: Flask) -> None:
    app.register_error_handler(SecurityError, _untrusted_host)

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> Response:
        return _respond(error)

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> Response:
        if database_away(error):
            app.logger.error("The database cannot be reached: %s", error)
            return _unavailable()
        app.logger.exception("Unhandled error", exc_info=error)
        db.render_without_database()
        return _respond(InternalServerError())
