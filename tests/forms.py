"""Reading what a page's forms carry, as a browser would before posting them."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_in(html: str) -> str:
    """The CSRF token of the first form in `html`."""
    found = _CSRF.search(html)
    assert found, "no form with a CSRF token on the page"
    return found[1]


def csrf(client: FlaskClient, path: str = "/") -> str:
    """The token the client's session posts with, read from a page (the home page has the
    header's language form)."""
    return csrf_in(client.get(path).text)
