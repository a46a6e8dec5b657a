"""Read side of wishlists: an owner's lists with prices and stock now, hearts, shared lists."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from storefront import clock
from storefront.browse.queries import ProductCard, product_cards
from storefront.catalog.models import Product, Variant
from storefront.inventory.stock import sellable
from storefront.shopper import Owner
from storefront.wishlist import rules
from storefront.wishlist.merging import added_count
from storefront.wishlist.models import Wishlist, WishlistItem, WishlistMerge
from storefront.wishlist.services import owned_by

MERGE_NOTICE_LIFETIME = timedelta(minutes=30)


@dataclass(frozen=True)
class VariantOption:
    id: int
    label: str  # "Red · 42"; empty for a product sold in one version only
    size: str | None
    colour: str | None
    sku: str
    in_stock: bool


@dataclass(frozen=True)
class ItemView:
    id: int
    product: ProductCard
    variant: VariantOption | None  # the version the shopper picked, if they did
    options: list[VariantOption]  # what "move to cart" can choose from
    price_now: int
    price_at_add: int | None
    price_dropped: bool
    in_stock: bool
    added_at: datetime


@dataclass(frozen=True)
class ListView:
    id: int
    name: str
    is_default: bool
    default_name: bool  # still called the built-in name: shown in the shopper's language
    share_token: str | None
    items: list[ItemView]


def _views(session: Session, lists: Sequence[Wishlist]) -> list[ListView]:
    """Lists with their items, newest first, in a fixed number of queries however many."""
    product_ids = list(dict.fromkeys(item.product_id for wl in lists for item in wl.items))
    cards = {card.id: card for card in product_cards(session, product_ids)}
    variants = list(
        session.scalars(
            select(Variant)
            .where(Variant.product_id.in_(product_ids))
            .order_by(Variant.product_id, Variant.position, Variant.id)
        )
    )
    stock = sellable(session, [v.id for v in variants])
    options: dict[int, list[VariantOption]] = {}
    by_id: dict[int, tuple[Variant, VariantOption]] = {}
    for v in variants:
        option = VariantOption(v.id, v.label, v.size, v.colour, v.sku, stock[v.id] > 0)
        options.setdefault(v.product_id, []).append(option)
        by_id[v.id] = (v, option)
    views = []
    for wl in lists:
        items = []
        for item in sorted(wl.items, key=lambda i: (i.added_at, i.id), reverse=True):
            card = cards[item.product_id]
            chosen = by_id.get(item.variant_id) if item.variant_id is not None else None
            price_now = chosen[0].price_amount if chosen else card.price
            items.append(
                ItemView(
                    id=item.id,
                    product=card,
                    variant=chosen[1] if chosen else None,
                    options=options.get(item.product_id, []),
                    price_now=price_now,
                    price_at_add=item.price_at_add,
                    price_dropped=rules.price_dropped(item.price_at_add, price_now),
                    in_stock=chosen[1].in_stock if chosen else card.in_stock,
                    added_at=item.added_at,
                )
            )
        views.append(
            ListView(
                id=wl.id,
                name=wl.name,
                is_default=wl.is_default,
                default_name=wl.name == rules.DEFAULT_LIST_NAME,
                share_token=wl.share_token,
                items=items,
            )
        )
    return views


def owner_lists(session: Session, owner: Owner | None) -> list[ListView]:
    """The owner's lists, the default first, then the others from the oldest."""
    if owner is None:
        return []
    lists = session.scalars(
        select(Wishlist)
        .where(owned_by(owner))
        .order_by(Wishlist.is_default.desc(), Wishlist.created_at, Wishlist.id)
        .options(selectinload(Wishlist.items))
    ).all()
    return _views(session, lists)


def shared_list(session: Session, token: str) -> ListView | None:
    """Anyone with the link may read the list; a revoked or unknown token finds nothing."""
    if not token or len(token) > 64:
        return None
    found = session.scalars(
        select(Wishlist).where(Wishlist.share_token == token).options(selectinload(Wishlist.items))
    ).one_or_none()
    return _views(session, [found])[0] if found else None


def product_name(session: Session, product_id: int) -> str | None:
    """What the heart's label names: "Save Trail runner to wishlist"."""
    return session.scalar(select(Product.name).where(Product.id == product_id))


def product_variant(session: Session, product_id: int, variant_id: int) -> Variant | None:
    """The variant a heart names, only if it is one of that product's."""
    return session.scalar(
        select(Variant).where(Variant.id == variant_id, Variant.product_id == product_id)
    )


Heart = tuple[int, int | None]  # (product id, variant id or None for the product as such)


def wished_hearts(session: Session, owner: Owner | None) -> frozenset[Heart]:
    """What is in any of the owner's lists: the hearts shown pressed, and the header count."""
    if owner is None:
        return frozenset()
    rows = session.execute(
        select(WishlistItem.product_id, WishlistItem.variant_id)
        .join(Wishlist)
        .where(owned_by(owner))
        .distinct()
    )
    return frozenset((product_id, variant_id) for product_id, variant_id in rows)


@dataclass(frozen=True)
class MergeNotice:
    id: int
    count: int
    undone: bool


def merge_notice(session: Session, account_id: int) -> MergeNotice | None:
    """The account's newest merge of the last half hour, for the notice and its undo."""
    record = session.scalars(
        select(WishlistMerge)
        .where(
            WishlistMerge.account_id == account_id,
            WishlistMerge.created_at > clock.now() - MERGE_NOTICE_LIFETIME,
        )
        .order_by(WishlistMerge.id.desc())
        .limit(1)
    ).first()
    if record is None:
        return None
    return MergeNotice(record.id, added_count(record), record.undone_at is not None)


def _exported_variant(variant: Variant | None) -> dict[str, str | None] | None:
    if variant is None:
        return None
    return {"sku": variant.sku, "size": variant.size, "colour": variant.colour}


def export_for_account(session: Session, account_id: int) -> list[dict[str, object]]:
    """The account's lists and items as stored, for the shopper's data download."""
    lists = session.scalars(
        select(Wishlist)
        .where(Wishlist.account_id == account_id)
        .order_by(Wishlist.id)
        .options(
            selectinload(Wishlist.items).selectinload(WishlistItem.product),
            selectinload(Wishlist.items).selectinload(WishlistItem.variant),
        )
    )
    return [
        {
            "name": wishlist.name,
            "default": wishlist.is_default,
            "shared": wishlist.share_token is not None,
            "items": [
                {
                    "product": item.product.slug,
                    "variant": _exported_variant(item.variant),
                    "price_when_added": item.price_at_add,
                    "added_at": item.added_at.isoformat(),
                }
                for item in wishlist.items
            ],
        }
        for wishlist in lists
    ]
