"""The kiosk's pages: attract screen, start, search, categories, product, cart, and reset."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, g, request
from werkzeug.wrappers import Response

from storefront import clock, db
from storefront.browse import pages
from storefront.browse import queries as browse
from storefront.browse.listing_html import FRAGMENT as LISTING
from storefront.cart import queries as carts
from storefront.htmx import render_fragment, render_page, render_view, swaps
from storefront.kiosk import handoff_screens, queries, rules, visit
from storefront.kiosk.access import recognise_screen, this_store
from storefront.security import personal
from storefront.shopper import current_owner
from storefront.stores import my_store

bp = personal(Blueprint("kiosk", __name__, url_prefix="/kiosk"))
bp.before_request(recognise_screen)
bp.before_request(handoff_screens.taken_meanwhile)
bp.add_url_rule(
    "/handoff/phone", "continue_on_phone", handoff_screens.continue_on_phone, methods=["POST"]
)
bp.add_url_rule("/handoff/list", "show_list_here", handoff_screens.show_list_here, methods=["POST"])
bp.add_url_rule("/handoff/<int:handoff_id>", "handoff", handoff_screens.screen)


@bp.context_processor
def shell() -> dict[str, Any]:
    return {"kiosk": g.get("kiosk"), "kiosk_countdown": rules.COUNTDOWN_SECONDS}


@bp.get("")
def attract() -> Response:
    return render_page("kiosk/attract.html", on_phone=request.args.get("after") == "phone")


@bp.get("/home")
def home() -> Response:
    newest, _promoted = browse.home_sections(db.session())
    return render_page("kiosk/home.html", categories=pages.current_tree().roots(), newest=newest)


def _listing_page(page: str, **context: Any) -> Response:
    parsed = pages.parsed_filters()
    listing = pages.listing(parsed.filters, context.get("category"))
    return render_view(
        page,
        LISTING,
        listing=listing,
        problems=[*parsed.problems, *listing.notices],
        my_store=my_store.summary(),
        **context,
    )


@bp.get("/search")
def search() -> Response:
    if swaps("search-suggestions"):
        q = pages.parsed_filters().filters.q
        found = browse.suggestions(db.session(), q, pages.current_tree())
        return render_fragment("catalog/partials/suggestions.html", q=q, suggestions=found)
    return _listing_page("kiosk/search.html")


@bp.get("/c/<slug>")
def category(slug: str) -> Response:
    tree = pages.current_tree()
    current = tree.by_slug.get(slug) or abort(404)
    crumbs = tree.ancestry(current)
    return _listing_page("kiosk/category.html", category=current, breadcrumbs=crumbs)


@bp.get("/p/<slug>")
def product(slug: str) -> Response:
    page = queries.product_here(
        db.session(),
        slug,
        pages.current_tree(),
        this_store(),
        sku=request.args.get("sku"),
        now_utc=clock.now(),
    )
    if page is None:
        abort(404)
    if swaps("quick-add-"):
        return render_fragment("catalog/partials/quick_add_variants.html", page=page.page)
    return render_page("kiosk/product.html", here=page, page=page.page)


@bp.get("/cart")
def cart() -> Response:
    found = carts.cart_view(db.session(), current_owner())
    return render_page(
        "kiosk/cart.html", cart=found, merge=None, notices=[], removed=[], line_errors={}
    )


@bp.post("/reset")
def reset() -> Response:
    return visit.end_visit(handed_to_phone=request.form.get("after") == "phone")
