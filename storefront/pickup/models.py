"""Pickup orders, the slots they are booked in, and the holds taken while a shopper checks out."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Enum,
    ForeignKey,
    Index,
    String,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storefront import clock
from storefront.catalog.models import Variant
from storefront.db import OWNED_BY_ONE, Base, UtcDateTime
from storefront.pickup.rules import EventKind, OrderStatus
from storefront.stores.models import Store


def _status_column(kind: type[enum.StrEnum] = OrderStatus) -> Enum:
    return Enum(kind, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e])


class PickupSlot(Base):
    """A booked time window at a store. Rows exist only once someone holds or books the
    window; `taken` counts its orders (but cancelled and expired ones) plus its holds not yet
    reclaimed, and never passes `capacity`."""

    __tablename__ = "pickup_slot"
    __table_args__ = (
        UniqueConstraint("store_id", "starts_at"),
        CheckConstraint("taken >= 0 AND taken <= capacity", name="taken_within_capacity"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime)
    capacity: Mapped[int]
    taken: Mapped[int] = mapped_column(default=0)

    store: Mapped[Store] = relationship()


class SlotHold(Base):
    """A place in a slot kept for one shopper during checkout, until `expires_at`."""

    __tablename__ = "slot_hold"
    __table_args__ = (CheckConstraint(OWNED_BY_ONE, name="one_owner"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slot_id: Mapped[int] = mapped_column(
        ForeignKey("pickup_slot.id", ondelete="CASCADE"), index=True
    )
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), unique=True
    )
    guest_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)

    slot: Mapped[PickupSlot] = relationship()


class PickupOrder(Base):
    """An order to collect at a store, paid at the pickup desk."""

    __tablename__ = "pickup_order"
    __table_args__ = (
        UniqueConstraint("store_id", "pickup_code"),
        Index("ix_pickup_order_store_status", "store_id", "status"),
        Index("ix_pickup_order_status_slot_ends", "status", "slot_ends_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(16), unique=True)
    pickup_code: Mapped[str] = mapped_column(String(12))
    # A retried confirmation (double click, network retry) finds the order it already made.
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id", ondelete="RESTRICT"))
    slot_id: Mapped[int] = mapped_column(
        ForeignKey("pickup_slot.id", ondelete="RESTRICT"), index=True
    )
    # Copied from the slot so the board and expiry read one table.
    slot_starts_at: Mapped[datetime] = mapped_column(UtcDateTime)
    slot_ends_at: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[OrderStatus] = mapped_column(_status_column(), default=OrderStatus.PLACED)
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="SET NULL"), index=True
    )
    # The link emailed to a guest opens the order, even after it joined an account.
    placed_as_guest: Mapped[bool] = mapped_column(Boolean, default=False)
    # Placed on a kiosk in the store (endless aisle): the team knows the shopper was there.
    placed_at_kiosk: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    customer_name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(254))
    phone: Mapped[str] = mapped_column(String(32))
    locale: Mapped[str] = mapped_column(String(8), default="en")
    currency: Mapped[str] = mapped_column(String(3))
    total_amount: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now, onupdate=clock.now)

    store: Mapped[Store] = relationship()
    slot: Mapped[PickupSlot] = relationship()
    lines: Mapped[list[PickupOrderLine]] = relationship(
        back_populates="order", order_by="PickupOrderLine.id", cascade="all, delete-orphan"
    )
    events: Mapped[list[OrderEvent]] = relationship(
        back_populates="order", order_by="OrderEvent.id", cascade="all, delete-orphan"
    )


class PickupOrderLine(Base):
    """A variant in an order, with the stock row it is reserved from (the pickup store's,
    or the warehouse's when it is sent over). Names are copied so the order reads the same
    after the catalog changes."""

    __tablename__ = "pickup_order_line"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("missing >= 0 AND missing <= quantity", name="missing_within_quantity"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(
        ForeignKey("pickup_order.id", ondelete="CASCADE"), index=True
    )
    variant_id: Mapped[int] = mapped_column(ForeignKey("variant.id", ondelete="RESTRICT"))
    source_store_id: Mapped[int] = mapped_column(ForeignKey("store.id", ondelete="RESTRICT"))
    quantity: Mapped[int]
    # Units staff could not find: released from the reservation and not charged.
    missing: Mapped[int] = mapped_column(default=0)
    unit_price: Mapped[int]
    product_name: Mapped[str] = mapped_column(String(200))
    sku: Mapped[str] = mapped_column(String(64))
    options: Mapped[str] = mapped_column(String(120), default="")

    order: Mapped[PickupOrder] = relationship(back_populates="lines")
    variant: Mapped[Variant] = relationship()


class OrderEvent(Base):
    """Who changed an order, and when: its status, its pickup time, or missing items."""

    __tablename__ = "pickup_order_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(
        ForeignKey("pickup_order.id", ondelete="CASCADE"), index=True
    )
    from_status: Mapped[OrderStatus | None] = mapped_column(_status_column())
    to_status: Mapped[OrderStatus] = mapped_column(_status_column())
    actor: Mapped[str] = mapped_column(String(160))  # "shopper", "staff:ana@…", "system"
    actor_account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="SET NULL")
    )
    kind: Mapped[EventKind] = mapped_column(_status_column(EventKind), default=EventKind.STATUS)
    # A reschedule's new pickup time, shown in the store's time zone.
    slot_starts_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    note: Mapped[str] = mapped_column(String(500), default="")  # "1 × Wool socks (SKU-1)"
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)

    order: Mapped[PickupOrder] = relationship(back_populates="events")
