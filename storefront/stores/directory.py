"""Every store with its hours and its closures from yesterday on, read once per catalog
version and day and shared by the requests of a worker: each product page's availability
panel names up to five nearby stores, and loading their hours and closures together each
time was a tenth of the page. Loaded in a session of their own, closed at once, so no
request's rollback expires them; they are read, never changed or added to a session."""

from __future__ import annotations

from datetime import date, timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from storefront.catalog.read_cache import ReadCache
from storefront.stores.models import Store, StoreClosure


def stores_with_hours(ids: list[int], today: date) -> dict[int, Store]:
    """As `queries.stores_with_hours`, from the shared copy."""
    if not ids:
        return {}
    cache: ReadCache = current_app.extensions["catalog_cache"]
    every = cache.get(("stores-with-hours", today), lambda: _load(today))
    return {store_id: every[store_id] for store_id in ids if store_id in every}


def _load(today: date) -> dict[int, Store]:
    since = today - timedelta(days=1)
    with current_app.extensions["db_readers"]() as session:
        stores = session.scalars(
            select(Store).options(
                selectinload(Store.hours),
                selectinload(Store.closures.and_(StoreClosure.day >= since)),
            )
        )
        return {store.id: store for store in stores}
