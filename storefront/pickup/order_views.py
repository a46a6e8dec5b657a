"""A shopper's pickup order: status, calendar file, reschedule and cancel."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext, ngettext
from flask_login import current_user, login_required
from markupsafe import Markup
from werkzeug.wrappers import Response

from storefront import clock, db
from storefront.accounts.sessions import SignedIn
from storefront.htmx import render_view, see_other
from storefront.i18n import translate
from storefront.messages import N_, Message
from storefront.pickup import amendments, links, orders, picker, queries
from storefront.pickup.calendar import order_ics
from storefront.pickup.errors import PickupError, Refused
from storefront.pickup.guest_orders import accept_order, join_verified_orders
from storefront.pickup.models import PickupOrder
from storefront.pickup.notifications import push_topic
from storefront.pickup.rules import SHOPPER_CHANGEABLE, STATUS_LABELS, OrderStatus
from storefront.push.responses import said, subscribed
from storefront.security import personal
from storefront.template_filters import store_local

bp = personal(Blueprint("orders", __name__))
CLAIMED = "orders-claimed"  # flash category: shown once, on the page after signing in
bp.add_app_template_global(links.link, "order_link")
SLOT_PICKER = "pickup/partials/slot_picker.html"


@bp.app_template_global("order_status_label")
def order_status_label(status: str) -> str:
    return translate(Message(STATUS_LABELS[OrderStatus(status)]))


@bp.app_template_filter("pickup_qr")
def pickup_qr(code: str) -> Markup:
    return Markup(links.code_qr_svg(code))  # segno's own SVG: nothing of the input is markup


def _viewable(number: str) -> PickupOrder:
    """The order if this browser may see it: its account signed in, or the order's own
    link. Anything else is a 404 whether the order exists or not."""
    order = queries.order_by_number(db.session(), number) or abort(404)
    if _mine(order) or links.opened_by_link(order):
        return order
    abort(404)


def _mine(order: PickupOrder) -> bool:
    return current_user.is_authenticated and order.account_id == current_user.account_id


def _actor() -> orders.Actor:
    return orders.Actor.shopper(current_user.account_id if current_user.is_authenticated else None)


def _picker(
    order: PickupOrder, *, day: date | None = None, error: Message | None = None
) -> picker.Picker:
    """The slot picker on the order's slot; its forms carry the guest's token."""
    now = clock.now()
    action = picker.PickerAction(
        choose_url=url_for("orders.reschedule", number=order.number),
        day_url=url_for("orders.slots", number=order.number),
        fields=((links.TOKEN_PARAMETER, links.order_token(order)),)
        if links.opened_by_link(order)
        else (),
    )
    return picker.build(
        db.session(),
        order.store,
        now_utc=now,
        earliest=amendments.earliest_for(order, order.store, now),
        action=action,
        day=day,
        chosen=picker.Chosen(order.slot_starts_at, order.slot_ends_at),
        error=error,
    )


def _page(
    order: PickupOrder,
    *,
    problem: Message | None = None,
    status: int = 200,
    fragment: str = "pickup/partials/order_detail.html",
    slots: picker.Picker | None = None,
) -> Response:
    changeable = order.status in SHOPPER_CHANGEABLE
    if changeable and slots is None:
        slots = _picker(order)
    response = render_view(
        "pickup/order.html",
        fragment,
        status,
        order=order,
        changeable=changeable,
        problem=problem,
        picker=slots,
        picker_heading=3,
        acceptable=current_user.is_authenticated and order.account_id is None,
    )
    return response


@bp.get("/orders")
@login_required
def index() -> Response:
    found = queries.account_orders(db.session(), current_user.account_id)
    return render_view("pickup/orders.html", "pickup/partials/order_list.html", orders=found)


@bp.get("/orders/<number>")
def show(number: str) -> Response:
    return _page(_viewable(number))


@bp.post("/orders/<number>/push")
def push_subscribe(number: str) -> Response:
    """This phone asks to hear when the order is ready (the body is the browser's
    PushSubscription as JSON); the answer says so in words the page shows."""
    order = _viewable(number)
    if order.status not in SHOPPER_CHANGEABLE:
        return said(gettext("This order can no longer become ready."), 409)
    done = gettext("We will tell you on this phone when it is ready.")
    return subscribed(db.session(), push_topic(order), done)


@bp.get("/orders/<number>/calendar.ics")
def calendar(number: str) -> Response:
    order = _viewable(number)
    response = Response(order_ics(order), mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'attachment; filename="{order.number}.ics"'
    return response


@bp.get("/orders/<number>/slots")
def slots(number: str) -> Response:
    order = _viewable(number)
    if order.status not in SHOPPER_CHANGEABLE:
        return _page(order)
    shown = _picker(order, day=picker.parse_day(request.args.get("day")))
    return _page(order, fragment=SLOT_PICKER, slots=shown)


@bp.post("/orders/<number>/reschedule")
def reschedule(number: str) -> Response:
    session = db.session()
    order = _viewable(number)
    starts_at = picker.parse_start(request.form.get("starts_at"))
    try:
        if starts_at is None:
            raise Refused(Message(N_("Choose one of the slots shown.")))
        order = amendments.reschedule(session, order, starts_at, _actor(), now_utc=clock.now())
    except PickupError as error:
        session.rollback()
        order = _viewable(number)
        day = store_local(starts_at, order.store.timezone).date() if starts_at else None
        shown = _picker(order, day=day, error=error.message)
        return _page(order, fragment=SLOT_PICKER, slots=shown, status=422)
    session.commit()
    return see_other(links.order_url(order, external=False))


@bp.post("/orders/<number>/cancel")
def cancel(number: str) -> Response:
    session = db.session()
    order = _viewable(number)
    try:
        order = orders.cancel_by_shopper(session, order, _actor(), now_utc=clock.now())
    except PickupError as error:
        session.rollback()
        return _page(_viewable(number), problem=error.message, status=422)
    session.commit()
    return redirect(links.order_url(order, external=False), code=303)


@bp.post("/orders/<number>/accept")
@login_required
def accept(number: str) -> Response:
    """The shopper signed in here opened their guest order's link and takes it into their
    account."""
    session = db.session()
    order = _viewable(number)
    if not accept_order(session, order, current_user.account_id) and not _mine(order):
        session.rollback()
        taken = Message(N_("This order is already in another account."))
        return _page(order, problem=taken, status=409)
    session.commit()
    flash(gettext("Order %(number)s is now in your account.", number=order.number), CLAIMED)
    return see_other(url_for("orders.show", number=order.number))


def join_on_sign_in(user: SignedIn) -> None:
    joined = join_verified_orders(db.session(), user.account)
    if joined:
        flash(
            ngettext(
                "Your pickup order placed as a guest with %(email)s is now in your account.",
                "Your %(num)d pickup orders placed as a guest with %(email)s are now in your"
                " account.",
                joined,
                email=user.account.email,
            ),
            CLAIMED,
        )
