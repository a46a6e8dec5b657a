"""Blueprint "consent": the shopper's "Show to a store associate" panel, for a list or the cart,
and their answer to a store's offer to hold items."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, redirect, url_for
from flask_babel import get_locale
from werkzeug.wrappers import Response

from storefront import clock, db
from storefront.consent import queries, services
from storefront.consent.services import Kind, Target
from storefront.htmx import render_view, wants_fragment
from storefront.messages import N_, FieldErrors, Message
from storefront.outbox.links import external_url
from storefront.pickup import contact_form
from storefront.pickup.errors import PickupError
from storefront.security import personal
from storefront.shopper import current_owner

bp = personal(Blueprint("consent", __name__, url_prefix="/show-in-store"))
STOPPED = Message(N_("You stopped sharing: the code no longer works."))
DECLINED = Message(N_("No problem: nothing is held for you."))
ANSWERS = "<any(accept, decline):answer>"


def _secret() -> bytes:
    return str(current_app.config["SECRET_KEY"]).encode()


def _target(kind: Kind, list_id: int = 0) -> Target:
    """Only the requester's own list or cart: anyone else's is a 404, as if it did not exist."""
    try:
        return services.owned_target(db.session(), current_owner(), kind, list_id)
    except services.NotFound:
        abort(404)


def _url(target: Target, action: str = "", offer_id: int = 0, answer: str = "") -> str:
    values: dict[str, Any] = {"offer_id": offer_id, "answer": answer} if answer else {}
    if target.kind is Kind.CART:
        return url_for(f"consent.cart{action}", **values)
    return url_for(f"consent.list{action}", list_id=target.id, **values)


def _panel(target: Target, status: int = 200, **extra: Any) -> Response:
    found = queries.panel(db.session(), target, _secret(), clock.now())
    staff_link = external_url("staff.open_shared", code=found.code) if found.code else None
    return render_view(
        "consent/show.html",
        "consent/partials/panel.html",
        status,
        panel=found,
        panel_url=_url(target),
        start_url=_url(target, "_start"),
        stop_url=_url(target, "_stop"),
        staff_link=staff_link,
        accept_url=_url(target, "_answer", found.offer.id, "accept") if found.offer else None,
        decline_url=_url(target, "_answer", found.offer.id, "decline") if found.offer else None,
        **{"contact": contact_form.prefilled(), "errors": {}, **extra},
    )


def _changed(target: Target, **extra: Any) -> Response:
    """After a POST: htmx gets the panel, a plain form is redirected to its page."""
    db.session().commit()
    if not wants_fragment():
        return redirect(_url(target), code=303)
    return _panel(target, **extra)


def _start(target: Target) -> Response:
    services.start(db.session(), target, _secret(), clock.now())
    return _changed(target)


def _stop(target: Target) -> Response:
    services.stop(db.session(), target, clock.now())
    return _changed(target, notice=STOPPED)


def _answer(target: Target, offer_id: int, answer: str) -> Response:
    """Accept (a pickup order is placed, by the checkout's rules) or decline an offer."""
    session = db.session()
    now = clock.now()
    try:
        if answer == "decline":
            services.decline(session, target, offer_id, now)
            return _changed(target, notice=DECLINED)
        contact = contact_form.posted_contact()
        owner = current_owner()
        assert owner is not None  # the target is theirs
        services.accept(
            session, target, offer_id, owner, contact, locale=str(get_locale()), now_utc=now
        )
    except FieldErrors as refused:
        session.rollback()
        return _panel(target, 422, errors=refused.errors)
    except (services.Closed, PickupError) as refused:
        session.rollback()
        return _panel(target, 422, problem=refused.message)
    return _changed(target)


@bp.get("/lists/<int:list_id>", endpoint="list")
def list_panel(list_id: int) -> Response:
    return _panel(_target(Kind.LIST, list_id))


@bp.post("/lists/<int:list_id>", endpoint="list_start")
def show_list(list_id: int) -> Response:
    return _start(_target(Kind.LIST, list_id))


@bp.post("/lists/<int:list_id>/stop", endpoint="list_stop")
def stop_list(list_id: int) -> Response:
    return _stop(_target(Kind.LIST, list_id))


@bp.get("/cart", endpoint="cart")
def cart_panel() -> Response:
    return _panel(_target(Kind.CART))


@bp.post("/cart", endpoint="cart_start")
def show_cart() -> Response:
    return _start(_target(Kind.CART))


@bp.post("/cart/stop", endpoint="cart_stop")
def stop_cart() -> Response:
    return _stop(_target(Kind.CART))


@bp.post(f"/lists/<int:list_id>/offers/<int:offer_id>/{ANSWERS}", endpoint="list_answer")
def answer_for_list(list_id: int, offer_id: int, answer: str) -> Response:
    return _answer(_target(Kind.LIST, list_id), offer_id, answer)


@bp.post(f"/cart/offers/<int:offer_id>/{ANSWERS}", endpoint="cart_answer")
def answer_for_cart(offer_id: int, answer: str) -> Response:
    return _answer(_target(Kind.CART), offer_id, answer)
