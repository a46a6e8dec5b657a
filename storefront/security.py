"""Security headers on every response, with a Content-Security-Policy and no inline script."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from flask import Blueprint, Flask, Response

from storefront.config import ConfigError


def content_security_policy(
    img_sources: tuple[str, ...] = (), form_sources: tuple[str, ...] = ()
) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            " ".join(["img-src 'self' data:", *img_sources]),
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            " ".join(["form-action 'self'", *form_sources]),
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
        raise ConfigError(f"STOREFRONT_MAP_TILES is not an http(s) tile URL: {template!r}")
    return f"{parts.scheme}://{host}"


HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "geolocation=(self), camera=(self), microphone=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


PRIVATE = "private, no-store"


def _private(response: Response) -> Response:
    response.headers["Cache-Control"] = PRIVATE
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def personal(blueprint: Blueprint) -> Blueprint:
    """Every page and fragment of `blueprint` holds one person's data (a cart, an order, an
    account): no proxy, CDN or shared device's back button may keep a copy."""
    blueprint.after_request(_private)
    return blueprint


def provider_origin(issuer: str) -> str:
    """The CSP source for an identity provider: "Continue with" and "Sign out" are forms
    whose POST answers with a redirect to the provider, and Chromium applies form-action
    to that redirect too. Its endpoints are assumed on the issuer's origin, as they are at
    the common providers."""
    parts = urlsplit(issuer)
    if parts.scheme not in ("http", "https") or not _HOST.fullmatch(parts.netloc):
        raise ConfigError(f"identity provider issuer is not an http(s) URL: {issuer!r}")
    return f"{parts.scheme}://{parts.netloc}"


def init_app(app: Flask) -> None:
    secure = app.config["SESSION_COOKIE_SECURE"]
    config = app.config["STOREFRONT"]
    map_tiles = config.map_tiles
    img_sources = (tile_origin(map_tiles),) if map_tiles else ()
    form_sources = tuple(dict.fromkeys(provider_origin(p.issuer) for p in config.oidc_providers))
    headers = {
        "Content-Security-Policy": content_security_policy(img_sources, form_sources),
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
