"""The associate's view of a list a shopper shows them: by its QR link or its typed code."""

from __future__ import annotations

from flask import abort, redirect, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from storefront import clock, db
from storefront.consent.services import Closed
from storefront.htmx import render_page
from storefront.messages import N_, Message
from storefront.staff.access import my_stores, staff_at_store, staff_only, team_store
from storefront.staff.shared_lists import NotShared, look_at, offer_hold, shown
from storefront.stores import my_store
from storefront.stores.models import Store

PAGE = "staff/shared_list.html"
OFFERED = Message(N_("Sent: the shopper sees your offer on their phone and can accept it."))


@staff_only
def open_shared(code: str) -> Response:
    """The QR's link knows no store: it opens at the store the staff member works at now
    (their working store, chosen on the board), and the look is recorded against it."""
    store = team_store(my_store.current_store_code()) or next(iter(my_stores()), None)
    if store is None:
        abort(404)
    return redirect(url_for("staff.shared_list", store_code=store.code, code=code))


@staff_at_store()
def shared_list(store: Store, code: str) -> Response:
    session = db.session()
    try:
        found = look_at(session, store, code, current_user.account_id, clock.now())
    except NotShared as refused:
        session.rollback()
        return render_page(PAGE, 404, store=store, problem=refused.message)
    session.commit()  # the look is recorded, for the shopper to see
    return render_page(PAGE, store=store, found=found, code=code)


@staff_at_store()
def hold(store: Store, code: str) -> Response:
    """ "Reserve for pickup here now": an offer the shopper accepts on their phone."""
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
