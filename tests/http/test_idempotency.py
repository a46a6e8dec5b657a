"""A POST replayed with the same Idempotency-Key (the phone app sending what was done
offline) changes things once, however often and however concurrently it arrives."""

import threading
import uuid
from datetime import timedelta

import requests
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storefront.clock import SetClock
from storefront.idempotency import KEPT, RequestKey
from tests.forms import csrf, csrf_in
from tests.http.cart.test_cart import badge
from tests.http.conftest import Catalog
from tests.live_server import serving


def add(client: FlaskClient, variant_id: int, key: str, token: str):  # type: ignore[no-untyped-def]
    return client.post(
        "/cart/lines",
        data={"variant_id": str(variant_id), "quantity": "1", "csrf_token": token},
        headers={"Idempotency-Key": key, "HX-Request": "true"},
    )


def test_a_replayed_add_to_cart_adds_once(client: FlaskClient, catalog: Catalog) -> None:
    token, key = csrf(client), str(uuid.uuid4())
    variant = catalog.shoe.variants[0].id
    first = add(client, variant, key, token)
    again = add(client, variant, key, token)
    assert first.status_code == 200 and "Added to your cart" in first.text
    assert again.status_code == 200 and again.headers["HX-Reswap"] == "none"
    assert badge(client) == "Cart, 1 item"
    add(client, variant, str(uuid.uuid4()), token)  # a new key is a new add
    assert badge(client) == "Cart, 2 items"


def test_a_refused_change_keeps_its_key_free(client: FlaskClient, catalog: Catalog) -> None:
    token, key = csrf(client), str(uuid.uuid4())
    refused = client.post(
        "/cart/lines",
        data={"variant_id": "999999", "quantity": "1", "csrf_token": token},
        headers={"Idempotency-Key": key, "HX-Request": "true"},
    )
    assert refused.status_code >= 400
    assert add(client, catalog.shoe.variants[0].id, key, token).status_code == 200
    assert badge(client) == "Cart, 1 item"


def test_keys_are_forgotten_after_a_week(
    client: FlaskClient, catalog: Catalog, session: Session, clock: SetClock
) -> None:
    token, variant = csrf(client), catalog.shoe.variants[0].id
    add(client, variant, str(uuid.uuid4()), token)
    clock.advance(KEPT + timedelta(minutes=1))
    add(client, variant, str(uuid.uuid4()), token)
    assert session.scalar(select(func.count()).select_from(RequestKey)) == 1


def test_a_malformed_key_is_refused_and_changes_nothing(
    client: FlaskClient, catalog: Catalog
) -> None:
    response = add(client, catalog.shoe.variants[0].id, "short", csrf(client))
    assert response.status_code == 400 and "Idempotency-Key" in response.text
    assert badge(client) == "Cart, 0 items"


def test_replays_racing_each_other_add_once(app: Flask, catalog: Catalog) -> None:
    variant, key = catalog.shoe.variants[0].id, str(uuid.uuid4())
    with serving(app) as shop:
        phone = requests.Session()
        token = csrf_in(phone.get(f"{shop}/").text)
        form = {"variant_id": str(variant), "quantity": "1", "csrf_token": token}
        phone.post(f"{shop}/cart/lines", data=form, timeout=30)  # the phone is a guest now
        start = threading.Barrier(6)
        answers: list[int] = []

        def replay() -> None:
            tab = requests.Session()
            tab.cookies.update(phone.cookies)
            start.wait()
            answer = tab.post(
                f"{shop}/cart/lines",
                data=form,
                headers={"Idempotency-Key": key, "HX-Request": "true"},
                timeout=30,
            )
            answers.append(answer.status_code)

        threads = [threading.Thread(target=replay) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        count = phone.get(f"{shop}/cart/badges", headers={"HX-Request": "true"}).text
    assert answers == [200] * 6
    assert 'aria-label="Cart, 2 items"' in count  # the first add, and the replayed one once
