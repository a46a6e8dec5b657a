"""What makes the shop an installable app: its manifest, its service worker (served from
the root so that it controls every page) and the page shown offline."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, current_app, render_template, url_for
from flask_babel import get_locale, gettext

bp = Blueprint("pwa", __name__)

THEME = "#0f5c4d"
# The shell every page needs, cached when the worker installs (see static/js/sw.js).
SHELL = (
    "css/app.css",
    "vendor/htmx/htmx-4.0.1.min.js",
    "js/app.js",
    "js/pwa.js",
    "img/icon.svg",
    "img/icons/icon-192.png",
)
ICONS = [
    ("img/icons/icon-192.png", "192x192", "any"),
    ("img/icons/icon-512.png", "512x512", "any"),
    ("img/icons/maskable-192.png", "192x192", "maskable"),
    ("img/icons/maskable-512.png", "512x512", "maskable"),
]
WORKER = Path(__file__).resolve().parents[2] / "static" / "js" / "sw.js"


def _asset_url(name: str) -> str:
    url: str = current_app.extensions["asset_url"](name)
    return url


@bp.get("/manifest.webmanifest")
def manifest() -> Response:
    icon = _asset_url("img/icons/icon-192.png")
    data: dict[str, Any] = {
        "id": "/",
        "name": gettext("Cairn — sport and outdoor"),
        "short_name": "Cairn",
        "description": gettext("Outdoor and sport gear, online and in over 40 stores."),
        "lang": str(get_locale()),
        "start_url": url_for("catalog.home"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME,
        "icons": [
            {"src": _asset_url(name), "sizes": sizes, "type": "image/png", "purpose": purpose}
            for name, sizes, purpose in ICONS
        ],
        "shortcuts": [
            {
                "name": gettext("Stores near me"),
                "url": url_for("stores.index"),
                "icons": [{"src": icon, "sizes": "192x192"}],
            },
            {
                "name": gettext("My pickup orders"),
                "url": url_for("orders.index"),
                "icons": [{"src": icon, "sizes": "192x192"}],
            },
            {
                "name": gettext("Scan a barcode"),
                "url": url_for("scan.index"),
                "icons": [{"src": icon, "sizes": "192x192"}],
            },
        ],
    }
    response = Response(json.dumps(data, ensure_ascii=False), mimetype="application/manifest+json")
    response.headers["Cache-Control"] = "public, max-age=3600"
    response.vary.update(("Accept-Language", "Cookie"))  # its names are in the shopper's language
    return response


@bp.get("/sw.js")
def service_worker() -> Response:
    """static/js/sw.js, told the hashed names of the shell: a new deploy changes them, so
    the browser sees a new worker and offers the new version. Every navigation asks for
    it, so it is built once per process."""
    body = current_app.extensions.get("pwa_worker")
    if body is None:
        shell = [_asset_url(name) for name in SHELL]
        config = {
            "version": hashlib.sha256(" ".join(shell).encode()).hexdigest()[:12],
            "shell": shell,
            "offline": url_for("pwa.offline"),
            "signOut": url_for("accounts.sign_out"),
        }
        body = current_app.extensions["pwa_worker"] = (
            f"self.SHELL = {json.dumps(config)};\n{WORKER.read_text()}"
        )
    response = Response(body, mimetype="text/javascript")
    # Checked on every navigation: the worker itself must never be served stale.
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/offline")
def offline() -> str:
    return render_template("pwa/offline.html")
