"""Work a timer does on pickup orders: expire the uncollected ones, remind on the day.

Both are safe to run every minute, and two runs at once: each order is changed in its own
short transaction, through the same conditional status change the shopper and staff use
(orders.move), and each email has its dedupe key, so nothing is released or sent twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from storefront.outbox.dispatch import COMMITTED
from storefront.outbox.models import OutboxMessage
from storefront.pickup import orders, rules, slots
from storefront.pickup.errors import PickupError
from storefront.pickup.models import PickupOrder
from storefront.pickup.notifications import Notice, dedupe_key, notify
from storefront.stores.models import Store

# Reminders go out from this local time on the pickup day, not in the middle of the night.
REMIND_FROM = time(7, 0)
EXPIRED_NOTE = "not collected in time"


@dataclass
class Report:
    """What a run did; `mail` lists the outbox ids it committed, to send at once."""

    done: int = 0
    skipped: int = 0  # changed by someone else (or another run) in the meantime
    reclaimed: int = 0
    mail: list[int] = field(default_factory=list)

    def keep_mail(self, session: Session) -> None:
        self.mail += session.info.pop(COMMITTED, [])


def _due(order: PickupOrder, hold_days: int, now_utc: datetime) -> bool:
    return order.status in rules.OPEN_STATUSES and now_utc >= rules.expires_at(
        order.slot_ends_at, hold_days
    )


def expire(sessions: sessionmaker[Session], now_utc: datetime) -> Report:
    """Expire every open order whose store's hold period after its slot is over: its stock
    and slot place are released and the shopper told. Also gives back the places of slot
    holds that ran out, which nobody else may come back to reclaim."""
    report = Report()
    with sessions() as session:
        ended = session.execute(
            select(PickupOrder.id, PickupOrder.slot_ends_at, Store.pickup_hold_days)
            .join(Store, Store.id == PickupOrder.store_id)
            .where(PickupOrder.status.in_(rules.OPEN_STATUSES), PickupOrder.slot_ends_at <= now_utc)
            .order_by(PickupOrder.slot_ends_at)
        ).all()
    candidates = [
        (order_id, hold_days)
        for order_id, ends_at, hold_days in ended
        if now_utc >= rules.expires_at(ends_at, hold_days)
    ]
    for order_id, hold_days in candidates:
        mail = _expire_one(sessions, order_id, hold_days, now_utc)
        if mail is None:
            report.skipped += 1
        else:
            report.done += 1
            report.mail += mail
    with sessions() as session, session.begin():
        report.reclaimed = slots.reclaim_expired(session, now_utc)
    return report


def _expire_one(
    sessions: sessionmaker[Session], order_id: int, hold_days: int, now_utc: datetime
) -> list[int] | None:
    """Expire one order in a transaction of its own; the outbox ids it committed, or None
    when someone changed the order meanwhile (collected, cancelled, moved, or expired by
    another run)."""
    with sessions() as session:
        try:
            with session.begin():
                # Locked and read again: a reschedule may have moved it since the list.
                order = session.scalars(
                    select(PickupOrder).where(PickupOrder.id == order_id).with_for_update()
                ).one()
                if not _due(order, hold_days, now_utc):
                    return None
                orders.move(
                    session,
                    orders.load(session, order_id),
                    rules.OrderStatus.EXPIRED,
                    orders.Actor.system(),
                    note=EXPIRED_NOTE,
                    now_utc=now_utc,
                )
        except PickupError:
            return None
        return list(session.info.pop(COMMITTED, []))


def reminder_due(order: PickupOrder, zone: ZoneInfo, now_utc: datetime) -> bool:
    """On the slot's local day, from REMIND_FROM until the slot ends; not for an order
    placed that same day, whose confirmation is still fresh."""
    now = now_utc.astimezone(zone)
    return (
        order.slot_starts_at.astimezone(zone).date() == now.date()
        and order.created_at.astimezone(zone).date() < now.date()
        and now.time() >= REMIND_FROM
        and now_utc < order.slot_ends_at
    )


def remind(sessions: sessionmaker[Session], now_utc: datetime) -> Report:
    """Queue the pickup-day reminder of every open order due one, once each."""
    report = Report()
    with sessions() as session:
        candidates = session.execute(
            select(PickupOrder, Store.timezone)
            .join(Store, Store.id == PickupOrder.store_id)
            .where(
                PickupOrder.status.in_(rules.OPEN_STATUSES),
                PickupOrder.slot_ends_at > now_utc,
                PickupOrder.slot_starts_at < now_utc + timedelta(days=1),
            )
        ).all()
        due = [o.id for o, zone in candidates if reminder_due(o, ZoneInfo(zone), now_utc)]
        keys = {dedupe_key(order_id, Notice.REMINDER) for order_id in due}
        sent = set(
            session.scalars(
                select(OutboxMessage.dedupe_key).where(OutboxMessage.dedupe_key.in_(keys))
            )
        )
    for order_id in due:
        if dedupe_key(order_id, Notice.REMINDER) in sent:
            report.skipped += 1
            continue
        with sessions() as session:
            with session.begin():
                order = orders.load(session, order_id)
                still_open = order.status in rules.OPEN_STATUSES
                if still_open:
                    notify(session, order, Notice.REMINDER)
            report.keep_mail(session)
        report.done += still_open
        report.skipped += not still_open
    return report
