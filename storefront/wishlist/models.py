"""Wishlists: several named lists per shopper (account or guest), one of them the default."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    String,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storefront import clock
from storefront.catalog.models import Product, Variant
from storefront.db import OWNED_BY_ONE, Base


class Wishlist(Base):
    __tablename__ = "wishlist"
    __table_args__ = (
        CheckConstraint(OWNED_BY_ONE, name="one_owner"),
        # At most one default list per owner, enforced by the database.
        Index(
            "uq_wishlist_default_account",
            "account_id",
            unique=True,
            sqlite_where=text("is_default"),
            postgresql_where=text("is_default"),
        ),
        Index(
            "uq_wishlist_default_guest",
            "guest_token",
            unique=True,
            sqlite_where=text("is_default"),
            postgresql_where=text("is_default"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    guest_token: Mapped[str | None] = mapped_column(String(64), index=True)
    name: Mapped[str] = mapped_column(String(80))
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    # Read-only sharing: an unguessable token; revoking sets it back to NULL.
    share_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)

    items: Mapped[list[WishlistItem]] = relationship(
        back_populates="wishlist", order_by="WishlistItem.id", cascade="all, delete-orphan"
    )


# A list holds a product once as such (no size chosen) and once per chosen variant, so "M"
# and "L" of one jacket are two items. Two partial indexes rather than one over a nullable
# column, because a unique index lets any number of NULLs through on both databases.
PRODUCT_LEVEL = text("variant_id IS NULL")
VARIANT_LEVEL = text("variant_id IS NOT NULL")


class WishlistItem(Base):
    __tablename__ = "wishlist_item"
    __table_args__ = (
        Index(
            "uq_wishlist_item_product",
            "wishlist_id",
            "product_id",
            unique=True,
            sqlite_where=PRODUCT_LEVEL,
            postgresql_where=PRODUCT_LEVEL,
        ),
        Index(
            "uq_wishlist_item_variant",
            "wishlist_id",
            "variant_id",
            unique=True,
            sqlite_where=VARIANT_LEVEL,
            postgresql_where=VARIANT_LEVEL,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    wishlist_id: Mapped[int] = mapped_column(ForeignKey("wishlist.id", ondelete="CASCADE"))
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"))
    variant_id: Mapped[int | None] = mapped_column(ForeignKey("variant.id", ondelete="SET NULL"))
    price_at_add: Mapped[int | None]
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)

    wishlist: Mapped[Wishlist] = relationship(back_populates="items")
    product: Mapped[Product] = relationship()
    variant: Mapped[Variant | None] = relationship()


class WishlistMerge(Base):
    """What a sign-in merge moved between lists, so that it can be undone."""

    __tablename__ = "wishlist_merge"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    guest_token: Mapped[str] = mapped_column(String(64))
    before: Mapped[dict[str, Any]] = mapped_column(JSON)
    added: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    undone_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
