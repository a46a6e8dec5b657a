"""Blueprint "alerts": ask for a back-in-stock email, list and cancel one's alerts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, request, url_for
from flask_babel import get_locale, gettext
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from storefront import db
from storefront.accounts.rules import normalise_email
from storefront.extensions import limiter
from storefront.htmx import render_fragment, render_view, wants_fragment
from storefront.i18n import translate
from storefront.ids import form_id
from storefront.inventory import alert_emails, alert_queries, alerts
from storefront.messages import N_, FieldErrors, Message
from storefront.push.responses import subscribed
from storefront.redirects import safe_next
from storefront.security import personal

bp = personal(Blueprint("alerts", __name__, url_prefix="/alerts"))
NOTICES = "stock-alert"  # flash category the form shows after a no-JS redirect


@dataclass(frozen=True)
class AlertForm:
    """What alert_form.html shows: the values typed, errors by field, a confirmation."""

    variant_id: int | None
    store: str = ""
    email: str = ""
    errors: dict[str, Message] = field(default_factory=dict)
    notice: str | None = None
    created_id: int | None = None
    cancel_token: str | None = None  # a guest's proof, to undo the ask at once


def alert_form_context(variant_id: int, store: str = "", **state: Any) -> dict[str, Any]:
    """The context of templates/inventory/partials/alert_form.html, for the product page:
    `{% with %}` or `**alert_form_context(variant.id, my_store_code)` in its view."""
    return {
        "alert_form": AlertForm(variant_id, store, **state),
        "alert_stores": alert_queries.store_choices(db.session()),
    }


def _account_id() -> int | None:
    return current_user.account_id if current_user.is_authenticated else None


def _asked_email() -> str:
    """The address the form asks for: typed, or the signed-in account's own."""
    email = request.form.get("email", "")[:300]
    if not email.strip() and current_user.is_authenticated:
        return str(current_user.account.email)
    return email


def _consented(email: str) -> bool:
    """An account's own verified address needs no confirming email."""
    if not current_user.is_authenticated:
        return False
    account = current_user.account
    return bool(account.email_verified) and normalise_email(email) == account.email


def _limit(setting: str) -> str:
    return str(getattr(current_app.config["STOREFRONT"], setting))


def _back() -> str:
    target = request.form.get("next")
    return safe_next(target) if target else url_for("catalog.home")


@bp.post("")
@limiter.limit(lambda: _limit("alert_limit_per_ip"))
@limiter.limit(
    lambda: _limit("alert_limit_per_email"),
    key_func=lambda: "alert-email:" + normalise_email(_asked_email())[:254],
)
def create() -> Response:
    session = db.session()
    variant_id = form_id("variant_id")
    store = request.form.get("store", "")[:40]
    email = _asked_email()
    consented = _consented(email)
    try:
        if variant_id is None:
            raise FieldErrors({"variant_id": Message(N_("Choose a size or colour first."))})
        alert = alerts.request_alert(
            session,
            variant_id,
            store,
            email,
            _account_id(),
            str(get_locale()),
            consented=consented,
        )
    except FieldErrors as refused:
        session.rollback()
        context = alert_form_context(variant_id or 0, store, email=email, errors=refused.errors)
        return render_view(
            "inventory/alert.html", "inventory/partials/alert_form.html", 422, **context
        )
    session.commit()
    if alert.confirmed_at is not None:
        done = Message(
            N_("Done: we will email %(email)s once, when it is back."), email=alert.email
        )
    else:
        done = Message(
            N_("Almost done: open the link we sent to %(email)s to confirm the alert."),
            email=alert.email,
        )
    notice = translate(done)
    if not wants_fragment():
        flash(notice, NOTICES)
        return redirect(_back(), code=303)
    token = alert_emails.cancel_token(alert.id) if alert.account_id is None else None
    context = alert_form_context(
        alert.variant_id, store, notice=notice, created_id=alert.id, cancel_token=token
    )
    return render_fragment("inventory/partials/alert_form.html", **context)


@bp.route("/<int:alert_id>/confirm", methods=["GET", "POST"])
def confirm(alert_id: int) -> Response:
    """The first email's link opens a page with a button (mail scanners open links, only a
    person presses it); a late, used or forged link says so and changes nothing."""
    session = db.session()
    token = request.values.get("token", "")[:200]
    signed = alert_emails.alert_id_to_confirm(token, alerts.CONFIRM_WITHIN) == alert_id
    shown = alert_queries.pending_alert(session, alert_id) if signed else None
    if shown is None:
        return _confirm_page(404, unusable=True)
    if request.method == "GET":
        return _confirm_page(alert=shown, token=token)
    try:
        alerts.confirm_alert(session, alert_id)
    except alerts.AlertNotFound:
        session.rollback()
        return _confirm_page(404, unusable=True)
    session.commit()
    return _confirm_page(alert=shown, confirmed=True)


def _confirm_page(status: int = 200, **context: Any) -> Response:
    return render_view(
        "inventory/alert_confirm.html", "inventory/partials/alert_confirm.html", status, **context
    )


@bp.get("")
@login_required
def index() -> Response:
    """The account's open alerts: the account page loads this fragment into its card."""
    rows = alert_queries.open_alerts(db.session(), current_user.account_id)
    return render_view(
        "inventory/alerts.html", "inventory/partials/account_alerts.html", stock_alerts=rows
    )


@bp.post("/<int:alert_id>/push")
def push_subscribe(alert_id: int) -> Response:
    """This phone asks to hear when the alert's item is back (the body is the browser's
    PushSubscription as JSON); a guest proves the ask with its signed token."""
    session = db.session()
    owner = alerts.AlertOwner(
        account_id=_account_id(),
        signed_alert_id=alert_emails.alert_id_from_token(request.args.get("token", "")),
    )
    try:
        alert = alerts.owned_alert(session, alert_id, owner)
    except alerts.AlertNotFound:
        abort(404)
    topic = alert_emails.push_topic(alert.id)
    return subscribed(session, topic, gettext("We will also tell you on this phone."))


@bp.post("/<int:alert_id>/cancel")
def cancel(alert_id: int) -> Response:
    session = db.session()
    owner = alerts.AlertOwner(
        account_id=_account_id(),
        signed_alert_id=alert_emails.alert_id_from_token(request.form.get("token", "")),
    )
    try:
        alerts.cancel_alert(session, alert_id, owner)
    except alerts.AlertNotFound:
        abort(404)
    session.commit()
    notice = translate(Message(N_("Alert cancelled: we will not email you about it.")))
    if owner.account_id is None:  # a guest undoing the ask they just made
        if wants_fragment():
            return render_fragment("inventory/partials/alert_cancelled.html", notice=notice)
        flash(notice, NOTICES)
        return redirect(_back(), code=303)
    if wants_fragment():
        rows = alert_queries.open_alerts(session, owner.account_id)
        return render_fragment(
            "inventory/partials/account_alerts.html", stock_alerts=rows, alerts_notice=notice
        )
    flash(notice, NOTICES)
    return redirect(_back() if request.form.get("next") else url_for("alerts.index"), code=303)
