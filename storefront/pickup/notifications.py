"""The emails an order sends, each once: queued in the outbox with a dedupe key."""

from __future__ import annotations

import enum

from sqlalchemy.orm import Session

from storefront.pickup.models import PickupOrder


class Notice(enum.StrEnum):
    CONFIRMED = "confirmed"
    RESCHEDULED = "rescheduled"
    READY = "ready"
    REMINDER = "reminder"
    ADJUSTED = "adjusted"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


def notify(session: Session, order: PickupOrder, notice: Notice) -> None:
    """Queue the email for `notice` about `order` in the current transaction."""
