"""Designed error pages; a message for the shopper, never a stack trace.

htmx swaps error responses too (htmx 4), so an htmx request gets a short message in the
page's notification area instead of a whole error page inside the element it targeted.
"""

from __future__ import annotations

from flask import Flask, g, render_template
from werkzeug.exceptions import HTTPException, InternalServerError, SecurityError
from werkzeug.wrappers import Response

from storefront.htmx import render_fragment, wants_fragment
from storefront.messages import N_, Message

NOTIFICATION_AREA = "#cart-toast"
SHORT_MESSAGES = {
    400: N_("This page is out of date: reload it and try again."),
    404: N_("This is no longer available: reload the page."),
    429: N_("Too many attempts: wait a minute and try again."),
}
UNEXPECTED = N_("Something went wrong on our side. Please try again in a moment.")


def _respond(error: HTTPException) -> Response | tuple[str, int]:
    status = error.code or 500
    if wants_fragment():
        message = Message(SHORT_MESSAGES.get(status, UNEXPECTED))
        response = render_fragment("partials/toast.html", status, refusal=message)
        response.headers["HX-Retarget"] = NOTIFICATION_AREA
        response.headers["HX-Reswap"] = "outerHTML"
        return response
    return render_template("errors/error.html", error=error, status=status), status


def _untrusted_host(_error: SecurityError) -> Response:
    """A request for a host that is not STOREFRONT_PUBLIC_URL's: no page can be built for it
    (every link would point there), so a plain answer."""
    return Response("This shop is not served at this address.\n", 400, mimetype="text/plain")


def init_app(app: Flask) -> None:
    app.register_error_handler(SecurityError, _untrusted_host)

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> Response | tuple[str, int]:
        return _respond(error)

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> Response | tuple[str, int]:
        app.logger.exception("Unhandled error", exc_info=error)
        g.database_unavailable = True  # the error may be the database's: render without it
        return _respond(InternalServerError())
