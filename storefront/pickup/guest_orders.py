"""A guest's pickup orders join an account only with proof that the account is theirs: its
verified email is the order's, or the account holder opened the order's own link and
accepted. A shared browser (family laptop, kiosk, store tablet) proves nothing."""

from __future__ import annotations

from sqlalchemy import func, update
from sqlalchemy.orm import Session

from storefront.accounts.models import Account
from storefront.pickup.models import PickupOrder


def join_verified_orders(session: Session, account: Account) -> int:
    """Guest orders placed with the account's verified email become the account's (listed
    in /orders); returns how many joined."""
    if not account.email_verified:
        return 0
    joined = session.execute(
        update(PickupOrder)
        .where(
            PickupOrder.account_id.is_(None),
            func.lower(PickupOrder.email) == account.email.lower(),
        )
        .values(account_id=account.id)
        .execution_options(synchronize_session=False)
    )
    return joined.rowcount  # type: ignore[attr-defined]


def accept_order(session: Session, order: PickupOrder, account_id: int) -> bool:
    """The holder of a guest order's link takes it into their account; false when another
    account was first."""
    accepted = session.execute(
        update(PickupOrder)
        .where(PickupOrder.id == order.id, PickupOrder.account_id.is_(None))
        .values(account_id=account_id)
        .execution_options(synchronize_session=False)
    )
    session.refresh(order)
    return accepted.rowcount == 1  # type: ignore[attr-defined]
