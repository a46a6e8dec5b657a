"""Where the shared partials' links lead: the web shop's pages, or a shell's own.

The kiosk shows the same product cards, suggestions, toasts and cart as the web shop, but a
tap must never leave it. A shell registers its path and maps shop endpoints to its own
pages, or to None for a page it does not offer (the partial then leaves that link out).
The mapping applies to the shell's pages and to the fragments htmx fetches from them
(the cart's toast, a quick add), which the cart or catalog views answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, current_app, g, request, url_for

from storefront.htmx import header, is_htmx

Links = Mapping[str, str | None]


def register_shell(app: Flask, path: str, links: Links) -> None:
    app.extensions.setdefault("shop_shells", {})[path.rstrip("/")] = links


def _in(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith(prefix + "/")


def _links() -> Links:
    if "shop_links" not in g:
        shells: dict[str, Links] = current_app.extensions.get("shop_shells", {})
        page = urlsplit(header("HX-Current-URL")).path if is_htmx() else ""
        found = (
            links
            for prefix, links in shells.items()
            if _in(request.path, prefix) or _in(page, prefix)
        )
        g.shop_links = next(found, {})
    links: Links = g.shop_links
    return links


def shop_url(endpoint: str, **values: Any) -> str | None:
    target = _links().get(endpoint, endpoint)
    return url_for(target, **values) if target else None


def init_app(app: Flask) -> None:
    app.add_template_global(shop_url)
