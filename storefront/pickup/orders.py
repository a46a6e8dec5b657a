"""An order's life after confirmation: status changes, rescheduling, missing items.

Every change starts with a conditional UPDATE of the order's status (`WHERE status IN
(...)`), so of two requests racing (a cancel and the expiry run, two staff members) one
wins and the other is refused: stock and slot places are given back exactly once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from storefront.messages import N_, Decision, Message
from storefront.pickup import rules, slots
from storefront.pickup.errors import NotFound, Refused
from storefront.pickup.models import OrderEvent, PickupOrder, PickupOrderLine
from storefront.pickup.notifications import Notice, notify
from storefront.pickup.reservation import pickup_shop
from storefront.pickup.rules import EventKind, OrderStatus
from storefront.stores.hours import earliest_ready, schedule_of
from storefront.stores.models import StockLevel, Store

_NOTICES = {
    OrderStatus.READY: Notice.READY,
    OrderStatus.CANCELLED: Notice.CANCELLED,
    OrderStatus.EXPIRED: Notice.EXPIRED,
}


@dataclass(frozen=True)
class Actor:
    """Who made a change, as the order's history records it."""

    label: str
    account_id: int | None = None

    @classmethod
    def shopper(cls, account_id: int | None) -> Actor:
        return cls("shopper", account_id)

    @classmethod
    def staff(cls, email: str, account_id: int) -> Actor:
        return cls(f"staff:{email}", account_id)

    @classmethod
    def system(cls) -> Actor:
        return cls("system")


def load(session: Session, order_id: int) -> PickupOrder:
    order = session.scalars(
        select(PickupOrder)
        .where(PickupOrder.id == order_id)
        .options(selectinload(PickupOrder.lines), selectinload(PickupOrder.events))
        .execution_options(populate_existing=True)
    ).one_or_none()
    if order is None:
        raise NotFound()
    return order


def _refuse(decision: Decision) -> Refused:
    return Refused(decision.reason or Message(N_("This order cannot change now.")))


