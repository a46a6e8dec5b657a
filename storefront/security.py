"""Security headers on every response, with a Content-Security-Policy and no inline script."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from flask import Flask, Response


def content_security_policy(img_sources: tuple[str, ...] = ()) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            " ".join(["img-src 'self' data:", *img_sources]),
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


CONTENT_SECURITY_POLICY = content_security_policy()

_HOST = re.compile(r"(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:[0-9]{1,5})?")


def tile_origin(template: str) -> str:
    """The CSP source for a Leaflet tile URL template: "https://{s}.tile.example.org/{z}/..."
    gives "https://*.tile.example.org". Anything but a plain http(s) host is refused, so a
    setting cannot widen the policy or smuggle in another directive."""
    parts = urlsplit(template)
    host = parts.netloc.replace("{s}", "*")
    if parts.scheme not in ("http", "https") or not _HOST.fullmatch(host):
        raise ValueError(f"STOREFRONT_MAP_TILES is not an http(s) tile URL: {template!r}")
    return f"{parts.scheme}://{host}"


HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "geolocation=(self), camera=(self), microphone=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def init_app(app: Flask) -> None:
    secure = app.config["SESSION_COOKIE_SECURE"]
    map_tiles = app.config["STOREFRONT"].map_tiles
    headers = {
        "Content-Security-Policy": (
            content_security_policy((tile_origin(map_tiles),))
            if map_tiles
            else CONTENT_SECURITY_POLICY
        ),
        **HEADERS,
    }

    @app.after_request
    def _add_headers(response: Response) -> Response:
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        if secure:
            response.headers.setdefault(
                "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
            )
        return response
