"""POST /api/stock: bearer token per store, JSON only, 422 listing bad lines, replays;
GET /api/stock?sku=: one SKU's level and shelf location at the token's store."""

from typing import Any

import pytest
from click.testing import Result
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.catalog.models import Variant
from storefront.inventory.models import StockLevel, StoreToken
from storefront.stores.models import Store
from tests.factories import make_product, make_store, set_stock


def run(app: Flask, *args: str) -> Result:
    return app.test_cli_runner().invoke(args=["stores", "token", *args])


@pytest.fixture
def store(session: Session) -> Store:
    store = make_store(session, code="LYON1")
    product = make_product(session, variants=[{"sku": "A"}, {"sku": "B"}])
    set_stock(session, store, product.variants[0], 5, reserved=1)
    session.commit()
    return store


@pytest.fixture
def token(app: Flask, store: Store) -> str:
    result = run(app, "LYON1")
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


def post(client: FlaskClient, token: str | None, payload: Any, **kwargs: Any) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post("/api/stock", json=payload, headers=headers, **kwargs)


def on_hand(session: Session) -> list[tuple[int, int]]:
    session.expire_all()
    rows = session.execute(select(StockLevel.on_hand, StockLevel.reserved).order_by(StockLevel.id))
    levels = [(row.on_hand, row.reserved) for row in rows]
    session.rollback()
    return levels


def feed(key: str = "till-42-000123", **line: Any) -> dict[str, Any]:
    return {"request_key": key, "lines": [line or {"sku": "A", "delta": -1}]}


def test_the_cli_prints_a_token_once_and_keeps_only_its_hash(
    app: Flask, session: Session, token: str
) -> None:
    assert len(token) >= 43
    hashes = session.scalars(select(StoreToken.token_hash)).all()
    session.rollback()  # end the read: SQLite lets one writer at a time, and the CLI writes
    assert len(hashes) == 1 and token not in hashes[0]
    assert run(app, "NOPE").exit_code != 0


def test_missing_wrong_and_revoked_tokens_get_401(
    app: Flask, client: FlaskClient, session: Session, token: str
) -> None:
    for sent in (None, "wrong"):
        response = post(client, sent, feed())
        assert response.status_code == 401
        assert response.json and "error" in response.json
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert run(app, "LYON1", "--revoke").exit_code == 0
    assert post(client, token, feed()).status_code == 401
    assert on_hand(session) == [(5, 1)]


def test_a_feed_applies_and_a_retry_replays_its_result(
    client: FlaskClient, session: Session, token: str
) -> None:
    payload = {
        "request_key": "till-42-000123",
        "lines": [{"sku": "A", "delta": -1}, {"sku": "B", "on_hand": 7}],
    }
    first = post(client, token, payload)
    assert first.status_code == 200, first.json
    assert first.json == {
        "request_key": "till-42-000123",
        "lines": 2,
        "absolute": 1,
        "deltas": 1,
        "locations": 0,
        "created": 1,
    }
    again = post(client, token, payload)
    assert again.status_code == 200
    assert again.json == first.json and again.headers["Idempotent-Replayed"] == "true"
    assert on_hand(session) == [(4, 1), (7, 0)]


def test_bad_lines_get_422_with_every_line_and_nothing_applied(
    client: FlaskClient, session: Session, token: str
) -> None:
    payload = {
        "request_key": "k",
        "lines": [{"sku": "A", "on_hand": 0}, {"sku": "Z", "delta": 1}, {"sku": "B"}],
    }
    response = post(client, token, payload)
    assert response.status_code == 422
    assert [(line["index"], line["field"]) for line in response.json["lines"]] == [(2, "on_hand")]
    response = post(client, token, {"request_key": "k", "lines": payload["lines"][:2]})
    assert response.status_code == 422
    lines = response.json["lines"]
    assert [(line["index"], line["field"]) for line in lines] == [(1, "sku")]
    response = post(client, token, {"request_key": "k", "lines": payload["lines"][:1]})
    assert response.status_code == 422
    assert "reserved" in response.json["lines"][0]["reason"]
    assert on_hand(session) == [(5, 1)]


def test_wrong_content_type_malformed_json_and_oversized_bodies(
    client: FlaskClient, token: str
) -> None:
    auth = {"Authorization": f"Bearer {token}"}
    response = client.post("/api/stock", data="sku=A", headers=auth)
    assert response.status_code == 415 and response.json
    response = client.post("/api/stock", data="{", headers=auth, content_type="application/json")
    assert response.status_code == 400 and response.json
    assert post(client, token, {"lines": []}).status_code == 400
    huge = {"request_key": "k", "lines": [{"sku": "A" * 60, "delta": 1}] * 20_000}
    response = post(client, token, huge)
    assert response.status_code == 413 and response.json


def test_the_api_needs_no_csrf_token_and_describes_itself(client: FlaskClient) -> None:
    response = client.get("/api/openapi.yaml")
    assert response.status_code == 200
    assert b"openapi: 3.1" in response.data and b"/api/stock" in response.data


