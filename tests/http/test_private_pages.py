"""Personal pages and fragments are kept by no shared cache; a response that depends on an
htmx header names it in Vary."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from tests.conftest import AuthActions

PRIVATE = "private, no-store"
HTMX = {"HX-Request": "true"}
PERSONAL = ["/cart", "/wishlist", "/checkout", "/alerts", "/account", "/orders"]


@pytest.mark.parametrize("path", PERSONAL)
@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "fragment"])
def test_personal_pages_and_fragments_are_never_stored(
    client: FlaskClient, auth: AuthActions, path: str, headers: dict[str, str]
) -> None:
    auth.sign_up()
    response = client.get(path, headers=headers)
    assert response.status_code < 500
    assert response.headers["Cache-Control"] == PRIVATE


def test_the_cart_badges_fragment_is_private(client: FlaskClient) -> None:
    badges = client.get("/cart/badges", headers=HTMX)
    assert badges.status_code == 200 and "<html" not in badges.text
    assert badges.headers["Cache-Control"] == PRIVATE


def test_a_page_that_answers_htmx_with_a_fragment_names_every_header_it_read(
    client: FlaskClient,
) -> None:
    for headers in ({}, HTMX, {**HTMX, "HX-Boosted": "true"}):
        response = client.get("/search?q=lamp", headers=headers)
        assert {"HX-Request", "HX-Boosted", "HX-History-Restore-Request"} <= set(response.vary)
    assert "Cache-Control" not in client.get("/search?q=lamp").headers  # the catalog is public


def test_the_home_page_asked_by_htmx_is_the_whole_page(client: FlaskClient) -> None:
    response = client.get("/", headers=HTMX)
    assert response.status_code == 200
    assert "<html" in response.text and 'id="cart-link"' in response.text
