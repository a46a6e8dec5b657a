"""Orders placed the way checkout places them (cart, slot hold, confirmation), for tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storefront.cart import services as cart
from storefront.catalog.models import Variant
from storefront.inventory.models import StockLevel
from storefront.pickup import rules, slots
from storefront.pickup.models import PickupOrder, PickupSlot
from storefront.pickup.reservation import Contact, reserve_for_pickup
from storefront.shopper import Owner
from storefront.stores.models import Store
from tests.outbox_mail import Mail, rendered

# Monday 23 November 2026, 09:00 in Paris: the store opens at 10:00 and needs 2 hours.
NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
NOON = rules.SlotTime(
    datetime(2026, 11, 23, 11, 0, tzinfo=UTC), datetime(2026, 11, 23, 11, 30, tzinfo=UTC)
)


def guest(n: int) -> Owner:
    return Owner(guest_token=f"{n:032d}")


def slot_at(store: Store, starts_at: datetime) -> rules.SlotTime:
    return rules.SlotTime(starts_at, starts_at + timedelta(minutes=store.slot_minutes))


def confirm(
    session: Session,
    store: Store,
    owner: Owner,
    key: str,
    *,
    locale: str = "en",
    name: str = "Camille Martin",
) -> PickupOrder:
    return reserve_for_pickup(
        session,
        owner,
        store_id=store.id,
        contact=Contact.cleaned(name, "camille@example.com", "+33 6 12 34 56 78"),
        idempotency_key=key,
        locale=locale,
        now_utc=NOW,
    )


def place(
    session: Session,
    store: Store,
    variant: Variant,
    owner: Owner,
    *,
    quantity: int = 1,
    slot: rules.SlotTime = NOON,
    locale: str = "en",
) -> PickupOrder:
    """Cart, hold, confirmation; committed."""
    cart.add_to_cart(session, owner, variant.id, quantity)
    slots.hold(session, owner, store, slot, NOW)
    order = confirm(session, store, owner, f"key-{owner.guest_token}", locale=locale)
    session.commit()
    return order


def _reader() -> Session:
    """A session of its own that only reads (committed data), so the test's writing
    session never holds SQLite's write lock while the code under test needs it."""
    return current_app.extensions["db_readers"]()  # type: ignore[no-any-return]


def stock(variant: Variant) -> tuple[int, int]:
    """(on hand, reserved) of the variant."""
    with _reader() as session:
        row = session.execute(
            select(StockLevel.on_hand, StockLevel.reserved).where(
                StockLevel.variant_id == variant.id
            )
        ).one()
        return row[0], row[1]


def taken() -> dict[datetime, int]:
    with _reader() as session:
        return {
            row[0]: row[1]
            for row in session.execute(select(PickupSlot.starts_at, PickupSlot.taken))
        }


def mail() -> list[Mail]:
    with _reader() as session:
        return rendered(session)


def status(order: PickupOrder) -> rules.OrderStatus:
    with _reader() as session:
        return session.get_one(PickupOrder, order.id).status


def count(model: type) -> int:
    with _reader() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0
