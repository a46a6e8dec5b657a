"""Read side of stock: what can be sold of each variant (units on hand minus units reserved,
over all stores), one store's level of a SKU, and where a store keeps its variants."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, ScalarSelect, and_, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from storefront.catalog.models import Variant
from storefront.importing import chunks
from storefront.inventory.models import StockLevel


@dataclass(frozen=True)
class StoreLevel:
    """One SKU at one store, as the stock API answers it; all 0 and "" without a stock row."""

    sku: str
    on_hand: int
    reserved: int
    sellable: int
    location: str


def sellable(session: Session, variant_ids: Iterable[int]) -> dict[int, int]:
    """Variant id -> sellable units; a variant with no stock row at all gets 0."""
    ids = sorted(set(variant_ids))
    if not ids:
        return {}
    totals = session.execute(
        select(StockLevel.variant_id, func.sum(StockLevel.sellable))
        .where(StockLevel.variant_id.in_(ids))
        .group_by(StockLevel.variant_id)
    )
    found = {variant_id: int(total or 0) for variant_id, total in totals}
    return {variant_id: found.get(variant_id, 0) for variant_id in ids}


def sellable_of(variant_id: ColumnElement[int] | InstrumentedAttribute[int]) -> ScalarSelect[int]:
    """`sellable` as a subquery, to read a variant's sellable units in its own statement."""
    return (
        select(func.coalesce(func.sum(StockLevel.sellable), 0))
        .where(StockLevel.variant_id == variant_id)
        .scalar_subquery()
    )


def store_level(session: Session, store_id: int, sku: str) -> StoreLevel | None:
    """The SKU's stock at the store; None for a SKU the catalog does not have."""
    level = StockLevel
    row = session.execute(
        select(Variant.sku, level.on_hand, level.reserved, level.sellable, level.location)
        .outerjoin(level, and_(level.variant_id == Variant.id, level.store_id == store_id))
        .where(Variant.sku == sku)
    ).one_or_none()
    if row is None:
        return None
    found, on_hand, reserved, units, location = row
    return StoreLevel(found, on_hand or 0, reserved or 0, units or 0, location or "")


def shelf_locations(session: Session, store_id: int, variant_ids: Iterable[int]) -> dict[int, str]:
    """Variant id -> where the store keeps it, for the variants it has a location for."""
    found: dict[int, str] = {}
    for chunk in chunks(set(variant_ids)):
        found.update(
            session.execute(
                select(StockLevel.variant_id, StockLevel.location).where(
                    StockLevel.store_id == store_id,
                    StockLevel.variant_id.in_(chunk),
                    StockLevel.location != "",
                )
            ).all()
        )
    return found


def sellable_at(session: Session, store_id: int, variant_ids: Iterable[int]) -> dict[int, int]:
    """Variant id -> sellable units in one store; a variant the store has no row for gets 0."""
    ids = sorted(set(variant_ids))
    rows = session.execute(
        select(StockLevel.variant_id, StockLevel.sellable).where(
            StockLevel.store_id == store_id, StockLevel.variant_id.in_(ids)
        )
    )
    found = {variant_id: max(int(units), 0) for variant_id, units in rows}
    return {variant_id: found.get(variant_id, 0) for variant_id in ids}
