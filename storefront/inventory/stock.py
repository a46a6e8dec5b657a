"""What can be sold of each variant: units on hand minus units reserved, over all locations."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storefront.inventory.models import StockLevel


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
