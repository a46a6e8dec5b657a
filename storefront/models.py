"""Every domain's models, imported together so the metadata is complete."""

from storefront.catalog.models import Brand, Category, Product, ProductImage, Variant
from storefront.catalog.search import register_search_tables
from storefront.db import Base
from storefront.stores.models import OpeningHours, StockLevel, Store, StoreClosure, StoreKind

register_search_tables(Base.metadata)

__all__ = [
    "Base",
    "Brand",
    "Category",
    "OpeningHours",
    "Product",
    "ProductImage",
    "StockLevel",
    "Store",
    "StoreClosure",
    "StoreKind",
    "Variant",
]
