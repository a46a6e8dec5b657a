"""Input no view can use, refused before any view runs: a NUL character in the path, the
query or a form cannot be stored (PostgreSQL text refuses it) and never comes from a person
typing. The stock API checks its JSON bodies itself, once it has bounded their size."""

from __future__ import annotations

from flask import Flask, abort, request

NUL = "\x00"
JSON_NUL = (b"\x00", b"\\u0000")


def _has_nul() -> bool:
    if NUL in request.path:
        return True
    if any(NUL in key or NUL in value for key, value in request.args.items(multi=True)):
        return True
    if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return any(NUL in key or NUL in value for key, value in request.form.items(multi=True))
    return False


def init_app(app: Flask) -> None:
    @app.before_request
    def _refuse_nul() -> None:
        if _has_nul():
            abort(400, description="The request holds a NUL character, which no field accepts.")
