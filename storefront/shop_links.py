"""Where the shared partials' links lead: the web shop's pages, or a shell's own.

The kiosk shows the same product cards, suggestions, toasts and cart as the web shop, but a
tap must never leave it. A shell registers its path and maps shop endpoints to its own
pages, or to None for a page it does not offer (the partial then leaves that link out).
The mapping applies to the shell's pages and to the fragments htmx fetches from them
(the cart's toast, a quick add), which the cart or catalog views answer. A shell on a
shared screen (the kiosk) says so, and the partials word what it keeps accordingly: a
cart there is cleared after each shopper, not kept on every device.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, current_app, g, request, url_for

from storefront.htmx import header, is_htmx

Links = Mapping[str, str | None]


@dataclass(frozen=True)
class Shell:
    links: Links
    shared_screen: bool


WEB = Shell({}, shared_screen=False)


def register_shell(app: Flask, path: str, links: Links, *, shared_screen: bool = False) -> None:
    app.extensions.setdefault("shop_shells", {})[path.rstrip("/")] = Shell(links, shared_screen)


def _in(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith(prefix + "/")


def _shell() -> Shell:
    if "shop_shell" not in g:
        shells: dict[str, Shell] = current_app.extensions.get("shop_shells", {})
        page = urlsplit(header("HX-Current-URL")).path if is_htmx() else ""
        found = (
            shell
            for prefix, shell in shells.items()
            if _in(request.path, prefix) or _in(page, prefix)
        )
        g.shop_shell = next(found, WEB)
    shell: Shell = g.shop_shell
    return shell


def shop_url(endpoint: str, **values: Any) -> str | None:
    target = _shell().links.get(endpoint, endpoint)
    return url_for(target, **values) if target else None


def on_shared_screen() -> bool:
    return _shell().shared_screen


def init_app(app: Flask) -> None:
    app.add_template_global(shop_url)
    app.add_template_global(on_shared_screen)
