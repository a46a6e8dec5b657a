"""Adding to the cart is the shop's busiest write: it holds SQLite's write lock for one
short transaction, and the toast that answers it reads nothing more once it committed
(a second transaction after the commit would queue behind every other shopper's add)."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event

from tests.forms import csrf
from tests.http.conftest import Catalog

MOST = 4  # the variant with its stock, the cart touched, the line, its upsert


def test_an_add_is_one_short_transaction(app: Flask, client: FlaskClient, catalog: Catalog) -> None:
    token = csrf(client)
    statements: list[str] = []
    event.listen(
        app.extensions["db_engine"],
        "before_cursor_execute",
        lambda _c, _cur, statement, *_: statements.append(" ".join(statement.split())),
    )
    for _ in range(2):  # the first add also creates the guest's cart
        statements.clear()
        answer = client.post(
            "/cart/lines",
            data={"variant_id": catalog.shoe.variants[0].id, "quantity": "1", "csrf_token": token},
            headers={"HX-Request": "true", "HX-Target": "div#cart-toast"},
        )
        assert answer.status_code == 200 and "Added to your cart" in answer.text
    begins = [s for s in statements if re.match(r"BEGIN", s)]
    data = [s for s in statements if not re.match(r"(BEGIN|COMMIT|ROLLBACK)", s)]
    assert len(begins) <= 1, "\n".join(statements)  # PostgreSQL's BEGIN is not seen at all
    assert len(data) <= MOST, "\n".join(data)
