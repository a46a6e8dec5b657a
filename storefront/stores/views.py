"""Blueprint "stores": store pages, choosing my store, and the header's my-store link."""

from __future__ import annotations

from datetime import date, datetime
from typing import cast

from babel import Locale
from babel.dates import format_date
from flask import Blueprint, Flask, abort, redirect, url_for
from flask.blueprints import BlueprintSetupState
from flask_babel import get_locale
from werkzeug.routing import BuildError
from werkzeug.wrappers import Response

from storefront import db
from storefront.htmx import render_fragment, render_view, wants_fragment
from storefront.stores import my_store, queries
from storefront.stores.hours import local_today, schedule_of, status_at, upcoming_specials, week
from storefront.stores.models import Store
from storefront.stores.structured_data import store_json_ld

bp = Blueprint("stores", __name__)
bp.add_app_template_filter(store_json_ld)

# The locator's list (`GET /stores`, endpoint "stores.index") belongs here, in this blueprint.


@bp.app_template_filter("store_time")
def store_time(moment: datetime | None) -> str:
    """Local wall-clock time as 24-hour HH:MM, as shops in our countries display it."""
    return moment.strftime("%H:%M") if moment else ""


@bp.app_template_filter("store_weekday")
def store_weekday(day: date) -> str:
    return format_date(day, "EEEE", locale=str(get_locale()))


@bp.app_template_filter("store_date")
def store_date(day: date, style: str = "d MMMM") -> str:
    return format_date(day, style, locale=str(get_locale()))


@bp.app_template_filter("first_upper")
def first_upper(text: str) -> str:
    """Jinja's ``capitalize`` lowers the rest ("24 december"); this only raises the first
    letter, for French weekdays that start a line ("Mardi")."""
    return text[:1].upper() + text[1:]


@bp.app_template_filter("store_country")
def store_country(code: str) -> str:
    """The country's name in the shopper's language (FR: "France", in French "France")."""
    return str(Locale.parse(str(get_locale())).territories.get(code.upper(), code))


@bp.app_template_global()
def stores_index_url() -> str:
    """The locator's URL, before and after its route exists."""
    try:
        return url_for("stores.index")
    except BuildError:
        return "/stores"


def _shop(slug: str) -> Store:
    if len(slug) > 120:
        abort(404)
    return queries.shop_by_slug(db.session(), slug, my_store.now_utc()) or abort(404)


@bp.get("/stores/<slug>")
def store(slug: str) -> Response:
    shop = _shop(slug)
    schedule = schedule_of(shop)
    now = my_store.now_utc()
    today = local_today(schedule, now)
    return render_view(
        "stores/store.html",
        "stores/partials/store_hours.html",
        store=shop,
        open_status=status_at(schedule, now),
        week=week(schedule, today),
        specials=upcoming_specials(schedule, today),
        today=today,
        chosen=my_store.current_store_id() == shop.id,
    )


@bp.post("/stores/<slug>/my-store")
def choose(slug: str) -> Response:
    shop = _shop(slug)
    my_store.choose(shop)
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


@bp.record_once
def _remember_my_store(state: BlueprintSetupState) -> None:
    my_store.init_app(cast(Flask, state.app))
