"""A kiosk: one browser in one store, paired once by a link, known after by its credential."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storefront import clock
from storefront.db import Base, UtcDateTime
from storefront.stores.models import Store


class Kiosk(Base):
    """Made with its pairing link; the link's hash stays after use, so a second use is
    recognised and refused in words. Only hashes are kept: neither the link nor the
    device's secret can be read back from the database."""

    __tablename__ = "kiosk"

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    idle_seconds: Mapped[int] = mapped_column(default=90)
    pairing_hash: Mapped[str] = mapped_column(String(64), unique=True)
    pairing_expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    paired_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    credential_hash: Mapped[str | None] = mapped_column(String(64))
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)

    store: Mapped[Store] = relationship()
