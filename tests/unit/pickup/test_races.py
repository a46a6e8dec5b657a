"""Correctness under load: shoppers, staff and the expiry run racing for the same stock,
the same slot and the same order, in threads and in processes, never oversell or give
anything back twice."""

from collections import Counter
from datetime import timedelta

import pytest
from flask import Flask, current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.cart import services as cart
from storefront.catalog.models import Variant
from storefront.config import Config
from storefront.pickup import housekeeping, orders, rules, slots
from storefront.pickup.models import OrderEvent, PickupOrder, SlotHold
from storefront.pickup.rules import OrderStatus
from storefront.shopper import Owner
from storefront.stores.models import Store
from tests.factories import make_product, make_store, set_stock
from tests.pickup_orders import NOON, NOW, confirm, count, guest, mail, place, stock, taken
from tests.unit.pickup.contest import Work, contest

# Threads in this process, and 4 processes each with its own engine on the same database.
PROCESSES = pytest.mark.parametrize("processes", [1, 4], ids=["threads", "processes"])
EXPIRY = NOON.ends_at + timedelta(days=3)
STAFF = orders.Actor("staff:ana@example.com")


def shop(session: Session, on_hand: int, capacity: int) -> tuple[Store, Variant]:
    store = make_store(session, slot_capacity=capacity)
    product = make_product(session, "Summit jacket")
    set_stock(session, store, product.variants[0], on_hand)
    session.commit()
    return store, product.variants[0]


def with_carts_and_holds(
    session: Session, store: Store, variant: Variant, shoppers: int
) -> list[Owner]:
    owners = [guest(n) for n in range(shoppers)]
    for owner in owners:
        cart.add_to_cart(session, owner, variant.id, 1)
        slots.hold(session, owner, store, NOON, NOW)
    session.commit()
    return owners


def key(owner: Owner) -> str:
    return f"key-{owner.guest_token}"


@PROCESSES
def test_fifty_shoppers_for_the_last_three_units_make_three_orders(
    app: Flask, config: Config, session: Session, processes: int
) -> None:
    store, variant = shop(session, on_hand=3, capacity=60)
    owners = with_carts_and_holds(session, store, variant, 50)

    def buy(s: Session, owner: Owner) -> None:
        confirm(s, store, owner, key(owner))

    outcomes = contest(app, config, buy, owners, processes=processes)

    assert outcomes == Counter(ok=3, InsufficientStock=47)
    assert count(PickupOrder) == 3
    assert stock(variant) == (3, 3)  # all reserved, none beyond what is on hand
    # Three places booked; the others keep their hold and their cart to try another way.
    assert count(SlotHold) == 47 and taken() == {NOON.starts_at: 50}


@PROCESSES
def test_a_hundred_shoppers_holding_a_slot_of_six_get_six_places(
    app: Flask, config: Config, session: Session, processes: int
) -> None:
    store, _ = shop(session, on_hand=1, capacity=6)

    def take(s: Session, owner: Owner) -> None:
        slots.hold(s, owner, store, NOON, NOW)

    outcomes = contest(app, config, take, [guest(n) for n in range(100)], processes=processes)

    assert outcomes == Counter(ok=6, SlotFull=94)
    assert count(SlotHold) == 6 and taken() == {NOON.starts_at: 6}


def test_places_of_holds_that_ran_out_go_to_six_of_a_hundred_shoppers(
    app: Flask, config: Config, session: Session
) -> None:
    store, _ = shop(session, on_hand=1, capacity=6)
    for n in range(6):
        slots.hold(session, guest(1000 + n), store, NOON, NOW - rules.HOLD)
    session.commit()

    def take(s: Session, owner: Owner) -> None:
        slots.hold(s, owner, store, NOON, NOW)

    outcomes = contest(app, config, take, [guest(n) for n in range(100)])

    assert outcomes == Counter(ok=6, SlotFull=94)
    assert count(SlotHold) == 6 and taken() == {NOON.starts_at: 6}


@PROCESSES
def test_a_hundred_shoppers_holding_and_confirming_make_six_orders(
    app: Flask, config: Config, session: Session, processes: int
) -> None:
    store, variant = shop(session, on_hand=200, capacity=6)
    owners = [guest(n) for n in range(100)]
    for owner in owners:
        cart.add_to_cart(session, owner, variant.id, 1)
    session.commit()

    def book(s: Session, owner: Owner) -> None:
        slots.hold(s, owner, store, NOON, NOW)
        s.commit()
        confirm(s, store, owner, key(owner))

    outcomes = contest(app, config, book, owners, processes=processes)

    assert outcomes == Counter(ok=6, SlotFull=94)
    assert count(PickupOrder) == 6 and count(SlotHold) == 0
    assert taken() == {NOON.starts_at: 6} and stock(variant) == (200, 6)


