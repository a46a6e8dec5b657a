"""Absolute links for email, built from the public address rather than a request's Host."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import current_app, has_request_context, request


def base_url() -> str:
    """STOREFRONT_PUBLIC_URL when set (a request's Host header is the sender's choice); else
    the request's own; from the CLI without either, localhost."""
    public: str = current_app.config["STOREFRONT"].public_url
    if public:
        return public
    return request.host_url.rstrip("/") if has_request_context() else "http://localhost"


@contextmanager
def public_links() -> Iterator[None]:
    """A request context on the public address: `url_for(..., _external=True)` inside it
    gives links a recipient can open, from a request, a worker or the command line."""
    with current_app.test_request_context(base_url=base_url()):
        yield
