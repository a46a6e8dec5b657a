"""The board's days: today and tomorrow in the store's time zone, by slot; ready orders
from an earlier day still waiting at the desk."""

from datetime import UTC, datetime, timedelta

from flask import Flask
from sqlalchemy import update
from sqlalchemy.orm import Session

from storefront.pickup.models import PickupOrder
from storefront.pickup.rules import OrderStatus
from storefront.shopper import Owner
from storefront.staff import board
from tests.factories import make_product, make_store, set_stock
from tests.http.staff.orders import NOON, place_order

# Tuesday 00:30 in Paris, still Monday in UTC: the board's today is Tuesday.
JUST_AFTER_MIDNIGHT = datetime(2026, 11, 23, 23, 30, tzinfo=UTC)


def test_days_and_slots_follow_the_stores_clock(app: Flask, session: Session) -> None:
    store = make_store(session)
    boots = make_product(session).variants[0]
    set_stock(session, store, boots, 10)
    session.commit()

    def order(n: int, starts_at: datetime) -> PickupOrder:
        return place_order(
            app, session, store, [(boots, 1)], Owner(guest_token=f"{n:032d}"), starts_at=starts_at
        )

    monday = order(1, NOON)
    tuesday_a, tuesday_b = order(2, NOON + timedelta(days=1)), order(3, NOON + timedelta(days=1))
    wednesday = order(4, NOON + timedelta(days=2, hours=2))
    thursday = order(5, NOON + timedelta(days=3))
    session.execute(
        update(PickupOrder).where(PickupOrder.id == monday.id).values(status=OrderStatus.READY)
    )
    session.commit()

    found = board.build(session, store, JUST_AFTER_MIDNIGHT)

    assert [o.number for o in found.waiting] == [monday.number]
    today, tomorrow = found.days
    assert (today.day.isoformat(), today.is_today, tomorrow.is_today) == ("2026-11-24", True, False)
    [noon] = today.slots
    assert noon.starts_at.strftime("%H:%M") == "12:00" and noon.ends_at.strftime("%H:%M") == "12:30"
    assert {o.number for o in noon.orders} == {tuesday_a.number, tuesday_b.number}
    assert today.to_prepare == 2
    assert [g.starts_at.strftime("%H:%M") for g in tomorrow.slots] == ["14:00"]
    assert tomorrow.slots[0].orders[0].number == wednesday.number
    shown = {o.number for d in found.days for g in d.slots for o in g.orders}
    assert thursday.number not in shown
