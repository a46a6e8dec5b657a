"""Single sign-on routes: continue with a provider, its callback, linking, back-channel logout."""

from __future__ import annotations

import secrets

from flask import Flask, Response, current_app, jsonify, render_template, request, url_for
from flask import session as cookie_session
from flask_login import current_user, login_required

from storefront import db
from storefront.accounts import limits, linking, logout, providers, sso
from storefront.accounts.access_views import sign_in_and_leave
from storefront.accounts.forms import Form
from storefront.accounts.responses import form_page
from storefront.config import Config
from storefront.extensions import csrf
from storefront.htmx import see_other
from storefront.messages import FORM, N_, FieldErrors, Message
from storefront.redirects import safe_next

BROWSER_KEY = "oidc_browser"  # a random value tying trips to this browser's cookie
LINK_KEY = "oidc_link"  # the token of a PendingLink awaiting this browser's password

UNAVAILABLE = Message(N_("%(provider)s cannot be reached right now. Try again in a moment."))
REFUSED = Message(
    N_("We could not confirm your sign-in with %(provider)s, so you are not signed in. Try again.")
)
CANCELLED = Message(N_("Signing in with %(provider)s was cancelled. You are not signed in."))


def _config() -> Config:
    return current_app.config["STOREFRONT"]


def _refused(error: Message, provider: sso.Client, status: int) -> Response:
    """The sign-in page again, saying what happened; nobody is signed in."""
    message = Message(error.text, **{"provider": provider.provider.display_name, **error.params})
    return form_page("sign_in", Form("sign-in"), status, sso_error=message)


def _go_to_provider(name: str, *, link_account_id: int | None = None) -> Response:
    provider = providers.client(name)
    browser = cookie_session.setdefault(BROWSER_KEY, secrets.token_urlsafe(32))
    next_path = safe_next(request.form.get("next"))
    session = db.session()
    trip = linking.begin_trip(session, name, browser, next_path, link_account_id=link_account_id)
    try:
        url = provider.authorization_url(
            providers.callback_url(name),
            state=trip.state,
            nonce=trip.nonce,
            code_verifier=trip.code_verifier,
        )
    except sso.SsoError as error:
        current_app.logger.warning("SSO %s: %s", name, error)
        return _refused(UNAVAILABLE, provider, 503)
    session.commit()
    return see_other(url)


@limits.sign_up  # per address: each trip is a row, so no unlimited minting
def start(provider: str) -> Response:
    return _go_to_provider(provider)


@login_required
def add(provider: str) -> Response:
    """From the account page: sign in at the provider to add it as a way in."""
    return _go_to_provider(provider, link_account_id=current_user.account_id)


def callback(provider: str) -> Response:
    """The provider sends the browser back here with a code (or an error) and our state.
    The state is used up and committed first, so that whatever follows, it works once."""
    named = providers.client(provider)
    session = db.session()
    try:
        trip = linking.end_trip(
            session,
            provider,
            request.args.get("state", ""),
            str(cookie_session.get(BROWSER_KEY, "")),
        )
    except FieldErrors as error:
        return _refused(error.errors[FORM], named, 400)
    session.commit()
    if request.args.get("error"):
        return _refused(CANCELLED, named, 400)
    try:
        named.check_callback_issuer(request.args.get("iss"))
        person = named.sign_in(
            request.args.get("code", ""),
            redirect_uri=providers.callback_url(provider),
            code_verifier=trip.code_verifier,
            nonce=trip.nonce,
        )
    except sso.SsoError as error:
        current_app.logger.warning("SSO %s refused: %s", provider, error)
        return _refused(UNAVAILABLE if error.unavailable else REFUSED, named, 400)
    if trip.link_account_id is not None and not (
        current_user.is_authenticated and current_user.account_id == trip.link_account_id
    ):
        return _refused(linking.TRIP_UNUSABLE, named, 400)
    try:
        found = linking.identify(
            session,
            person,
            provider=provider,
            display_name=named.provider.display_name,
            offered=_config().languages,
            link_account_id=trip.link_account_id,
            next_path=trip.next_path,
        )
    except FieldErrors as error:
        return _refused(error.errors[FORM], named, 409)
    if isinstance(found, linking.PasswordNeeded):
        cookie_session[LINK_KEY] = found.token
        session.commit()
        return see_other(url_for("accounts.sso_link"))
    if trip.link_account_id is not None:  # added from the account page: already signed in
        session.commit()
        return see_other(url_for("accounts.account") + "#sign-in-methods")
    return sign_in_and_leave(
        session, found, remember=False, next_path=trip.next_path, provider_sid=person.sid
    )


def link() -> Response:
    """Prove that the account with this email is yours, once, to link the provider to it."""
    session = db.session()
    token = str(cookie_session.get(LINK_KEY, ""))
    pending = linking.pending_link(session, token)
    if pending is None:
        return see_other(url_for("accounts.sign_in"))
    named = providers.client(pending.provider)
    form = Form("sso-link")
    if request.method == "POST":
        try:
            identity, done = linking.confirm_link(
                session,
                token,
                request.form.get("password", ""),
                display_name=named.provider.display_name,
            )
        except FieldErrors as error:
            session.commit()  # a wrong password counts towards the limit
            if FORM in error.errors:
                cookie_session.pop(LINK_KEY, None)
                return _refused(error.errors[FORM], named, 400)
            form = Form("sso-link", errors=error.errors)
        else:
            return sign_in_and_leave(
                session,
                identity,
                remember=False,
                next_path=done.next_path,
                provider_sid=done.provider_sid,
            )
    return Response(
        render_template(
            "accounts/sso_link.html",
            form=form,
            provider=named.provider,
            email=linking.link_email(session, pending),
        ),
        422 if form.errors else 200,
    )


def backchannel_logout(provider: str) -> Response:
    """OpenID Connect Back-Channel Logout: the provider posts a signed logout token when the
    person signs out there, and every session of theirs here ends. Answers 400 to anything
    else, as the spec asks, and never caches."""
    named = providers.client(provider)
    raw = request.form.get("logout_token", "")
    session = db.session()
    try:
        ended = logout.end_sessions(session, named.logout(raw))
    except sso.SsoError as error:
        current_app.logger.warning("Back-channel logout from %s refused: %s", provider, error)
        return _with_status(
            jsonify(error="invalid_request", error_description="bad logout token"), 400
        )
    except logout.Replayed:
        return _with_status(
            jsonify(error="invalid_request", error_description="replayed token"), 400
        )
    session.commit()
    current_app.logger.info("Back-channel logout from %s ended %d session(s)", provider, ended)
    return _with_status(Response(status=200), 200)


def _with_status(response: Response, status: int) -> Response:
    response.status_code = status
    return response


def init_app(app: Flask) -> None:
    providers.init_app(app)
    csrf.exempt(backchannel_logout)  # signed by the provider, posted without any cookie
