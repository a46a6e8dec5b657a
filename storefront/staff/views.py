"""The store team's pickup board: prepare, mark ready, find by code, hand over."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, request, url_for
from werkzeug.wrappers import Response

from storefront import clock, db
from storefront.htmx import render_page, render_view, see_other, wants_fragment
from storefront.ids import form_id
from storefront.messages import N_, Message
from storefront.pickup import amendments, orders, queries
from storefront.pickup.errors import PickupError, Refused
from storefront.pickup.models import PickupOrder
from storefront.pickup.rules import STAFF_MOVES, StaffAction, normalise_code, staff_actions
from storefront.redirects import safe_next
from storefront.security import personal
from storefront.short_codes import typed_code
from storefront.staff import board, list_views, services, shared_lists
from storefront.staff import queries as staff_queries
from storefront.staff.access import (
    actor,
    manages,
    my_stores,
    staff_at_store,
    staff_only,
    team_store,
)
from storefront.stores import my_store
from storefront.stores.models import Store

bp = personal(Blueprint("staff", __name__, url_prefix="/staff"))
BOARD = "staff/partials/board.html"
MAX_CODE = 200  # a pickup code is 6 characters; a scanned list QR is a whole link


def _board(store: Store, status: int = 200, **context: object) -> Response:
    found = board.build(db.session(), store, clock.now())
    return render_view("staff/board.html", BOARD, status, board=found, **context)


def _order_page(store: Store, order: PickupOrder, status: int = 200, **context: object) -> Response:
    shelf = staff_queries.pick_locations(db.session(), order)
    return render_page("staff/order.html", status, store=store, order=order, shelf=shelf, **context)


def _order(store: Store, number: str) -> PickupOrder:
    return queries.store_order(db.session(), store.id, number=number) or abort(404)


bp.add_url_rule("/lists/<code>", view_func=list_views.open_shared)
bp.add_url_rule("/<store_code>/lists/<code>", view_func=list_views.shared_list)
bp.add_url_rule("/<store_code>/lists/<code>/hold", view_func=list_views.hold, methods=["POST"])
bp.add_app_template_global(my_stores, "staff_stores")
bp.add_app_template_global(manages, "manages_store")
bp.add_app_template_global(staff_actions)


@bp.get("")
@staff_only
def index() -> Response:
    stores = my_stores()
    if len(stores) == 1:
        return redirect(url_for("staff.show", store_code=stores[0].code))
    return render_page("staff/index.html", stores=stores)


@bp.post("/working-store")
@staff_only
def switch_store() -> Response:
    """Which of their stores a staff member works at now: their store on every page."""
    store = team_store(request.form.get("store", "")[:40])
    if store is None:
        problem = Message(N_("You are not on the team of this store. Choose one of yours."))
        return render_page("staff/index.html", 422, stores=my_stores(), switch_problem=problem)
    my_store.choose(store)
    db.session().commit()
    return see_other(url_for("staff.show", store_code=store.code))


@bp.get("/<store_code>")
@staff_at_store()
def show(store: Store) -> Response:
    return _board(store)


@bp.get("/<store_code>/find")
@staff_at_store()
def find(store: Store) -> Response:
    """A pickup code opens its order; a list code, the list a shopper shows."""
    raw = request.args.get("code", "")[:MAX_CODE]
    code = normalise_code(raw)
    order = queries.store_order(db.session(), store.id, code=code) if code else None
    if order is None and (shared := shared_lists.exists(db.session(), raw)):
        return redirect(url_for("staff.shared_list", store_code=store.code, code=shared), code=303)
    if order is None:
        if not code:
            problem = Message(N_("Enter or scan a pickup code."))
        elif typed_code(raw):
            problem = shared_lists.UNKNOWN
        else:
            problem = Message(N_("No order with this code at %(store)s."), store=store.name)
        return _board(store, 422, find_problem=problem, find_value=raw)
    target = url_for("staff.order", store_code=store.code, number=order.number, code=code)
    return redirect(target, code=303)


@bp.get("/<store_code>/orders/<number>")
@staff_at_store()
def order(store: Store, number: str) -> Response:
    found = _order(store, number)
    checked = normalise_code(request.args.get("code", "")[:MAX_CODE]) == found.pickup_code
    return _order_page(store, found, code_checked=checked)


def _act(store: Store, number: str, change: StaffAction) -> Response:
    """Apply one staff action; answer the board to htmx, else go back where the form was."""
    session = db.session()
    found = _order(store, number)
    now = clock.now()
    try:
        if change == StaffAction.HAND_OVER:
            code = request.form.get("code", "")[:MAX_CODE]
            done = services.hand_over(session, found, code, actor(), now_utc=now)
        elif change == StaffAction.REPORT_MISSING:
            line_id, quantity = form_id("line"), form_id("quantity")
            if line_id is None or quantity is None:
                raise Refused(Message(N_("Choose the item and enter how many are missing.")))
            done = amendments.report_missing(
                session, found, line_id, quantity, actor(), now_utc=now
            )
        else:
            done = orders.move(session, found, STAFF_MOVES[change], actor(), now_utc=now)
    except PickupError as error:
        session.rollback()
        if wants_fragment():
            return _board(store, 422, problem=error.message, problem_order=found.number)
        return _order_page(store, _order(store, number), 422, problem=error.message)
    session.commit()
    if wants_fragment():
        return _board(store, done_order=done.number, done_status=done.status)
    default = url_for("staff.order", store_code=store.code, number=number)
    return redirect(safe_next(request.form.get("next") or default), code=303)


ACTIONS = ", ".join(f"'{action}'" for action in StaffAction)


@bp.post(f"/<store_code>/orders/<number>/<any({ACTIONS}):change>")
@staff_at_store()
def act(store: Store, number: str, change: str) -> Response:
    return _act(store, number, StaffAction(change))
