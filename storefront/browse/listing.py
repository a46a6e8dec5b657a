"""Category and search listings: one page of products with facet counts beside it."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import and_, exists, literal, select
from sqlalchemy.orm import Session

from storefront.browse.queries import ProductCard, product_cards
from storefront.catalog import rules
from storefront.catalog.filters import Filters
from storefront.catalog.models import Brand, Category, Product, Variant
from storefront.catalog.search import ranked_ids
from storefront.catalog.tree import CategoryTree
from storefront.inventory.models import StockLevel
from storefront.messages import N_, Message
from storefront.stores.models import Store, StoreKind


@dataclass(frozen=True)
class Listing:
    cards: list[ProductCard]
    page: rules.Page
    facets: rules.Facets
    category_names: dict[str, str]
    brand_names: dict[str, str]
    stores: list[tuple[str, str]]
    filters: Filters
    notices: list[Message]
    top_categories: list[tuple[str, str]]


def listing(
    session: Session,
    filters: Filters,
    *,
    tree: CategoryTree,
    category: Category | None,
    page_size: int,
) -> Listing:
    """One page of products for a category or a search, with facet counts beside it."""
    notices: list[Message] = []
    store_id = None
    if filters.store:
        store_id = session.scalar(select(Store.id).where(Store.code == filters.store))
        if store_id is None:
            notices.append(
                Message(
                    N_("There is no store “%(code)s”: the store filter was ignored."),
                    code=filters.store,
                )
            )
            filters = replace(filters, store=None)
    relevance = ranked_ids(session, filters.q) if filters.q else []
    rows = _variant_rows(session, filters, tree, category, relevance, store_id)
    matched = rules.matching_products(rows, filters)
    ordered = rules.sort_products(matched, filters.sort, relevance)
    page = rules.paginate(len(ordered), filters.page, page_size)
    brands = {slug: name for slug, name in session.execute(select(Brand.slug, Brand.name))}
    return Listing(
        cards=product_cards(session, ordered[page.offset : page.offset + page.size]),
        page=page,
        facets=rules.count_facets(rows, filters),
        category_names=tree.labels(nested=category is None),
        brand_names=brands,
        stores=pickup_stores(session),
        filters=filters,
        notices=notices,
        top_categories=[(c.slug, c.name) for c in tree.roots()],
    )


def _variant_rows(
    session: Session,
    filters: Filters,
    tree: CategoryTree,
    category: Category | None,
    relevance: list[int],
    store_id: int | None,
) -> list[rules.VariantRow]:
    if filters.q and not relevance:
        return []
    sellable = and_(StockLevel.variant_id == Variant.id, StockLevel.sellable > 0)
    at_store = (
        exists().where(sellable, StockLevel.store_id == store_id)
        if store_id is not None
        else literal(False)
    )
    statement = (
        select(
            Variant.product_id,
            Product.name,
            Product.created_at,
            Product.category_id,
            Brand.slug,
            Variant.size,
            Variant.colour,
            Variant.price_amount,
            exists().where(sellable),
            at_store,
        )
        .join(Product, Product.id == Variant.product_id)
        .outerjoin(Brand, Brand.id == Product.brand_id)
    )
    if category is not None:
        statement = statement.where(Product.category_id.in_(tree.subtree_ids(category)))
    if relevance:
        statement = statement.where(Variant.product_id.in_(relevance))
    facet_value = {cid: tree.facet_value(cid, category).slug for cid in tree.by_id}
    return [
        rules.VariantRow(
            pid, name, created, facet_value[cid], brand, size, colour, price, bool(sold), bool(here)
        )
        for pid, name, created, cid, brand, size, colour, price, sold, here in (
            session.connection().execute(statement)
        )
    ]


def pickup_stores(session: Session) -> list[tuple[str, str]]:
    """(code, name) of the shops a shopper can filter on, by name."""
    shops = select(Store.code, Store.name).where(Store.kind == StoreKind.SHOP)
    return [(code, name) for code, name in session.execute(shops.order_by(Store.name))]
