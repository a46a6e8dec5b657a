"""A shopper's consent to show one list (or their cart) to a store team, and each use of it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storefront import clock
from storefront.db import Base, UtcDateTime
from storefront.stores.models import Store


class ListConsent(Base):
    """Read-only, for one wishlist or one cart, until `expires_at` or `revoked_at`.

    The code itself is never stored: it is derived from `nonce` and the app's secret (so the
    shopper's devices can show it again), and found by `code_hash`."""

    __tablename__ = "list_consent"
    __table_args__ = (
        CheckConstraint("(wishlist_id IS NULL) <> (cart_id IS NULL)", name="one_list"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    wishlist_id: Mapped[int | None] = mapped_column(
        ForeignKey("wishlist.id", ondelete="CASCADE"), index=True
    )
    cart_id: Mapped[int | None] = mapped_column(
        ForeignKey("cart.id", ondelete="CASCADE"), index=True
    )
    nonce: Mapped[str] = mapped_column(String(32))
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    proposals: Mapped[list[HoldProposal]] = relationship(
        back_populates="consent", order_by="HoldProposal.id.desc()", cascade="all, delete-orphan"
    )
    views: Mapped[list[ConsentView]] = relationship(
        back_populates="consent",
        order_by="ConsentView.viewed_at.desc(), ConsentView.id.desc()",
        cascade="all, delete-orphan",
    )


class ConsentView(Base):
    """One look at the list by a store's team: which store, which staff member, when."""

    __tablename__ = "list_consent_view"

    id: Mapped[int] = mapped_column(primary_key=True)
    consent_id: Mapped[int] = mapped_column(
        ForeignKey("list_consent.id", ondelete="CASCADE"), index=True
    )
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id", ondelete="CASCADE"))
    staff_account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="SET NULL")
    )
    viewed_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)

    consent: Mapped[ListConsent] = relationship(back_populates="views")
    store: Mapped[Store] = relationship()


class HoldProposal(Base):
    """A store team's offer to hold some of the shown items for pickup there: the shopper
    accepts (an order is placed, `order_id`) or declines; either way `answered_at` is set."""

    __tablename__ = "hold_proposal"

    id: Mapped[int] = mapped_column(primary_key=True)
    consent_id: Mapped[int] = mapped_column(
        ForeignKey("list_consent.id", ondelete="CASCADE"), index=True
    )
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id", ondelete="CASCADE"))
    staff_account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="SET NULL")
    )
    lines: Mapped[list[list[int]]] = mapped_column(JSON)  # [[variant_id, quantity], ...]
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("pickup_order.id", ondelete="SET NULL"))

    consent: Mapped[ListConsent] = relationship(back_populates="proposals")
    store: Mapped[Store] = relationship()
