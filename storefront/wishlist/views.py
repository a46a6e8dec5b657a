"""Blueprint "wishlist": the lists page, the heart, and the POSTs that change lists."""

from __future__ import annotations

from collections.abc import Iterator, Set
from typing import Any

from flask import (
    Blueprint,
    abort,
    flash,
    g,
    get_flashed_messages,
    redirect,
    request,
    url_for,
)
from flask_babel import gettext
from werkzeug.wrappers import Response

from storefront import db
from storefront.cart.services import CartError
from storefront.htmx import render_fragment, render_view, wants_fragment
from storefront.i18n import translate
from storefront.ids import form_id
from storefront.messages import N_, Message
from storefront.security import personal
from storefront.shopper import Owner, current_owner
from storefront.wishlist import lists, merge_views, queries, rules, services, shared_views
from storefront.wishlist.queries import Heart
from storefront.wishlist.responses import CART_CHANGED, CHANGED, back

bp = personal(Blueprint("wishlist", __name__, url_prefix="/wishlist"))
POST = ["POST"]
bp.add_url_rule("/merges/<int:merge_id>/undo", view_func=merge_views.undo_merge, methods=POST)
bp.add_url_rule("/merges/<int:merge_id>/redo", view_func=merge_views.redo_merge, methods=POST)
bp.add_url_rule("/merges/<int:merge_id>/dismiss", view_func=merge_views.dismiss_merge, methods=POST)
bp.add_url_rule("/shared/<token>", view_func=shared_views.shared)
bp.add_url_rule("/shared/<token>/qr.svg", view_func=shared_views.shared_qr)


class _WishedHearts(Set[Heart]):
    """The shopper's wished items, read on first use: a fragment without hearts or the
    header count (the add-to-cart toast) costs no query, nor a transaction after its commit."""

    def __init__(self) -> None:
        self._hearts: frozenset[Heart] | None = None

    def _loaded(self) -> frozenset[Heart]:
        if self._hearts is None:
            self._hearts = queries.wished_hearts(db.session(), current_owner())
        return self._hearts

    def __contains__(self, heart: object) -> bool:
        return heart in self._loaded()

    def __iter__(self) -> Iterator[Heart]:
        return iter(self._loaded())

    def __len__(self) -> int:
        return len(self._loaded())


@bp.app_context_processor
def wishlist_state() -> dict[str, Any]:
    """Hearts and the header count need the shopper's wished items: one query per request
    that shows them, and none for a visitor who has never saved anything (no owner yet)."""
    if db.unavailable():
        return {"wished_hearts": frozenset(), "pending_wishlist_merge": None}
    if "wished_hearts" not in g:
        g.wished_hearts = _WishedHearts()
    return {
        "wished_hearts": g.wished_hearts,
        "pending_wishlist_merge": merge_views.pending(),
    }


def _owner() -> Owner:
    """The requester, for actions on things they must already own: none means 404."""
    return current_owner() or abort(404)


def _lists_view(status: int = 200, **extra: Any) -> Response:
    context: dict[str, Any] = {
        "lists": queries.owner_lists(db.session(), current_owner()),
        "notices": get_flashed_messages(category_filter=["wishlist"]),
        "errors": {},
        "typed": {},
        **extra,
    }
    return render_view("wishlist/index.html", "wishlist/partials/lists.html", status, **context)


def _changed(done: Message, *events: str) -> Response:
    """After a change: htmx gets the fresh lists and events for other widgets; a plain form
    is redirected, so reloading the page never posts twice."""
    db.session().commit()
    if not wants_fragment():
        flash(translate(done), "wishlist")
        return redirect(url_for("wishlist.index"), code=303)
    response = _lists_view(notices=[translate(done)])
    response.headers["HX-Trigger"] = ", ".join((CHANGED, *events))
    return response


def _refused(key: str, reason: Message, **typed: str) -> Response:
    """Nothing changed; the page or its lists come back with the reason beside the field."""
    db.session().rollback()
    return _lists_view(422, errors={key: reason}, typed=typed)


@bp.get("")
def index() -> Response:
    return _lists_view()


@bp.get("/link")
def link() -> Response:
    """The header's heart and count, re-fetched when the wishlist changes."""
    if not wants_fragment():
        return redirect(url_for("wishlist.index"), code=303)
    return render_fragment("wishlist/partials/header_link.html")


