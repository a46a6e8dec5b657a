"""Who works at which store: a role per account and store."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storefront import clock
from storefront.accounts.models import Account
from storefront.db import Base
from storefront.stores.models import Store

STAFF, MANAGER = "staff", "manager"  # a manager also runs the store's kiosks


class StaffRole(Base):
    __tablename__ = "staff_role"
    __table_args__ = (UniqueConstraint("account_id", "store_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16), default=STAFF)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)

    account: Mapped[Account] = relationship()
    store: Mapped[Store] = relationship()
