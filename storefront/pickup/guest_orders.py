"""A guest's pickup orders join their account when they sign in on the browser they used."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from storefront.pickup.models import PickupOrder


def claim_guest_orders(session: Session, guest_token: str, account_id: int) -> int:
    """Orders placed as this browser's guest become the account's (listed in /orders, open
    without the emailed link); the browser is the proof, as for the guest cart. Returns
    how many joined."""
    claimed = session.execute(
        update(PickupOrder)
        .where(PickupOrder.guest_token == guest_token, PickupOrder.account_id.is_(None))
        .values(account_id=account_id, guest_token=None)
        .execution_options(synchronize_session=False)
    )
    return claimed.rowcount  # type: ignore[attr-defined]
