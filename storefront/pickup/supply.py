"""Where each line of an order would come from: the pickup store, or the warehouse."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.inventory.models import StockLevel
from storefront.stores.hours import earliest_ready, schedule_of
from storefront.stores.models import Store, StoreKind


@dataclass(frozen=True)
class Want:
    """A line to supply: a variant, how many, and its name for messages."""

    variant_id: int
    quantity: int
    name: str


@dataclass(frozen=True)
class Supply:
    """The plan for one store: each variant's source store id; `short` names the lines no
    location has enough of. `earliest` is when the order could be collected (UTC)."""

    store: Store
    sources: dict[int, int]
    short: tuple[Want, ...]
    earliest: datetime | None

    @property
    def possible(self) -> bool:
        return not self.short and self.earliest is not None

    @property
    def all_in_store(self) -> bool:
        return all(source == self.store.id for source in self.sources.values())


def warehouse_ids(session: Session) -> list[int]:
    return list(
        session.scalars(
            select(Store.id).where(Store.kind == StoreKind.WAREHOUSE).order_by(Store.id)
        )
    )


def sellable_at(
    session: Session, store_ids: Sequence[int], variant_ids: Sequence[int]
) -> dict[tuple[int, int], int]:
    """(store id, variant id) -> units that can be sold there now."""
    rows = session.execute(
        select(StockLevel.store_id, StockLevel.variant_id, StockLevel.sellable).where(
            StockLevel.store_id.in_(store_ids), StockLevel.variant_id.in_(variant_ids)
        )
    )
    return {(store_id, variant_id): int(left) for store_id, variant_id, left in rows}


def plan(
    store: Store,
    wants: Sequence[Want],
    stock: dict[tuple[int, int], int],
    warehouses: Sequence[int],
) -> tuple[dict[int, int], tuple[Want, ...]]:
    """From the store when it has the whole line, else from the first warehouse that does."""
    sources: dict[int, int] = {}
    short = []
    for want in wants:
        source = next(
            (
                location
                for location in (store.id, *warehouses)
                if stock.get((location, want.variant_id), 0) >= want.quantity
            ),
            None,
        )
        if source is None:
            short.append(want)
        else:
            sources[want.variant_id] = source
    return sources, tuple(short)


def supplies(
    session: Session, stores: Sequence[Store], wants: Sequence[Want], now_utc: datetime
) -> list[Supply]:
    """One plan per store from one read of the stock (the checkout lists several stores).
    The stores must have their hours and closures loaded."""
    warehouses = warehouse_ids(session)
    stock = sellable_at(
        session, [*(s.id for s in stores), *warehouses], [w.variant_id for w in wants]
    )
    found = []
    for store in stores:
        sources, short = plan(store, wants, stock, warehouses)
        in_store = all(source == store.id for source in sources.values())
        earliest = earliest_ready(schedule_of(store), now_utc, in_store=in_store) if wants else None
        found.append(Supply(store, sources, short, earliest))
    return found


def supply(session: Session, store: Store, wants: Sequence[Want], now_utc: datetime) -> Supply:
    """`store` must have its hours and closures loaded."""
    return supplies(session, [store], wants, now_utc)[0]
