"""Read side of the kiosk: a product with what this store has of each of its variants, and
a phone's lists shown here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from storefront.browse.queries import ProductPage, product_page
from storefront.catalog.models import Variant
from storefront.catalog.tree import CategoryTree
from storefront.consent.queries import owner_items
from storefront.inventory.stock import sellable_at
from storefront.shopper import Owner
from storefront.staff.shared_lists import ItemHere, items_here
from storefront.stores.models import Store


@dataclass(frozen=True)
class VariantHere:
    variant: Variant
    units: int  # sellable in this store
    sold_anywhere: bool  # can go in the cart even when this store has none


@dataclass(frozen=True)
class ProductHere:
    page: ProductPage
    variants: list[VariantHere]


def product_here(
    session: Session,
    slug: str,
    tree: CategoryTree,
    store: Store,
    *,
    sku: str | None,
    now_utc: datetime,
) -> ProductHere | None:
    page = product_page(
        session, slug, tree, sku=sku, size=None, colour=None, my_store=store, now_utc=now_utc
    )
    if page is None:
        return None
    variants = page.product.variants
    here = sellable_at(session, store.id, [v.id for v in variants])
    rows = [VariantHere(v, here[v.id], v.id in page.sellable_ids) for v in variants]
    return ProductHere(page, rows)


@dataclass(frozen=True)
class ShownHere:
    """A phone's wishlist and cart as the kiosk shows them: items, stock and shelf here."""

    wishlist: list[ItemHere]
    cart: list[ItemHere]


def shown_here(session: Session, owner: Owner, store: Store, now_utc: datetime) -> ShownHere:
    wished, in_cart = owner_items(session, owner)
    return ShownHere(
        items_here(session, store, wished, now_utc), items_here(session, store, in_cart, now_utc)
    )
