"""No input gives a 5xx: hypothesis walks every route of the URL map with hostile values in
its path, query and form (ids past 32 and 64 bits, NUL bytes, dates at the calendar's
edges, markup, long text), signed in, with CSRF off so forms reach their views."""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session
from werkzeug.routing import Rule

from storefront import create_app
from storefront.config import Config
from tests.conftest import AuthActions
from tests.factories import make_product, make_store, set_stock

HOSTILE = st.sampled_from(
    [
        "",
        "0",
        "-1",
        "1",
        "2147483648",
        "999999999999",
        "99999999999999999999999",
        "1e9",
        "\x00",
        "a\x00b",
        "9999-12-31T23:30-05:00",
        "0001-01-01T00:00+05:00",
        "9999-12-31",
        "2026-02-30",
        "<script>alert(1)</script>",
        "%",
        "../../etc/passwd",
        "é" * 400,
        "online",
        "LYON",
    ]
) | st.text(max_size=40)
FIELDS = [
    "variant_id", "quantity", "store", "starts_at", "day", "email", "name", "phone",
    "list_id", "product_id", "password", "next", "token", "t", "idempotency_key", "q",
    "page", "sku", "colour", "size", "lat", "lng", "sort", "code", "step", "remember",
]  # fmt: skip
PARAMS = st.dictionaries(st.sampled_from(FIELDS), HOSTILE, max_size=6)
IDS = st.sampled_from(["1", "2147483647", "2147483648", "999999999999", "9" * 23])


def _routes() -> list[str]:
    """Every route's endpoint, read from an app that never connects."""
    app = create_app(Config.for_tests("sqlite://", Path(tempfile.gettempdir()) / "routes"))
    return sorted({rule.endpoint for rule in app.url_map.iter_rules()} - {"static"})


def _path(rule: Rule, values: dict[str, str]) -> str:
    path = rule.rule
    for name, converter in rule._converters.items():
        kind = type(converter).__name__
        value = values.get(name, "1")
        if "Integer" in kind or "Id" in kind:
            value = value if value.isascii() and value.lstrip("-").isdigit() else "1"
        pattern = next(part for part in path.split("<")[1:] if part.split(">")[0].endswith(name))
        path = path.replace("<" + pattern.split(">")[0] + ">", quote(value, safe=""))
    return path


@pytest.fixture
def signed_in(app: Flask, client: FlaskClient, session: Session) -> FlaskClient:
    store = make_store(session, "Lyon Part-Dieu", code="LYON", slug="lyon")
    product = make_product(session, "Trail runner", slug="trail-runner")
    set_stock(session, store, product.variants[0], 3)
    session.commit()
    app.config["WTF_CSRF_ENABLED"] = False
    AuthActions(client).sign_up("walker@example.com")
    return client


@pytest.mark.parametrize("endpoint", _routes())
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_route_answers_5xx_to_any_input(
    app: Flask, signed_in: FlaskClient, endpoint: str, data: st.DataObject
) -> None:
    rule = data.draw(st.sampled_from(app.url_map._rules_by_endpoint[endpoint]))
    path = _path(
        rule, data.draw(st.dictionaries(st.sampled_from(sorted(rule.arguments) or ["_"]), HOSTILE))
    )
    method = data.draw(st.sampled_from(sorted((rule.methods or set()) & {"GET", "POST"})))
    query = data.draw(PARAMS)
    headers = data.draw(st.sampled_from([{}, {"HX-Request": "true"}]))
    if method == "POST":
        form = data.draw(PARAMS)
        answer = signed_in.post(path, query_string=query, data=form, headers=headers)
    else:
        answer = signed_in.get(path, query_string=query, headers=headers)
    assert answer.status_code < 500, (method, path, query, answer.status_code)
    if path.startswith("/api/") and answer.status_code >= 400:
        assert answer.is_json, (path, answer.status_code)  # a till reads JSON, not a page
