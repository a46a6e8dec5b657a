"""The associate's view of a list a shopper shows them: by its QR link or its typed code."""

from __future__ import annotations

from flask import redirect, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from storefront import clock, db
from storefront.htmx import render_page
from storefront.staff.access import my_stores, staff_only, store_at
from storefront.staff.shared_lists import NotShared, look_at


@staff_only
def open_shared(code: str) -> Response:
    """The QR's link knows no store: a staff member of one store goes straight to it, one
    of several picks the store they are in (the look is recorded against it)."""
    stores = my_stores()
    if len(stores) == 1:
        return redirect(url_for("staff.shared_list", store_code=stores[0].code, code=code))
    return render_page("staff/choose_store.html", stores=stores, code=code)


@staff_only
def shared_list(store_code: str, code: str) -> Response:
    store = store_at(store_code)
    session = db.session()
    try:
        found = look_at(session, store, code, current_user.account_id, clock.now())
    except NotShared as refused:
        session.rollback()
        return render_page("staff/shared_list.html", 404, store=store, problem=refused.message)
    session.commit()  # the look is recorded, for the shopper to see
    return render_page("staff/shared_list.html", store=store, found=found)
