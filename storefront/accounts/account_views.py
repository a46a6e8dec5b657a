"""The account page: profile, password, and the shopper's data rights (access, erasure)."""

from __future__ import annotations

import json
from typing import Any, cast

from flask import (
    Response,
    current_app,
    flash,
    get_flashed_messages,
    render_template,
    request,
    url_for,
)
from flask import session as cookie_session
from flask_login import current_user, login_required, logout_user

from storefront import db
from storefront.accounts import export, privacy, services, sign_in_methods
from storefront.accounts.forms import Form, posted
from storefront.htmx import render_fragment, render_view, see_other, wants_fragment
from storefront.i18n import translate
from storefront.messages import FORM, N_, FieldErrors, Message
from storefront.outbox.links import external_url
from storefront.shopper import forget_guest


def _forms(**replaced: Form) -> dict[str, Form]:
    """The page's three forms as stored, with a notice flashed by the last POST."""
    account = current_user.account
    notices = dict(cast(list[tuple[str, str]], get_flashed_messages(with_categories=True)))
    forms: dict[str, Any] = {
        "methods_notice": notices.get("methods"),
        "methods_error": notices.get("methods-error"),
        "profile": Form(
            "profile",
            {"name": account.name, "locale": account.locale or ""},
            notice=notices.get("profile"),
        ),
        "password": Form("password", notice=notices.get("password")),
        "delete": Form("delete"),
    }
    return forms | replaced


def _methods() -> list[sign_in_methods.Method]:
    config = current_app.config["STOREFRONT"]
    return sign_in_methods.listed(
        db.session(),
        current_user.account_id,
        config.oidc_providers,
        local_accounts=config.local_accounts,
    )


def _refused(section: str, form: Form) -> Response:
    return render_view(
        "accounts/account.html",
        f"accounts/partials/{section}_form.html",
        422,
        methods=_methods(),
        **_forms(**{section: form}),
    )


def _done(section: str, form: Form, notice: Message) -> Response:
    """htmx gets the form back with the notice; a browser without JS gets the page again
    by a redirect (a reload then does not post twice), with the notice flashed."""
    text = translate(notice)
    if wants_fragment():
        filled = Form(form.id, form.values, notice=text)
        return render_fragment(f"accounts/partials/{section}_form.html", 200, **{section: filled})
    flash(text, section)
    return see_other(url_for("accounts.account"))


@login_required
def account() -> str:
    return render_template("accounts/account.html", methods=_methods(), **_forms())


@login_required
def remove_sign_in_method(identity_id: int) -> Response:
    """Unlink a provider, or drop the password, while another way in remains."""
    session = db.session()
    config = current_app.config["STOREFRONT"]
    error = None
    try:
        sign_in_methods.remove(
            session,
            current_user.account_id,
            identity_id,
            config.oidc_providers,
            local_accounts=config.local_accounts,
            keep_session=current_user.get_id(),
        )
    except FieldErrors as refused:
        error = refused.errors[FORM]
    else:
        session.commit()
    if not wants_fragment():
        if error is None:
            flash(translate(Message(N_("That sign-in method is removed."))), "methods")
        else:
            flash(translate(error), "methods-error")
        return see_other(url_for("accounts.account") + "#sign-in-methods")
    notice = None if error else translate(Message(N_("That sign-in method is removed.")))
    return render_fragment(
        "accounts/partials/sign_in_methods.html",
        422 if error else 200,
        methods=_methods(),
        methods_notice=notice,
        methods_error=translate(error) if error else None,
    )


@login_required
def profile() -> Response:
    session = db.session()
    try:
        account = services.update_profile(
            session,
            current_user.account_id,
            request.form.get("name", ""),
            request.form.get("locale", ""),
            offered=current_app.config["STOREFRONT"].languages,
        )
    except FieldErrors as error:
        return _refused("profile", posted("profile", ["name", "locale"], error.errors))
    session.commit()
    saved = Form("profile", {"name": account.name, "locale": account.locale or ""})
    return _done("profile", saved, Message(N_("Your profile is saved.")))


@login_required
def password() -> Response:
    session = db.session()
    try:
        services.change_password(
            session,
            current_user.account_id,
            request.form.get("current_password", ""),
            request.form.get("new_password", ""),
            keep_session=current_user.get_id(),
            reset_link=external_url("accounts.password_reset"),
        )
    except FieldErrors as error:
        return _refused("password", Form("password", errors=error.errors))
    session.commit()
    notice = Message(N_("Your password is changed. Your other devices are signed out."))
    return _done("password", Form("password"), notice)


@login_required
def data() -> Response:
    sections = privacy.registered().sections
    exported = export.export_data(db.session(), current_user.account_id, sections=sections)
    return Response(
        json.dumps(exported, ensure_ascii=False, indent=2),
        mimetype="application/json",
        headers={"Content-Disposition": 'attachment; filename="cairn-my-data.json"'},
    )


@login_required
def delete() -> Response:
    session = db.session()
    try:
        services.delete_account(
            session,
            current_user.account_id,
            request.form.get("confirm_email", ""),
            privacy.registered().erasers,
        )
    except FieldErrors as error:
        return _refused("delete", posted("delete", ["confirm_email"], error.errors))
    session.commit()
    cookie_session.clear()
    logout_user()
    forget_guest()
    return see_other(url_for("accounts.deleted"))


def deleted() -> str:
    return render_template("accounts/deleted.html")
