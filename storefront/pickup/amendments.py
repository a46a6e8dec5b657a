"""Changes to an open order that keep its status: a new pickup time, missing items."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from storefront.messages import N_, Decision, Message
from storefront.pickup import orders, rules, slots
from storefront.pickup.errors import NotFound, Refused
from storefront.pickup.models import PickupOrder, PickupOrderLine
from storefront.pickup.notifications import Notice, notify
from storefront.pickup.rules import EventKind, OrderStatus
from storefront.stores.hours import earliest_ready, schedule_of
from storefront.stores.models import Store
from storefront.stores.queries import shop_by_id


def _record_change(
    session: Session,
    order: PickupOrder,
    actor: orders.Actor,
    now_utc: datetime,
    kind: EventKind,
    **details: Any,
) -> None:
    """A history entry for a change that keeps the status: a new time, missing items."""
    orders.record(session, order, order.status, order.status, actor, now_utc, kind=kind, **details)


def earliest_for(order: PickupOrder, store: Store, now_utc: datetime) -> datetime | None:
    """The earliest slot the order may move to (None: none). Goods sent from the warehouse
    are counted from when the order was placed; goods in the store, from now."""
    in_store = all(line.source_store_id == store.id for line in order.lines)
    since = min(order.created_at, now_utc) if not in_store else now_utc
    earliest = earliest_ready(schedule_of(store), since, in_store=in_store)
    return max(earliest, now_utc) if earliest is not None else None


def reschedule(
    session: Session,
    order: PickupOrder,
    starts_at: datetime,
    actor: orders.Actor,
    *,
    now_utc: datetime,
) -> PickupOrder:
    """Move the order to another free slot of its store, before the store has it ready."""
    if not (decision := rules.shopper_may_change(order.status)).ok:
        raise orders.refuse(decision)
    orders.claim_changeable(session, order)
    store = shop_by_id(session, order.store_id, now_utc)
    if store is None:
        raise NotFound()
    schedule = schedule_of(store)
    earliest = earliest_for(order, store, now_utc)
    checked = rules.check_slot(
        schedule, starts_at, now_utc=now_utc, minutes=store.slot_minutes, earliest=earliest
    )
    if isinstance(checked, Decision):
        raise orders.refuse(checked)
    if checked.starts_at == order.slot_starts_at:
        return order
    new_slot = slots.slot_row(session, store, checked)
    old_slot = order.slot_id
    slots.reclaim_expired(session, now_utc, new_slot)
    slots.take_place(session, new_slot)
    slots.give_back_place(session, old_slot)
    session.execute(
        update(PickupOrder)
        .where(PickupOrder.id == order.id)
        .values(slot_id=new_slot, slot_starts_at=checked.starts_at, slot_ends_at=checked.ends_at)
        .execution_options(synchronize_session=False)
    )
    _record_change(
        session, order, actor, now_utc, EventKind.RESCHEDULED, slot_starts_at=checked.starts_at
    )
    order = orders.load(session, order.id)
    notify(session, order, Notice.RESCHEDULED)
    return order


def report_missing(
    session: Session,
    order: PickupOrder,
    line_id: int,
    missing: int,
    actor: orders.Actor,
    *,
    now_utc: datetime,
) -> PickupOrder:
    """Staff could not find `missing` units of a line: they are released and not charged.
    When nothing is left to collect, the order is cancelled; otherwise the shopper is told
    what changed."""
    line = next((line for line in order.lines if line.id == line_id), None)
    if line is None:
        raise NotFound()
    if missing < 1:
        raise Refused(Message(N_("Enter how many are missing, at least 1.")))
    if not rules.may_report_missing(order.status):
        raise orders.refuse(rules.can_move(order.status, OrderStatus.PREPARING))
    updated = session.execute(
        update(PickupOrderLine)
        .where(
            PickupOrderLine.id == line.id,
            PickupOrderLine.missing + missing <= PickupOrderLine.quantity,
        )
        .values(missing=PickupOrderLine.missing + missing)
        .execution_options(synchronize_session=False)
    )
    if updated.rowcount != 1:  # type: ignore[attr-defined]
        raise Refused(
            Message(
                N_("Only %(count)d of %(name)s are in this order."),
                count=line.quantity - line.missing,
                name=line.product_name,
            )
        )
    orders.settle_line(session, line, missing)
    note = f"{missing} × {line.product_name} ({line.sku})"
    order = orders.load(session, order.id)
    if all(line.missing == line.quantity for line in order.lines):
        return orders.move(session, order, OrderStatus.CANCELLED, actor, note=note, now_utc=now_utc)
    total = sum((line.quantity - line.missing) * line.unit_price for line in order.lines)
    session.execute(
        update(PickupOrder).where(PickupOrder.id == order.id).values(total_amount=total)
    )
    _record_change(session, order, actor, now_utc, EventKind.ADJUSTED, note=note)
    order = orders.load(session, order.id)
    notify(session, order, Notice.ADJUSTED)
    return order
