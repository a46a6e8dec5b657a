"""The tills' stock feed: absolute and delta lines, once per key, all or nothing, never
below what is reserved, and right under concurrent feeds."""

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storefront import clock
from storefront.catalog.models import Product
from storefront.inventory import feed
from storefront.inventory.models import StockAlert, StockFeedRequest, StockLevel
from storefront.stores.models import Store
from tests.concurrency import race
from tests.factories import make_product, make_store, set_stock
from tests.outbox_mail import rendered


@pytest.fixture(autouse=True)
def request_context(app: Flask) -> Iterator[None]:
    """The feed mails back-in-stock alerts, rendered in the shopper's language."""
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        yield


@pytest.fixture
def store(session: Session) -> Store:
    return make_store(session, code="LYON1")


@pytest.fixture
def shoe(session: Session) -> Product:
    return make_product(session, variants=[{"sku": "A"}, {"sku": "B"}, {"sku": "C"}])


def body(*lines: dict[str, Any], key: str = "till-1-000001") -> dict[str, Any]:
    return {"request_key": key, "lines": list(lines)}


def levels(session: Session, store: Store) -> dict[int, tuple[int, int]]:
    session.expire_all()
    rows = session.execute(
        select(StockLevel.variant_id, StockLevel.on_hand, StockLevel.reserved).where(
            StockLevel.store_id == store.id
        )
    )
    return {variant_id: (on_hand, reserved) for variant_id, on_hand, reserved in rows}


def test_absolute_levels_and_deltas_are_applied(
    session: Session, store: Store, shoe: Product
) -> None:
    a, b, c = shoe.variants
    set_stock(session, store, a, 5)
    set_stock(session, store, b, 2)
    outcome = feed.apply_feed(
        session,
        store.id,
        body({"sku": "A", "on_hand": 9}, {"sku": "B", "delta": -2}, {"sku": "C", "delta": 4}),
    )
    session.commit()
    assert outcome.result == {
        "request_key": "till-1-000001",
        "lines": 3,
        "absolute": 1,
        "deltas": 2,
        "locations": 0,
        "created": 1,
    }
    assert levels(session, store) == {a.id: (9, 0), b.id: (0, 0), c.id: (4, 0)}


def test_a_retry_returns_the_stored_result_and_changes_nothing(
    session: Session, store: Store, shoe: Product
) -> None:
    set_stock(session, store, shoe.variants[0], 5)
    first = feed.apply_feed(session, store.id, body({"sku": "A", "delta": -1}))
    session.commit()
    again = feed.apply_feed(session, store.id, body({"sku": "A", "delta": -1}))
    session.commit()
    assert again.replayed and not first.replayed
    assert again.result == first.result
    assert levels(session, store)[shoe.variants[0].id] == (4, 0)
    # The key is per store: another store's till may use the same numbering.
    other = make_store(session, code="PARIS1")
    assert not feed.apply_feed(session, other.id, body({"sku": "A", "on_hand": 1})).replayed


def test_a_bad_line_rejects_the_whole_batch_listing_every_bad_line(
    session: Session, store: Store, shoe: Product
) -> None:
    set_stock(session, store, shoe.variants[0], 5)
    session.commit()
    with pytest.raises(feed.FeedRejected) as rejected:
        feed.apply_feed(
            session,
            store.id,
            body(
                {"sku": "A", "on_hand": 1},
                {"sku": "NOPE", "on_hand": 3},
                {"sku": "B", "on_hand": -1},
                {"sku": "C", "on_hand": 1, "delta": 1},
                {"sku": "C", "delta": 1.5},
                "A",
            ),
        )
    session.rollback()
    bad = [(error.line, error.field) for error in rejected.value.errors]
    assert bad == [(2, "on_hand"), (3, "on_hand"), (4, "delta"), (5, "line")]
    with pytest.raises(feed.FeedRejected) as unknown:
        feed.apply_feed(
            session, store.id, body({"sku": "A", "on_hand": 1}, {"sku": "NOPE", "delta": 1})
        )
    session.rollback()
    assert [(e.line, e.field) for e in unknown.value.errors] == [(1, "sku")]
    assert levels(session, store) == {shoe.variants[0].id: (5, 0)}
    assert session.scalar(select(func.count()).select_from(StockFeedRequest)) == 0


