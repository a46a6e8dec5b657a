"""Which kiosk is asking: every kiosk page first checks the screen's device credential."""

from __future__ import annotations

from flask import g, request
from werkzeug.wrappers import Response

from storefront import clock, db
from storefront.htmx import render_page
from storefront.kiosk import device, services
from storefront.kiosk.models import Kiosk
from storefront.stores.models import Store
from storefront.stores.queries import shop_by_id

# The shop pages the shared partials link to, as the kiosk's own; None: not offered here.
KIOSK_LINKS: dict[str, str | None] = {
    "catalog.home": "kiosk.home",
    "catalog.category": "kiosk.category",
    "catalog.search": "kiosk.search",
    "catalog.product": "kiosk.product",
    "cart.show": "kiosk.cart",
    "pickup.show": "kiosk_checkout.show",  # pickup here, at the kiosk's store
    "accounts.sign_in": None,  # no password is typed on a shared screen
    "stores.store": None,
    "consent.cart": None,  # a shared screen's cart is no one's list to show
}


ASK_STAFF = "kiosk/ask_staff.html"


def this_kiosk() -> Kiosk:
    kiosk: Kiosk = g.kiosk
    return kiosk


def this_store() -> Store:
    """With its hours loaded, for the pickup promise."""
    store: Store = g.my_store
    return store


def recognise_screen() -> Response | None:
    """Before every kiosk page: an unknown or revoked screen gets the "ask staff" page and
    nothing else. A known one is in its store: my store, wherever the page asks, is it.
    Ending a visit works on any screen: one revoked mid-visit still forgets its shopper."""
    credential = device.read()
    kiosk = (
        services.recognise(db.session(), credential.kiosk_id, credential.secret)
        if credential
        else None
    )
    if kiosk is None:
        return None if request.endpoint == "kiosk.reset" else render_page(ASK_STAFF, 403)
    g.kiosk = kiosk
    g.my_store = shop_by_id(db.session(), kiosk.store_id, clock.now()) or kiosk.store
    return None
