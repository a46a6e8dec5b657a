"""Absolute links for email, built on the public address, never on a request's Host."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import current_app, url_for


@contextmanager
def public_links() -> Iterator[None]:
    """A request context on STOREFRONT_PUBLIC_URL: `url_for(..., _external=True)` inside it
    gives links a recipient can open, from a request, a worker or the command line."""
    with current_app.test_request_context(base_url=current_app.config["STOREFRONT"].public_url):
        yield


def external_url(endpoint: str, **values: Any) -> str:
    with public_links():
        return url_for(endpoint, _external=True, **values)
