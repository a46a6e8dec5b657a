"""Sign-in sessions kept on the server, so that signing out revokes every copy of a cookie."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from flask import Flask, Response, redirect, request
from flask.typing import ResponseReturnValue
from flask_login import UserMixin, login_url
from sqlalchemy import select, update
from sqlalchemy.orm import Session, joinedload

from storefront import clock, db
from storefront.accounts.models import Account, SignInSession
from storefront.extensions import login_manager
from storefront.htmx import is_htmx

REMEMBER_FOR = timedelta(days=30)


class SignedIn(UserMixin):
    """Flask-Login's user: the session record, whose id is what the cookie carries."""

    def __init__(self, record: SignInSession) -> None:
        self.session_id = record.id
        self.account_id = record.account_id
        self.account: Account = record.account

    def get_id(self) -> str:
        return self.session_id


def start(
    session: Session,
    account: Account,
    *,
    identity_id: int | None,
    user_agent: str = "",
    provider_sid: str | None = None,
) -> SignedIn:
    """A fresh random session id at every sign-in, never one the browser brought along."""
    record = SignInSession(
        id=secrets.token_urlsafe(32),
        account=account,
        identity_id=identity_id,
        user_agent=user_agent[:255],
        provider_sid=provider_sid,
    )
    session.add(record)
    session.flush()
    return SignedIn(record)


def revoke(session: Session, session_id: str, *, now: datetime | None = None) -> None:
    session.execute(
        update(SignInSession)
        .where(SignInSession.id == session_id, SignInSession.revoked_at.is_(None))
        .values(revoked_at=now or clock.now())
    )


def revoke_all(
    session: Session, account_id: int, *, keep: str | None = None, now: datetime | None = None
) -> int:
    """Sign an account out everywhere (but on the `keep` session); returns how many ended."""
    result = session.execute(
        update(SignInSession)
        .where(
            SignInSession.account_id == account_id,
            SignInSession.revoked_at.is_(None),
            SignInSession.id != (keep or ""),
        )
        .values(revoked_at=now or clock.now())
    )
    return result.rowcount  # type: ignore[attr-defined]


def _load(session_id: str) -> SignedIn | None:
    """A session ends when revoked, and at the latest REMEMBER_FOR after signing in, even
    in a browser that never closes. Without the database, nobody is signed in."""
    if db.unavailable():
        return None
    record = db.session().scalar(
        select(SignInSession)
        .options(joinedload(SignInSession.account))
        .where(
            SignInSession.id == session_id,
            SignInSession.revoked_at.is_(None),
            SignInSession.created_at > clock.now() - REMEMBER_FOR,
        )
    )
    return SignedIn(record) if record else None


def _unauthorized() -> ResponseReturnValue:
    """To the sign-in page and back (to a page: a form's POST cannot be replayed); an htmx
    request is told to load it as a whole page, since a followed redirect would swap the
    sign-in page into a fragment."""
    target = login_url(
        "accounts.sign_in", next_url=request.url if request.method == "GET" else None
    )
    if is_htmx():
        return Response(status=401, headers={"HX-Redirect": target})
    return redirect(target)


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.user_loader(_load)
    login_manager.unauthorized_handler(_unauthorized)
    login_manager.login_view = "accounts.sign_in"
    login_manager.session_protection = None  # the server-side record is the protection
    # "Remember me" keeps the session id for 30 days, and revoking it ends that too.
    app.config.setdefault("REMEMBER_COOKIE_DURATION", REMEMBER_FOR)
    app.config.setdefault("REMEMBER_COOKIE_SAMESITE", "Lax")
    app.config.setdefault("REMEMBER_COOKIE_SECURE", app.config["SESSION_COOKIE_SECURE"])
