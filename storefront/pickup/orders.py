"""An order's status after confirmation: prepared, ready, collected, cancelled, expired.

Every change starts with a conditional UPDATE of the order's status (`WHERE status IN
(...)`), so of two requests racing (a cancel and the expiry run, two staff members) one
wins and the other is refused: stock and slot places are given back exactly once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from storefront.inventory import movements
from storefront.messages import N_, Decision, Message
from storefront.pickup import rules, slots
from storefront.pickup.errors import NotFound, Refused
from storefront.pickup.models import OrderEvent, PickupOrder, PickupOrderLine
from storefront.pickup.notifications import Notice, notify
from storefront.pickup.rules import EventKind, OrderStatus

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


def refuse(decision: Decision) -> Refused:
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
        raise refuse(rules.can_move(fresh.status, to))
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
        settle_line(session, line, quantity, handed_over=handed_over)


def settle_line(
    session: Session, line: PickupOrderLine, quantity: int, *, handed_over: bool = False
) -> None:
    """End the reservation of `quantity` units of one line at its source."""
    movements.settle(
        session, line.source_store_id, line.variant_id, quantity, handed_over=handed_over
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
    record(session, order, before, to, actor, now_utc, note=note)
    order = load(session, order.id)
    if (notice := _NOTICES.get(to)) is not None:
        notify(session, order, notice)
    return order


def record(
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


def cancel_by_shopper(
    session: Session, order: PickupOrder, actor: Actor, *, now_utc: datetime
) -> PickupOrder:
    if not (decision := rules.shopper_may_change(order.status)).ok:
        raise refuse(decision)
    claim_changeable(session, order)
    return move(session, order, OrderStatus.CANCELLED, actor, now_utc=now_utc)


def claim_changeable(session: Session, order: PickupOrder) -> None:
    """Lock the order while it is still the shopper's to change (not yet ready): the
    status UPDATE to itself takes the row lock, and its row count says it is still so."""
    locked = session.execute(
        update(PickupOrder)
        .where(PickupOrder.id == order.id, PickupOrder.status.in_(rules.SHOPPER_CHANGEABLE))
        .values(status=PickupOrder.status)
        .execution_options(synchronize_session=False)
    )
    if locked.rowcount != 1:  # type: ignore[attr-defined]
        raise refuse(rules.shopper_may_change(load(session, order.id).status))
