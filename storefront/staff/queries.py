"""Read side of the store team: where a staff member works, where to pick an order's items."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.inventory.stock import shelf_locations
from storefront.pickup.models import PickupOrder
from storefront.staff.models import StaffRole
from storefront.stores.models import Store


def stores_of(session: Session, account_id: int) -> list[Store]:
    """The stores the account has a role at, by name."""
    stores = session.scalars(
        select(Store)
        .join(StaffRole, StaffRole.store_id == Store.id)
        .where(StaffRole.account_id == account_id)
        .order_by(Store.name)
    ).all()
    return list(stores)


def pick_locations(session: Session, order: PickupOrder) -> dict[int, str]:
    """Line id -> where the pickup store keeps its item, for the lines taken from the store's
    own shelves (the others come from the warehouse) whose location the store gave."""
    own = [line for line in order.lines if line.source_store_id == order.store_id]
    shelf = shelf_locations(session, order.store_id, [line.variant_id for line in own])
    return {line.id: shelf[line.variant_id] for line in own if line.variant_id in shelf}


def store_ids_of(session: Session, account_id: int) -> list[int]:
    """Where the account works, in the same order: the first is its store by default."""
    return [store.id for store in stores_of(session, account_id)]


def role_at(session: Session, account_id: int, store_id: int) -> str | None:
    return session.scalar(
        select(StaffRole.role).where(
            StaffRole.account_id == account_id, StaffRole.store_id == store_id
        )
    )