def _claim(
    session: Session, order: PickupOrder, to: OrderStatus, allowed_from: tuple[OrderStatus, ...]
) -> OrderStatus:
    """Move the order to `to` if it is still in one of `allowed_from`; returns the status it
    left. The row count, not what this request read earlier, decides."""
    current = order.status
    moved = session.execute(
        update(PickupOrder)
        .where(PickupOrder.id == order.id, PickupOrder.status.in_(allowed_from))
        .values(status=to)
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount != 1:  # type: ignore[attr-defined]
        fresh = load(session, order.id)
        raise _refuse(rules.can_move(fresh.status, to))
    return current


def _stock_rows(order: PickupOrder) -> list[tuple[PickupOrderLine, int]]:
    """Lines with what they still hold, in the same (variant, source) order reservations
    lock stock rows in."""
    held = [(line, line.quantity - line.missing) for line in order.lines]
    return sorted(
        ((line, q) for line, q in held if q > 0),
        key=lambda pair: (pair[0].variant_id, pair[0].source_store_id),
    )


def _release(session: Session, order: PickupOrder) -> None:
    _settle_stock(session, order, handed_over=False)
    slots.give_back_place(session, order.slot_id)


def _settle_stock(session: Session, order: PickupOrder, *, handed_over: bool) -> None:
    """End the lines' reservations: the units leave the shelf when handed over, and go back
    on sale otherwise."""
    for line, quantity in _stock_rows(order):
        values = {"reserved": StockLevel.reserved - quantity}
        if handed_over:
            values["on_hand"] = StockLevel.on_hand - quantity
        session.execute(
            update(StockLevel)
            .where(
                StockLevel.store_id == line.source_store_id,
                StockLevel.variant_id == line.variant_id,
            )
            .values(values)
        )


def move(
    session: Session,
    order: PickupOrder,
    to: OrderStatus,
    actor: Actor,
    *,
    note: str = "",
    now_utc: datetime,
) -> PickupOrder:
    """Change the status, give back or hand over the stock, record who, tell the shopper."""
    before = _claim(session, order, to, rules.sources_for(to))
    if to in (OrderStatus.CANCELLED, OrderStatus.EXPIRED):
        _release(session, order)
    elif to is OrderStatus.COLLECTED:
        _settle_stock(session, order, handed_over=True)
    _record(session, order, before, to, actor, now_utc, note=note)
    order = load(session, order.id)
    if (notice := _NOTICES.get(to)) is not None:
        notify(session, order, notice)
    return order


def _record(
    session: Session,
    order: PickupOrder,
    before: OrderStatus | None,
    to: OrderStatus,
    actor: Actor,
    now_utc: datetime,
    *,
    kind: EventKind = EventKind.STATUS,
    note: str = "",
    slot_starts_at: datetime | None = None,
) -> None:
    session.add(
        OrderEvent(
            order_id=order.id,
            from_status=before,
            to_status=to,
            kind=kind,
            slot_starts_at=slot_starts_at,
            actor=actor.label[:160],
            actor_account_id=actor.account_id,
            note=note[:500],
            at=now_utc,
        )
    )
    session.execute(
        update(PickupOrder).where(PickupOrder.id == order.id).values(updated_at=now_utc)
    )
    session.flush()


def _record_change(
    session: Session,
    order: PickupOrder,
    actor: Actor,
    now_utc: datetime,
    kind: EventKind,
    **details: Any,
) -> None:
    """A history entry for a change that keeps the status: a new time, missing items."""
    _record(session, order, order.status, order.status, actor, now_utc, kind=kind, **details)


def cancel_by_shopper(
    session: Session, order: PickupOrder, actor: Actor, *, now_utc: datetime
) -> PickupOrder:
    if not (decision := rules.shopper_may_change(order.status)).ok:
        raise _refuse(decision)
    _claim_changeable(session, order)
    return move(session, order, OrderStatus.CANCELLED, actor, now_utc=now_utc)


def _claim_changeable(session: Session, order: PickupOrder) -> None:
    """Lock the order while it is still the shopper's to change (not yet ready): the
    status UPDATE to itself takes the row lock, and its row count says it is still so."""
    locked = session.execute(
        update(PickupOrder)
        .where(PickupOrder.id == order.id, PickupOrder.status.in_(rules.SHOPPER_CHANGEABLE))
        .values(status=PickupOrder.status)
        .execution_options(synchronize_session=False)
    )
    if locked.rowcount != 1:  # type: ignore[attr-defined]
        raise _refuse(rules.shopper_may_change(load(session, order.id).status))


def earliest_for(order: PickupOrder, store: Store, now_utc: datetime) -> datetime | None:
    """The earliest slot the order may move to (None: none). Goods sent from the warehouse
    are counted from when the order was placed; goods in the store, from now."""
    in_store = all(line.source_store_id == store.id for line in order.lines)
    since = min(order.created_at, now_utc) if not in_store else now_utc
    earliest = earliest_ready(schedule_of(store), since, in_store=in_store)
    return max(earliest, now_utc) if earliest is not None else None


def reschedule(
    session: Session, order: PickupOrder, starts_at: datetime, actor: Actor, *, now_utc: datetime
) -> PickupOrder:
    """Move the order to another free slot of its store, before the store has it ready."""
    if not (decision := rules.shopper_may_change(order.status)).ok:
        raise _refuse(decision)
    _claim_changeable(session, order)
    store = pickup_shop(session, order.store_id)
    if store is None:
        raise NotFound()
    schedule = schedule_of(store)
    earliest = earliest_for(order, store, now_utc)
    checked = rules.check_slot(
        schedule, starts_at, now_utc=now_utc, minutes=store.slot_minutes, earliest=earliest
    )
    if isinstance(checked, Decision):
        raise _refuse(checked)
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
    order = load(session, order.id)
    notify(session, order, Notice.RESCHEDULED)
    return order


def report_missing(
    session: Session,
    order: PickupOrder,
    line_id: int,
    missing: int,
    actor: Actor,
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
    if order.status not in rules.OPEN_STATUSES or order.status is OrderStatus.READY:
        raise _refuse(rules.can_move(order.status, OrderStatus.PREPARING))
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
    session.execute(
        update(StockLevel)
        .where(
            StockLevel.store_id == line.source_store_id, StockLevel.variant_id == line.variant_id
        )
        .values(reserved=StockLevel.reserved - missing)
    )
    note = f"{missing} × {line.product_name} ({line.sku})"
    order = load(session, order.id)
    if all(line.missing == line.quantity for line in order.lines):
        return move(session, order, OrderStatus.CANCELLED, actor, note=note, now_utc=now_utc)
    total = sum((line.quantity - line.missing) * line.unit_price for line in order.lines)
    session.execute(
        update(PickupOrder).where(PickupOrder.id == order.id).values(total_amount=total)
    )
    _record_change(session, order, actor, now_utc, EventKind.ADJUSTED, note=note)
    order = load(session, order.id)
    notify(session, order, Notice.ADJUSTED)
    return order
