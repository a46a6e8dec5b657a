"""Where a variant can be had: my store first, the nearest stores with stock, and online.

Stock is on hand minus reserved; the pickup promise comes from each store's own hours,
preparation time and warehouse transfer time (storefront.stores.hours).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.inventory.alert_queries import store_choices
from storefront.inventory.models import StockLevel
from storefront.stores.geo import distance_km
from storefront.stores.hours import Promise, pickup_promise, schedule_of
from storefront.stores.models import Store, StoreKind
from storefront.stores.queries import stores_with_hours

NEARBY = 5
# Where the nearby stores, with their hours, come from: store ids and today -> stores.
StoresLoader = Callable[[list[int], date], dict[int, Store]]
LOW_STOCK = 3


@dataclass(frozen=True)
class StoreStock:
    store: Store
    sellable: int
    distance_km: float | None
    promise: Promise
    location: str = ""  # where this store keeps the variant: told for my store only

    @property
    def low(self) -> bool:
        return 0 < self.sellable <= LOW_STOCK


@dataclass(frozen=True)
class Availability:
    """Also what the back-in-stock form beside it needs, so the template runs no query:
    `alert_stores` is only loaded when the form shows (see `wants_alert`)."""

    variant_id: int
    my_store: StoreStock | None
    nearby: list[StoreStock]
    online: int
    alert_stores: list[tuple[str, str]] = field(default_factory=list)
    near_origin: bool = False  # nearby ranked from a given point (the browser's location)

    @property
    def wants_alert(self) -> bool:
        """Out of stock where the shopper would get it: at my store, or online without one."""
        return self.my_store.sellable <= 0 if self.my_store else self.online <= 0

    @property
    def alert_store(self) -> str:
        """The place the alert form proposes: my store's code, else online."""
        return self.my_store.store.code if self.my_store else "online"


class StockRow(NamedTuple):
    store_id: int
    sellable: int
    kind: StoreKind
    location: str
    latitude: float
    longitude: float


def stock_rows(session: Session, variant_ids: Collection[int]) -> dict[int, list[StockRow]]:
    """Variant id -> its stock at each store holding a row for it, in one statement."""
    found: dict[int, list[StockRow]] = {variant_id: [] for variant_id in variant_ids}
    rows = session.execute(
        select(
            StockLevel.variant_id,
            StockLevel.store_id,
            StockLevel.sellable,
            Store.kind,
            StockLevel.location,
            Store.latitude,
            Store.longitude,
        )
        .join(Store, Store.id == StockLevel.store_id)
        .where(StockLevel.variant_id.in_(list(variant_ids)))
    )
    for variant_id, *row in rows:
        found[variant_id].append(StockRow._make(row))
    return found


def variant_availability(
    session: Session,
    variant_id: int,
    *,
    my_store: Store | None,
    now_utc: datetime,
    origin: tuple[float, float] | None = None,
    rows: list[StockRow] | None = None,
    stores_loader: StoresLoader | None = None,
) -> Availability:
    """`my_store` comes with its hours loaded (storefront.stores.my_store.current_store);
    `rows`, the variant's `stock_rows` when the caller read them already; `stores_loader`,
    where the nearby stores and their hours come from (`stores_with_hours` by default).

    The nearby stores, and their distances, are ranked from `origin` (latitude, longitude)
    when given, else from my store; with neither, there are none.
    """
    if rows is None:
        rows = stock_rows(session, [variant_id])[variant_id]
    stock = {row.store_id: row.sellable for row in rows}
    shelf = {row.store_id: row.location for row in rows}
    online = sum(row.sellable for row in rows if row.kind == StoreKind.WAREHOUSE)

    mine = my_store
    start = (
        origin if origin is not None else None if mine is None else (mine.latitude, mine.longitude)
    )
    near = []
    if start is not None:
        near = sorted(
            (
                (row.store_id, distance_km(*start, row.latitude, row.longitude))
                for row in rows
                if row.kind == StoreKind.SHOP
                and row.sellable > 0
                and (mine is None or row.store_id != mine.id)
            ),
            key=lambda found: (found[1], found[0]),
        )[:NEARBY]
    load = stores_loader or (lambda ids, today: stores_with_hours(session, ids, today))
    stores = load([i for i, _ in near], now_utc.date())
    if mine is not None:
        stores[mine.id] = mine

    def stock_at(store_id: int, distance_km: float | None, location: str = "") -> StoreStock:
        store = stores[store_id]
        units = max(stock.get(store_id, 0), 0)
        promise = pickup_promise(
            schedule_of(store), now_utc, in_store=units > 0, warehouse_has_it=online > 0
        )
        return StoreStock(store, units, distance_km, promise, location)

    found = Availability(
        variant_id=variant_id,
        my_store=None if mine is None else stock_at(mine.id, None, shelf.get(mine.id, "")),
        nearby=[stock_at(store_id, distance) for store_id, distance in near],
        online=online,
        near_origin=origin is not None,
    )
    return replace(found, alert_stores=store_choices(session)) if found.wants_alert else found
