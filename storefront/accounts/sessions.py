"""Sign-in sessions kept on the server, so that signing out revokes every copy of a cookie."""

from __future__ import annotations

import secrets
from datetime import datetime

from flask import Flask
from flask_login import UserMixin
from sqlalchemy import update
from sqlalchemy.orm import Session

from storefront import db
from storefront.accounts.models import Account, SignInSession
from storefront.catalog.models import utcnow
from storefront.extensions import login_manager


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
        .values(revoked_at=now or utcnow())
    )


def revoke_all(session: Session, account_id: int, *, now: datetime | None = None) -> int:
    """Sign an account out everywhere; returns how many sessions ended."""
    result = session.execute(
        update(SignInSession)
        .where(SignInSession.account_id == account_id, SignInSession.revoked_at.is_(None))
        .values(revoked_at=now or utcnow())
    )
    return result.rowcount  # type: ignore[attr-defined]


def _load(session_id: str) -> SignedIn | None:
    record = db.session().get(SignInSession, session_id)
    if record is None or record.revoked_at is not None:
        return None
    return SignedIn(record)


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.user_loader(_load)
    login_manager.login_view = "accounts.sign_in"
    login_manager.session_protection = None  # the server-side record is the protection
