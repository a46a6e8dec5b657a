"""Designed error pages; a message for the shopper, never a stack trace."""

from __future__ import annotations

from flask import Flask, g, render_template
from werkzeug.exceptions import HTTPException, InternalServerError


def init_app(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> tuple[str, int]:
        status = error.code or 500
        return render_template("errors/error.html", error=error, status=status), status

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> tuple[str, int]:
        app.logger.exception("Unhandled error", exc_info=error)
        g.database_unavailable = True  # the error may be the database's: render without it
        wrapped = InternalServerError()
        return render_template("errors/error.html", error=wrapped, status=500), 500
