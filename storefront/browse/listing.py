"""Category and search listings: one page of products with facet counts beside it."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import and_, exists, literal, select
from sqlalchemy.orm import Session

from storefront.browse.queries import ProductCard, product_cards
from storefront.catalog import rules
from storefront.catalog.filters import Filters
from storefront.catalog.models import Brand, Category, Product, Variant
from storefront.catalog.search import ranking
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
    rows, brands, relevance = _variant_rows(session, filters, tree, category, store_id)
    if unlisted := filters.brands - brands.keys():  # chosen, but none of theirs is listed
        named = select(Brand.slug, Brand.name).where(Brand.slug.in_(unlisted))
        brands |= {slug: name for slug, name in session.execute(named)}
    matched = rules.matching_products(rows, filters)
    ordered = rules.sort_products(matched, filters.sort, relevance)
    page = rules.paginate(len(ordered), filters.page, page_size)
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
    store_id: int | None,
) -> tuple[list[rules.VariantRow], dict[str, str], list[int]]:
    """The variants listed, in one statement, with the names of their brands (slug: name)
    and, for a search, the product ids best match first."""
    ranks = ranking(session, filters.q) if filters.q else None
    if filters.q and ranks is None:
        return [], {}, []
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
            Brand.name,
            Variant.size,
            Variant.colour,
            Variant.price_amount,
            exists().where(sellable),
            at_store,
            ranks.c.score if ranks is not None else literal(0.0),
        )
        .join(Product, Product.id == Variant.product_id)
        .outerjoin(Brand, Brand.id == Product.brand_id)
    )
    if category is not None:
        statement = statement.where(Product.category_id.in_(tree.subtree_ids(category)))
    if ranks is not None:
        statement = statement.join(ranks, ranks.c.product_id == Variant.product_id)
    facet_value = {cid: tree.facet_value(cid, category).slug for cid in tree.by_id}
    rows, brands, scores = [], {}, {}
    for (
        pid,
        name,
        created,
        cid,
        brand,
        brand_name,
        size,
        colour,
        price,
        sold,
        here,
        score,
    ) in session.connection().execute(statement):
        rows.append(
            rules.VariantRow(
                pid,
                name,
                created,
                facet_value[cid],
                brand,
                size,
                colour,
                price,
                bool(sold),
                bool(here),
            )
        )
        if brand is not None:
            brands[brand] = brand_name
        scores[pid] = score
    relevance = sorted(scores, key=lambda pid: (scores[pid], pid)) if ranks is not None else []
    return rows, brands, relevance


def pickup_stores(session: Session) -> list[tuple[str, str]]:
    """(code, name) of the shops a shopper can filter on, by name."""
    shops = select(Store.code, Store.name).where(Store.kind == StoreKind.SHOP)
    return [(code, name) for code, name in session.execute(shops.order_by(Store.name))]
