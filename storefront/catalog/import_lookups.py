"""What a catalog import needs from the database, loaded in a few queries, not per line."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from storefront.catalog.models import Brand, Category, Product, Variant
from storefront.importing import chunks, slugify, unique_slug

IMPORT_KEY = Product.attributes["import_key"].as_string()


class CategoryPaths:
    """Resolves a path such as ("Men", "Shoes") to a category id, creating missing levels.

    Names match case-insensitively under the same parent, so "men > shoes" finds "Men >
    Shoes". A new category's slug joins its path ("men-shoes"), keeping "Hiking > Jackets"
    and "Ski > Jackets" apart; siblings are appended after the existing ones.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.ids: dict[tuple[int | None, str], int] = {}
        self.slugs: set[str] = set()
        self.children: dict[int | None, int] = {}
        for category in session.scalars(select(Category)):
            self.ids[(category.parent_id, category.name.casefold())] = category.id
            self.slugs.add(category.slug)
            self.children[category.parent_id] = self.children.get(category.parent_id, 0) + 1

    def resolve(self, path: tuple[str, ...]) -> int:
        parent_id: int | None = None
        for depth, name in enumerate(path):
            key = (parent_id, name.casefold())
            if key not in self.ids:
                position = self.children.get(parent_id, 0)
                category = Category(
                    name=name,
                    slug=unique_slug(slugify(" ".join(path[: depth + 1])), self.slugs),
                    parent_id=parent_id,
                    position=position,
                )
                self.session.add(category)
                self.session.flush()
                self.ids[key] = category.id
                self.children[parent_id] = position + 1
            parent_id = self.ids[key]
        assert parent_id is not None, "a category path has at least one level"
        return parent_id


class Brands:
    """Resolves a brand name (case-insensitively) to its id, creating it when new."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.ids: dict[str, int] = {}
        self.slugs: set[str] = set()
        for brand in session.scalars(select(Brand)):
            self.ids[brand.name.casefold()] = brand.id
            self.slugs.add(brand.slug)

    def resolve(self, name: str) -> int | None:
        if not name:
            return None
        if name.casefold() not in self.ids:
            brand = Brand(name=name, slug=unique_slug(slugify(name), self.slugs))
            self.session.add(brand)
            self.session.flush()
            self.ids[name.casefold()] = brand.id
        return self.ids[name.casefold()]


class ExistingProducts:
    """The products and variants a file touches, loaded in a few queries, not per line."""

    def __init__(self, session: Session, skus: set[str], keys: set[str]) -> None:
        self.session = session
        self.product_of_key: dict[str, int] = {}
        for chunk in chunks(keys):
            query = select(IMPORT_KEY, Product.id).where(IMPORT_KEY.in_(chunk))
            self.product_of_key.update(session.execute(query).all())
        ids = set(self.product_of_key.values())
        for sku_chunk in chunks(skus):
            query = select(Variant.product_id).where(Variant.sku.in_(sku_chunk))
            ids.update(session.scalars(query))
        self.products: dict[int, Product] = {}
        for id_chunk in chunks(ids):
            query = (
                select(Product)
                .where(Product.id.in_(id_chunk))
                .options(selectinload(Product.variants), selectinload(Product.images))
            )
            self.products.update((product.id, product) for product in session.scalars(query))
        self.variants = {v.sku: v for p in self.products.values() for v in p.variants}
        self.claimed: set[int] = set()
        self.slugs: set[str] = set()

    def gtin_owners(self, gtins: set[str]) -> dict[str, str]:
        """The SKU that holds each of these GTINs today."""
        owners: dict[str, str] = {}
        for chunk in chunks(gtins):
            query = select(Variant.gtin, Variant.sku).where(Variant.gtin.in_(chunk))
            owners.update((gtin, sku) for gtin, sku in self.session.execute(query) if gtin)
        return owners

    def product_for(self, key: str, skus: list[str], name: str) -> tuple[Product, bool]:
        """The product known by this key, else the product of one of its existing SKUs (a
        line given a ``product`` key later), else a new one; and whether it is new."""
        candidates = [self.product_of_key.get(key)]
        candidates += [self.variants[sku].product_id for sku in skus if sku in self.variants]
        for product_id in candidates:
            if product_id is not None and product_id not in self.claimed:
                self.claimed.add(product_id)
                return self.products[product_id], False
        if not self.slugs:
            self.slugs.update(self.session.scalars(select(Product.slug)))
        product = Product(
            slug=unique_slug(slugify(name), self.slugs, max_length=160),
            name=name,
            attributes={"import_key": key},
            variants=[],
            images=[],
        )
        self.session.add(product)
        return product, True
