"""Blueprint "stores": store pages, choosing my store, and the header's my-store link."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, url_for
from werkzeug.wrappers import Response

from storefront import clock, db
from storefront.htmx import render_fragment, render_view, wants_fragment
from storefront.messages import Message
from storefront.stores import locator_views, my_store, queries
from storefront.stores.hours import local_today, schedule_of, status_at, upcoming_specials, week
from storefront.stores.models import Store
from storefront.stores.structured_data import store_json_ld

bp = Blueprint("stores", __name__)
bp.add_app_template_filter(store_json_ld)
bp.add_url_rule("/stores", "index", locator_views.index)


@bp.app_template_global()
def stores_index_url() -> str:
    return url_for("stores.index")


def _shop(slug: str) -> Store:
    if len(slug) > 120:
        abort(404)
    return queries.shop_by_slug(db.session(), slug, clock.now()) or abort(404)


@bp.get("/stores/<slug>")
def store(slug: str) -> Response:
    return _store_page(_shop(slug))


def _store_page(shop: Store, status: int = 200, refused: Message | None = None) -> Response:
    schedule = schedule_of(shop)
    now = clock.now()
    today = local_today(schedule, now)
    return render_view(
        "stores/store.html",
        "stores/partials/store_hours.html",
        status,
        store=shop,
        open_status=status_at(schedule, now),
        week=week(schedule, today),
        specials=upcoming_specials(schedule, today),
        today=today,
        chosen=my_store.current_store_id() == shop.id,
        refused=refused,
    )


@bp.post("/stores/<slug>/my-store")
def choose(slug: str) -> Response:
    shop = _shop(slug)
    try:
        my_store.choose(shop)
    except my_store.NotYourWorkplace as error:
        if not wants_fragment():
            return _store_page(shop, 422, error.message)
        return render_fragment(
            "stores/partials/my_store_button.html", 422, store=shop, refused=error.message
        )
    db.session().commit()
    if not wants_fragment():
        return redirect(url_for("stores.store", slug=shop.slug), code=303)
    response = render_fragment("stores/partials/my_store_button.html", store=shop, chosen=True)
    response.headers["HX-Trigger"] = my_store.CHANGED
    return response


@bp.get("/my-store")
def link() -> Response:
    """The header's my-store link for htmx; a browser goes to the store's page."""
    summary = my_store.summary()
    if wants_fragment():
        return render_fragment("stores/partials/my_store_link.html", my_store=summary)
    if summary is None:
        return redirect(stores_index_url(), code=303)
    return redirect(url_for("stores.store", slug=summary.slug), code=303)
