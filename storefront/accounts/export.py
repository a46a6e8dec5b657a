"""Everything we hold about a person, as JSON: the right of access (GDPR article 15)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront import clock
from storefront.accounts.models import Account, Identity, PasswordReset, SignInSession
from storefront.accounts.privacy import Section
from storefront.outbox.models import OutboxMessage


def _when(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC; SQLite hands back naive datetimes, all of them UTC."""
    if moment is None:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()


def export_data(
    session: Session,
    account_id: int,
    *,
    sections: Mapping[str, Section],
    now: datetime | None = None,
) -> dict[str, Any]:
    """What a person may ask to see. Secrets that would let someone act as them are left
    out: password hashes, the session ids their cookies carry, reset link hashes.
    `sections` add what other domains hold (accounts.privacy)."""
    account = session.get_one(Account, account_id)
    identities = session.scalars(
        select(Identity).where(Identity.account_id == account_id).order_by(Identity.id)
    )
    sign_ins = session.scalars(
        select(SignInSession)
        .where(SignInSession.account_id == account_id)
        .order_by(SignInSession.created_at)
    )
    resets = session.scalars(
        select(PasswordReset)
        .where(PasswordReset.account_id == account_id)
        .order_by(PasswordReset.id)
    )
    mail = session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.recipient == account.email)
        .order_by(OutboxMessage.id)
    )
    data: dict[str, Any] = {
        "exported_at": _when(now or clock.now()),
        "account": {
            "email": account.email,
            "email_verified": account.email_verified,
            "name": account.name,
            "locale": account.locale,
            "created_at": _when(account.created_at),
        },
        "identities": [
            {
                "issuer": identity.issuer,
                "subject": identity.subject,
                "has_password": identity.password_hash is not None,
                "created_at": _when(identity.created_at),
            }
            for identity in identities
        ],
        "sign_in_sessions": [
            {
                "created_at": _when(record.created_at),
                "last_seen_at": _when(record.last_seen_at),
                "revoked_at": _when(record.revoked_at),
                "user_agent": record.user_agent,
            }
            for record in sign_ins
        ],
        "password_resets": [
            {
                "created_at": _when(reset.created_at),
                "expires_at": _when(reset.expires_at),
                "used_at": _when(reset.used_at),
            }
            for reset in resets
        ],
        "emails": [
            {
                "kind": message.template,
                "subject": message.subject,  # once sent
                "created_at": _when(message.created_at),
                "sent_at": _when(message.sent_at),
            }
            for message in mail
        ],
    }
    for name, collect in sections.items():
        data[name] = collect(session, account_id)
    return data
