"""Stores, their opening hours and closures, and stock per store and variant."""

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


class StockLevel(Base):
    """Units of one variant in one store; what can be sold is on_hand - reserved."""

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

    store: Mapped[Store] = relationship()
