"""What a catalog page reads for the request it answers: the category tree and a listing,
cached, shared by the web shop's pages and the kiosk's."""

from __future__ import annotations

from flask import current_app, g, request

from storefront import db
from storefront.browse import listing as listings
from storefront.catalog.filters import Filters, ParsedFilters, parse_filters
from storefront.catalog.models import Category
from storefront.catalog.read_cache import ReadCache
from storefront.catalog.tree import CategoryTree, category_tree


def current_tree() -> CategoryTree:
    """The category tree, loaded once per request for the navigation and the page."""
    if "category_tree" not in g:
        cache: ReadCache = current_app.extensions["catalog_cache"]
        g.category_tree = cache.get("category-tree", lambda: category_tree(db.session()))
    return g.category_tree


def parsed_filters() -> ParsedFilters:
    config = current_app.config["STOREFRONT"]
    return parse_filters(request.args.to_dict(flat=False), config.default_currency)


def listing(filters: Filters, category: Category | None) -> listings.Listing:
    config = current_app.config["STOREFRONT"]
    cache: ReadCache = current_app.extensions["catalog_cache"]
    return cache.get(
        ("listing", category.id if category else None, filters),
        lambda: listings.listing(
            db.session(),
            filters,
            tree=current_tree(),
            category=category,
            page_size=config.page_size,
        ),
    )
