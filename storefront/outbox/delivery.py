"""Send what the outbox holds: each message claimed by one worker, sent, then marked sent."""

from __future__ import annotations

import smtplib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr

from sqlalchemy import ColumnElement, or_, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from storefront import clock
from storefront.db import session_factory
from storefront.outbox.models import OutboxMessage
from storefront.outbox.rendering import Rendered
from storefront.outbox.services import Attachment
from storefront.outbox.transports import PushError, PushGone, PushTransport, Transport

# A claim older than this belongs to a worker that died mid-send: another may take it over.
STALE_CLAIM = timedelta(minutes=15)
# After this many failures a message waits for an operator (`flask outbox send --retry-failed`).
MAX_ATTEMPTS = 5
BATCH = 100
# Renders a message as it is sent (storefront.outbox.rendering.render, bound to the app).
Render = Callable[[Session, OutboxMessage], Rendered | None]


@dataclass(frozen=True)
class Report:
    sent: int = 0
    failed: int = 0


def deliver_pending(
    sessions: Engine | sessionmaker[Session],
    transport: Transport,
    *,
    sender: str,
    render: Render,
    push: PushTransport | None = None,
    ids: Iterable[int] | None = None,
    retry_failed: bool = False,
    now: datetime | None = None,
) -> Report:
    """Send pending messages (only `ids` when given), each at most once across workers.

    Every step is its own short transaction, so no lock is held while a mail server
    answers. A message is claimed by an UPDATE that succeeds for one worker only
    (claimed_at still empty, checked by row count), which is what keeps two workers, or a
    request and the retry command, from sending it twice. A message sent whose "sent" mark
    then fails to commit would go again after STALE_CLAIM; its Message-ID stays the same so
    the receiving side can tell. A message is rendered once, when first claimed, and
    keeps what it said for its retries.
    """
    factory = session_factory(sessions, write=True) if isinstance(sessions, Engine) else sessions
    now = now or clock.now()
    sent = failed = 0
    for message_id in _candidates(factory, ids, retry_failed=retry_failed, now=now):
        message = _claim(factory, message_id, now)
        if message is None:
            continue
        if message.text_body is None and not _rendered(factory, message, render):
            _finish(factory, message_id, error="Nothing to send: what it was about is gone")
            failed += 1
            continue
        try:
            if message.channel == "email":
                transport.send(_as_email(message, sender))
            elif push is None:
                raise PushError("push is not configured (flask push keys)")
            else:
                keys = (message.params or {})["keys"]
                push.send(message.recipient, keys, message.text_body or "")
        except (OSError, smtplib.SMTPException, PushError) as error:
            _finish(
                factory,
                message_id,
                error=f"{type(error).__name__}: {error}"[:2000],
                final=isinstance(error, PushGone),
            )
            failed += 1
        else:
            _finish(factory, message_id, error=None)
            sent += 1
    return Report(sent=sent, failed=failed)


def _candidates(
    factory: sessionmaker[Session],
    ids: Iterable[int] | None,
    *,
    retry_failed: bool,
    now: datetime,
) -> list[int]:
    query = (
        select(OutboxMessage.id)
        .where(OutboxMessage.sent_at.is_(None), _claimable(now))
        .order_by(OutboxMessage.id)
        .limit(BATCH)
    )
    if ids is not None:
        query = query.where(OutboxMessage.id.in_(list(ids)))
    if not retry_failed:
        query = query.where(OutboxMessage.attempts < MAX_ATTEMPTS)
    with factory() as session:
        return list(session.scalars(query))


def _claimable(now: datetime) -> ColumnElement[bool]:
    return or_(OutboxMessage.claimed_at.is_(None), OutboxMessage.claimed_at < now - STALE_CLAIM)


def _claim(factory: sessionmaker[Session], message_id: int, now: datetime) -> OutboxMessage | None:
    with factory() as session, session.begin():
        result = session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.id == message_id,
                OutboxMessage.sent_at.is_(None),
                _claimable(now),
            )
            .values(claimed_at=clock.now())
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            return None  # another worker got there first
        return session.get(OutboxMessage, message_id)


def _rendered(factory: sessionmaker[Session], message: OutboxMessage, render: Render) -> bool:
    """Render the claimed message and keep what it says on its row."""
    with factory() as session, session.begin():
        rendered = render(session, message)
        if rendered is None:
            return False
        message.subject = rendered.subject
        message.text_body = rendered.text_body
        message.html_body = rendered.html_body
        message.attachments = [a.stored() for a in rendered.attachments] or None
        session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == message.id)
            .values(
                subject=message.subject,
                text_body=message.text_body,
                html_body=message.html_body,
                attachments=message.attachments,
            )
        )
    return True


def _finish(
    factory: sessionmaker[Session], message_id: int, *, error: str | None, final: bool = False
) -> None:
    """Sent: keep the claim and stamp sent_at. Failed: release the claim for a retry, unless
    the failure is `final`."""
    values: dict[str, object] = {
        "attempts": MAX_ATTEMPTS if final else OutboxMessage.attempts + 1,
        "last_error": error,
    }
    values.update({"claimed_at": None} if error else {"sent_at": clock.now()})
    with factory() as session, session.begin():
        session.execute(update(OutboxMessage).where(OutboxMessage.id == message_id).values(values))


def _as_email(message: OutboxMessage, sender: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.recipient
    email["Subject"] = message.subject or ""
    created = message.created_at
    # SQLite hands back naive datetimes; every time we store is UTC.
    email["Date"] = format_datetime(created if created.tzinfo else created.replace(tzinfo=UTC))
    domain = parseaddr(sender)[1].rpartition("@")[2] or "localhost"
    email["Message-ID"] = f"<outbox-{message.id}@{domain}>"
    email.set_content(message.text_body or "")
    if message.html_body:
        email.add_alternative(message.html_body, subtype="html")
    for stored in message.attachments or []:
        attachment = Attachment.from_stored(stored)
        maintype, _, subtype = attachment.content_type.partition("/")
        email.add_attachment(
            attachment.content,
            maintype=maintype,
            subtype=subtype or "octet-stream",
            filename=attachment.filename,
        )
    return email
