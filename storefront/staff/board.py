"""The pickup board: a store's orders for today and tomorrow, grouped by slot, local time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import groupby
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from storefront.pickup import queries
from storefront.pickup.models import PickupOrder
from storefront.pickup.rules import OrderStatus
from storefront.stores.models import Store

BOARD_DAYS = 2  # today and tomorrow


@dataclass(frozen=True)
class SlotGroup:
    """The orders of one slot; `starts_at`/`ends_at` on the store's wall clock."""

    starts_at: datetime
    ends_at: datetime
    orders: list[PickupOrder]


@dataclass(frozen=True)
class BoardDay:
    day: date
    is_today: bool
    slots: list[SlotGroup]

    @property
    def to_prepare(self) -> int:
        open_ = (OrderStatus.PLACED, OrderStatus.PREPARING)
        return sum(order.status in open_ for group in self.slots for order in group.orders)


@dataclass(frozen=True)
class Board:
    store: Store
    # Ready on an earlier day and not collected yet: still at the desk.
    waiting: list[PickupOrder]
    days: list[BoardDay]


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), zone).astimezone(UTC)


def build(session: Session, store: Store, now_utc: datetime) -> Board:
    zone = ZoneInfo(store.timezone)
    today = now_utc.astimezone(zone).date()
    days = [today + timedelta(days=n) for n in range(BOARD_DAYS)]
    since, until = _midnight(days[0], zone), _midnight(days[-1] + timedelta(days=1), zone)
    found = queries.board_orders(session, store.id, since=since, until=until)
    waiting = [order for order in found if order.slot_starts_at < since]
    by_day: dict[date, list[SlotGroup]] = {day: [] for day in days}
    current = (order for order in found if order.slot_starts_at >= since)
    for (starts, ends), orders in groupby(
        current, key=lambda o: (o.slot_starts_at, o.slot_ends_at)
    ):
        local_start = starts.astimezone(zone)
        group = SlotGroup(local_start, ends.astimezone(zone), list(orders))
        by_day[local_start.date()].append(group)
    return Board(store, waiting, [BoardDay(day, day == today, by_day[day]) for day in days])
