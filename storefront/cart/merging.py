"""Merging one cart into another (a guest's into the account's at sign-in, a kiosk's into the
phone that scanned its code): explicit, reported and reversible.

The shopper is told what came from which cart, and one click puts both carts back exactly
as they were (from the snapshot taken before), or merges again.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, delete, select
from sqlalchemy.orm import Session

from storefront import clock
from storefront.cart import rules
from storefront.cart.models import Cart, CartLine, CartMerge, MergeKind
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
    """At sign-in: the guest's lines into the account's cart."""
    guest = find_cart(session, Owner(guest_token=guest_token))
    return merge_cart(session, guest, Owner(account_id=account_id), MergeKind.SIGN_IN)


def merge_cart(
    session: Session, source: Cart | None, into: Owner, kind: MergeKind
) -> CartMerge | None:
    """Move the source's lines into the owner's cart, quantities added and capped by the
    line limit and the stock; nothing to do (and no notice) when the source is empty.
    The snapshot keeps the owner's cart under "account" and the source under "guest"."""
    if source is None or not source.lines:
        return None
    target = get_or_create_cart(session, into)
    before = {"account": _snapshot(target), "guest": _snapshot(source)}
    had = {line.variant_id: line.quantity for line in target.lines}
    stock = sellable(session, [line.variant_id for line in source.lines])
    added = []
    for line in source.lines:
        variant = session.get(Variant, line.variant_id)
        assert variant is not None
        already = had.get(line.variant_id, 0)
        cap = max(rules.line_limit(stock[line.variant_id]), already)
        holds = upsert_line(session, target.id, variant, line.quantity, cap) if cap else 0
        added.append(
            {
                "variant_id": line.variant_id,
                "quantity": holds - already,
                "asked": line.quantity,
                "already_had": already,
            }
        )
    session.execute(delete(CartLine).where(CartLine.cart_id == source.id))
    record = CartMerge(
        account_id=into.account_id,
        guest_token=into.guest_token if into.account_id is None else None,
        kind=kind,
        guest_cart_id=source.id,
        before=before,
        added=added,
    )
    session.add(record)
    session.flush()
    session.expire(target)
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


def merged_by(owner: Owner) -> ColumnElement[bool]:
    if owner.account_id is not None:
        return CartMerge.account_id == owner.account_id
    return CartMerge.guest_token == owner.guest_token


def undo_merge(session: Session, owner: Owner, merge_id: int) -> CartMerge | None:
    """Both carts back as they were before the merge (the source only while it exists);
    None if it is not this owner's."""
    record = session.scalars(
        select(CartMerge).where(
            CartMerge.id == merge_id, merged_by(owner), CartMerge.undone_at.is_(None)
        )
    ).one_or_none()
    if record is None:
        return None
    target = get_or_create_cart(session, owner)
    guest = session.get(Cart, record.guest_cart_id) if record.guest_cart_id else None
    _restore(session, target, record.before["account"])
    if guest is not None:
        _restore(session, guest, record.before["guest"])
    record.undone_at = clock.now()
    session.flush()
    session.expire_all()
    return record
