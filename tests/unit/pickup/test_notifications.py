"""The emails an order sends: what the shopper reads, in their language, each sent once."""

from dataclasses import replace

import pytest
from flask import Flask
from icalendar import Calendar
from sqlalchemy.orm import Session

from storefront.cart import services as cart
from storefront.outbox import delivery
from storefront.outbox.rendering import renderer
from storefront.outbox.services import Attachment
from storefront.pickup import amendments, orders
from storefront.pickup.models import PickupOrder
from storefront.pickup.notifications import Notice, notify, qr_png
from storefront.pickup.rules import OrderStatus
from tests.concurrency import race
from tests.factories import make_product, make_store, set_stock
from tests.pickup_orders import NOON, NOW, guest, mail, place, slot_at
from tests.unit.outbox.test_delivery import SENDER, Recorder

STAFF = orders.Actor("staff:ana@example.com")


@pytest.fixture
def shop(session: Session):
    store = make_store(session)
    boots = make_product(session, "Trail boots", variants=[{"price_amount": 8900}])
    socks = make_product(session, "Wool socks", variants=[{"price_amount": 1250, "size": "M"}])
    set_stock(session, store, boots.variants[0], 5)
    set_stock(session, store, socks.variants[0], 5)
    session.commit()
    return store, boots.variants[0], socks.variants[0]


@pytest.fixture
def order(session: Session, shop) -> PickupOrder:
    store, boots, socks = shop
    cart.add_to_cart(session, guest(1), socks.id, 2)
    return place(session, store, boots, guest(1))


def test_the_confirmation_says_where_when_what_and_how_to_pay(session: Session, order) -> None:
    [message] = mail()

    assert message.recipient == "camille@example.com"
    assert message.subject == f"Order {order.number} is confirmed: pickup at Lyon Part-Dieu"
    for body in (message.text_body, message.html_body or ""):
        assert "Hello Camille," in body
        assert order.number in body and order.pickup_code in body
        assert "Lyon Part-Dieu" in body and "17 rue du Docteur Bouchut" in body
        assert "Monday 23 November, 12:00–12:30" in body  # 11:00 UTC in Paris
        assert "Trail boots" in body and "2 × Wool socks" in body
        assert "€114.00" in body  # 89.00 + 2 × 12.50
        assert "Pay at the pickup desk." in body
        assert f"http://localhost/orders/{order.number}?t=" in body


def test_the_confirmation_carries_the_calendar_file(app: Flask, session: Session, order) -> None:
    [message] = mail()
    [stored] = message.attachments or []
    ics = Attachment.from_stored(stored)
    event = Calendar.from_ical(ics.content).walk("VEVENT")[0]

    assert (ics.filename, ics.content_type) == (f"{order.number}.ics", "text/calendar")
    assert event.decoded("dtstart") == NOON.starts_at

    session.rollback()  # the test's session writes: let the delivery take the lock
    transport = Recorder()
    delivery.deliver_pending(
        app.extensions["db_writers"], transport, sender=SENDER, render=renderer(app)
    )
    [email] = transport.sent
    assert [part.get_filename() for part in email.iter_attachments()] == [ics.filename]


def test_links_use_the_public_address(app: Flask, session: Session, shop) -> None:
    store, boots, _ = shop
    public = replace(app.config["STOREFRONT"], public_url="https://shop.example")
    app.config.update(STOREFRONT=public, TRUSTED_HOSTS=public.trusted_hosts)

    order = place(session, store, boots, guest(2))

    assert f"https://shop.example/orders/{order.number}?t=" in mail()[0].text_body


def test_the_shoppers_language_is_used(session: Session, shop) -> None:
    store, boots, _ = shop

    place(session, store, boots, guest(3), locale="fr")

    body = mail()[0].text_body
    assert "Lundi 23 novembre, 12:00–12:30" in body and "89,00\u00a0€" in body


