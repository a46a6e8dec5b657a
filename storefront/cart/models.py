"""Carts, one per shopper (an account or a guest token), and their lines."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, CheckConstraint, DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storefront import clock
from storefront.catalog.models import Variant
from storefront.db import OWNED_BY_ONE, Base


class Cart(Base):
    __tablename__ = "cart"
    __table_args__ = (CheckConstraint(OWNED_BY_ONE, name="one_owner"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), unique=True
    )
    guest_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=clock.now, index=True
    )

    lines: Mapped[list[CartLine]] = relationship(
        back_populates="cart", order_by="CartLine.id", cascade="all, delete-orphan"
    )


class CartLine(Base):
    """A variant in a cart. One line per variant (unique), so concurrent adds must upsert."""

    __tablename__ = "cart_line"
    __table_args__ = (
        UniqueConstraint("cart_id", "variant_id"),
        CheckConstraint("quantity BETWEEN 1 AND 20", name="quantity_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cart_id: Mapped[int] = mapped_column(ForeignKey("cart.id", ondelete="CASCADE"))
    variant_id: Mapped[int] = mapped_column(ForeignKey("variant.id", ondelete="CASCADE"))
    quantity: Mapped[int]
    # The price when added, to tell the shopper when it has changed since.
    unit_price_at_add: Mapped[int]
    currency: Mapped[str] = mapped_column(String(3))
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)

    cart: Mapped[Cart] = relationship(back_populates="lines")
    variant: Mapped[Variant] = relationship()


class MergeKind(StrEnum):
    SIGN_IN = "sign_in"  # this browser's guest cart, into the account signed in
    KIOSK = "kiosk"  # a kiosk's cart, into the phone that scanned its hand-off code


class CartMerge(Base):
    """What a merge into a cart changed, kept so that one click can put the carts back. The
    cart merged into is its owner's (an account's or a guest's); the cart merged from is
    kept as `guest_cart_id` while it exists (a kiosk's is gone with its visit)."""

    __tablename__ = "cart_merge"
    __table_args__ = (CheckConstraint(OWNED_BY_ONE, name="one_owner"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    guest_token: Mapped[str | None] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(16), server_default=MergeKind.SIGN_IN.value)
    guest_cart_id: Mapped[int | None] = mapped_column(ForeignKey("cart.id", ondelete="SET NULL"))
    before: Mapped[dict[str, Any]] = mapped_column(JSON)  # {"account": [...], "guest": [...]}
    added: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    undone_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
