"""Wishlist use cases, each scoped by the Owner: another shopper's list or item id is unknown.

Writes that two devices can race on are single statements the database arbitrates: an item
is an INSERT … ON CONFLICT DO NOTHING on its partial unique index (list and product when no
variant was chosen, list and variant when one was), and the first
default list is one on the partial unique index "one default per owner". So two phones
saving the same jacket at the same moment end with one item, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, delete, func, select, text, update
from sqlalchemy.orm import Session

from storefront import clock, db
from storefront.cart.services import AddResult, add_to_cart
from storefront.catalog.models import Product, Variant
from storefront.messages import N_, DomainError, Message
from storefront.shopper import Owner
from storefront.wishlist import rules
from storefront.wishlist.models import PRODUCT_LEVEL, VARIANT_LEVEL, Wishlist, WishlistItem


class WishlistError(DomainError):
    """A wishlist change refused."""


class NotFound(WishlistError):
    """Unknown, or someone else's: the two are indistinguishable on purpose."""

    def __init__(self) -> None:
        super().__init__(Message(N_("This list or item no longer exists.")))


def owned_by(owner: Owner) -> ColumnElement[bool]:
    if owner.account_id is not None:
        return Wishlist.account_id == owner.account_id
    return Wishlist.guest_token == owner.guest_token


def owned_list(session: Session, owner: Owner, list_id: int) -> Wishlist:
    found = session.scalars(
        select(Wishlist).where(Wishlist.id == list_id, owned_by(owner))
    ).one_or_none()
    if found is None:
        raise NotFound()
    return found


def owned_item(session: Session, owner: Owner, item_id: int) -> WishlistItem:
    found = session.scalars(
        select(WishlistItem).join(Wishlist).where(WishlistItem.id == item_id, owned_by(owner))
    ).one_or_none()
    if found is None:
        raise NotFound()
    return found


def find_default(session: Session, owner: Owner) -> Wishlist | None:
    return session.scalars(
        select(Wishlist).where(owned_by(owner), Wishlist.is_default)
    ).one_or_none()


def default_list(session: Session, owner: Owner) -> Wishlist:
    """The owner's default list, created on first use. A second device creating it at the
    same moment hits the partial unique index, does nothing, and reads the first one."""
    key = "account_id" if owner.account_id is not None else "guest_token"
    now = clock.now()
    session.execute(
        db.insert(session, Wishlist)
        .values(
            {
                key: owner.account_id if owner.account_id is not None else owner.guest_token,
                "name": rules.DEFAULT_LIST_NAME,
                "is_default": True,
                "created_at": now,
                "updated_at": now,
            }
        )
        .on_conflict_do_nothing(index_elements=[key], index_where=text("is_default"))
    )
    found = find_default(session, owner)
    assert found is not None
    return found


def _touch(session: Session, list_id: int) -> None:
    """Lists carry their last change, so every device orders and shows them the same."""
    session.execute(update(Wishlist).where(Wishlist.id == list_id).values(updated_at=clock.now()))


def _item_count(session: Session, list_id: int) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(WishlistItem)
            .where(WishlistItem.wishlist_id == list_id)
        )
        or 0
    )


def insert_item(
    session: Session,
    list_id: int,
    product_id: int,
    *,
    variant_id: int | None,
    price_at_add: int | None,
    added_at: datetime | None = None,
) -> int | None:
    """Add a product, or one variant of it, to a list once; returns the new item id, or None
    if it was there."""
    if variant_id is None:
        key, where = ["wishlist_id", "product_id"], PRODUCT_LEVEL
    else:
        key, where = ["wishlist_id", "variant_id"], VARIANT_LEVEL
    statement = (
        db.insert(session, WishlistItem)
        .values(
            wishlist_id=list_id,
            product_id=product_id,
            variant_id=variant_id,
            price_at_add=price_at_add,
            added_at=added_at or clock.now(),
        )
        .on_conflict_do_nothing(index_elements=key, index_where=where)
        .returning(WishlistItem.id)
    )
    return session.execute(statement).scalar_one_or_none()


