"""What the shopper's panel and the associate's view of a consented list show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from storefront import short_codes
from storefront.cart.models import Cart, CartLine
from storefront.cart.services import find_cart
from storefront.catalog.models import Product, Variant
from storefront.consent.models import HoldProposal, ListConsent
from storefront.consent.services import Kind, Target, open_consent
from storefront.pickup.models import PickupOrder
from storefront.shopper import Owner
from storefront.wishlist import services as wishlists
from storefront.wishlist.models import Wishlist, WishlistItem
from storefront.wishlist.rules import DEFAULT_LIST_NAME


@dataclass(frozen=True)
class Seen:
    """ "Lyon Part-Dieu team viewed this list at 14:02": `at` is UTC, shown in `timezone`."""

    store_name: str
    timezone: str
    at: datetime


@dataclass(frozen=True)
class OfferedItem:
    name: str
    label: str  # "Red · M"
    quantity: int


@dataclass(frozen=True)
class Offer:
    """ "Lyon Part-Dieu can hold 2 items for you": a store team's unanswered offer."""

    id: int
    store_name: str
    items: list[OfferedItem]

    @property
    def count(self) -> int:
        return sum(item.quantity for item in self.items)


@dataclass(frozen=True)
class Panel:
    """The shopper's "Show to a store associate" panel; `code` is None when not shared."""

    target: Target
    code: str | None = None
    expires_at: datetime | None = None
    minutes_left: int = 0
    seen: tuple[Seen, ...] = ()
    offer: Offer | None = None
    placed: PickupOrder | None = None  # the order an accepted offer placed

    @property
    def element_id(self) -> str:
        if self.target.kind is Kind.CART:
            return "associate-cart"
        return f"associate-list-{self.target.id}"


def panel(session: Session, target: Target, secret: bytes, now_utc: datetime) -> Panel:
    consent = open_consent(session, target, now_utc)
    if consent is None:
        return Panel(target)
    seen = tuple(Seen(v.store.name, v.store.timezone, v.viewed_at) for v in consent.views)
    latest = consent.proposals[0] if consent.proposals else None
    return Panel(
        target,
        code=short_codes.grouped(short_codes.code_for(secret, consent.nonce)),
        expires_at=consent.expires_at,
        minutes_left=short_codes.minutes_left(consent.expires_at, now_utc),
        seen=seen,
        offer=_offer(session, latest) if latest and latest.answered_at is None else None,
        placed=_placed(session, latest.order_id) if latest and latest.order_id else None,
    )


def _offer(session: Session, proposal: HoldProposal) -> Offer:
    quantities = dict((variant_id, quantity) for variant_id, quantity in proposal.lines)
    variants = session.scalars(
        select(Variant)
        .where(Variant.id.in_(quantities))
        .options(selectinload(Variant.product))
        .order_by(Variant.id)
    ).all()
    items = [OfferedItem(v.product.name, v.label, quantities[v.id]) for v in variants]
    return Offer(proposal.id, proposal.store.name, items)


def _placed(session: Session, order_id: int) -> PickupOrder | None:
    return session.scalars(
        select(PickupOrder)
        .where(PickupOrder.id == order_id)
        .options(selectinload(PickupOrder.store))
    ).one_or_none()


@dataclass(frozen=True)
class SharedItem:
    """One thing on a shown list, as an associate needs it to fetch it: nothing about who
    owns the list. `variant_id` is None when the shopper chose no size or colour."""

    product_name: str
    product_slug: str
    brand: str | None
    image: str | None
    variant_id: int | None
    size: str | None
    colour: str | None
    sku: str | None
    price: int
    currency: str
    quantity: int | None  # in a cart; a wishlist has no quantities


@dataclass(frozen=True)
class SharedList:
    kind: Kind
    name: str | None  # the wishlist's own name; None for the built-in one and for a cart
    items: list[SharedItem]


def _item(product: Product, variant: Variant | None, quantity: int | None) -> SharedItem:
    # A product sold in one version only needs no choice: that version is the one.
    chosen = variant or (product.variants[0] if len(product.variants) == 1 else None)
    cheapest = min(product.variants, key=lambda v: v.price_amount)
    return SharedItem(
        product_name=product.name,
        product_slug=product.slug,
        brand=product.brand.name if product.brand else None,
        image=product.images[0].path if product.images else None,
        variant_id=chosen.id if chosen else None,
        size=chosen.size if chosen else None,
        colour=chosen.colour if chosen else None,
        sku=chosen.sku if chosen else None,
        price=(chosen or cheapest).price_amount,
        currency=(chosen or cheapest).currency,
        quantity=quantity,
    )


_PRODUCT = (
    selectinload(Product.variants),
    selectinload(Product.images),
    selectinload(Product.brand),
)


def wishlist_items(session: Session, wishlist_ids: list[int]) -> list[SharedItem]:
    """The items of these lists, newest first; one saved in two lists shows once."""
    items = session.scalars(
        select(WishlistItem)
        .where(WishlistItem.wishlist_id.in_(wishlist_ids))
        .order_by(WishlistItem.added_at.desc(), WishlistItem.id.desc())
        .options(
            selectinload(WishlistItem.product).options(*_PRODUCT),
            selectinload(WishlistItem.variant),
        )
    ).all()
    seen: set[tuple[int, int | None]] = set()
    shown = []
    for i in items:
        if (i.product_id, i.variant_id) not in seen:
            seen.add((i.product_id, i.variant_id))
            shown.append(_item(i.product, i.variant, None))
    return shown


def cart_items(session: Session, cart_id: int) -> list[SharedItem]:
    lines = session.scalars(
        select(CartLine)
        .where(CartLine.cart_id == cart_id)
        .order_by(CartLine.id)
        .options(selectinload(CartLine.variant).selectinload(Variant.product).options(*_PRODUCT))
    ).all()
    return [_item(line.variant.product, line.variant, line.quantity) for line in lines]


def owner_items(session: Session, owner: Owner) -> tuple[list[SharedItem], list[SharedItem]]:
    """All of a shopper's wishlists' items, and their cart's, as a shown list: nothing
    about who they are, not even their lists' names."""
    lists = list(session.scalars(select(Wishlist.id).where(wishlists.owned_by(owner))))
    cart = find_cart(session, owner)
    return wishlist_items(session, lists), cart_items(session, cart.id) if cart else []


def shared_list(session: Session, consent: ListConsent) -> SharedList:
    """The consented list's items, and only them."""
    if consent.wishlist_id is not None:
        wishlist = session.get_one(Wishlist, consent.wishlist_id)
        name = None if wishlist.name == DEFAULT_LIST_NAME else wishlist.name
        return SharedList(Kind.LIST, name, wishlist_items(session, [wishlist.id]))
    cart = session.get_one(Cart, consent.cart_id)
    return SharedList(Kind.CART, None, cart_items(session, cart.id))
