"""The sign-in merge: run when the shopper signs in, then shown with undo, redo, dismiss."""

from __future__ import annotations

from flask import abort, g, redirect, session, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from storefront import db
from storefront.accounts.sessions import SignedIn
from storefront.htmx import render_fragment, wants_fragment
from storefront.shopper import guest_token
from storefront.wishlist import merging, queries, services
from storefront.wishlist.responses import CHANGED, MERGED, back

DISMISSED = "wishlist_merge_dismissed"


def pending() -> queries.MergeNotice | None:
    """The notice for full pages of a signed-in shopper: the merge of the last half hour,
    unless dismissed in this browser."""
    if wants_fragment() or not current_user.is_authenticated:
        return None
    if "wishlist_merge" not in g:
        notice = queries.merge_notice(db.session(), current_user.account_id)
        g.wishlist_merge = None if notice and session.get(DISMISSED) == notice.id else notice
    return g.wishlist_merge


def _signed_in() -> int:
    return current_user.account_id if current_user.is_authenticated else abort(404)


def _changed(notice: queries.MergeNotice | None) -> Response:
    db.session().commit()
    if not wants_fragment():
        return redirect(back(url_for("wishlist.index")), code=303)
    response = render_fragment(
        "wishlist/partials/merge_notice.html",
        wishlist_merge=notice,
        merge_next=back(url_for("wishlist.index")),
    )
    response.headers["HX-Trigger"] = f"{CHANGED}, {MERGED}"
    return response


def undo_merge(merge_id: int) -> Response:
    account_id = _signed_in()
    try:
        merging.undo_merge(db.session(), account_id, merge_id)
    except services.NotFound:
        abort(404)
    return _changed(queries.merge_notice(db.session(), account_id))


def redo_merge(merge_id: int) -> Response:
    account_id = _signed_in()
    try:
        merging.redo_merge(db.session(), account_id, merge_id)
    except services.NotFound:
        abort(404)
    return _changed(queries.merge_notice(db.session(), account_id))


def dismiss_merge(merge_id: int) -> Response:
    notice = queries.merge_notice(db.session(), _signed_in())
    if notice is None or notice.id != merge_id:
        abort(404)
    session[DISMISSED] = merge_id
    return _changed(None)


def merge_on_sign_in(user: SignedIn) -> None:
    """Runs inside the sign-in POST, while this browser's guest cookie is still readable;
    the sign-in view commits."""
    token = guest_token(create=False)
    if token is not None:
        merging.merge_guest_lists(db.session(), token, user.account_id)
