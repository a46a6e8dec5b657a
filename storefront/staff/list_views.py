"""The associate's view of a list a shopper shows them: by its QR link or its typed code."""

from __future__ import annotations

from flask import abort, redirect, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from storefront import clock, db
from storefront.consent.services import Closed
from storefront.htmx import render_page
from storefront.messages import N_, Message
from storefront.staff.access import my_stores, staff_only, store_at
from storefront.staff.shared_lists import NotShared, look_at, offer_hold, shown
from storefront.stores import my_store

PAGE = "staff/shared_list.html"
OFFERED = Message(N_("Sent: the shopper sees your offer on their phone and can accept it."))


@staff_only
def open_shared(code: str) -> Response:
    """The QR's link knows no store: it opens at the store the staff member works at now
    (their working store, chosen on the board), and the look is recorded against it."""
    working = my_store.current_store_code()
    stores = my_stores()
    store = next((s for s in stores if s.code == working), stores[0] if stores else None)
    if store is None:
        abort(404)
    return redirect(url_for("staff.shared_list", store_code=store.code, code=code))


@staff_only
def shared_list(store_code: str, code: str) -> Response:
    store = store_at(store_code)
    session = db.session()
    try:
        found = look_at(session, store, code, current_user.account_id, clock.now())
    except NotShared as refused:
        session.rollback()
        return render_page(PAGE, 404, store=store, problem=refused.message)
    session.commit()  # the look is recorded, for the shopper to see
    return render_page(PAGE, store=store, found=found, code=code)


@staff_only
def hold(store_code: str, code: str) -> Response:
    """ "Reserve for pickup here now": an offer the shopper accepts on their phone."""
    store = store_at(store_code)
    session = db.session()
    chosen = request.form.getlist("variant_id")
    try:
        found = offer_hold(session, store, code, current_user.account_id, chosen, clock.now())
    except NotShared as refused:
        session.rollback()
        return render_page(PAGE, 404, store=store, problem=refused.message)
    except Closed as refused:
        session.rollback()
        found = shown(session, store, code, clock.now())
        return render_page(
            PAGE, 422, store=store, found=found, code=code, hold_problem=refused.message
        )
    session.commit()
    return render_page(PAGE, store=store, found=found, code=code, notice=OFFERED)
