"""A browser's push subscription to one topic ("order-42", "alert-7")."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storefront import clock
from storefront.db import Base


class PushSubscription(Base):
    __tablename__ = "push_subscription"
    __table_args__ = (UniqueConstraint("topic", "endpoint"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    topic: Mapped[str] = mapped_column(String(40), index=True)
    # Where the browser's push service takes messages, and the keys to encrypt them with.
    endpoint: Mapped[str] = mapped_column(String(1000))
    p256dh: Mapped[str] = mapped_column(String(200))
    auth: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
