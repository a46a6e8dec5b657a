"""A listing's HTML (its facets and cards) rendered once per catalog version and address,
then filled in for each request with what is the shopper's own: the forms' CSRF token and
the hearts of what they wished.

Rendering two dozen cards is most of a category page's time, and nothing else in them
depends on who asks: the rest follows the address (filters, page), the language, the shop
or the kiosk, and the shopper's store, which are the key. Entries go with the version, so
a listing never shows stock older than the last committed change.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, get_template_attribute, request
from flask_babel import get_locale
from flask_wtf.csrf import generate_csrf
from jinja2.runtime import Context
from jinja2.utils import pass_context
from markupsafe import Markup

from storefront.catalog.read_cache import ReadCache

TEMPLATE = "catalog/partials/listing.html"
FRAGMENT = "catalog/partials/listing_filled.html"  # what a listing's htmx swap answers
CSRF_SLOT = "\x00csrf-token\x00"  # never sent: every one is replaced before the response


@pass_context
def listing_html(context: Context) -> Markup:
    """The listing for the page being rendered; its context has `listing` and `my_store`."""
    values = context.get_all()
    token = generate_csrf()
    mine = values.get("my_store")
    key = (
        "listing-html",
        str(get_locale()),
        request.blueprint,
        request.full_path,
        mine.code if mine else None,
    )
    cache: ReadCache = current_app.extensions["catalog_cache"]
    html = cache.get(key, lambda: _unwished(values).replace(token, CSRF_SLOT))
    html = _with_wished_hearts(html, values, token)
    return Markup(html.replace(CSRF_SLOT, token))


def _unwished(values: dict[str, Any]) -> str:
    template = current_app.jinja_env.get_template(TEMPLATE)
    return template.render({**values, "wished_hearts": frozenset()})


def _with_wished_hearts(html: str, values: dict[str, Any], token: str) -> str:
    """Each card's heart of a wished product, as card_macros.html draws it when wished."""
    wished = values["wished_hearts"]
    cards = [card for card in values["listing"].cards if (card.id, None) in wished]
    if not cards:
        return html
    heart = get_template_attribute("wishlist/partials/heart_macro.html", "heart")
    back = request.full_path.rstrip("?")
    for card in cards:
        off, on = (str(heart(card.id, card.name, state, back)) for state in (False, True))
        html = html.replace(off.replace(token, CSRF_SLOT), on.replace(token, CSRF_SLOT))
    return html
