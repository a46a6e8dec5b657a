"""Stock per store and variant, the tills' feed tokens and requests, and back-in-stock
alerts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ColumnElement,
    DateTime,
    ForeignKey,
    Index,
    String,
    UniqueConstraint,
)
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storefront import clock
from storefront.db import Base
from storefront.stores.models import Store

MAX_UNITS = 2**31 - 1  # the stock columns are INTEGER
MAX_LOCATION = 40  # "Aisle 12, bay 3", "Allée 12, travée 3, niveau 2"


class StockLevel(Base):
    """Units of one variant in one store; what can be sold is `sellable`, on hand minus
    reserved, the one expression every reader of stock uses. `location` is where the
    store keeps it ("Aisle 12, bay 3"), "" when not given."""

    __tablename__ = "stock_level"
    __table_args__ = (
        UniqueConstraint("store_id", "variant_id"),
        Index("ix_stock_level_variant_store", "variant_id", "store_id"),
        CheckConstraint("on_hand >= 0", name="on_hand_not_negative"),
        CheckConstraint("reserved >= 0 AND reserved <= on_hand", name="reserved_within_on_hand"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id", ondelete="CASCADE"))
    variant_id: Mapped[int] = mapped_column(ForeignKey("variant.id", ondelete="CASCADE"))
    on_hand: Mapped[int] = mapped_column(default=0)
    reserved: Mapped[int] = mapped_column(default=0)
    location: Mapped[str] = mapped_column(String(MAX_LOCATION), default="", server_default="")

    store: Mapped[Store] = relationship()

    @hybrid_property
    def sellable(self) -> int:
        return self.on_hand - self.reserved

    @sellable.inplace.expression
    @classmethod
    def _sellable(cls) -> ColumnElement[int]:
        return cls.on_hand - cls.reserved


class StoreToken(Base):
    """A bearer token a store's tills use for the stock feed; only its hash is kept."""

    __tablename__ = "store_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class StockFeedRequest(Base):
    """A stock feed request already applied, by its key: a retry returns the same result."""

    __tablename__ = "stock_feed_request"
    __table_args__ = (UniqueConstraint("store_id", "request_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id", ondelete="CASCADE"))
    request_key: Mapped[str] = mapped_column(String(120))
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)


class StockAlert(Base):
    """Tell me when this variant is back, at one store or online (store_id NULL)."""

    __tablename__ = "stock_alert"
    __table_args__ = (Index("ix_stock_alert_open", "variant_id", "notified_at", "cancelled_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    variant_id: Mapped[int] = mapped_column(ForeignKey("variant.id", ondelete="CASCADE"))
    store_id: Mapped[int | None] = mapped_column(ForeignKey("store.id", ondelete="CASCADE"))
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(String(254))
    locale: Mapped[str | None] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    # The email's owner agreed: at once for an account's own verified address, otherwise
    # by the link in a first email. Only confirmed alerts are ever sent.
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    notified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
