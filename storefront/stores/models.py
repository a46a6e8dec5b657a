"""Stores, their opening hours and closures."""

from __future__ import annotations

import enum
from datetime import date, time

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    Enum,
    Float,
    ForeignKey,
    Index,
    String,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storefront.db import Base


class StoreKind(enum.StrEnum):
    SHOP = "shop"
    WAREHOUSE = "warehouse"


class Store(Base):
    __tablename__ = "store"
    __table_args__ = (Index("ix_store_lat_lon", "latitude", "longitude"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    kind: Mapped[StoreKind] = mapped_column(
        Enum(
            StoreKind, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e]
        ),
        default=StoreKind.SHOP,
    )
    address: Mapped[str] = mapped_column(String(255))
    postcode: Mapped[str] = mapped_column(String(16))
    city: Mapped[str] = mapped_column(String(120))
    country: Mapped[str] = mapped_column(String(2))
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    timezone: Mapped[str] = mapped_column(String(64))
    phone: Mapped[str] = mapped_column(String(32), default="")
    services: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Pickup promise: time to prepare an order in store, and for the warehouse to send stock.
    preparation_minutes: Mapped[int] = mapped_column(default=120, server_default="120")
    transfer_days: Mapped[int] = mapped_column(default=3, server_default="3")
    # Click & collect: slot length, orders per slot, and days an uncollected order is kept
    # after its slot before it expires and its stock goes back on sale.
    slot_minutes: Mapped[int] = mapped_column(default=30, server_default="30")
    slot_capacity: Mapped[int] = mapped_column(default=6, server_default="6")
    pickup_hold_days: Mapped[int] = mapped_column(default=3, server_default="3")

    hours: Mapped[list[OpeningHours]] = relationship(
        back_populates="store",
        order_by="(OpeningHours.weekday, OpeningHours.opens)",
        cascade="all, delete-orphan",
    )
    closures: Mapped[list[StoreClosure]] = relationship(
        back_populates="store", order_by="StoreClosure.day", cascade="all, delete-orphan"
    )


class OpeningHours(Base):
    """A weekly opening period in the store's local time; a day may have several."""

    __tablename__ = "opening_hours"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_range"),
        CheckConstraint("opens < closes", name="opens_before_closes"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id", ondelete="CASCADE"), index=True)
    weekday: Mapped[int]  # Monday is 0, as in datetime.weekday()
    opens: Mapped[time] = mapped_column(Time)
    closes: Mapped[time] = mapped_column(Time)

    store: Mapped[Store] = relationship(back_populates="hours")


class StoreClosure(Base):
    """An exceptional day: closed all day, or open with special hours."""

    __tablename__ = "store_closure"
    __table_args__ = (UniqueConstraint("store_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(120), default="")
    opens: Mapped[time | None] = mapped_column(Time)
    closes: Mapped[time | None] = mapped_column(Time)

    store: Mapped[Store] = relationship(back_populates="closures")
