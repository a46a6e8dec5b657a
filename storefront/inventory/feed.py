"""The tills' stock feed: absolute levels or deltas per SKU, and shelf locations, all or
nothing, once per key."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from storefront import db
from storefront.catalog.models import Variant
from storefront.importing import Fields, LineError, chunks, first_seen
from storefront.inventory import alerts, movements
from storefront.inventory.locations import parse_location
from storefront.inventory.models import MAX_UNITS, StockFeedRequest, StockLevel
from storefront.inventory.units import parse_delta, parse_on_hand

MAX_LINES = 5000
MAX_KEY_LENGTH = 120


class FeedError(Exception):
    """The request as a whole is unusable (HTTP 400): not an object, no key, no lines."""


class FeedRejected(Exception):
    """One line or more is bad (HTTP 422); nothing may be applied: the caller rolls back."""

    def __init__(self, errors: list[LineError]) -> None:
        super().__init__(f"{len(errors)} bad line(s)")
        self.errors = errors


@dataclass(frozen=True)
class FeedLine:
    index: int  # position in the request's "lines", from 0, as the till sent it
    sku: str
    on_hand: int | None  # absolute level...
    delta: int | None  # ...or a change, at most one of the two
    location: str | None  # None: left as it is; "" clears it


@dataclass
class FeedOutcome:
    result: dict[str, Any]
    replayed: bool = False
    variant_ids: list[int] = field(default_factory=list)


def read_request(body: Any) -> tuple[str, list[FeedLine]]:
    """Check the request's shape and every line, reporting each bad line by its index.

    Raises FeedError for a body that is not a feed at all, FeedRejected for bad lines (all
    of them, so the till's operator fixes the batch in one go).
    """
    if not isinstance(body, dict):
        raise FeedError('expected a JSON object {"request_key": ..., "lines": [...]}')
    key = body.get("request_key")
    if not isinstance(key, str) or not key.strip() or len(key) > MAX_KEY_LENGTH:
        raise FeedError(f"request_key must be text of 1 to {MAX_KEY_LENGTH} characters")
    rows = body.get("lines")
    if not isinstance(rows, list) or not rows:
        raise FeedError("lines must be a non-empty list")
    if len(rows) > MAX_LINES:
        raise FeedError(f"at most {MAX_LINES} lines per request; split the batch")
    errors: list[LineError] = []
    lines: list[FeedLine] = []
    for index, row in enumerate(rows):
        if not isinstance(row, dict):
            errors.append(LineError(index, "line", 'expected an object {"sku": ..., ...}'))
            continue
        fields = Fields(index, row, errors)
        sku = fields.text("sku", required=True, max_length=64)
        if "on_hand" in row and "delta" in row:
            fields.error("on_hand", "give on_hand (absolute) or delta, not both")
            continue
        if not {"on_hand", "delta", "location"} & row.keys():
            fields.error("on_hand", "give on_hand (absolute), delta or location")
            continue
        # Present means required: "on_hand": null is refused, not read as no change.
        on_hand = (
            fields.value("on_hand", parse_on_hand, required=True) if "on_hand" in row else None
        )
        delta = fields.value("delta", parse_delta, required=True) if "delta" in row else None
        location = fields.given("location", parse_location)
        if fields.ok:
            lines.append(FeedLine(index, sku, on_hand, delta, location))
    first_seen([(line.index, line.sku) for line in lines], errors, "sku")
    if errors:
        raise FeedRejected(sorted(errors, key=lambda error: error.line))
    return key.strip(), lines


def apply_feed(session: Session, store_id: int, body: Any) -> FeedOutcome:
    """Apply a till's batch to one store's stock, once per request key.

    The key is claimed first with INSERT ... ON CONFLICT DO NOTHING on (store, key): a
    retry, even one racing the original, finds the claim and gets the stored result with
    nothing applied twice. Every change is a conditional UPDATE whose WHERE keeps on_hand at
    or above the units reserved for pickup orders, checked by its row count, so concurrent
    feeds and reservations never oversell; a line that fails it rejects the whole batch
    (FeedRejected, and the caller's rollback also releases the key for a corrected retry).
    Rows are touched in variant order so that two feeds on PostgreSQL cannot deadlock.
    Alerts waiting for these variants are mailed in the same transaction.
    """
    key, lines = read_request(body)
    claim = (
        db.insert(session, StockFeedRequest)
        .values(store_id=store_id, request_key=key, result={})
        .on_conflict_do_nothing(index_elements=["store_id", "request_key"])
        .returning(StockFeedRequest.id)
    )
    claim_id = session.execute(claim).scalar_one_or_none()
    if claim_id is None:
        stored = session.scalar(
            select(StockFeedRequest.result).where(
                StockFeedRequest.store_id == store_id, StockFeedRequest.request_key == key
            )
        )
        return FeedOutcome(dict(stored or {}), replayed=True)
    variant_ids = _variant_ids(session, {line.sku for line in lines})
    errors = [
        LineError(line.index, "sku", f"no variant with SKU {line.sku}")
        for line in lines
        if line.sku not in variant_ids
    ]
    if errors:
        raise FeedRejected(errors)
    created = movements.create_missing(session, store_id, sorted(variant_ids.values()))
    for line in sorted(lines, key=lambda line: variant_ids[line.sku]):
        variant_id = variant_ids[line.sku]
        if line.location is not None:
            movements.set_location(session, store_id, variant_id, line.location)
        if line.on_hand is not None:
            applied = movements.set_on_hand(session, store_id, variant_id, line.on_hand)
        elif line.delta is not None:
            applied = movements.add_on_hand(session, store_id, variant_id, line.delta)
        else:
            continue
        if not applied:
            errors.append(_refusal(session, store_id, variant_ids[line.sku], line))
    if errors:
        raise FeedRejected(sorted(errors, key=lambda error: error.line))
    result = {
        "request_key": key,
        "lines": len(lines),
        "absolute": sum(1 for line in lines if line.on_hand is not None),
        "deltas": sum(1 for line in lines if line.delta is not None),
        "locations": sum(1 for line in lines if line.location is not None),
        "created": created,
    }
    session.execute(
        update(StockFeedRequest).where(StockFeedRequest.id == claim_id).values(result=result)
    )
    ids = sorted(variant_ids.values())
    alerts.notify_back_in_stock(session, ids, [store_id])
    return FeedOutcome(result, variant_ids=ids)


def _variant_ids(session: Session, skus: set[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in chunks(skus):
        query = select(Variant.sku, Variant.id).where(Variant.sku.in_(chunk))
        found.update({sku: variant_id for sku, variant_id in session.execute(query)})
    return found


def _refusal(session: Session, store_id: int, variant_id: int, line: FeedLine) -> LineError:
    on_hand, reserved = session.execute(
        select(StockLevel.on_hand, StockLevel.reserved).where(
            StockLevel.store_id == store_id, StockLevel.variant_id == variant_id
        )
    ).one()
    if line.on_hand is not None:
        reason = f"{line.on_hand} is below the {reserved} units reserved for orders"
        return LineError(line.index, "on_hand", reason)
    result = on_hand + (line.delta or 0)
    if result > MAX_UNITS:
        return LineError(line.index, "delta", f"would leave more than {MAX_UNITS} units")
    if result < 0:
        return LineError(line.index, "delta", f"would leave {result} units ({on_hand} on hand)")
    reason = f"would leave {result} units, below the {reserved} reserved for orders"
    return LineError(line.index, "delta", reason)
