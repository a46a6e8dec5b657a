"""Read side of the store pages: one shop with the hours and closures its page shows."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.sql import ColumnElement

from storefront.stores.models import Store, StoreClosure, StoreKind


def _shop(session: Session, criterion: ColumnElement[bool], today: date) -> Store | None:
    """A shop (warehouses have no public page) with its weekly hours and the closures from
    yesterday on: past holidays pile up over the years and no page shows them. Yesterday
    in UTC is still today somewhere, so no time zone loses a current closure."""
    since = today - timedelta(days=1)
    return session.scalars(
        select(Store)
        .where(criterion, Store.kind == StoreKind.SHOP)
        .options(
            selectinload(Store.hours),
            selectinload(Store.closures.and_(StoreClosure.day >= since)),
        )
    ).one_or_none()


def shop_by_slug(session: Session, slug: str, now_utc: datetime) -> Store | None:
    return _shop(session, Store.slug == slug, now_utc.date())


def shop_by_code(session: Session, code: str, now_utc: datetime) -> Store | None:
    return _shop(session, Store.code == code, now_utc.date())


def shop_by_id(session: Session, store_id: int, now_utc: datetime) -> Store | None:
    return _shop(session, Store.id == store_id, now_utc.date())


def stores_with_hours(session: Session, ids: list[int]) -> dict[int, Store]:
    """Stores with their hours and closures loaded together, not one query per store."""
    if not ids:
        return {}
    stores = session.scalars(
        select(Store)
        .where(Store.id.in_(ids))
        .options(selectinload(Store.hours), selectinload(Store.closures))
    )
    return {store.id: store for store in stores}
