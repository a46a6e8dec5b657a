"""Password reset by an emailed one-time link; only a hash of the link's token is stored."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.orm import Session

from storefront import clock
from storefront.accounts import emails, passwords, rules
from storefront.accounts import sessions as sign_in_sessions
from storefront.accounts.models import Account, PasswordReset
from storefront.accounts.services import local_identity
from storefront.messages import FORM, N_, FieldErrors, Message, refuse_unless

LINK_UNUSABLE = Message(
    N_("This link has expired or has already been used. Ask for a new one below.")
)


def _digest(token: str) -> str:
    """SHA-256 is enough here: the token is 256 random bits, not a guessable password.
    A copy of the table therefore holds no working link."""
    return hashlib.sha256(token.encode()).hexdigest()


def _usable(token: str, now: datetime) -> ColumnElement[bool]:
    # Compared in SQL, where both engines hold the same UTC wall-clock values.
    return (
        (PasswordReset.token_hash == _digest(token))
        & PasswordReset.used_at.is_(None)
        & (PasswordReset.expires_at > now)
    )


def check_reset_request(email: str) -> str:
    """The address a reset link may be asked for, normalised; refused when malformed."""
    email = rules.normalise_email(email)
    refuse_unless({"email": rules.check_email(email)})
    return email


def request_password_reset(
    session: Session, email: str, *, link_for: Callable[[str], str], now: datetime | None = None
) -> None:
    """Email a one-time link to the account's address, if there is such an account.

    The caller answers the same either way, and does this after answering, so that neither
    the page nor its timing tells a stranger whether an address has an account. Earlier
    links stay valid until one is used.
    """
    identity = local_identity(session, check_reset_request(email))
    if identity is None:
        return
    now = now or clock.now()
    token = secrets.token_urlsafe(32)
    reset = PasswordReset(
        account_id=identity.account_id,
        token_hash=_digest(token),
        created_at=now,
        expires_at=rules.reset_expiry(now),
    )
    session.add(reset)
    session.flush()
    emails.queue_password_reset(session, identity.account, link_for(token), reset.id)


def reset_is_usable(session: Session, token: str, *, now: datetime | None = None) -> bool:
    """Whether to show the new-password form or the "ask for a new link" page."""
    found = session.scalar(select(PasswordReset.id).where(_usable(token, now or clock.now())))
    return found is not None


def reset_password(
    session: Session,
    token: str,
    new_password: str,
    *,
    reset_link: str,
    now: datetime | None = None,
) -> Account:
    """Set a new password from a link, once. Signs the account out everywhere, since the
    reason for a reset is often that someone else knows the old password.

    The link is spent by a conditional UPDATE checked by row count, so two submissions of
    one link cannot both succeed. A refused new password does not spend it.
    """
    now = now or clock.now()
    reset = session.scalar(select(PasswordReset).where(_usable(token, now)))
    account = session.get(Account, reset.account_id) if reset else None
    identity = local_identity(session, account.email) if account else None
    if reset is None or account is None or identity is None:
        raise FieldErrors.on(FORM, LINK_UNUSABLE)
    refuse_unless({"password": rules.check_password(new_password, account.email)})
    # No in-Python evaluation of the WHERE: SQLite hands back naive datetimes.
    no_sync = {"synchronize_session": False}
    spent = session.execute(
        update(PasswordReset)
        .where(PasswordReset.id == reset.id, _usable(token, now))
        .values(used_at=now),
        execution_options=no_sync,
    )
    if spent.rowcount != 1:  # type: ignore[attr-defined]
        raise FieldErrors.on(FORM, LINK_UNUSABLE)
    # Every other link sent to this account dies with this one.
    session.execute(
        update(PasswordReset)
        .where(PasswordReset.account_id == account.id, PasswordReset.used_at.is_(None))
        .values(used_at=now),
        execution_options=no_sync,
    )
    identity.password_hash = passwords.hash_password(new_password)
    sign_in_sessions.revoke_all(session, account.id, now=now)
    emails.queue_password_changed(session, account, reset_link)
    session.flush()
    return account