def _price_now(product: Product, variant: Variant | None) -> int:
    """The chosen variant's price, or the product's "from" price, as the cards show it."""
    if variant is not None:
        return variant.price_amount
    return min(v.price_amount for v in product.variants)


def same_heart(product_id: int, variant_id: int | None) -> ColumnElement[bool]:
    """Items of this heart: the product as such, or exactly this variant of it."""
    if variant_id is None:
        return (WishlistItem.product_id == product_id) & WishlistItem.variant_id.is_(None)
    return (WishlistItem.product_id == product_id) & (WishlistItem.variant_id == variant_id)


def toggle_heart(
    session: Session, owner: Owner, product_id: int, *, on: bool, variant_id: int | None = None
) -> bool:
    """Set whether the shopper wishes for a product, or for one variant of it; returns the
    new state.

    Each variant has its own heart, and the product as such another, so a shopper may keep
    M and L of one jacket. The form says which state it wants rather than "flip", so a
    double click or two devices pressing at once converge instead of cancelling each other
    out. A heart is pressed when its item is in any of the owner's lists, so releasing it
    removes it from all of them; pressing it saves it to the default list."""
    product = session.get(Product, product_id)
    if product is None:
        raise NotFound()
    variant = session.get(Variant, variant_id) if variant_id is not None else None
    if variant_id is not None and (variant is None or variant.product_id != product_id):
        raise NotFound()
    owner_lists = select(Wishlist.id).where(owned_by(owner))
    this_heart = same_heart(product_id, variant_id)
    if not on:
        session.execute(
            delete(WishlistItem).where(this_heart, WishlistItem.wishlist_id.in_(owner_lists))
        )
        return False
    already = session.scalar(
        select(WishlistItem.id)
        .where(this_heart, WishlistItem.wishlist_id.in_(owner_lists))
        .limit(1)
    )
    if already is not None:
        return True
    target = default_list(session, owner)
    decision = rules.can_add_item(_item_count(session, target.id))
    if decision.reason is not None:
        raise WishlistError(decision.reason)
    insert_item(
        session,
        target.id,
        product_id,
        variant_id=variant_id,
        price_at_add=_price_now(product, variant),
    )
    _touch(session, target.id)
    return True


def move_item(session: Session, owner: Owner, item_id: int, to_list_id: int) -> Wishlist:
    """Move an item to another of the owner's lists, keeping its variant, when it was added
    and at what price; if the same item is already there, the move only removes it here."""
    item = owned_item(session, owner, item_id)
    target = owned_list(session, owner, to_list_id)
    if target.id == item.wishlist_id:
        return target
    decision = rules.can_add_item(_item_count(session, target.id))
    if decision.reason is not None:
        raise WishlistError(decision.reason)
    insert_item(
        session,
        target.id,
        item.product_id,
        variant_id=item.variant_id,
        price_at_add=item.price_at_add,
        added_at=item.added_at,
    )
    _touch(session, target.id)
    _touch(session, item.wishlist_id)
    session.delete(item)
    session.flush()
    return target


def remove_item(session: Session, owner: Owner, item_id: int) -> str:
    """Remove an item; returns the product's name for the confirmation."""
    item = owned_item(session, owner, item_id)
    name = item.product.name
    _touch(session, item.wishlist_id)
    session.delete(item)
    session.flush()
    return name


def move_to_cart(session: Session, owner: Owner, item_id: int, variant_id: int) -> AddResult:
    """Add the chosen variant to the cart, then take the item off the list. A refusal from
    the cart (out of stock, line full) raises its CartError and leaves the list as it was."""
    item = owned_item(session, owner, item_id)
    variant = session.get(Variant, variant_id)
    if variant is None or variant.product_id != item.product_id:
        raise WishlistError(Message(N_("Choose a size or colour first.")))
    result = add_to_cart(session, owner, variant.id, 1)
    _touch(session, item.wishlist_id)
    session.delete(item)
    session.flush()
    return result


def discard_guest_lists(session: Session, guest_token: str) -> None:
    """A shared screen's lists, thrown away when its shopper leaves (items go with them)."""
    session.execute(delete(Wishlist).where(Wishlist.guest_token == guest_token))
