"""Blueprint "consent": the shopper's "Show to a store associate" panel, for a list or the cart."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, redirect, url_for
from werkzeug.wrappers import Response

from storefront import clock, db
from storefront.consent import queries, services
from storefront.consent.services import Kind, Target
from storefront.htmx import render_view, wants_fragment
from storefront.messages import N_, Message
from storefront.outbox.links import external_url
from storefront.security import personal
from storefront.shopper import current_owner

bp = personal(Blueprint("consent", __name__, url_prefix="/show-in-store"))
STOPPED = Message(N_("You stopped sharing: the code no longer works."))


def _secret() -> bytes:
    return str(current_app.config["SECRET_KEY"]).encode()


def _target(kind: Kind, list_id: int = 0) -> Target:
    """Only the requester's own list or cart: anyone else's is a 404, as if it did not exist."""
    try:
        return services.owned_target(db.session(), current_owner(), kind, list_id)
    except services.NotFound:
        abort(404)


def _url(target: Target, action: str = "") -> str:
    if target.kind is Kind.CART:
        return url_for(f"consent.cart{action}")
    return url_for(f"consent.list{action}", list_id=target.id)


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
        **extra,
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
