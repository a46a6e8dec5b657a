"""A back-in-stock alert can also be heard on the phone that asked: one push, once the
item is back, opening the product in that variant."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from storefront.config import Config
from storefront.inventory import alerts, movements
from storefront.inventory.alert_emails import cancel_token
from storefront.outbox.dispatch import deliver
from tests.factories import make_product, make_store, set_stock
from tests.forms import csrf
from tests.push_service import push_service, with_vapid_keys


@pytest.fixture
def config(config: Config) -> Config:
    return with_vapid_keys(config)


def test_the_phone_that_asked_hears_the_item_is_back_once(
    app: Flask, client: FlaskClient, session: Session
) -> None:
    store = make_store(session, "Annecy")
    boots = make_product(session, "Trail boots", variants=[{"size": "42"}])
    variant = boots.variants[0]
    set_stock(session, store, variant, 0)
    alert = alerts.create_alert(
        session, variant.id, store.id, "camille@example.com", None, "en", consented=True
    )
    session.commit()
    with app.test_request_context():
        token = cancel_token(alert.id)
    url = f"/alerts/{alert.id}/push?token={token}"

    with push_service() as service:
        headers = {"X-CSRFToken": csrf(client)}
        stranger = client.post(
            f"/alerts/{alert.id}/push", json=service.subscription(), headers=headers
        )
        assert stranger.status_code == 404  # no proof of the ask: nothing learnt
        answer = client.post(url, json=service.subscription(), headers=headers)
        assert answer.json == {"message": "We will also tell you on this phone."}

        assert movements.set_on_hand(session, store.id, variant.id, 3)
        alerts.notify_back_in_stock(session, [variant.id], [store.id])
        alerts.notify_back_in_stock(session, [variant.id], [store.id])
        session.commit()
        deliver(app)
        deliver(app)

    [pushed] = service.received
    notification = service.decrypted(pushed)
    assert notification["title"] == "Back in stock"
    assert notification["body"] == "Trail boots (42) is back in stock at Annecy."
    assert notification["url"].endswith(f"/p/{boots.slug}?sku={variant.sku}")
