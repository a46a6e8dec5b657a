"""The store locator's use case: a typed place or coordinates in, stores by distance out."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from storefront.stores.geo import MAX_QUERY, Geocoder, Place, resolve
from storefront.stores.hours import OpenStatus, schedule_of, status_at
from storefront.stores.models import Store, StoreClosure
from storefront.stores.nearest import nearest_stores

RESULTS = 10
MAX_LABEL = 120


@dataclass(frozen=True)
class Result:
    store: Store
    distance_km: float
    status: OpenStatus


@dataclass(frozen=True)
class Search:
    """Everything the page shows; `error` set means bad input (the view answers 400)."""

    query: str = ""
    lat: float | None = None
    lon: float | None = None
    origin: str = ""  # what the distances are measured from, in words ("" for coordinates)
    place: Place | None = None
    alternatives: list[Place] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    error: str = ""

    @property
    def searched(self) -> bool:
        return bool(self.query) or self.lat is not None

    @property
    def unknown(self) -> bool:
        return bool(self.query) and self.place is None and not self.error


class BadInput(ValueError):
    """A message for the shopper about the search itself (coordinates, length)."""


def parse_coordinate(raw: str, low: float, high: float, what: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise BadInput(what) from None
    if not math.isfinite(value) or not low <= value <= high:
        raise BadInput(what)
    return value


def origin_from(args: Mapping[str, str]) -> tuple[float, float] | None:
    """The shopper's position from `lat` and `lon`; missing or bad values are ignored."""
    try:
        return (
            parse_coordinate(args.get("lat", "")[:32], -90.0, 90.0, "lat"),
            parse_coordinate(args.get("lon", "")[:32], -180.0, 180.0, "lon"),
        )
    except BadInput:
        return None


def _with_hours(session: Session, stores: list[Store], now_utc: datetime) -> None:
    """Load the hours and current closures of the listed stores in two queries, not 2 × N."""
    since = now_utc.date() - timedelta(days=1)  # yesterday in UTC is today somewhere
    session.scalars(
        select(Store)
        .where(Store.id.in_([s.id for s in stores]))
        .options(
            selectinload(Store.hours),
            selectinload(Store.closures.and_(StoreClosure.day >= since)),
        )
        .execution_options(populate_existing=True)
    ).all()


def stores_near(session: Session, lat: float, lon: float, now_utc: datetime) -> list[Result]:
    near = nearest_stores(session, lat, lon, limit=RESULTS)
    if near:
        _with_hours(session, [n.store for n in near], now_utc)
    return [Result(n.store, n.distance_km, status_at(schedule_of(n.store), now_utc)) for n in near]


def search(
    session: Session, geocoder: Geocoder, args: Mapping[str, str], now_utc: datetime
) -> Search:
    """Coordinates (lat, lon, and an optional place label) win over a typed place (q)."""
    query = args.get("q", "").strip()
    if "lat" in args or "lon" in args:
        lat = parse_coordinate(args.get("lat", ""), -90.0, 90.0, "lat")
        lon = parse_coordinate(args.get("lon", ""), -180.0, 180.0, "lon")
        label = args.get("near", "").strip()[:MAX_LABEL]
        return Search(
            lat=lat, lon=lon, origin=label, results=stores_near(session, lat, lon, now_utc)
        )
    if not query:
        return Search()
    if len(query) > MAX_QUERY:
        raise BadInput("q")
    found = resolve(geocoder, query)
    place = found.found
    if place is None:
        return Search(query=query, suggestions=found.suggestions)
    return Search(
        query=query,
        lat=place.lat,
        lon=place.lon,
        origin=place.name,
        place=place,
        alternatives=found.places[1:],
        results=stores_near(session, place.lat, place.lon, now_utc),
    )
