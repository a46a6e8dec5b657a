"""Catalog pages: home, category, search (with suggestions) and product."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, Response, abort, render_template, request

from storefront import clock, db
from storefront.browse import pages, queries
from storefront.browse.listing_html import FRAGMENT as LISTING
from storefront.browse.listing_html import listing_html
from storefront.browse.structured_data import product_json_ld
from storefront.htmx import (
    render_fragment,
    render_view,
    rendering_fragment,
    swaps,
)
from storefront.stores import directory, my_store
from storefront.stores.locator import origin_from

bp = Blueprint("catalog", __name__)


@bp.app_context_processor
def navigation() -> dict[str, object]:
    if db.unavailable() or rendering_fragment():
        return {"nav_categories": []}
    return {"nav_categories": pages.current_tree().roots()}


bp.add_app_template_filter(product_json_ld)
bp.add_app_template_global(listing_html)


@bp.app_template_global()
def url_with(**changes: object) -> str:
    """The current URL with some query parameters replaced, the others kept in order."""
    args = request.args.copy()
    for key, value in changes.items():
        args.setlist(key, [str(value)])
    return f"{request.path}?{urlencode(list(args.items(multi=True)))}"


@bp.get("/")
def home() -> str:
    session = db.session()
    newest, promoted = queries.home_sections(session)
    tree = pages.current_tree()
    return render_template("catalog/home.html", tree=tree, newest=newest, promoted=promoted)


@bp.get("/c/<slug>")
def category(slug: str) -> Response:
    tree = pages.current_tree()
    current = tree.by_slug.get(slug) or abort(404)
    parsed = pages.parsed_filters()
    listing = pages.listing(parsed.filters, current)
    return render_view(
        "catalog/category.html",
        LISTING,
        category=current,
        breadcrumbs=tree.ancestry(current),
        listing=listing,
        problems=[*parsed.problems, *listing.notices],
        my_store=my_store.summary(),  # fragments need it too, for the facet
    )


@bp.get("/search")
def search() -> Response:
    session = db.session()
    parsed = pages.parsed_filters()
    if swaps("search-suggestions"):
        return render_fragment(
            "catalog/partials/suggestions.html",
            q=parsed.filters.q,
            suggestions=queries.suggestions(session, parsed.filters.q, pages.current_tree()),
        )
    listing = pages.listing(parsed.filters, None)
    return render_view(
        "catalog/search.html",
        LISTING,
        listing=listing,
        problems=[*parsed.problems, *listing.notices],
        my_store=my_store.summary(),  # fragments need it too, for the facet
    )


@bp.get("/p/<slug>")
def product(slug: str) -> Response:
    page = queries.product_page(
        db.session(),
        slug,
        pages.current_tree(),
        sku=request.args.get("sku"),
        size=request.args.get("size"),
        colour=request.args.get("colour"),
        my_store=my_store.current_store(),
        now_utc=clock.now(),
        origin=origin_from(request.args),
        stores_loader=directory.stores_with_hours,
    )
    if page is None:
        abort(404)
    if swaps("quick-add-"):
        return render_fragment("catalog/partials/quick_add_variants.html", page=page)
    return render_view("catalog/product.html", "catalog/partials/buy_box.html", page=page)
