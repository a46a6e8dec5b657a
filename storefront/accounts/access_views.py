"""The ways in: sign up, sign in, sign out and password reset."""

from __future__ import annotations

from flask import Response, abort, current_app, request, url_for
from flask import session as cookie_session
from flask_login import current_user, logout_user
from sqlalchemy.orm import Session

from storefront import db
from storefront.accounts import limits, on_sign_in, providers, resets, services
from storefront.accounts import sessions as sign_in_sessions
from storefront.accounts.forms import Form, posted
from storefront.accounts.models import Identity
from storefront.accounts.responses import form_page
from storefront.after_response import later
from storefront.htmx import see_other
from storefront.messages import FORM, FieldErrors
from storefront.outbox.dispatch import send_committed
from storefront.outbox.links import external_url
from storefront.redirects import safe_next
from storefront.shopper import forget_guest

SIGN_UP_FIELDS = ("email", "name")
SIGN_IN_FIELDS = ("email", "remember")


def sign_in_and_leave(
    session: Session,
    identity: Identity,
    *,
    remember: bool,
    next_path: str | None = None,
    provider_sid: str | None = None,
) -> Response:
    """A new server-side session with a new random id, never one the browser brought.
    Local and single sign-on alike come through here.

    The cookie session is emptied first, so nothing set before signing in carries over;
    the guest cookie stays readable for this request, for the steps of `on_sign_in` (the
    cart and the wishlist merge what the guest had).
    `provider_sid` is the identity provider's session, which its logout may name.
    """
    if current_user.is_authenticated:  # switching accounts: the previous one signs out
        sign_in_sessions.revoke(session, current_user.get_id())
    cookie_session.clear()
    signed_in = sign_in_sessions.start(
        session,
        identity.account,
        identity_id=identity.id,
        user_agent=request.user_agent.string,
        provider_sid=provider_sid,
    )
    on_sign_in.sign_in(signed_in, remember=remember)
    session.commit()
    return see_other(safe_next(request.form.get("next") if next_path is None else next_path))


def _local_accounts_only() -> None:
    """Password forms do not exist when the shop accepts single sign-on only."""
    if not current_app.config["STOREFRONT"].local_accounts:
        abort(404)


@limits.sign_up
def sign_up() -> Response:
    _local_accounts_only()
    form = posted("sign-up", SIGN_UP_FIELDS)
    if request.method == "POST":
        session = db.session()
        try:
            identity = services.sign_up(
                session,
                request.form.get("email", ""),
                request.form.get("password", ""),
                name=request.form.get("name", ""),
            )
        except FieldErrors as error:
            form = posted("sign-up", SIGN_UP_FIELDS, error.errors)
        else:
            return sign_in_and_leave(session, identity, remember=False)
    return form_page("sign_up", form)


@limits.sign_in
def sign_in() -> Response:
    form = posted("sign-in", SIGN_IN_FIELDS)
    if request.method == "POST":
        _local_accounts_only()
        session = db.session()
        try:
            identity = services.authenticate(
                session, request.form.get("email", ""), request.form.get("password", "")
            )
        except FieldErrors as error:
            form = posted("sign-in", SIGN_IN_FIELDS, error.errors)
        else:
            return sign_in_and_leave(session, identity, remember="remember" in request.form)
    return form_page("sign_in", form, password_changed=request.args.get("reset") == "done")


def sign_out() -> Response:
    """Ends the session on the server, so any copy of the cookie is worth nothing, and
    forgets the guest: the next person on this device starts with an empty cart. A sign-in
    through an identity provider then signs out there too (RP-initiated logout), which
    brings the browser back to our home page."""
    leave_to = url_for("catalog.home")
    if current_user.is_authenticated:
        session = db.session()
        leave_to = providers.end_session_url(current_user.get_id()) or leave_to
        sign_in_sessions.revoke(session, current_user.get_id())
        session.commit()
    cookie_session.clear()
    logout_user()  # after clear(): it leaves the flag that deletes the remember-me cookie
    forget_guest()
    return see_other(leave_to)


@limits.password_reset
def password_reset() -> Response:
    _local_accounts_only()
    form, sent = posted("password-reset", ["email"]), False
    if request.method == "POST":
        try:
            email = resets.check_reset_request(request.form.get("email", ""))
        except FieldErrors as error:
            form = posted("password-reset", ["email"], error.errors)
        else:
            later(lambda: _email_reset_link(email))
            sent = True
    return form_page("password_reset", form, sent=sent)


def _email_reset_link(email: str) -> None:
    """Once the page is sent: a known and an unknown address take as long to answer."""
    session = db.session()
    resets.request_password_reset(
        session,
        email,
        link_for=lambda token: external_url("accounts.reset_password", token=token),
    )
    session.commit()
    send_committed(current_app, session)


def reset_password(token: str) -> Response:
    _local_accounts_only()
    session = db.session()
    form, usable = Form("new-password"), resets.reset_is_usable(session, token)
    if request.method == "POST" and usable:
        try:
            resets.reset_password(
                session,
                token,
                request.form.get("password", ""),
                reset_link=external_url("accounts.password_reset"),
            )
        except FieldErrors as error:
            usable = FORM not in error.errors
            form = Form("new-password", errors=error.errors)
        else:
            session.commit()
            return see_other(url_for("accounts.sign_in", reset="done"))
    response = form_page(
        "new_password",
        form,
        None if usable else 410,
        token=token,
        usable=usable,
        unusable_reason=resets.LINK_UNUSABLE,
    )
    # The token is in this page's address: no Referer header may carry it elsewhere.
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
