"""The kiosk's checkout: pickup here, a slot, the contact details, the confirmation."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, request, url_for
from flask import session as cookie_session
from flask_babel import get_locale
from markupsafe import Markup
from werkzeug.wrappers import Response

from storefront import clock, db
from storefront.htmx import (
    render_fragment,
    render_page,
    render_view,
    see_other,
    swaps,
    wants_fragment,
)
from storefront.kiosk import handoff_screens, ordering
from storefront.kiosk.access import recognise_screen, this_store
from storefront.kiosk.views import shell
from storefront.pickup import (
    checkout,
    confirming,
    contact_form,
    links,
    picker,
    queries,
    reservation,
)
from storefront.pickup.errors import PickupError, Refused
from storefront.pickup.models import PickupOrder
from storefront.pickup.slots import release_hold
from storefront.security import personal
from storefront.shopper import current_owner
from storefront.stores.models import Store

bp = personal(Blueprint("kiosk_checkout", __name__, url_prefix="/kiosk/checkout"))
bp.before_request(recognise_screen)
bp.before_request(handoff_screens.taken_meanwhile)
bp.context_processor(shell)
PAGE = "kiosk/checkout.html"
SLOT_PICKER = "pickup/partials/slot_picker.html"
PLACED = "kiosk_order"  # the visit's order, in the cookie session the end of a visit clears


def _action(store: Store) -> picker.PickerAction:
    """No store field: the kiosk's store is the only one, whatever is posted."""
    return picker.PickerAction(
        choose_url=url_for("kiosk_checkout.hold"),
        day_url=url_for("kiosk_checkout.slots"),
        release_url=url_for("kiosk_checkout.release"),
    )


def _view(day: date | None = None, **extra: Any) -> checkout.Checkout:
    return ordering.checkout_here(
        db.session(),
        current_owner(),
        this_store(),
        now_utc=clock.now(),
        action=_action,
        contact=contact_form.prefilled(),
        idempotency_key=contact_form.idempotency_key(),
        day=day,
        **extra,
    )


def _page(view: checkout.Checkout, status: int = 200) -> Response:
    return render_page(PAGE, status, checkout=view)


def _picker(view: checkout.Checkout, status: int = 200) -> Response:
    """As the web's: without a picker (the cart emptied meanwhile) htmx reloads the page."""
    if view.picker is None:
        response = _page(view, status)
        if wants_fragment():
            response.headers["HX-Refresh"] = "true"
        return response
    return render_view(PAGE, SLOT_PICKER, status, checkout=view, picker=view.picker)


def _slot_changed() -> Response:
    if not wants_fragment():
        return see_other(url_for("kiosk_checkout.show"))
    response = _picker(_view())
    response.headers["HX-Trigger"] = checkout.SLOT_CHANGED
    return response


@bp.get("")
def show() -> Response:
    view = _view(picker.parse_day(request.args.get("day")))
    if swaps("checkout-review"):
        return render_fragment("pickup/partials/review.html", checkout=view)
    return _page(view)


@bp.get("/slots")
def slots() -> Response:
    raw_day = request.args.get("day")
    day = picker.parse_day(raw_day)
    view = _view(day)
    if raw_day and view.picker is not None and view.picker.day != day:
        return _picker(view.refused(picker.NO_SUCH_DAY), 422)
    return _picker(view)


@bp.post("/slots")
def hold() -> Response:
    starts_at = picker.parse_start(request.form.get("starts_at"))
    owner = current_owner(create=True)
    assert owner is not None
    session = db.session()
    try:
        if starts_at is None:
            raise Refused(picker.NO_SUCH_SLOT)
        ordering.hold_slot_here(session, owner, this_store(), starts_at, clock.now())
    except PickupError as refused:
        session.rollback()
        return _picker(_view().refused(refused.message), 422)
    session.commit()
    return _slot_changed()


@bp.post("/slots/release")
def release() -> Response:
    owner = current_owner()
    if owner is not None:
        release_hold(db.session(), owner)
    db.session().commit()
    return _slot_changed()


@bp.post("")
def confirm() -> Response:
    placed = confirming.place_or_refuse(db.session(), _place_order, _view)
    if isinstance(placed, checkout.Checkout):
        return _page(placed, 422)
    db.session().commit()
    cookie_session[PLACED] = placed.number
    return see_other(url_for("kiosk_checkout.placed"))


def _place_order() -> PickupOrder:
    owner = current_owner()
    if owner is None:
        raise reservation.EmptyCart()
    return ordering.place_order_here(
        db.session(),
        owner,
        this_store(),
        contact=contact_form.posted_contact(),
        idempotency_key=contact_form.idempotency_key(),
        locale=str(get_locale()),
        now_utc=clock.now(),
    )


@bp.get("/done")
def placed() -> Response:
    """The confirmation, for this visit only: once the visit ends, there is no order here."""
    number = cookie_session.get(PLACED)
    order = queries.order_by_number(db.session(), number) if isinstance(number, str) else None
    if order is None or order.store_id != this_store().id:
        return see_other(url_for("kiosk.home"))
    order_qr = Markup(links.order_link_qr_svg(order))  # segno's own SVG
    return render_page("kiosk/order_placed.html", order=order, order_qr=order_qr)
