"""Sign-in merge of a guest's cart into the account's: explicit, reported and reversible.

The shopper is told what came from which cart, and one click puts both carts back exactly
as they were (from the snapshot taken before), or merges again.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from storefront import clock
from storefront.cart import rules
from storefront.cart.models import Cart, CartLine, CartMerge
from storefront.cart.services import find_cart, get_or_create_cart, upsert_line
from storefront.catalog.models import Variant
from storefront.inventory.stock import sellable
from storefront.shopper import Owner


def _snapshot(cart: Cart | None) -> list[dict[str, Any]]:
    if cart is None:
        return []
    return [
        {
            "variant_id": line.variant_id,
            "quantity": line.quantity,
            "unit_price_at_add": line.unit_price_at_add,
            "currency": line.currency,
            "added_at": line.added_at.isoformat(),
        }
        for line in cart.lines
    ]


def merge_guest_cart(session: Session, guest_token: str, account_id: int) -> CartMerge | None:
    """Move the guest's lines into the account's cart, quantities added and capped by the
    line limit and the stock; nothing to do (and no notice) when the guest cart is empty."""
    guest = find_cart(session, Owner(guest_token=guest_token))
    if guest is None or not guest.lines:
        return None
    account = get_or_create_cart(session, Owner(account_id=account_id))
    before = {"account": _snapshot(account), "guest": _snapshot(guest)}
    had = {line.variant_id: line.quantity for line in account.lines}
    stock = sellable(session, [line.variant_id for line in guest.lines])
    added = []
    for line in guest.lines:
        variant = session.get(Variant, line.variant_id)
        assert variant is not None
        already = had.get(line.variant_id, 0)
        cap = max(rules.line_limit(stock[line.variant_id]), already)
        holds = upsert_line(session, account.id, variant, line.quantity, cap) if cap else 0
        added.append(
            {
                "variant_id": line.variant_id,
                "quantity": holds - already,
                "asked": line.quantity,
                "already_had": already,
            }
        )
    session.execute(delete(CartLine).where(CartLine.cart_id == guest.id))
    record = CartMerge(account_id=account_id, guest_cart_id=guest.id, before=before, added=added)
    session.add(record)
    session.flush()
    session.expire(account)
    return record


def _restore(session: Session, cart: Cart, lines: list[dict[str, Any]]) -> None:
    session.execute(delete(CartLine).where(CartLine.cart_id == cart.id))
    for line in lines:
        session.add(
            CartLine(
                cart_id=cart.id,
                variant_id=line["variant_id"],
                quantity=line["quantity"],
                unit_price_at_add=line["unit_price_at_add"],
                currency=line["currency"],
                added_at=datetime.fromisoformat(line["added_at"]),
            )
        )


def undo_merge(session: Session, account_id: int, merge_id: int) -> CartMerge | None:
    """Both carts back as they were before the merge; None if it is not this account's."""
    record = session.scalars(
        select(CartMerge).where(
            CartMerge.id == merge_id,
            CartMerge.account_id == account_id,
            CartMerge.undone_at.is_(None),
        )
    ).one_or_none()
    if record is None:
        return None
    account = get_or_create_cart(session, Owner(account_id=account_id))
    guest = session.get(Cart, record.guest_cart_id)
    _restore(session, account, record.before["account"])
    if guest is not None:
        _restore(session, guest, record.before["guest"])
    record.undone_at = clock.now()
    session.flush()
    session.expire_all()
    return record
