"""Email waiting to be sent: queued in the same transaction as the change it reports,
rendered when sent."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storefront import clock
from storefront.db import Base


class OutboxMessage(Base):
    __tablename__ = "outbox_message"
    __table_args__ = (Index("ix_outbox_message_pending", "sent_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Sending the same logical email twice (two workers, a retried request) is refused by
    # this key's unique constraint: "order-42-ready", "password-reset-17"...
    dedupe_key: Mapped[str | None] = mapped_column(String(160), unique=True)
    # "email" to an address, or "push" to a browser's push endpoint (storefront.push).
    channel: Mapped[str] = mapped_column(String(10), default="email", server_default="email")
    recipient: Mapped[str] = mapped_column(String(1000))
    # What to send: an email template of templates/emails/, its parameters (JSON) and the
    # language, rendered when the message is sent (storefront.outbox.rendering).
    template: Mapped[str | None] = mapped_column(String(80))
    params: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    locale: Mapped[str | None] = mapped_column(String(16))
    # What was sent, filled when sending renders the template.
    subject: Mapped[str | None] = mapped_column(String(255))
    text_body: Mapped[str | None] = mapped_column(Text)
    html_body: Mapped[str | None] = mapped_column(Text)
    # [{"filename", "content_type", "content" (base64)}]: a calendar file, a QR code.
    attachments: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
