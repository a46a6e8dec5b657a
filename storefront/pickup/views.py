"""Checkout for pickup: store, slot, contact details, review and confirm."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from flask import Blueprint, redirect, request, url_for
from flask_babel import get_locale
from werkzeug.wrappers import Response

from storefront import clock, db
from storefront.htmx import render_fragment, render_view, swaps, wants_fragment
from storefront.ids import parse_id
from storefront.messages import N_, Message
from storefront.pickup import checkout, confirming, contact_form, picker, reservation
from storefront.pickup.errors import PickupError, Refused
from storefront.pickup.links import order_url
from storefront.pickup.models import PickupOrder
from storefront.pickup.slots import release_hold
from storefront.security import personal
from storefront.shopper import current_owner
from storefront.stores import my_store
from storefront.stores.locator import origin_from
from storefront.stores.models import Store

bp = personal(Blueprint("pickup", __name__))

PAGE = "pickup/checkout.html"
NO_SUCH_STORE = Message(N_("Choose a store from the list."))


def _action(store: Store) -> picker.PickerAction:
    return picker.PickerAction(
        choose_url=url_for("pickup.hold"),
        day_url=url_for("pickup.slots"),
        release_url=url_for("pickup.release"),
        fields=(("store", str(store.id)),),
    )


def _view(store_id: int | None, day: date | None = None, **extra: Any) -> checkout.Checkout:
    return checkout.checkout_view(
        db.session(),
        current_owner(),
        mine=my_store.current_store(),
        store_id=store_id,
        day=day,
        now_utc=clock.now(),
        action=_action,
        contact=contact_form.prefilled(),
        idempotency_key=contact_form.idempotency_key(),
        **extra,
    )


def _page(view: checkout.Checkout, status: int = 200) -> Response:
    return render_view(PAGE, "pickup/partials/checkout.html", status, checkout=view)


def _picker(view: checkout.Checkout, status: int = 200) -> Response:
    """The picker alone for htmx, the page around it otherwise. Without a picker (the
    cart was emptied on another device) htmx reloads the page, which says why."""
    if view.picker is None:
        response = _page(view, status)
        if wants_fragment():
            response.headers["HX-Refresh"] = "true"
        return response
    return render_view(
        PAGE, "pickup/partials/slot_picker.html", status, checkout=view, picker=view.picker
    )


def _asked_store_refused(view: checkout.Checkout, store_id: int | None) -> bool:
    return view.chosen is not None and view.chosen.store.id != store_id


@bp.get("/checkout")
def show() -> Response:
    store_id = parse_id(request.args.get("store"))
    day = picker.parse_day(request.args.get("day"))
    view = _view(store_id, day, origin=origin_from(request.args))
    if swaps("checkout-review"):
        return render_fragment("pickup/partials/review.html", checkout=view)
    return _page(view)


@bp.get("/checkout/slots")
def slots() -> Response:
    store_id = parse_id(request.args.get("store"))
    raw_day = request.args.get("day")
    day = picker.parse_day(raw_day)
    view = _view(store_id, day, only_wanted=wants_fragment())
    if _asked_store_refused(view, store_id):
        return _picker(view.refused(NO_SUCH_STORE), 422)
    if raw_day and view.picker is not None and view.picker.day != day:
        return _picker(view.refused(picker.NO_SUCH_DAY), 422)
    return _picker(view)


@bp.post("/checkout/slots")
def hold() -> Response:
    store_id = parse_id(request.form.get("store"))
    starts_at = picker.parse_start(request.form.get("starts_at"))
    owner = current_owner(create=True)
    assert owner is not None
    session = db.session()
    try:
        if store_id is None:
            raise Refused(NO_SUCH_STORE)
        if starts_at is None:
            raise Refused(picker.NO_SUCH_SLOT)
        checkout.hold_slot(session, owner, store_id, starts_at, clock.now())
    except PickupError as refused:
        session.rollback()
        return _picker(_view(store_id).refused(refused.message), 422)
    session.commit()
    return _slot_changed(store_id)


@bp.post("/checkout/slots/release")
def release() -> Response:
    store_id = parse_id(request.form.get("store"))
    owner = current_owner()
    if owner is not None:
        release_hold(db.session(), owner)
    db.session().commit()
    return _slot_changed(store_id)


def _slot_changed(store_id: int | None) -> Response:
    """After holding or letting go: htmx gets the picker (and the review an event to
    refresh itself); a plain form is redirected to the page, so a reload posts nothing."""
    if not wants_fragment():
        return redirect(url_for("pickup.show", store=store_id), code=303)
    response = _picker(_view(store_id))
    response.headers["HX-Trigger"] = checkout.SLOT_CHANGED
    return response


@bp.post("/checkout/store")
def choose_store() -> Response:
    """Another store: the slot held at the previous one is let go."""
    store_id = parse_id(request.form.get("store"))
    view = _view(store_id)
    if view.chosen is None or _asked_store_refused(view, store_id):
        return _page(view.refused(NO_SUCH_STORE), 422)
    owner = current_owner()
    if owner is not None:
        release_hold(db.session(), owner)
    db.session().commit()
    address = url_for("pickup.show", store=store_id)
    if not wants_fragment():
        return redirect(address, code=303)
    response = _page(_view(store_id))
    response.headers["HX-Replace-Url"] = address  # a reload shows the store just chosen
    return response


@bp.post("/checkout")
def confirm() -> Response:
    store_id = parse_id(request.form.get("store"))
    placed = confirming.place_or_refuse(
        db.session(), partial(_place_order, store_id), partial(_view, store_id)
    )
    if isinstance(placed, checkout.Checkout):
        return _page(placed, 422)
    db.session().commit()
    return redirect(order_url(placed, external=False), code=303)


def _place_order(store_id: int | None) -> PickupOrder:
    owner = current_owner()
    if owner is None:
        raise reservation.EmptyCart()
    if store_id is None:
        raise Refused(NO_SUCH_STORE)
    return reservation.reserve_for_pickup(
        db.session(),
        owner,
        store_id=store_id,
        contact=contact_form.posted_contact(),
        idempotency_key=contact_form.idempotency_key(),
        locale=str(get_locale()),
        now_utc=clock.now(),
    )
