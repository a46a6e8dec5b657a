"""Read side of pickup orders: the order page, a shopper's orders, a store's board."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from storefront.pickup.models import PickupOrder
from storefront.pickup.rules import OrderStatus
from storefront.stores.models import Store

MAX_NUMBER = 16  # the column's length: anything longer is no order's number


def _with_details() -> Select[PickupOrder]:
    return select(PickupOrder).options(
        joinedload(PickupOrder.store).selectinload(Store.hours),
        joinedload(PickupOrder.store).selectinload(Store.closures),
        selectinload(PickupOrder.lines),
        selectinload(PickupOrder.events),
    )


def order_by_number(session: Session, number: str) -> PickupOrder | None:
    """The order with everything its page shows; the caller decides who may see it."""
    if len(number) > MAX_NUMBER:
        return None
    return session.scalars(_with_details().where(PickupOrder.number == number)).one_or_none()


def account_orders(session: Session, account_id: int) -> list[PickupOrder]:
    """An account's orders, the next pickup first, then the past ones newest first."""
    orders = session.scalars(
        select(PickupOrder)
        .where(PickupOrder.account_id == account_id)
        .options(joinedload(PickupOrder.store), selectinload(PickupOrder.lines))
        .order_by(PickupOrder.slot_starts_at.desc(), PickupOrder.id.desc())
    ).all()
    return list(orders)


def store_order(
    session: Session, store_id: int, *, number: str | None = None, code: str | None = None
) -> PickupOrder | None:
    """An order of this store only, by number or pickup code: staff of one store reach
    no other store's order, whatever they type."""
    query = _with_details().where(PickupOrder.store_id == store_id)
    if number is not None:
        if len(number) > MAX_NUMBER:
            return None
        query = query.where(PickupOrder.number == number)
    elif code:
        query = query.where(PickupOrder.pickup_code == code)
    else:
        return None
    return session.scalars(query).one_or_none()


def board_orders(
    session: Session, store_id: int, *, since: datetime, until: datetime
) -> list[PickupOrder]:
    """Orders with a slot in [since, until), whatever their status (a cancelled one tells
    staff to put its items back), and the ones ready since an earlier day, still waiting at
    the desk; by slot, then number."""
    in_window = (PickupOrder.slot_starts_at >= since) & (PickupOrder.slot_starts_at < until)
    waiting = (PickupOrder.slot_starts_at < since) & (PickupOrder.status == OrderStatus.READY)
    orders = session.scalars(
        select(PickupOrder)
        .where(
            PickupOrder.store_id == store_id,
            or_(in_window, waiting),
        )
        .options(selectinload(PickupOrder.lines))
        .order_by(PickupOrder.slot_starts_at, PickupOrder.number)
    ).all()
    return list(orders)
