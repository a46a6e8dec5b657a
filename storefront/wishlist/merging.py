"""Sign-in merge of a guest's wishlists into the account's: explicit, reported, reversible.

The guest's default list pours into the account's default list (a product already there is
kept once); the guest's other lists become account lists, renamed "Name (2)" on a clash.
A snapshot of the guest side is kept, so one click puts both sides back as they were.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, exists, select
from sqlalchemy.orm import Session, selectinload

from storefront import clock
from storefront.catalog.models import Product, Variant
from storefront.shopper import Owner
from storefront.wishlist import rules
from storefront.wishlist.models import Wishlist, WishlistItem, WishlistMerge
from storefront.wishlist.services import (
    NotFound,
    default_list,
    find_default,
    insert_item,
    owned_by,
)


def _snapshot(lists: list[Wishlist]) -> list[dict[str, Any]]:
    return [
        {
            "name": wl.name,
            "is_default": wl.is_default,
            "share_token": wl.share_token,
            "created_at": wl.created_at.isoformat(),
            "updated_at": wl.updated_at.isoformat(),
            "items": [
                {
                    "product_id": item.product_id,
                    "variant_id": item.variant_id,
                    "price_at_add": item.price_at_add,
                    "added_at": item.added_at.isoformat(),
                }
                for item in wl.items
            ],
        }
        for wl in lists
    ]


def added_count(record: WishlistMerge) -> int:
    """Items this device brought: new ones in the default list plus those of moved lists."""
    return sum(1 if entry["kind"] == "item" else entry["items"] for entry in record.added)


def merge_guest_lists(session: Session, guest_token: str, account_id: int) -> WishlistMerge | None:
    """Merge at sign-in; None when the guest saved nothing. Safe to run twice: the guest's
    lists are gone after the first run (their rows are locked while it runs), so a second
    run finds nothing to do."""
    guest_lists = list(
        session.scalars(
            select(Wishlist)
            .where(owned_by(Owner(guest_token=guest_token)))
            .order_by(Wishlist.id)
            .options(selectinload(Wishlist.items))
            .with_for_update()
        )
    )
    if not any(wl.items for wl in guest_lists):
        return None
    account = Owner(account_id=account_id)
    existing_default = find_default(session, account)
    target = existing_default or default_list(session, account)
    before = {
        "guest": _snapshot(guest_lists),
        "account_default_id": target.id,
        "account_default_created": existing_default is None,
    }
    taken = list(session.scalars(select(Wishlist.name).where(owned_by(account))))
    added: list[dict[str, Any]] = []
    for wl in guest_lists:
        if not wl.is_default:
            name = rules.free_name(wl.name, taken)
            taken.append(name)
            wl.account_id, wl.guest_token, wl.name = account_id, None, name
            added.append({"kind": "list", "id": wl.id, "name": name, "items": len(wl.items)})
            continue
        for item in wl.items:
            new_id = insert_item(
                session,
                target.id,
                item.product_id,
                variant_id=item.variant_id,
                price_at_add=item.price_at_add,
                added_at=item.added_at,
            )
            if new_id is not None:
                added.append({"kind": "item", "id": new_id, "product_id": item.product_id})
        session.delete(wl)
    target.updated_at = clock.now()
    record = WishlistMerge(
        account_id=account_id, guest_token=guest_token, before=before, added=added
    )
    session.add(record)
    session.flush()
    return record


def _owned_merge(session: Session, account_id: int, merge_id: int) -> WishlistMerge:
    """Locked, so a double click on Undo restores the guest's lists once, not twice."""
    record = session.scalars(
        select(WishlistMerge)
        .where(WishlistMerge.id == merge_id, WishlistMerge.account_id == account_id)
        .with_for_update()
    ).one_or_none()
    if record is None:
        raise NotFound()
    return record


def undo_merge(session: Session, account_id: int, merge_id: int) -> WishlistMerge:
    """Take out of the account what the merge put in, and rebuild the guest's lists from the
    snapshot. Items a shopper added to the account's own lists since are kept; edits made
    since to the lists that came from the guest go with them. Undoing twice is a no-op."""
    record = _owned_merge(session, account_id, merge_id)
    if record.undone_at is not None:
        return record
    account_lists = select(Wishlist.id).where(owned_by(Owner(account_id=account_id)))
    item_ids = [entry["id"] for entry in record.added if entry["kind"] == "item"]
    list_ids = [entry["id"] for entry in record.added if entry["kind"] == "list"]
    session.execute(
        delete(WishlistItem).where(
            WishlistItem.id.in_(item_ids), WishlistItem.wishlist_id.in_(account_lists)
        )
    )
    session.execute(
        delete(Wishlist).where(Wishlist.id.in_(list_ids), Wishlist.account_id == account_id)
    )
    if record.before["account_default_created"]:
        # The merge created the account's default list: it goes too, unless used since.
        session.execute(
            delete(Wishlist).where(
                Wishlist.id == record.before["account_default_id"],
                Wishlist.account_id == account_id,
                ~exists().where(WishlistItem.wishlist_id == Wishlist.id),
            )
        )
    _restore(session, record.guest_token, record.before["guest"])
    record.undone_at = clock.now()
    session.flush()
    session.expire_all()  # the bulk deletes bypassed the objects the session may hold
    return record


def _restore(session: Session, guest_token: str, lists: list[dict[str, Any]]) -> None:
    """Rebuild the guest's lists; a product deleted from the catalogue since is skipped."""
    products = {i["product_id"] for wl in lists for i in wl["items"]}
    variants = {i["variant_id"] for wl in lists for i in wl["items"]} - {None}
    live_products = set(session.scalars(select(Product.id).where(Product.id.in_(products))))
    live_variants = set(session.scalars(select(Variant.id).where(Variant.id.in_(variants))))
    for snap in lists:
        session.add(
            Wishlist(
                guest_token=guest_token,
                name=snap["name"],
                is_default=snap["is_default"],
                share_token=snap["share_token"],
                created_at=datetime.fromisoformat(snap["created_at"]),
                updated_at=datetime.fromisoformat(snap["updated_at"]),
                items=[
                    WishlistItem(
                        product_id=item["product_id"],
                        variant_id=item["variant_id"]
                        if item["variant_id"] in live_variants
                        else None,
                        price_at_add=item["price_at_add"],
                        added_at=datetime.fromisoformat(item["added_at"]),
                    )
                    for item in snap["items"]
                    if item["product_id"] in live_products
                ],
            )
        )


def redo_merge(session: Session, account_id: int, merge_id: int) -> WishlistMerge | None:
    """Merge again after an undo; the new merge is the one to show and undo from now on."""
    record = _owned_merge(session, account_id, merge_id)
    if record.undone_at is None:
        return record
    return merge_guest_lists(session, record.guest_token, account_id)
