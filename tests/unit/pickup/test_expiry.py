"""Expiry and reminders: what a timer does every minute, once per order however often it runs."""

from datetime import datetime, timedelta

import pytest
from flask import Flask
from sqlalchemy import update
from sqlalchemy.orm import Session

from storefront.pickup import housekeeping, orders, slots
from storefront.pickup.models import PickupOrder, SlotHold
from storefront.pickup.rules import OrderStatus
from tests.factories import make_product, make_store, set_stock
from tests.pickup_orders import (
    NOON,
    NOW,
    count,
    guest,
    mail,
    place,
    slot_at,
    status,
    stock,
    taken,
)

# Three days after the noon slot ended, to the minute: the default hold is over.
EXPIRY = NOON.ends_at + timedelta(days=3)


@pytest.fixture
def shop(session: Session):
    store = make_store(session)
    product = make_product(session)
    set_stock(session, store, product.variants[0], 5)
    session.commit()
    return store, product.variants[0]


def expire(app: Flask, now: datetime) -> housekeeping.Report:
    return housekeeping.expire(app.extensions["db_writers"], now)


def remind(app: Flask, now: datetime) -> housekeeping.Report:
    return housekeeping.remind(app.extensions["db_writers"], now)


def test_an_order_not_collected_in_time_expires_and_releases_its_stock(
    app: Flask, session: Session, shop
) -> None:
    store, variant = shop
    order = place(session, store, variant, guest(1), quantity=2)

    assert expire(app, EXPIRY - timedelta(minutes=1)).done == 0
    report = expire(app, EXPIRY)

    assert (report.done, report.skipped) == (1, 0)
    assert status(order) is OrderStatus.EXPIRED
    assert stock(variant) == (5, 0)
    assert taken() == {NOON.starts_at: 0}
    event = orders.load(session, order.id).events[-1]
    assert (event.actor, event.to_status, event.at) == ("system", OrderStatus.EXPIRED, EXPIRY)
    assert mail()[-1].subject == f"Order {order.number} has expired"
    assert len(report.mail) == 1


def test_running_again_changes_nothing(app: Flask, session: Session, shop) -> None:
    store, variant = shop
    place(session, store, variant, guest(1), quantity=2)

    expire(app, EXPIRY)
    again = expire(app, EXPIRY + timedelta(minutes=1))

    assert (again.done, again.skipped) == (0, 0)
    assert stock(variant) == (5, 0)
    assert len(mail()) == 2  # confirmed, expired


def test_each_store_keeps_orders_for_its_own_hold_days(app: Flask, session: Session) -> None:
    product = make_product(session)
    quick, patient = (
        make_store(session, pickup_hold_days=0),
        make_store(session, pickup_hold_days=5),
    )
    for store in (quick, patient):
        set_stock(session, store, product.variants[0], 1)
    session.commit()
    soon = place(session, quick, product.variants[0], guest(1))
    late = place(session, patient, product.variants[0], guest(2))

    assert expire(app, NOON.ends_at).done == 1
    assert status(soon) is OrderStatus.EXPIRED
    assert status(late) is OrderStatus.PLACED
    assert expire(app, NOON.ends_at + timedelta(days=5)).done == 1
    assert status(late) is OrderStatus.EXPIRED


def test_ready_orders_expire_and_finished_ones_are_left_alone(
    app: Flask, session: Session, shop
) -> None:
    store, variant = shop
    ready, collected, cancelled = (place(session, store, variant, guest(n)) for n in (1, 2, 3))
    staff = orders.Actor("staff:ana@example.com")
    orders.move(session, ready, OrderStatus.READY, staff, now_utc=NOW)
    orders.move(session, collected, OrderStatus.READY, staff, now_utc=NOW)
    orders.move(session, collected, OrderStatus.COLLECTED, staff, now_utc=NOW)
    orders.cancel_by_shopper(session, cancelled, orders.Actor.shopper(None), now_utc=NOW)
    session.commit()

    assert expire(app, EXPIRY).done == 1

    assert [status(o) for o in (ready, collected, cancelled)] == [
        OrderStatus.EXPIRED,
        OrderStatus.COLLECTED,
        OrderStatus.CANCELLED,
    ]
    assert stock(variant) == (4, 0)  # one collected, the others back on sale


def test_a_rescheduled_order_is_not_expired_on_its_old_slot(
    app: Flask, session: Session, shop
) -> None:
    store, variant = shop
    order = place(session, store, variant, guest(1))
    later = slot_at(store, NOON.starts_at + timedelta(days=5))
    session.execute(
        update(PickupOrder)
        .where(PickupOrder.id == order.id)
        .values(slot_starts_at=later.starts_at, slot_ends_at=later.ends_at)
    )
    session.commit()

    assert expire(app, EXPIRY).done == 0
    assert status(order) is OrderStatus.PLACED


def test_slot_holds_that_ran_out_are_given_back(app: Flask, session: Session, shop) -> None:
    store, _ = shop
    slots.hold(session, guest(1), store, NOON, NOW)
    session.commit()

    assert expire(app, NOW + timedelta(minutes=9)).reclaimed == 0
    assert expire(app, NOW + timedelta(minutes=10)).reclaimed == 1
    assert count(SlotHold) == 0 and taken() == {NOON.starts_at: 0}


# The day of the noon slot, 08:00 in Paris; the order was placed the day before.
PICKUP_MORNING = NOON.starts_at.replace(hour=7)


@pytest.fixture
def placed_yesterday(session: Session, shop) -> PickupOrder:
    store, variant = shop
    order = place(session, store, variant, guest(1))
    session.execute(
        update(PickupOrder)
        .where(PickupOrder.id == order.id)
        .values(created_at=NOON.starts_at - timedelta(days=1))
    )
    session.commit()
    return order


def test_the_reminder_goes_once_on_the_pickup_day(
    app: Flask, session: Session, placed_yesterday
) -> None:
    assert remind(app, PICKUP_MORNING - timedelta(hours=1, minutes=1)).done == 0  # 06:59
    assert remind(app, PICKUP_MORNING).done == 1
    again = remind(app, PICKUP_MORNING + timedelta(minutes=1))

    assert (again.done, again.skipped) == (0, 1)
    reminders = [m for m in mail() if m.subject.startswith("Today:")]
    assert len(reminders) == 1
    assert "between 12:00 and 12:30" in reminders[0].text_body
    assert placed_yesterday.pickup_code in reminders[0].text_body


def test_no_reminder_after_the_slot_or_for_a_cancelled_order(
    app: Flask, session: Session, placed_yesterday
) -> None:
    assert remind(app, NOON.ends_at).done == 0
    orders.cancel_by_shopper(session, placed_yesterday, orders.Actor.shopper(None), now_utc=NOW)
    session.commit()
    assert remind(app, PICKUP_MORNING).done == 0


def test_an_order_placed_on_the_pickup_day_gets_no_reminder(
    app: Flask, session: Session, shop
) -> None:
    store, variant = shop
    place(session, store, variant, guest(1))
    session.execute(update(PickupOrder).values(created_at=PICKUP_MORNING - timedelta(minutes=30)))
    session.commit()

    assert remind(app, PICKUP_MORNING).done == 0


def test_the_history_records_expiry_once(app: Flask, session: Session, shop) -> None:
    store, variant = shop
    order = place(session, store, variant, guest(1))
    expire(app, EXPIRY)
    expire(app, EXPIRY)
    assert [e.to_status for e in orders.load(session, order.id).events] == [
        OrderStatus.PLACED,
        OrderStatus.EXPIRED,
    ]
