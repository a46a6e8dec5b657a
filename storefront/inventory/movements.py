"""The one writer of stock: reserve, settle (hand over or release), set or change on hand,
and where the store keeps it.

Every change is a conditional UPDATE whose WHERE keeps the invariant `0 <= reserved <=
on_hand` and whose row count says whether it held, so concurrent reservations, feeds and
imports never oversell on PostgreSQL or SQLite (where SELECT ... FOR UPDATE does nothing).
Callers touch rows in variant id order, so two transactions cannot deadlock.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, ColumnElement, Update, and_, cast, insert, select, update
from sqlalchemy.orm import Session

from storefront import db
from storefront.importing import chunks
from storefront.inventory.models import MAX_UNITS, StockLevel


def _at(store_id: int, variant_id: int) -> ColumnElement[bool]:
    return and_(StockLevel.store_id == store_id, StockLevel.variant_id == variant_id)


def _changed(session: Session, statement: Update) -> bool:
    return bool(session.execute(statement).rowcount)  # type: ignore[attr-defined]


def reserve(session: Session, store_id: int, variant_id: int, quantity: int) -> bool:
    """Set `quantity` units aside for an order, only if that many can still be sold."""
    statement = (
        update(StockLevel)
        .where(_at(store_id, variant_id), StockLevel.sellable >= quantity)
        .values(reserved=StockLevel.reserved + quantity)
    )
    return _changed(session, statement)


def settle(
    session: Session, store_id: int, variant_id: int, quantity: int, *, handed_over: bool
) -> None:
    """End a reservation of `quantity` units: they leave the shelf when handed over to the
    shopper, and go back on sale otherwise."""
    values = {"reserved": StockLevel.reserved - quantity}
    if handed_over:
        values["on_hand"] = StockLevel.on_hand - quantity
    session.execute(update(StockLevel).where(_at(store_id, variant_id)).values(values))


def set_on_hand(session: Session, store_id: int, variant_id: int, on_hand: int) -> bool:
    """Count `on_hand` units, refused (False) below what is reserved for orders."""
    statement = (
        update(StockLevel)
        .where(_at(store_id, variant_id), StockLevel.reserved <= on_hand)
        .values(on_hand=on_hand)
    )
    return _changed(session, statement)


def add_on_hand(session: Session, store_id: int, variant_id: int, delta: int) -> bool:
    """Change on hand by `delta`, refused (False) below what is reserved or above MAX_UNITS."""
    # Summed as BIGINT: on INTEGER, a large delta would overflow before being compared.
    after = cast(StockLevel.on_hand, BigInteger) + delta
    statement = (
        update(StockLevel)
        .where(_at(store_id, variant_id), after >= StockLevel.reserved, after <= MAX_UNITS)
        .values(on_hand=StockLevel.on_hand + delta)
    )
    return _changed(session, statement)


def set_location(session: Session, store_id: int, variant_id: int, location: str) -> None:
    """Where the store keeps the variant; "" for nowhere said. Units are left alone."""
    session.execute(update(StockLevel).where(_at(store_id, variant_id)).values(location=location))


def create_missing(session: Session, store_id: int, variant_ids: list[int]) -> int:
    """Give each variant a stock row at 0 in the store, so each change is one UPDATE; ON
    CONFLICT DO NOTHING lets a concurrent writer create the same row without failing."""
    existing: set[int] = set()
    for chunk in chunks(variant_ids):
        existing.update(
            session.scalars(
                select(StockLevel.variant_id).where(
                    StockLevel.store_id == store_id, StockLevel.variant_id.in_(chunk)
                )
            )
        )
    missing = [
        {"store_id": store_id, "variant_id": variant_id, "on_hand": 0, "reserved": 0}
        for variant_id in variant_ids
        if variant_id not in existing
    ]
    if missing:
        statement = db.insert(session, StockLevel).on_conflict_do_nothing(
            index_elements=["store_id", "variant_id"]
        )
        session.execute(statement, missing)
    return len(missing)


Level = dict[str, int | str]


def write_levels(session: Session, inserts: list[Level], updates: list[Level]) -> None:
    """Bulk rows from a stock file already checked against what is reserved; the table's
    CHECK constraint catches an order reserved between that check and the commit.

    An update writes only the columns it has: a line without a location leaves the one a
    till may have set since the file was read. Inserts all have the same columns.
    """
    if inserts:  # Core, not ORM, bulk insert: several times faster for 100,000 rows
        session.execute(insert(StockLevel.metadata.tables["stock_level"]), inserts)
    for columns in {frozenset(row) for row in updates}:
        session.execute(update(StockLevel), [row for row in updates if row.keys() == columns])
