"""Catalog pages: home, category, search (with suggestions) and product."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, Response, abort, current_app, g, render_template, request

from storefront import clock, db
from storefront.browse import listing as listings
from storefront.browse import queries
from storefront.browse.structured_data import product_json_ld
from storefront.catalog.filters import Filters, ParsedFilters, parse_filters
from storefront.catalog.models import Category
from storefront.catalog.read_cache import ReadCache
from storefront.catalog.tree import CategoryTree, category_tree
from storefront.htmx import (
    render_fragment,
    render_view,
    rendering_fragment,
    swaps,
)
from storefront.stores import my_store
from storefront.stores.locator import origin_from

bp = Blueprint("catalog", __name__)


def current_tree() -> CategoryTree:
    """The category tree, loaded once per request for the navigation and the page."""
    if "category_tree" not in g:
        cache: ReadCache = current_app.extensions["catalog_cache"]
        g.category_tree = cache.get("category-tree", lambda: category_tree(db.session()))
    return g.category_tree


@bp.app_context_processor
def navigation() -> dict[str, object]:
    if db.unavailable() or rendering_fragment():
        return {"nav_categories": []}
    return {"nav_categories": current_tree().roots()}


bp.add_app_template_filter(product_json_ld)


@bp.app_template_global()
def url_with(**changes: object) -> str:
    """The current URL with some query parameters replaced, the others kept in order."""
    args = request.args.copy()
    for key, value in changes.items():
        args.setlist(key, [str(value)])
    return f"{request.path}?{urlencode(list(args.items(multi=True)))}"


def _parsed_filters() -> ParsedFilters:
    config = current_app.config["STOREFRONT"]
    return parse_filters(request.args.to_dict(flat=False), config.default_currency)


def _listing(filters: Filters, category: Category | None) -> listings.Listing:
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


@bp.get("/")
def home() -> str:
    session = db.session()
    newest, promoted = queries.home_sections(session)
    tree = current_tree()
    return render_template("catalog/home.html", tree=tree, newest=newest, promoted=promoted)


@bp.get("/c/<slug>")
def category(slug: str) -> Response:
    tree = current_tree()
    current = tree.by_slug.get(slug) or abort(404)
    parsed = _parsed_filters()
    listing = _listing(parsed.filters, current)
    return render_view(
        "catalog/category.html",
        "catalog/partials/listing.html",
        category=current,
        breadcrumbs=tree.ancestry(current),
        listing=listing,
        problems=[*parsed.problems, *listing.notices],
        my_store=my_store.summary(),  # fragments need it too, for the facet
    )


@bp.get("/search")
def search() -> Response:
    session = db.session()
    parsed = _parsed_filters()
    if swaps("search-suggestions"):
        return render_fragment(
            "catalog/partials/suggestions.html",
            q=parsed.filters.q,
            suggestions=queries.suggestions(session, parsed.filters.q, current_tree()),
        )
    listing = _listing(parsed.filters, None)
    return render_view(
        "catalog/search.html",
        "catalog/partials/listing.html",
        listing=listing,
        problems=[*parsed.problems, *listing.notices],
        my_store=my_store.summary(),  # fragments need it too, for the facet
    )


@bp.get("/p/<slug>")
def product(slug: str) -> Response:
    page = queries.product_page(
        db.session(),
        slug,
        current_tree(),
        sku=request.args.get("sku"),
        size=request.args.get("size"),
        colour=request.args.get("colour"),
        my_store=my_store.current_store(),
        now_utc=clock.now(),
        origin=origin_from(request.args),
    )
    if page is None:
        abort(404)
    if swaps("quick-add-"):
        return render_fragment("catalog/partials/quick_add_variants.html", page=page)
    return render_view("catalog/product.html", "catalog/partials/buy_box.html", page=page)