def test_stock_never_goes_below_what_is_reserved_or_zero(
    session: Session, store: Store, shoe: Product
) -> None:
    a, b, _c = shoe.variants
    set_stock(session, store, a, 5, reserved=3)
    set_stock(session, store, b, 1)
    session.commit()
    with pytest.raises(feed.FeedRejected) as rejected:
        feed.apply_feed(
            session,
            store.id,
            body({"sku": "A", "on_hand": 2}, {"sku": "B", "delta": -2}, {"sku": "C", "delta": -1}),
        )
    session.rollback()
    reasons = {error.line: error.reason for error in rejected.value.errors}
    assert reasons[0] == "2 is below the 3 units reserved for orders"
    assert "would leave -1 units" in reasons[1]
    assert "would leave -1 units" in reasons[2]
    assert levels(session, store) == {a.id: (5, 3), b.id: (1, 0)}
    feed.apply_feed(session, store.id, body({"sku": "A", "delta": -2}))
    session.commit()
    assert levels(session, store)[a.id] == (3, 3)


@pytest.mark.parametrize(
    "bad",
    [
        [],
        {"lines": [{"sku": "A", "delta": 1}]},
        {"request_key": "", "lines": [{"sku": "A", "delta": 1}]},
        {"request_key": "k" * 121, "lines": [{"sku": "A", "delta": 1}]},
        {"request_key": "k", "lines": []},
        {"request_key": "k", "lines": [{"sku": "A", "delta": 1}] * (feed.MAX_LINES + 1)},
    ],
)
def test_a_body_that_is_no_feed_is_refused_as_a_whole(bad: Any) -> None:
    with pytest.raises(feed.FeedError):
        feed.read_request(bad)


def test_a_sku_twice_in_one_batch_is_a_bad_line() -> None:
    with pytest.raises(feed.FeedRejected) as rejected:
        feed.read_request(body({"sku": "A", "delta": 1}, {"sku": "A", "delta": 1}))
    assert [(e.line, e.field) for e in rejected.value.errors] == [(1, "sku")]


def test_concurrent_feeds_applying_deltas_end_with_the_right_total(
    app: Flask, session: Session, store: Store, shoe: Product
) -> None:
    set_stock(session, store, shoe.variants[0], 100, reserved=10)
    store_id = session.scalar(select(Store.id).where(Store.code == "LYON1"))
    session.commit()
    keys = iter(range(1000))

    def sell_two(db_session: Session) -> None:
        with app.app_context():
            key = f"till-{next(keys)}"
            feed.apply_feed(db_session, store_id, body({"sku": "A", "delta": -2}, key=key))

    assert race(app, sell_two, 8) == []
    assert levels(session, store)[shoe.variants[0].id] == (84, 10)


def test_concurrent_retries_of_one_key_apply_it_once(
    app: Flask, session: Session, store: Store, shoe: Product
) -> None:
    set_stock(session, store, shoe.variants[0], 50)
    store_id = store.id
    session.commit()

    def send(db_session: Session) -> None:
        with app.app_context():
            feed.apply_feed(db_session, store_id, body({"sku": "A", "delta": -1}, key="same"))

    assert race(app, send, 6) == []
    assert levels(session, store)[shoe.variants[0].id] == (49, 0)


def test_a_feed_that_brings_stock_back_mails_each_waiting_alert_once(
    session: Session, store: Store, shoe: Product
) -> None:
    a = shoe.variants[0]
    set_stock(session, store, a, 0)
    confirmed = clock.now()
    session.add(
        StockAlert(
            variant_id=a.id,
            store_id=store.id,
            email="w@example.com",
            locale="en",
            confirmed_at=confirmed,
        )
    )
    session.commit()
    feed.apply_feed(session, store.id, body({"sku": "A", "on_hand": 2}, key="k1"))
    session.commit()
    feed.apply_feed(session, store.id, body({"sku": "A", "delta": 1}, key="k2"))
    session.commit()
    session.expire_all()
    mail = rendered(session)
    assert [(m.recipient, m.subject) for m in mail] == [
        ("w@example.com", f"Back in stock: {shoe.name}")
    ]
    assert session.scalar(select(StockAlert.notified_at)) is not None
