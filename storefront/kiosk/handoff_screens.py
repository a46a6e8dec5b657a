"""The kiosk's side of a hand-off: start one, show its QR until the phone answers, then reset
(the cart went to the phone) or show the phone's lists for the rest of the visit."""

from __future__ import annotations

from flask import abort, current_app, request, url_for
from werkzeug.wrappers import Response

from storefront import clock, db, short_codes
from storefront.cart.services import find_cart
from storefront.htmx import render_view, see_other
from storefront.kiosk import handoff, queries, rules
from storefront.kiosk.access import this_kiosk, this_store
from storefront.kiosk.models import HandoffDirection
from storefront.outbox.links import external_url
from storefront.shopper import Owner, guest_token


def _secret() -> bytes:
    return str(current_app.config["SECRET_KEY"]).encode()


def _started(direction: HandoffDirection, visit: str, cart_id: int | None = None) -> Response:
    session = db.session()
    found = handoff.start(
        session, this_kiosk(), visit, direction, _secret(), clock.now(), cart_id=cart_id
    )
    session.commit()
    return see_other(url_for("kiosk.handoff", handoff_id=found.id))


def continue_on_phone() -> Response:
    """Only a cart with something in it is handed over: an empty one goes back to the cart."""
    visit = guest_token(create=False)
    cart = find_cart(db.session(), Owner(guest_token=visit)) if visit else None
    if visit is None or cart is None or not cart.lines:
        return see_other(url_for("kiosk.cart"))
    return _started(HandoffDirection.TO_PHONE, visit, cart.id)


def show_list_here() -> Response:
    """From the start screen, before anything is picked: asking starts the visit."""
    visit = guest_token(create=True)
    assert visit is not None
    return _started(HandoffDirection.TO_KIOSK, visit)


def taken_meanwhile() -> Response | None:
    """Before every kiosk page: a phone may take the cart after the screen left its QR
    (Back, or the bar). The next page is then the hand-off's own, which ends the visit, as
    it would have with the QR still shown."""
    if request.method != "GET" or request.endpoint == "kiosk.handoff":
        return None
    visit = guest_token(create=False)
    taken = handoff.cart_taken(db.session(), visit) if visit else None
    return see_other(url_for("kiosk.handoff", handoff_id=taken)) if taken else None


def screen(handoff_id: int) -> Response:
    """The QR while it waits (the partial asks again every couple of seconds), then what
    the phone's answer made of it. Another kiosk's or another visit's is not found."""
    session = db.session()
    now = clock.now()
    try:
        found = handoff.on_screen(session, this_kiosk(), guest_token(create=False), handoff_id)
    except handoff.NotThisVisit:
        abort(404)
    state = handoff.state(found, now)
    code = handoff.code_of(found, _secret())
    owner = handoff.shown_owner(found)
    shown = queries.shown_here(session, owner, this_store(), now) if owner else None
    return render_view(
        "kiosk/handoff.html",
        "kiosk/partials/handoff.html",
        handoff=found,
        state=state.value,
        to_phone=found.direction == HandoffDirection.TO_PHONE,
        link=external_url("handoff.show", code=code),
        short_link=external_url("handoff.show", code=short_codes.grouped(code)),
        minutes_left=short_codes.minutes_left(found.expires_at, now),
        poll_seconds=rules.HANDOFF_POLL_SECONDS,
        shown=shown,
    )