@bp.post("/heart/<int:product_id>")
def heart(product_id: int) -> Response:
    session = db.session()
    name = queries.product_name(session, product_id) or abort(404)
    variant_id = form_id("variant_id")
    variant = queries.product_variant(session, product_id, variant_id) if variant_id else None
    if variant_id is not None and variant is None:
        abort(404)
    on = request.form.get("on") == "1"
    owner = current_owner(create=on)
    error: Message | None = None
    wished = False
    if owner is not None:
        try:
            wished = services.toggle_heart(session, owner, product_id, on=on, variant_id=variant_id)
        except services.NotFound:
            abort(404)
        except services.WishlistError as refused:
            error = refused.message
    if error is None:
        session.commit()
    else:
        session.rollback()  # a refused heart changes nothing
    return_to = back(url_for("wishlist.index"))
    if not wants_fragment():
        if error:
            flash(translate(error), "wishlist")
        return redirect(return_to, code=303)
    response = render_fragment(
        "wishlist/partials/heart.html",
        422 if error else 200,
        product_id=product_id,
        product_name=name,
        heart_variant=variant,
        heart_wished=wished,
        heart_next=return_to,
        heart_error=error,
    )
    if error is None:
        response.headers["HX-Trigger"] = CHANGED
    return response


@bp.post("/lists")
def create_list() -> Response:
    raw = request.form.get("name", "")
    owner = current_owner(create=True)
    assert owner is not None
    try:
        created = lists.create_list(db.session(), owner, raw)
    except services.WishlistError as refused:
        return _refused("new", refused.message, new=raw[:200])
    return _changed(Message(N_("List “%(name)s” created."), name=created.name))


@bp.post("/lists/<int:list_id>/rename")
def rename_list(list_id: int) -> Response:
    raw = request.form.get("name", "")
    try:
        lists.rename_list(db.session(), _owner(), list_id, raw)
    except services.NotFound:
        abort(404)
    except services.WishlistError as refused:
        return _refused(f"list-{list_id}", refused.message, **{f"list-{list_id}": raw[:200]})
    return _changed(Message(N_("List renamed.")))


@bp.post("/lists/<int:list_id>/delete")
def delete_list(list_id: int) -> Response:
    try:
        name = lists.delete_list(db.session(), _owner(), list_id)
    except services.NotFound:
        abort(404)
    except services.WishlistError as refused:
        return _refused(f"list-{list_id}", refused.message)
    return _changed(Message(N_("List “%(name)s” deleted."), name=name))


@bp.post("/lists/<int:list_id>/default")
def set_default(list_id: int) -> Response:
    try:
        lists.set_default(db.session(), _owner(), list_id)
    except services.NotFound:
        abort(404)
    return _changed(Message(N_("This is now your default list: hearts save here.")))


@bp.post("/lists/<int:list_id>/share")
def share_list(list_id: int) -> Response:
    try:
        lists.share_list(db.session(), _owner(), list_id)
    except services.NotFound:
        abort(404)
    return _changed(Message(N_("Anyone with the link can now see this list.")))


@bp.post("/lists/<int:list_id>/unshare")
def revoke_share(list_id: int) -> Response:
    try:
        lists.revoke_share(db.session(), _owner(), list_id)
    except services.NotFound:
        abort(404)
    return _changed(Message(N_("The link no longer works.")))


@bp.post("/items/<int:item_id>/remove")
def remove_item(item_id: int) -> Response:
    try:
        name = services.remove_item(db.session(), _owner(), item_id)
    except services.NotFound:
        abort(404)
    return _changed(Message(N_("%(name)s removed."), name=name))


@bp.post("/items/<int:item_id>/move")
def move_item(item_id: int) -> Response:
    to_list = form_id("list_id")
    if to_list is None:
        return _refused(f"item-{item_id}", Message(N_("Choose a list to move it to.")))
    try:
        target = services.move_item(db.session(), _owner(), item_id, to_list)
    except services.NotFound:
        abort(404)
    except services.WishlistError as refused:
        return _refused(f"item-{item_id}", refused.message)
    shown = gettext(target.name) if target.name == rules.DEFAULT_LIST_NAME else target.name
    return _changed(Message(N_("Moved to “%(name)s”."), name=shown))


@bp.post("/items/<int:item_id>/cart")
def move_to_cart(item_id: int) -> Response:
    try:
        services.move_to_cart(db.session(), _owner(), item_id, form_id("variant_id") or 0)
    except services.NotFound:
        abort(404)
    except (services.WishlistError, CartError) as refused:
        return _refused(f"item-{item_id}", refused.message)
    return _changed(Message(N_("Moved to your cart.")), CART_CHANGED)
