"""Read side of the catalog: what the home, category, search and product pages show."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Row, exists, func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from storefront.catalog import gtin
from storefront.catalog.models import Category, Product, Variant
from storefront.catalog.search import fold, match_terms, ranked_ids
from storefront.catalog.tree import CategoryTree
from storefront.catalog.variants import VariantChoice, choose_variant
from storefront.inventory.availability import Availability, variant_availability
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


def product_cards(session: Session, ids: Sequence[int]) -> list[ProductCard]:
    """Cards for `ids`, in that order, loaded in three queries whatever their number."""
    if not ids:
        return []
    in_stock_variants = set(
        session.scalars(
            select(Variant.id).where(
                Variant.product_id.in_(ids),
                exists().where(StockLevel.variant_id == Variant.id, StockLevel.sellable > 0),
            )
        )
    )
    products = session.scalars(
        select(Product)
        .where(Product.id.in_(ids))
        .options(
            selectinload(Product.variants),
            selectinload(Product.images),
            selectinload(Product.brand),
        )
    )
    by_id = {p.id: p for p in products}
    cards = []
    for product_id in ids:
        product = by_id[product_id]
        cheapest = min(product.variants, key=lambda v: v.price_amount)
        image = product.images[0] if product.images else None
        cards.append(
            ProductCard(
                id=product.id,
                slug=product.slug,
                name=product.name,
                brand=product.brand.name if product.brand else None,
                price=cheapest.price_amount,
                compare_at=cheapest.compare_at_amount,
                currency=cheapest.currency,
                image=image.path if image else None,
                image_alt=image.alt if image else product.name,
                colours=list(dict.fromkeys(v.colour for v in product.variants if v.colour)),
                in_stock=any(v.id in in_stock_variants for v in product.variants),
                variants=[_card_variant(v, in_stock_variants) for v in product.variants],
            )
        )
    return cards


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
) -> ProductPage | None:
    """`origin` (latitude, longitude), when known, ranks the nearby stores instead of my store."""
    product = session.scalars(
        select(Product)
        .where(Product.slug == slug)
        .options(
            selectinload(Product.variants),
            selectinload(Product.images),
            joinedload(Product.brand),
            joinedload(Product.category),
        )
    ).one_or_none()
    if product is None:
        return None
    sellable = set(
        session.scalars(
            select(StockLevel.variant_id)
            .join(Variant, Variant.id == StockLevel.variant_id)
            .where(Variant.product_id == product.id, StockLevel.sellable > 0)
        )
    )
    choice = choose_variant(product.variants, sellable, sku=sku, size=size, colour=colour)
    return ProductPage(
        product=product,
        choice=choice,
        availability=variant_availability(
            session, choice.variant.id, my_store=my_store, now_utc=now_utc, origin=origin
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
    return product_cards(session, list(newest)), product_cards(session, list(promoted))


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
