"""Read side of the kiosk: a product with what this store has of each of its variants and
when each could be collected here if ordered now, and a phone's lists shown here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from storefront.browse.queries import ProductPage, product_page
from storefront.catalog.models import Variant
from storefront.catalog.tree import CategoryTree
from storefront.consent.queries import owner_items
from storefront.inventory.stock import sellable_at
from storefront.pickup import supply
from storefront.shopper import Owner
from storefront.staff.shared_lists import ItemHere, items_here
from storefront.stores import directory
from storefront.stores.hours import Promise, pickup_promise, schedule_of
from storefront.stores.models import Store


@dataclass(frozen=True)
class VariantHere:
    variant: Variant
    units: int  # sellable in this store
    ordered: Promise  # more than this store's shelf holds: sent here from the warehouse

    @property
    def orderable(self) -> bool:
        """What the kiosk's cart can take: collected here, from the shelf or by order."""
        return self.units > 0 or self.ordered.available


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
        session,
        slug,
        tree,
        sku=sku,
        size=None,
        colour=None,
        my_store=store,
        now_utc=now_utc,
        stores_loader=directory.stores_with_hours,
    )
    if page is None:
        return None
    variants = page.product.variants
    ids = [v.id for v in variants]
    here = sellable_at(session, store.id, ids)
    warehouses = supply.warehouse_ids(session)
    stocked = supply.sellable_at(session, warehouses, ids)
    schedule = schedule_of(store)

    def ordered(variant_id: int) -> Promise:
        """The product page's promise for this store, as if its shelf were empty."""
        in_warehouse = any(stocked.get((w, variant_id), 0) > 0 for w in warehouses)
        return pickup_promise(schedule, now_utc, in_store=False, warehouse_has_it=in_warehouse)

    return ProductHere(page, [VariantHere(v, here[v.id], ordered(v.id)) for v in variants])


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
