"""Stock import: units on hand set per (store, SKU), within what is reserved, and where
each is kept on the shelf."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.catalog.models import Variant
from storefront.importing import Fields, ImportResult, LineError, Row, Rows, chunks, first_seen
from storefront.inventory import movements
from storefront.inventory.locations import parse_location
from storefront.inventory.models import StockLevel
from storefront.inventory.units import parse_units
from storefront.stores.models import Store

STOCK_FIELDS = frozenset({"store", "sku", "on_hand", "location"})


@dataclass(frozen=True)
class StockLine:
    line: int
    store: str
    sku: str
    on_hand: int
    location: str | None  # None: the file does not say, so it stays as it is


def read_stock(line: int, row: Row, errors: list[LineError]) -> StockLine | None:
    fields = Fields(line, row, errors)
    store = fields.text("store", required=True, max_length=32)
    sku = fields.text("sku", required=True, max_length=64)
    on_hand = fields.value("on_hand", parse_units, required=True)
    location = fields.given("location", parse_location)
    if not fields.ok or on_hand is None:
        return None
    return StockLine(line, store, sku, on_hand, location)


def import_stock(session: Session, rows: Rows) -> ImportResult:
    """Set on-hand units per (store, SKU), creating the stock level when new, and the
    shelf location where the line has one: a line without the field leaves it as it is,
    an empty one clears it.

    Units already reserved for pickup orders must stay covered: a line that would set
    on_hand below ``reserved`` is refused, and the table's CHECK constraint catches an
    order reserved between this check and the commit. Rows are written with two bulk
    statements, as a store's full stock file runs to tens of thousands of lines.
    """
    result = ImportResult()
    lines: list[StockLine] = []
    for number, row in rows:
        result.note_unknown(row, STOCK_FIELDS)
        if (line := read_stock(number, row, result.errors)) is not None:
            lines.append(line)
    first_seen([(x.line, f"{x.store} {x.sku}") for x in lines], result.errors, "sku")
    store_ids = dict(session.execute(select(Store.code, Store.id)).all())
    variant_ids: dict[str, int] = {}
    for chunk in chunks({line.sku for line in lines}):
        by_sku = select(Variant.sku, Variant.id).where(Variant.sku.in_(chunk))
        variant_ids.update(session.execute(by_sku).all())
    levels: dict[tuple[int, int], tuple[int, int, int, str]] = {}
    wanted_stores = {store_ids[x.store] for x in lines if x.store in store_ids}
    for id_chunk in chunks(variant_ids.values()):
        level = StockLevel
        known = (level.id, level.on_hand, level.reserved, level.location)
        query = select(level.store_id, level.variant_id, *known)
        query = query.where(level.variant_id.in_(id_chunk), level.store_id.in_(wanted_stores))
        levels.update(((s, v), (i, o, r, loc)) for s, v, i, o, r, loc in session.execute(query))
    inserts: list[movements.Level] = []
    updates: list[movements.Level] = []
    for line in lines:
        store_id, variant_id = store_ids.get(line.store), variant_ids.get(line.sku)
        if store_id is None:
            result.errors.append(LineError(line.line, "store", f"no store with code {line.store}"))
        if variant_id is None:
            result.errors.append(LineError(line.line, "sku", f"no variant with SKU {line.sku}"))
        if store_id is None or variant_id is None:
            continue
        level_id, on_hand, reserved, location = levels.get((store_id, variant_id), (0, 0, 0, ""))
        shelf = location if line.location is None else line.location
        if line.on_hand < reserved:
            reason = f"{line.on_hand} is below the {reserved} units reserved for orders"
            result.errors.append(LineError(line.line, "on_hand", reason))
        elif not level_id:
            inserts.append(
                {
                    "store_id": store_id,
                    "variant_id": variant_id,
                    "on_hand": line.on_hand,
                    "location": shelf,
                }
            )
        elif on_hand != line.on_hand or shelf != location:
            change: movements.Level = {"id": level_id, "on_hand": line.on_hand}
            updates.append(change | {"location": shelf} if shelf != location else change)
        else:
            result.unchanged += 1
    if result.errors:
        return result
    movements.write_levels(session, inserts, updates)
    result.created, result.updated = len(inserts), len(updates)
    return result
