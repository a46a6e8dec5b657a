"""Signing out at the identity provider: the back-channel logout ends sessions here."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storefront import clock
from storefront.accounts import sessions as sign_in_sessions
from storefront.accounts.models import Identity, SignInSession, UsedLogoutToken
from storefront.accounts.sso import Logout


class Replayed(Exception):
    """This logout token was already acted on."""


def end_sessions(session: Session, logout: Logout, *, now: datetime | None = None) -> int:
    """Every session of the person the token names ends, on every device: by sub, or by
    the provider session (sid) one of their sign-ins came from. Returns how many ended.

    The token's (issuer, jti) is remembered until the token expires, so a replay is refused.
    """
    now = now or clock.now()
    session.execute(delete(UsedLogoutToken).where(UsedLogoutToken.expires_at < now))
    key = hashlib.sha256(f"{logout.issuer}\n{logout.jti}".encode()).hexdigest()
    try:
        with session.begin_nested():
            session.add(
                UsedLogoutToken(
                    key_hash=key, expires_at=datetime.fromtimestamp(logout.expires_at, UTC)
                )
            )
            session.flush()
    except IntegrityError:
        raise Replayed() from None
    accounts: set[int] = set()
    if logout.subject:
        accounts.update(
            session.scalars(
                select(Identity.account_id).where(
                    Identity.issuer == logout.issuer, Identity.subject == logout.subject
                )
            )
        )
    if logout.sid:
        accounts.update(
            session.scalars(
                select(SignInSession.account_id)
                .join(Identity, Identity.id == SignInSession.identity_id)
                .where(SignInSession.provider_sid == logout.sid, Identity.issuer == logout.issuer)
            )
        )
    return sum(sign_in_sessions.revoke_all(session, account_id, now=now) for account_id in accounts)


def issuer_of_session(session: Session, session_id: str) -> str | None:
    """The identity provider this sign-in came through, if any (for RP-initiated logout)."""
    return session.scalar(
        select(Identity.issuer)
        .join(SignInSession, SignInSession.identity_id == Identity.id)
        .where(SignInSession.id == session_id)
    )
