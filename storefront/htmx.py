"""One route serves a whole page or, to htmx, only the fragment that changes."""

from __future__ import annotations

from typing import Any

from flask import Response, make_response, render_template, request


def wants_fragment() -> bool:
    """True for htmx swaps, false for boosted navigation and history restores (full pages)."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-Boosted") != "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def render_view(page: str, fragment: str, /, status: int = 200, **context: Any) -> Response:
    """Render `page` for a browser, `fragment` (which `page` includes) for an htmx swap."""
    return render_fragment(fragment if wants_fragment() else page, status, **context)


def render_fragment(template: str, /, status: int = 200, **context: Any) -> Response:
    response = make_response(render_template(template, **context), status)
    response.vary.add("HX-Request")
    return response
