"""A shopper's pickup orders in their data download, and what deleting the account leaves:
the store keeps each ended order for its records, without the person's name, email or
phone."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from storefront.accounts.models import Account
from storefront.pickup.models import PickupOrder
from storefront.pickup.rules import OPEN_STATUSES

ERASED = "(deleted account)"


def export_for_account(session: Session, account_id: int) -> list[dict[str, Any]]:
    orders = session.scalars(
        select(PickupOrder)
        .where(PickupOrder.account_id == account_id)
        .options(selectinload(PickupOrder.lines), selectinload(PickupOrder.store))
        .order_by(PickupOrder.id)
    )
    return [
        {
            "number": order.number,
            "store": order.store.code,
            "status": str(order.status),
            "pickup_from": order.slot_starts_at.isoformat(),
            "name": order.customer_name,
            "email": order.email,
            "phone": order.phone,
            "total": order.total_amount,
            "currency": order.currency,
            "placed_at": order.created_at.isoformat(),
            "lines": [
                {"sku": line.sku, "quantity": line.quantity, "unit_price": line.unit_price}
                for line in order.lines
            ],
        }
        for order in orders
    ]


def anonymise_orders(session: Session, account: Account) -> None:
    """The account's ended orders, and ended guest orders placed with its email, lose who
    placed them. An order still to be collected keeps its contact for the desk (and its
    emails) until it ends; it leaves the account all the same."""
    mine = (PickupOrder.account_id == account.id) | (PickupOrder.email == account.email)
    session.execute(
        update(PickupOrder)
        .where(mine, PickupOrder.status.not_in(OPEN_STATUSES))
        .values(customer_name=ERASED, email="", phone="", account_id=None)
    )
