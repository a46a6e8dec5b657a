"""Read side of the store pages: one shop with the hours and closures its page shows."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.sql import ColumnElement

from storefront.stores.models import Store, StoreClosure, StoreKind


def _shop(session: Session, criterion: ColumnElement[bool], today: date) -> Store | None:
    """A shop (warehouses have no public page) with its weekly hours and the closures from
    yesterday on, in one statement: past holidays pile up over the years and no page shows
    them. Yesterday in UTC is still today somewhere, so no time zone loses a current closure."""
    since = today - timedelta(days=1)
    return (
        session.scalars(
            select(Store)
            .where(criterion, Store.kind == StoreKind.SHOP)
            .options(
                joinedload(Store.hours),
                joinedload(Store.closures.and_(StoreClosure.day >= since)),
            )
        )
        .unique()
        .one_or_none()
    )


def shop_by_slug(session: Session, slug: str, now_utc: datetime) -> Store | None:
    return _shop(session, Store.slug == slug, now_utc.date())


def shop_by_code(session: Session, code: str, now_utc: datetime) -> Store | None:
    return _shop(session, Store.code == code, now_utc.date())


def shop_by_id(session: Session, store_id: int, now_utc: datetime) -> Store | None:
    return _shop(session, Store.id == store_id, now_utc.date())


def stores_with_hours(session: Session, ids: list[int], today: date) -> dict[int, Store]:
    """Stores with their hours and closures from yesterday on (as `_shop`), in one
    statement whatever their number."""
    if not ids:
        return {}
    since = today - timedelta(days=1)
    stores = session.scalars(
        select(Store)
        .where(Store.id.in_(ids))
        .options(
            joinedload(Store.hours),
            joinedload(Store.closures.and_(StoreClosure.day >= since)),
        )
    ).unique()
    return {store.id: store for store in stores}
