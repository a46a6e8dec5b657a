"""Queue an email in the transaction of the change it reports, once per dedupe key: a
template and its parameters, rendered when it is sent."""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from storefront import clock, db
from storefront.outbox.models import OutboxMessage

# Session.info key listing the ids this session queued, so the request that committed them
# can send them at once (storefront.outbox.dispatch) instead of waiting for a retry run.
QUEUED = "outbox_queued"
# Both engines we support skip a conflicting row instead of failing the transaction.


@dataclass(frozen=True)
class Attachment:
    """A file sent with an email: a calendar file, a QR code."""

    filename: str
    content_type: str  # "text/calendar", "image/png"
    content: bytes

    def stored(self) -> dict[str, str]:
        """As OutboxMessage.attachments keeps it: JSON, the bytes in base64."""
        return {
            "filename": self.filename,
            "content_type": self.content_type,
            "content": base64.b64encode(self.content).decode("ascii"),
        }

    @classmethod
    def from_stored(cls, stored: dict[str, str]) -> Attachment:
        return cls(stored["filename"], stored["content_type"], base64.b64decode(stored["content"]))


def queue(
    session: Session,
    recipient: str,
    template: str,
    *,
    locale: str,
    params: Mapping[str, Any] | None = None,
    dedupe_key: str | None = None,
    channel: str = "email",
) -> int | None:
    """Add a message to the outbox; returns its id, or None if `dedupe_key` was queued before.

    `template` names templates/emails/<template>.txt and .html; `params` (JSON values)
    are what the template and its context (storefront.outbox.rendering) are given. The
    message commits or rolls back with the change it reports, so no email announces
    something that did not happen. A duplicate key is skipped by the database itself
    (INSERT ... ON CONFLICT DO NOTHING), which stays true when two requests race.
    """
    values = {
        "channel": channel,
        "recipient": recipient,
        "template": template,
        "params": dict(params or {}),
        "locale": locale,
        "dedupe_key": dedupe_key,
        "created_at": clock.now(),
        "attempts": 0,
    }
    statement = (
        db.insert(session, OutboxMessage)
        .values(values)
        .on_conflict_do_nothing()
        .returning(OutboxMessage.id)
    )
    message_id = session.execute(statement).scalar_one_or_none()
    if message_id is not None:
        session.info.setdefault(QUEUED, []).append(message_id)
    return message_id


def forget_recipient(session: Session, recipient: str) -> int:
    """Delete every message to an address (a deleted account keeps no copy of its mail)."""
    result = session.execute(delete(OutboxMessage).where(OutboxMessage.recipient == recipient))
    return result.rowcount  # type: ignore[attr-defined]
