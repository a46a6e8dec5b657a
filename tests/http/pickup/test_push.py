"""Web push: a phone that asked on the order page hears "your order is ready at Lyon
Part-Dieu" once, encrypted for it and signed with the shop's VAPID key, through the outbox."""

from __future__ import annotations

import json

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storefront.config import Config
from storefront.outbox.dispatch import deliver
from storefront.pickup import orders
from storefront.pickup.links import order_url
from storefront.pickup.models import PickupOrder
from storefront.pickup.rules import OrderStatus
from storefront.push.models import PushSubscription
from tests.factories import make_product, make_store, set_stock
from tests.forms import csrf
from tests.pickup_orders import NOW, guest, place
from tests.push_service import push_service, with_vapid_keys


@pytest.fixture
def config(config: Config) -> Config:
    return with_vapid_keys(config)


@pytest.fixture
def order(app: Flask, session: Session) -> PickupOrder:
    store = make_store(session)
    boots = make_product(session, "Trail boots")
    set_stock(session, store, boots.variants[0], 3)
    session.commit()
    return place(session, store, boots.variants[0], guest(1))


def subscribe_url(app: Flask, order: PickupOrder) -> str:
    with app.test_request_context():
        page = order_url(order, external=False)
    return page.replace(f"/orders/{order.number}", f"/orders/{order.number}/push")


def subscribe(client: FlaskClient, url: str, subscription: object):  # type: ignore[no-untyped-def]
    return client.post(url, json=subscription, headers={"X-CSRFToken": csrf(client)})


def test_the_order_page_offers_notifications_when_the_shop_has_keys(
    app: Flask, client: FlaskClient, order: PickupOrder
) -> None:
    with app.test_request_context():
        page = client.get(order_url(order, external=False)).text
    assert 'class="push-opt-in"' in page
    assert f'data-key="{app.config["STOREFRONT"].vapid_public_key}"' in page


def test_ready_is_pushed_once_encrypted_for_the_phone(
    app: Flask, client: FlaskClient, session: Session, order: PickupOrder
) -> None:
    with push_service() as service:
        answer = subscribe(client, subscribe_url(app, order), service.subscription())
        assert answer.status_code == 200
        assert answer.json == {"message": "We will tell you on this phone when it is ready."}
        again = subscribe(client, subscribe_url(app, order), service.subscription())
        assert again.status_code == 200  # the same phone asking twice is one subscription

        orders.move(session, order, OrderStatus.READY, orders.Actor("staff:ana"), now_utc=NOW)
        session.commit()
        deliver(app)
        deliver(app)

    [pushed] = service.received
    assert pushed.path == "/send/phone-1"
    assert pushed.headers["content-encoding"] == "aes128gcm"
    assert pushed.headers["authorization"].startswith("vapid t=")
    notification = service.decrypted(pushed)
    assert notification["title"] == "Your order is ready"
    assert f"Order {order.number} is ready at Lyon Part-Dieu" in notification["body"]
    assert f"/orders/{order.number}?t=" in notification["url"]


def test_a_phone_that_unsubscribed_is_forgotten_and_not_retried(
    app: Flask, client: FlaskClient, session: Session, order: PickupOrder
) -> None:
    with push_service() as service:
        subscribe(client, subscribe_url(app, order), service.subscription())
        service.status = 410  # the shopper turned notifications off in the phone's settings
        orders.move(session, order, OrderStatus.READY, orders.Actor("staff:ana"), now_utc=NOW)
        session.commit()
        assert deliver(app).failed == 1
        assert deliver(app).failed == 0  # not tried again

    assert len(service.received) == 1
    assert session.scalar(select(func.count()).select_from(PushSubscription)) == 0


def test_a_subscription_needs_the_order_and_a_real_browser_key(
    app: Flask, client: FlaskClient, order: PickupOrder
) -> None:
    url = subscribe_url(app, order)
    stranger = url.split("?")[0]  # without the order's link token
    assert subscribe(client, stranger, {"endpoint": "https://push.example/x"}).status_code == 404
    for bad in (
        {},
        {"endpoint": "javascript:alert(1)", "keys": {"p256dh": "A" * 87, "auth": "A" * 22}},
        {"endpoint": "https://push.example/x", "keys": {"p256dh": "short", "auth": "x"}},
        "not an object",
    ):
        answer = subscribe(client, url, bad)
        assert answer.status_code == 422, bad
        assert "push" in json.loads(answer.text)["message"]