def test_ready_shows_the_code_and_attaches_it_as_a_qr_image(session: Session, order) -> None:
    orders.move(session, order, OrderStatus.READY, STAFF, now_utc=NOW)
    session.commit()

    ready = mail()[-1]
    [stored] = ready.attachments or []
    png = Attachment.from_stored(stored)
    assert ready.subject == f"Order {order.number} is ready for pickup"
    assert "letter-spacing:6px" in (ready.html_body or "")  # the code, large
    assert order.pickup_code in ready.text_body
    assert "We keep it for you until 26 November, 12:30." in ready.text_body  # 3 days
    assert png.content_type == "image/png" and png.content.startswith(b"\x89PNG")
    assert png.content == qr_png(order)


def test_each_email_is_queued_once_however_often_it_is_asked(session: Session, order) -> None:
    notify(session, order, Notice.CONFIRMED)
    notify(session, order, Notice.REMINDER)
    notify(session, order, Notice.REMINDER)
    session.commit()

    assert [m.dedupe_key for m in mail()] == [
        f"pickup-{order.id}-confirmed",
        f"pickup-{order.id}-reminder",
    ]


def test_two_workers_telling_the_same_thing_queue_one_email(app: Flask, order) -> None:
    def tell(session: Session) -> None:
        with app.app_context():
            notify(session, orders.load(session, order.id), Notice.READY)

    assert race(app, tell, threads=6) == []
    assert [m.dedupe_key for m in mail()].count(f"pickup-{order.id}-ready") == 1


def test_each_reschedule_is_told_once_with_a_new_calendar_file(
    session: Session, shop, order
) -> None:
    store = shop[0]
    later = slot_at(store, NOON.starts_at.replace(hour=15))
    shopper = orders.Actor.shopper(None)
    order = amendments.reschedule(session, order, later.starts_at, shopper, now_utc=NOW)
    notify(session, order, Notice.RESCHEDULED)  # the same change again: no second email
    order = amendments.reschedule(session, order, NOON.starts_at, shopper, now_utc=NOW)
    session.commit()

    moved = [m for m in mail() if "new pickup time" in m.subject]
    assert len(moved) == 2
    assert "Monday 23 November, 16:00–16:30" in moved[0].text_body
    assert "Monday 23 November, 12:00–12:30" in moved[1].text_body
    assert all((m.attachments or [{}])[0]["content_type"] == "text/calendar" for m in moved)


def test_a_missing_item_is_named_and_not_charged(session: Session, shop, order) -> None:
    socks = next(line for line in order.lines if line.product_name == "Wool socks")
    amendments.report_missing(session, order, socks.id, 1, STAFF, now_utc=NOW)
    session.commit()

    adjusted = mail()[-1]
    assert adjusted.subject == f"Order {order.number} has changed: an item is missing"
    assert "1 × Wool socks missing" in adjusted.text_body
    assert "1 × Wool socks (M): €12.50 (1 missing, not charged)" in adjusted.text_body
    assert "€101.50" in adjusted.text_body


def test_a_cancellation_says_who_cancelled(session: Session, shop, order) -> None:
    store, boots, _ = shop
    orders.cancel_by_shopper(session, order, orders.Actor.shopper(None), now_utc=NOW)
    other = place(session, store, boots, guest(4))
    amendments.report_missing(session, other, other.lines[0].id, 1, STAFF, now_utc=NOW)
    session.commit()

    by_shopper, by_store = (m for m in mail() if m.subject.endswith("is cancelled"))
    assert f"As you asked, your order {order.number} is cancelled." in by_shopper.text_body
    assert "Lyon Part-Dieu had to cancel your order" in by_store.text_body
    assert "1 × Trail boots missing" in by_store.text_body
    assert "Nothing has been charged" in by_store.text_body


def test_expiry_says_the_items_are_back_on_sale(session: Session, order) -> None:
    orders.move(session, order, OrderStatus.EXPIRED, orders.Actor.system(), now_utc=NOW)
    session.commit()

    expired = mail()[-1]
    assert expired.subject == f"Order {order.number} has expired"
    assert "not collected within 3 days of its pickup time" in expired.text_body
    assert "back on sale" in (expired.html_body or "")
