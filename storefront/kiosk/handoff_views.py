"""The phone's side of a kiosk hand-off, at the short link the kiosk's QR holds: see what the
code does, then one tap (a POST) takes the kiosk's cart or shows this phone's lists there."""

from __future__ import annotations

from flask import Blueprint, url_for
from werkzeug.wrappers import Response

from storefront import clock, db
from storefront.cart import queries as carts
from storefront.extensions import limiter
from storefront.htmx import render_page, see_other
from storefront.kiosk import handoff, rules
from storefront.kiosk.models import Handoff, HandoffDirection
from storefront.security import personal
from storefront.shopper import current_owner

bp = personal(Blueprint("handoff", __name__, url_prefix="/k"))
PAGE = "kiosk/phone.html"
MAX_CODE = 100
# A code is 8 characters of 28 and lives 10 minutes: a person scans one or two, a guesser many.
GUESSES = "30/minute"


def _refused(error: handoff.HandoffRefused) -> Response:
    status = 404 if error.message is rules.UNKNOWN_HANDOFF else 410
    return render_page(PAGE, status, problem=error.message)


def _page(found: Handoff, code: str) -> Response:
    if found.direction == HandoffDirection.TO_KIOSK:
        return render_page(PAGE, handoff=found, code=code, store=found.kiosk.store)
    preview = carts.cart_view_of(db.session(), found.cart_id) if found.cart_id else None
    return render_page(PAGE, handoff=found, code=code, store=found.kiosk.store, preview=preview)


@bp.get("/<code>")
@limiter.limit(GUESSES)
def show(code: str) -> Response:
    """Opening the link changes nothing: it says what the one button will do."""
    code = code[:MAX_CODE]
    try:
        found = handoff.by_code(db.session(), code)
        if handoff.shown_by(found, current_owner()) and found.withdrawn_at is None:
            return render_page(PAGE, handoff=found, code=code, store=found.kiosk.store, shown=True)
        handoff.check_open(found, clock.now())
    except handoff.HandoffRefused as error:
        return _refused(error)
    return _page(found, code)


@bp.post("/<code>")
@limiter.limit(GUESSES)
def accept(code: str) -> Response:
    code = code[:MAX_CODE]
    session = db.session()
    phone = current_owner(create=True)
    assert phone is not None
    try:
        found = handoff.accept(session, code, phone, clock.now())
    except handoff.HandoffRefused as error:
        session.rollback()
        return _refused(error)
    session.commit()
    if found.direction == HandoffDirection.TO_PHONE:
        return see_other(url_for("cart.show"))
    return see_other(url_for("handoff.show", code=code))


@bp.post("/<code>/withdraw")
@limiter.limit(GUESSES)
def withdraw(code: str) -> Response:
    code = code[:MAX_CODE]
    session = db.session()
    try:
        found = handoff.withdraw(session, code, current_owner(), clock.now())
    except handoff.HandoffRefused as error:
        session.rollback()
        return _refused(error)
    session.commit()
    return render_page(PAGE, handoff=found, code=code, store=found.kiosk.store, withdrawn=True)
