"""Mail as tests read it: each queued message rendered as sending will render it (nothing
is sent), and a plain template for the outbox's own tests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import Flask, current_app
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from storefront.outbox import delivery
from storefront.outbox import services as outbox
from storefront.outbox.models import OutboxMessage
from storefront.outbox.rendering import Rendered, render
from storefront.outbox.transports import Transport

SENDER = "Cairn <no-reply@cairn.example>"


@dataclass(frozen=True)
class Mail:
    id: int
    recipient: str
    dedupe_key: str | None
    subject: str
    text_body: str
    html_body: str | None
    attachments: list[dict[str, str]]  # as OutboxMessage.attachments stores them
    sent_at: datetime | None


def rendered(session: Session, app: Flask | None = None) -> list[Mail]:
    """Every message in the outbox, oldest first, as its recipient will read it."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    found = []
    for message in session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)):
        if message.text_body is None:
            out = render(app, session, message)
            assert out is not None, f"message {message.id} has nothing left to say"
            subject, text, html = out.subject, out.text_body, out.html_body
            attachments = [a.stored() for a in out.attachments]
        else:
            subject, text, html = message.subject or "", message.text_body, message.html_body
            attachments = message.attachments or []
        found.append(
            Mail(
                message.id,
                message.recipient,
                message.dedupe_key,
                subject,
                text,
                html,
                attachments,
                message.sent_at,
            )
        )
    return found


def queue_plain(
    session: Session,
    recipient: str,
    subject: str,
    text: str = "Text",
    html: str | None = None,
    *,
    dedupe_key: str | None = None,
    attachments: Sequence[outbox.Attachment] = (),
) -> int | None:
    """A message whose parameters are what it says, for `render_plain`."""
    params: dict[str, Any] = {
        "subject": subject,
        "text": text,
        "html": html,
        "attachments": [a.stored() for a in attachments],
    }
    return outbox.queue(
        session, recipient, "plain", locale="en", params=params, dedupe_key=dedupe_key
    )


def render_plain(session: Session, message: OutboxMessage) -> Rendered:
    params = message.params or {}
    attachments = [outbox.Attachment.from_stored(a) for a in params["attachments"]]
    return Rendered(params["subject"], params["text"], params["html"] or "", attachments)


def deliver_plain(
    sessions: Engine | sessionmaker[Session], transport: Transport, **options: Any
) -> delivery.Report:
    return delivery.deliver_pending(
        sessions, transport, sender=SENDER, render=render_plain, **options
    )
