"""A kiosk: one browser in one store, paired once by a link, known after by its credential;
and its hand-offs to and from shoppers' phones."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, String
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


class HandoffDirection(StrEnum):
    TO_PHONE = "to_phone"  # "Continue on my phone": the visit's cart goes to the phone
    TO_KIOSK = "to_kiosk"  # "Show my list here": the phone's wishlist and cart, on the kiosk


class Handoff(Base):
    """A hand-off between one kiosk visit and a phone, by a short code the kiosk shows as a
    QR, either way. Used once (`used_at`: the cart taken, or the showing approved), only
    until `expires_at`. The visit is known by the hash of its guest token, so a code is
    refused to any other visit, and every row of a visit goes when it ends. The code is
    derived from `nonce`, like a consent code, and found by `code_hash`."""

    __tablename__ = "kiosk_handoff"
    __table_args__ = (
        CheckConstraint("shown_account_id IS NULL OR shown_guest_token IS NULL", name="one_owner"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kiosk_id: Mapped[int] = mapped_column(ForeignKey("kiosk.id", ondelete="CASCADE"), index=True)
    direction: Mapped[str] = mapped_column(String(8))
    visit_hash: Mapped[str] = mapped_column(String(64), index=True)
    # TO_PHONE: the visit's cart; NULL once the phone took it (the cart is deleted then).
    cart_id: Mapped[int | None] = mapped_column(ForeignKey("cart.id", ondelete="SET NULL"))
    nonce: Mapped[str] = mapped_column(String(32))
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # TO_KIOSK, once approved: whose lists the kiosk shows (cleared when withdrawn).
    shown_account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE")
    )
    shown_guest_token: Mapped[str | None] = mapped_column(String(64))

    kiosk: Mapped[Kiosk] = relationship()
