"""The cart page, its header badge, and the POSTs that change it (htmx or plain forms)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, get_flashed_messages, redirect, request, url_for
from flask_babel import ngettext
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response

from storefront import db
from storefront.accounts.sessions import SignedIn
from storefront.cart import merging, queries, rules, services
from storefront.htmx import (
    render_fragment,
    render_view,
    rendering_fragment,
    swaps,
    wants_fragment,
)
from storefront.ids import form_id
from storefront.messages import N_, Message
from storefront.security import personal
from storefront.shopper import current_owner, guest_token

bp = personal(Blueprint("cart", __name__))

CART_CHANGED = "cart-changed"


@bp.app_context_processor
def badge() -> dict[str, Any]:
    form = {"cart_add_url": url_for("cart.add"), "cart_max_per_line": rules.MAX_PER_LINE}
    if rendering_fragment() or db.unavailable():
        return {**form, "cart_count": 0}
    return {**form, "cart_count": queries.item_count(db.session(), current_owner())}


def _removed_lines() -> list[services.RemovedLine]:
    """Lines removed by the previous request, offered back with an undo button."""
    removed = []
    for message in get_flashed_messages(category_filter=["cart-removed"]):
        variant_id, quantity, name = str(message).split("|", 2)
        removed.append(services.RemovedLine(int(variant_id), int(quantity), name))
    return removed


def _cart_context(**extra: Any) -> dict[str, Any]:
    session = db.session()
    owner = current_owner()
    return {
        "cart": queries.cart_view(session, owner),
        "merge": queries.merge_notice(session, owner) if owner else None,
        "notices": get_flashed_messages(category_filter=["cart"]),
        "removed": _removed_lines(),
        "line_errors": {},
        **extra,
    }


def _show(status: int = 200, **extra: Any) -> Response:
    context = _cart_context(**extra)
    return render_view("cart/show.html", "cart/partials/cart.html", status, **context)


def _changed(status: int = 200, **extra: Any) -> Response:
    """After a change: htmx gets the fresh cart (and an event for the badge), a plain form
    gets redirected to the cart, so a reload never posts twice."""
    db.session().commit()
    if not wants_fragment():
        return redirect(url_for("cart.show"), code=303)
    response = _show(status, **extra)
    response.headers["HX-Trigger"] = CART_CHANGED
    return response


@bp.get("/cart/badges", endpoint="badges")
def badges_fragment() -> Response:
    """The header's and the bottom bar's cart links, refreshed together on `cart-changed`."""
    count = queries.item_count(db.session(), current_owner())
    return render_fragment("cart/partials/badges.html", cart_count=count)


@bp.get("/cart")
def show() -> Response:
    return _show()


def _add_from_form() -> services.AddResult | Message:
    quantity = rules.parse_quantity(request.form.get("quantity", "1"))
    variant_id = form_id("variant_id")
    if isinstance(quantity, Message):
        return quantity
    if variant_id is None:
        return Message(N_("Choose a size or colour first."))
    owner = current_owner(create=True)
    assert owner is not None
    try:
        return services.add_to_cart(db.session(), owner, variant_id, quantity)
    except services.CartError as refused:
        return refused.message


@bp.post("/cart/lines")
def add() -> Response:
    """From a product: a toast says what happened. From the cart (undo a removal): the cart."""
    result = _add_from_form()
    toast = wants_fragment() and not swaps("cart")
    if isinstance(result, Message):
        db.session().rollback()
        if toast:
            return render_fragment("partials/toast.html", 422, refusal=result)
        flash(str(result), "cart")
        return _changed(422)
    if not toast:
        if result.notice:
            flash(str(result.notice), "cart")
        return _changed()
    db.session().commit()
    response = render_fragment("partials/toast.html", result=result)
    response.headers["HX-Trigger"] = CART_CHANGED
    return response


@bp.post("/cart/lines/<int:line_id>")
def update(line_id: int) -> Response:
    owner = current_owner()
    quantity = rules.parse_quantity(
        rules.stepped(request.form.get("quantity"), request.form.get("step"))
    )
    if owner is None:
        raise NotFound()
    try:
        if isinstance(quantity, Message):
            raise services.CartError(quantity)
        services.set_quantity(db.session(), owner, line_id, quantity)
    except services.LineNotFound:
        raise NotFound() from None
    except services.CartError as refused:
        db.session().rollback()
        if not wants_fragment():
            flash(str(refused.message), "cart")
            return redirect(url_for("cart.show"), code=303)
        return _show(422, line_errors={line_id: refused.message})
    return _changed()


@bp.post("/cart/lines/<int:line_id>/remove")
def remove(line_id: int) -> Response:
    owner = current_owner()
    if owner is None:
        raise NotFound()
    try:
        removed = services.remove_line(db.session(), owner, line_id)
    except services.LineNotFound:
        raise NotFound() from None
    flash(f"{removed.variant_id}|{removed.quantity}|{removed.name}", "cart-removed")
    return _changed()


@bp.post("/cart/merges/<int:merge_id>/undo")
def undo_merge(merge_id: int) -> Response:
    owner = current_owner()
    if owner is None:
        raise NotFound()
    if merging.undo_merge(db.session(), owner, merge_id) is None:
        raise NotFound()
    return _changed()


@bp.post("/cart/merges")
def merge_again() -> Response:
    owner = current_owner()
    token = guest_token(create=False)
    if owner is None or owner.account_id is None or token is None:
        raise NotFound()
    merging.merge_guest_cart(db.session(), token, owner.account_id)
    return _changed()


def merge_on_sign_in(user: SignedIn) -> None:
    """Merge at sign-in, and say so on the next page: a merge is never silent."""
    token = guest_token(create=False)
    if token is None:
        return
    record = merging.merge_guest_cart(db.session(), token, user.account_id)
    if record is not None:
        added = sum(entry["quantity"] for entry in record.added)
        flash(
            ngettext(
                "%(num)d item you picked before signing in is now in your cart.",
                "%(num)d items you picked before signing in are now in your cart.",
                added,
            ),
            "cart-merged",
        )
