"""`flask pickups expire` and `flask pickups remind`, as cron or a systemd timer runs them."""

from datetime import timedelta
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import update
from sqlalchemy.orm import Session

from storefront.clock import SetClock
from storefront.config import Config
from storefront.pickup.models import PickupOrder
from storefront.pickup.rules import OrderStatus
from tests.factories import make_product, make_store, set_stock
from tests.pickup_orders import NOON, guest, place, status, stock


@pytest.fixture
def order(app: Flask, session: Session):
    store = make_store(session)
    product = make_product(session, "Trail boots")
    set_stock(session, store, product.variants[0], 4)
    session.commit()
    with app.app_context():
        order = place(session, store, product.variants[0], guest(1), quantity=3)
    session.execute(update(PickupOrder).values(created_at=NOON.starts_at - timedelta(days=1)))
    session.commit()
    return order


def run(app: Flask, clock: SetClock, command: str, now) -> str:  # type: ignore[no-untyped-def]
    clock.at = now
    result = app.test_cli_runner().invoke(args=["pickups", command])
    assert result.exit_code == 0, result.output
    return result.output.strip()


def sent_subjects(config: Config) -> list[str]:
    folder: Path = config.instance_path / "mail"
    return sorted(
        str(message_from_bytes(eml.read_bytes(), policy=policy.default)["Subject"])
        for eml in folder.glob("*.eml")
    )


def test_expire_releases_the_stock_and_sends_the_email(
    app: Flask, config: Config, clock: SetClock, order
) -> None:
    before = run(app, clock, "expire", NOON.ends_at + timedelta(days=2))
    after = run(app, clock, "expire", NOON.ends_at + timedelta(days=3))
    again = run(app, clock, "expire", NOON.ends_at + timedelta(days=3, minutes=1))

    assert before == "Expired 0 order(s), 0 changed meanwhile; freed 0 slot hold(s)."
    assert after == (
        "Expired 1 order(s), 0 changed meanwhile; freed 0 slot hold(s); 1 email(s) sent."
    )
    assert again == before
    with app.app_context():
        assert status(order) is OrderStatus.EXPIRED
        assert stock(order.lines[0].variant) == (4, 0)
    assert sent_subjects(config) == [f"Order {order.number} has expired"]


def test_remind_sends_the_reminder_once_on_the_pickup_day(
    app: Flask, config: Config, clock: SetClock, order
) -> None:
    morning = NOON.starts_at.replace(hour=7)  # 08:00 in Paris

    first = run(app, clock, "remind", morning)
    second = run(app, clock, "remind", morning + timedelta(minutes=1))

    assert first == "Queued 1 reminder(s), 0 already sent or no longer due; 1 email(s) sent."
    assert second == "Queued 0 reminder(s), 1 already sent or no longer due."
    assert sent_subjects(config) == [f"Today: pick up order {order.number} at Lyon Part-Dieu"]


def test_both_commands_are_listed_with_their_purpose(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["pickups", "--help"])
    assert "expire" in result.output and "remind" in result.output
    assert "Expire open orders not collected" in result.output