def test_a_confirmation_sent_four_times_at_once_makes_one_order(
    app: Flask, config: Config, session: Session
) -> None:
    store, variant = shop(session, on_hand=10, capacity=6)
    owners = with_carts_and_holds(session, store, variant, 6)

    def buy(s: Session, owner: Owner) -> None:
        confirm(s, store, owner, key(owner))

    outcomes = contest(app, config, buy, owners * 4)

    assert outcomes == Counter(ok=24)
    assert count(PickupOrder) == 6
    assert stock(variant) == (10, 6) and taken() == {NOON.starts_at: 6}
    assert len(mail()) == 6  # one confirmation each


def finish(order: PickupOrder, to: OrderStatus, actor: orders.Actor) -> Work:
    def work(s: Session, _: Owner) -> None:
        orders.move(s, orders.load(s, order.id), to, actor, now_utc=EXPIRY)

    return work


def expiry_run(_s: Session, _: Owner) -> None:
    """The timer's run, with the sessions of the app it runs in (a process has its own)."""
    housekeeping.expire(current_app.extensions["db_writers"], EXPIRY)


def released_once(session: Session, variant: Variant, order: PickupOrder, on_hand: int) -> None:
    """Whoever won, the stock and the slot place moved exactly once."""
    final = orders.load(session, order.id)
    session.rollback()
    ends = [e for e in final.events if e.to_status not in rules.OPEN_STATUSES]
    assert len(ends) == 1 and ends[0].to_status is final.status
    if final.status is OrderStatus.COLLECTED:
        assert stock(variant) == (on_hand - 2, 0) and taken() == {NOON.starts_at: 1}
    else:
        assert stock(variant) == (on_hand, 0) and taken() == {NOON.starts_at: 0}
    told = [m for m in mail() if m.subject.endswith(("is cancelled", "has expired"))]
    assert len(told) == (final.status is not OrderStatus.COLLECTED)


@PROCESSES
def test_cancel_expiry_and_hand_over_of_a_ready_order_release_once(
    app: Flask, config: Config, session: Session, processes: int
) -> None:
    store, variant = shop(session, on_hand=5, capacity=6)
    order = place(session, store, variant, guest(1), quantity=2)
    orders.move(session, order, OrderStatus.READY, STAFF, now_utc=NOW)
    session.commit()
    rivals = {
        "cancel": finish(order, OrderStatus.CANCELLED, STAFF),
        "hand over": finish(order, OrderStatus.COLLECTED, STAFF),
        "expire": expiry_run,
    }

    def one(s: Session, owner: Owner) -> None:
        list(rivals.values())[int(owner.guest_token or "0") % 3](s, owner)

    outcomes = contest(app, config, one, [guest(n) for n in range(9)], processes=processes)

    # One change wins, the others are refused; an expiry run that loses just skips the order.
    assert outcomes in (Counter(ok=4, Refused=5), Counter(ok=3, Refused=6))
    released_once(session, variant, order, on_hand=5)


def test_shopper_cancel_expiry_and_a_resent_confirmation_release_once(
    app: Flask, config: Config, session: Session
) -> None:
    store, variant = shop(session, on_hand=5, capacity=6)
    owner = guest(1)
    order = place(session, store, variant, owner, quantity=2)

    def one(s: Session, who: Owner) -> None:
        kind = int(who.guest_token or "0") % 3
        if kind == 0:
            orders.cancel_by_shopper(
                s, orders.load(s, order.id), orders.Actor.shopper(None), now_utc=NOW
            )
        elif kind == 1:
            expiry_run(s, who)
        else:
            assert confirm(s, store, owner, key(owner)).id == order.id

    contest(app, config, one, [guest(n) for n in range(12)])

    assert count(PickupOrder) == 1
    released_once(session, variant, order, on_hand=5)


def test_the_expiry_run_twice_at_once_expires_each_order_once(
    app: Flask, config: Config, session: Session
) -> None:
    store, variant = shop(session, on_hand=20, capacity=20)
    placed = [place(session, store, variant, guest(n), quantity=2) for n in range(8)]

    contest(app, config, expiry_run, [guest(n) for n in range(4)])

    assert stock(variant) == (20, 0) and taken() == {NOON.starts_at: 0}
    assert len([m for m in mail() if m.subject.endswith("has expired")]) == len(placed)
    events = session.scalars(select(OrderEvent.to_status)).all()
    assert events.count(OrderStatus.EXPIRED) == len(placed)