@pytest.mark.parametrize(
    "line",
    [
        {"sku": "A", "on_hand": None},
        {"sku": "A", "on_hand": "7"},
        {"sku": "A", "on_hand": True},
        {"sku": "A", "on_hand": 2**31},
        {"sku": "A", "delta": None},
        {"sku": "A", "delta": 2**31},
        {"sku": "A", "delta": 2**31 - 1},  # would leave more than the column holds
    ],
)
def test_values_the_openapi_file_refuses_are_refused_and_change_nothing(
    client: FlaskClient, token: str, session: Session, line: dict[str, Any]
) -> None:
    response = post(client, token, feed(**line))
    assert response.status_code == 422 and response.json
    assert response.json["lines"][0]["field"] in ("on_hand", "delta")
    assert on_hand(session) == [(5, 1)]


def test_bodies_no_feed_could_be_get_json_errors(
    client: FlaskClient, token: str, session: Session
) -> None:
    auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    nested = "[" * 100_000 + "]" * 100_000
    deep = client.post("/api/stock", data=nested, headers=auth)
    nul = post(client, token, feed(sku="A\x00", delta=1))
    assert deep.status_code == 400 and deep.is_json and "nested" in deep.json["error"]
    assert nul.status_code == 400 and nul.is_json and "NUL" in nul.json["error"]
    assert on_hand(session) == [(5, 1)]


def read(client: FlaskClient, token: str | None, sku: str) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.get("/api/stock", query_string={"sku": sku}, headers=headers)


def test_a_till_sets_and_reads_a_shelf_location_and_an_empty_one_clears_it(
    client: FlaskClient, token: str
) -> None:
    lines = [{"sku": "A", "location": " Aisle 12, bay 3 "}, {"sku": "B", "on_hand": 2}]
    response = post(client, token, {"request_key": "k1", "lines": lines})
    assert response.status_code == 200, response.json
    assert (response.json["lines"], response.json["locations"]) == (2, 1)

    first = read(client, token, "A")
    assert first.status_code == 200
    assert first.json == {
        "sku": "A",
        "on_hand": 5,
        "reserved": 1,
        "sellable": 4,
        "location": "Aisle 12, bay 3",
    }
    assert read(client, token, "B").json["location"] == ""

    response = post(client, token, feed("k2", sku="A", delta=-1))
    assert response.status_code == 200
    assert read(client, token, "A").json["location"] == "Aisle 12, bay 3"
    response = post(client, token, feed("k3", sku="A", location=""))
    assert response.status_code == 200
    assert read(client, token, "A").json == {
        "sku": "A",
        "on_hand": 4,
        "reserved": 1,
        "sellable": 3,
        "location": "",
    }


def test_a_location_is_read_at_the_tokens_store_only(
    app: Flask, client: FlaskClient, session: Session, token: str
) -> None:
    other = make_store(session, code="PARIS1")
    variant = session.scalars(select(Variant).where(Variant.sku == "A")).one()
    set_stock(session, other, variant, 9, location="Rayon 2")
    session.commit()
    assert read(client, token, "A").json["location"] == ""
    assert read(client, token, "A").json["on_hand"] == 5


@pytest.mark.parametrize(
    ("location", "reason"),
    [
        ("Aisle 12\nbay 3", "control character"),
        ("Aisle\t12", "control character"),
        ("Aisle 12\u202e", "control character"),
        ("x" * 41, "longer than 40 characters"),
        (12, "must be text"),
        (["Aisle 12"], "must be text"),
    ],
)
def test_a_bad_location_is_refused_clearly_and_nothing_is_applied(
    client: FlaskClient, token: str, session: Session, location: Any, reason: str
) -> None:
    lines = [{"sku": "B", "on_hand": 3}, {"sku": "A", "delta": 1, "location": location}]
    response = post(client, token, {"request_key": "k", "lines": lines})
    assert response.status_code == 422
    [line] = response.json["lines"]
    assert (line["index"], line["field"]) == (1, "location") and reason in line["reason"]
    assert on_hand(session) == [(5, 1)]
    assert read(client, token, "A").json["location"] == ""


def test_reading_needs_the_token_and_a_known_sku(client: FlaskClient, token: str) -> None:
    assert read(client, None, "A").status_code == 401
    assert read(client, "wrong", "A").status_code == 401
    missing = read(client, token, "NOPE")
    assert missing.status_code == 404 and missing.json == {"error": "no variant with SKU NOPE"}
    for sku in ("", "A" * 65):
        response = read(client, token, sku)
        assert response.status_code == 400 and "SKU" in response.json["error"]
    never_stocked = read(client, token, "B")
    assert never_stocked.status_code == 200
    assert never_stocked.json == {
        "sku": "B",
        "on_hand": 0,
        "reserved": 0,
        "sellable": 0,
        "location": "",
    }
