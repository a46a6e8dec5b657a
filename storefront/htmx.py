"""One route serves a whole page or, to htmx, only the fragment that changes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask, Response, g, make_response, redirect, render_template, request


def header(name: str) -> str:
    """An htmx request header. Read only through here, so that every response whose body
    depends on one names it in Vary and no shared cache hands a fragment to a page load."""
    g.setdefault("htmx_vary", set()).add(name)
    return request.headers.get(name, "")


def is_htmx() -> bool:
    return header("HX-Request") == "true"


def swaps(element_id: str) -> bool:
    """True for an htmx swap of the element with this id (htmx 4 sends HX-Target as
    "tag#id"). An id ending in "-" names a family: "quick-add-" matches "quick-add-12"."""
    found = header("HX-Target").rpartition("#")[2]
    matches = found.startswith(element_id) if element_id.endswith("-") else found == element_id
    return wants_fragment() and matches


def wants_fragment() -> bool:
    """True for htmx swaps, false for boosted navigation and history restores (full pages)."""
    boosted = header("HX-Boosted") == "true"
    restoring = header("HX-History-Restore-Request") == "true"
    return is_htmx() and not boosted and not restoring


def rendering_fragment() -> bool:
    """True while a fragment renders: context processors skip what only the page's header
    and navigation show (they are not in the fragment)."""
    return bool(g.get("rendering_fragment"))


@contextmanager
def _fragment() -> Iterator[None]:
    g.rendering_fragment = True
    try:
        yield
    finally:
        g.rendering_fragment = False


def render_view(page: str, fragment: str, /, status: int = 200, **context: Any) -> Response:
    """Render `page` for a browser, `fragment` (which `page` includes) for an htmx swap."""
    if wants_fragment():
        return render_fragment(fragment, status, **context)
    return render_page(page, status, **context)


def render_page(template: str, /, status: int = 200, **context: Any) -> Response:
    return make_response(render_template(template, **context), status)


def render_fragment(template: str, /, status: int = 200, **context: Any) -> Response:
    with _fragment():
        return make_response(render_template(template, **context), status)


def see_other(target: str) -> Response:
    """A redirect after a POST. htmx would follow a 3xx and swap the page into the form,
    so it gets HX-Redirect instead, which loads the whole page."""
    if is_htmx():
        return Response(status=200, headers={"HX-Redirect": target})
    return redirect(target, code=303)  # type: ignore[return-value]


def _vary(response: Response) -> Response:
    response.vary.update(g.get("htmx_vary", ()))
    return response


def init_app(app: Flask) -> None:
    app.after_request(_vary)
    app.add_template_global(rendering_fragment)
