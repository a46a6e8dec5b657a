"""Read side of the catalog: what the home, category, search and product pages show."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row, ScalarSelect, exists, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session, joinedload

from storefront.catalog import gtin
from storefront.catalog.models import Brand, Category, Product, ProductImage, Variant, variant_label
from storefront.catalog.search import fold, match_terms, ranked_ids
from storefront.catalog.tree import CategoryTree
from storefront.catalog.variants import VariantChoice, choose_variant
from storefront.inventory.availability import (
    Availability,
    StoresLoader,
    stock_rows,
    variant_availability,
)
from storefront.inventory.models import StockLevel
from storefront.stores.models import Store


@dataclass(frozen=True)
class CardVariant:
    id: int
    label: str
    in_stock: bool


def _card_variant(variant: Variant, sellable: Collection[int]) -> CardVariant:
    label = variant.label or variant.sku
    return CardVariant(variant.id, label, variant.id in sellable)


@dataclass(frozen=True)
class ProductCard:
    id: int
    slug: str
    name: str
    brand: str | None
    price: int
    compare_at: int | None
    currency: str
    image: str | None
    image_alt: str
    colours: list[str]
    in_stock: bool
    variants: list[CardVariant]


def _first_image(column: InstrumentedAttribute[str]) -> ScalarSelect[str]:
    return (
        select(column)
        .where(ProductImage.product_id == Product.id)
        .order_by(ProductImage.position, ProductImage.id)
        .limit(1)
        .scalar_subquery()
    )


def product_cards(session: Session, ids: Sequence[int]) -> list[ProductCard]:
    """Cards for `ids`, in that order, loaded in one query (a row per variant) whatever
    their number."""
    if not ids:
        return []
    rows = session.execute(
        select(
            Product.id,
            Product.slug,
            Product.name,
            Brand.name,
            _first_image(ProductImage.path),
            _first_image(ProductImage.alt),
            Variant.id,
            Variant.sku,
            Variant.colour,
            Variant.size,
            Variant.price_amount,
            Variant.compare_at_amount,
            Variant.currency,
            exists().where(StockLevel.variant_id == Variant.id, StockLevel.sellable > 0),
        )
        .join(Variant, Variant.product_id == Product.id)
        .outerjoin(Brand, Brand.id == Product.brand_id)
        .where(Product.id.in_(ids))
        .order_by(Product.id, Variant.position, Variant.id)
    )
    by_product: dict[int, list[Sequence[Any]]] = {}
    for row in rows:
        by_product.setdefault(row[0], []).append(row)
    return [_card(by_product[product_id]) for product_id in ids if product_id in by_product]


def _card(rows: list[Sequence[Any]]) -> ProductCard:
    product_id, slug, name, brand, image, image_alt = rows[0][:6]
    variants = [
        (CardVariant(vid, variant_label(colour, size) or sku, bool(sold)), colour)
        for *_, vid, sku, colour, size, _price, _was, _currency, sold in rows
    ]
    cheapest = min(rows, key=lambda row: row[10])
    return ProductCard(
        id=product_id,
        slug=slug,
        name=name,
        brand=brand,
        price=cheapest[10],
        compare_at=cheapest[11],
        currency=cheapest[12],
        image=image,
        image_alt=image_alt if image is not None else name,
        colours=list(dict.fromkeys(colour for _v, colour in variants if colour)),
        in_stock=any(v.in_stock for v, _colour in variants),
        variants=[v for v, _colour in variants],
    )


@dataclass(frozen=True)
class ProductPage:
    product: Product
    choice: VariantChoice
    availability: Availability
    breadcrumbs: list[Category]
    sellable_ids: frozenset[int]

    @property
    def in_stock(self) -> bool:
        return self.choice.variant.id in self.sellable_ids

    @property
    def heart_variant(self) -> Variant | None:
        """What the heart saves: the variant the shopper picked, else the product as such."""
        return self.choice.variant if self.choice.chosen else None

    @property
    def variant_options(self) -> list[CardVariant]:
        return [_card_variant(v, self.sellable_ids) for v in self.product.variants]


def product_page(
    session: Session,
    slug: str,
    tree: CategoryTree,
    *,
    sku: str | None,
    size: str | None,
    colour: str | None,
    my_store: Store | None,
    now_utc: datetime,
    origin: tuple[float, float] | None = None,
    stores_loader: StoresLoader | None = None,
) -> ProductPage | None:
    """`origin` (latitude, longitude), when known, ranks the nearby stores instead of my
    store; `stores_loader` is `variant_availability`'s."""
    product = (
        session.scalars(
            select(Product)
            .where(Product.slug == slug)
            .options(
                joinedload(Product.variants),
                joinedload(Product.images),
                joinedload(Product.brand),
                joinedload(Product.category),
            )
        )
        .unique()
        .one_or_none()
    )
    if product is None:
        return None
    stock = stock_rows(session, [v.id for v in product.variants])
    sellable = {v for v, rows in stock.items() if any(row.sellable > 0 for row in rows)}
    choice = choose_variant(product.variants, sellable, sku=sku, size=size, colour=colour)
    return ProductPage(
        product=product,
        choice=choice,
        availability=variant_availability(
            session,
            choice.variant.id,
            my_store=my_store,
            now_utc=now_utc,
            origin=origin,
            rows=stock[choice.variant.id],
            stores_loader=stores_loader,
        ),
        breadcrumbs=tree.ancestry(product.category),
        sellable_ids=frozenset(sellable),
    )


def home_sections(session: Session, limit: int = 8) -> tuple[list[ProductCard], list[ProductCard]]:
    """New arrivals and current promotions for the home page."""
    newest = session.scalars(
        select(Product.id).order_by(Product.created_at.desc(), Product.id).limit(limit)
    )
    promoted = session.scalars(
        select(Variant.product_id)
        .where(Variant.compare_at_amount.is_not(None))
        .group_by(Variant.product_id)
        .order_by(
            func.max(Variant.compare_at_amount - Variant.price_amount).desc(), Variant.product_id
        )
        .limit(limit)
    )
    newest_ids, promoted_ids = list(newest), list(promoted)
    cards = {c.id: c for c in product_cards(session, list({*newest_ids, *promoted_ids}))}
    return [cards[i] for i in newest_ids if i in cards], [
        cards[i] for i in promoted_ids if i in cards
    ]


@dataclass(frozen=True)
class Suggestions:
    categories: list[Category]
    products: list[ProductCard]


def suggestions(session: Session, q: str, tree: CategoryTree, limit: int = 6) -> Suggestions:
    """Search-as-you-type: the best few products and the categories whose name matches."""
    terms = match_terms(q)
    if not terms:
        return Suggestions([], [])
    categories = [c for c in tree.by_id.values() if all(t in fold(c.name) for t in terms)][:3]
    return Suggestions(categories, product_cards(session, ranked_ids(session, q, limit=limit)))


def variant_by_gtin(session: Session, code: str) -> Row[str, str] | None:
    """(product slug, variant SKU) of the variant with this GTIN, at whatever length the
    catalog keeps it (catalog.gtin.forms)."""
    return session.execute(
        select(Product.slug, Variant.sku)
        .join(Variant.product)
        .where(Variant.gtin.in_(gtin.forms(code)))
        .limit(1)
    ).first()
