"""Read side of the store team: where a staff member works."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

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


def role_at(session: Session, account_id: int, store_id: int) -> str | None:
    return session.scalar(
        select(StaffRole.role).where(
            StaffRole.account_id == account_id, StaffRole.store_id == store_id
        )
    )
