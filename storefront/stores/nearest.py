"""The stores nearest a point, found through the (latitude, longitude) index, not a full scan."""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from typing import NamedTuple

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import Session

from storefront.stores.geo import distance_km
from storefront.stores.models import Store, StoreKind

# Boxes tried in turn (half-side, km): most searches end in the first, a rural one in the
# second; beyond the last, every store of the wanted kinds is read.
RADII_KM = (25.0, 100.0, 400.0, 1600.0)
KM_PER_DEGREE = 111.2  # a degree of latitude, and of longitude at the equator


class NearStore(NamedTuple):
    store: Store
    distance_km: float


def bounding_box(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """(south, north, west, east) holding every point within radius_km of (lat, lon).

    Longitude degrees shrink with the cosine of latitude, so the box's width is taken at its
    edge nearest the pole, where they are shortest; near a pole it spans every longitude.
    """
    dlat = radius_km / KM_PER_DEGREE
    south, north = max(-90.0, lat - dlat), min(90.0, lat + dlat)
    polar_edge = max(abs(south), abs(north))
    cos = math.cos(math.radians(polar_edge))
    dlon = 180.0 if cos < 1e-6 else radius_km / (KM_PER_DEGREE * cos)
    if dlon >= 180.0:
        return south, north, -180.0, 180.0
    return south, north, lon - dlon, lon + dlon


def _in_box(box: tuple[float, float, float, float]) -> ColumnElement[bool]:
    south, north, west, east = box
    latitude = Store.latitude.between(south, north)
    if west < -180.0:  # the box crosses the antimeridian: two longitude ranges
        return and_(latitude, (Store.longitude >= west + 360.0) | (Store.longitude <= east))
    if east > 180.0:
        return and_(latitude, (Store.longitude >= west) | (Store.longitude <= east - 360.0))
    return and_(latitude, Store.longitude.between(west, east))


def _ranked(stores: Sequence[Store], lat: float, lon: float) -> list[NearStore]:
    near = [NearStore(s, distance_km(lat, lon, s.latitude, s.longitude)) for s in stores]
    near.sort(key=lambda n: (n.distance_km, n.store.id))
    return near


def nearest_stores(
    session: Session,
    lat: float,
    lon: float,
    limit: int = 10,
    kinds: Collection[StoreKind] = (StoreKind.SHOP,),
) -> list[NearStore]:
    """The `limit` stores of the given kinds nearest (lat, lon), with great-circle distances.

    A box of half-side r holds every store within r, but its k-th nearest store may lie
    farther than r (in a corner) while a nearer one sits just outside. So when a box holds
    enough stores whose k-th distance d exceeds r, one more query with a box of half-side d
    makes the answer exact. The latitude range uses ix_store_lat_lon; longitude is checked
    on the index entries, so only the box's rows are read.
    """
    if limit <= 0:
        return []
    kind_filter = Store.kind.in_(list(kinds))
    for radius in RADII_KM:
        found = _ranked(_select(session, kind_filter, bounding_box(lat, lon, radius)), lat, lon)
        if len(found) >= limit:
            farthest = found[limit - 1].distance_km
            if farthest > radius:
                box = bounding_box(lat, lon, farthest * 1.001 + 0.001)
                found = _ranked(_select(session, kind_filter, box), lat, lon)
            return found[:limit]
    everything = session.scalars(select(Store).where(kind_filter)).all()
    return _ranked(everything, lat, lon)[:limit]


def _select(
    session: Session, kind_filter: ColumnElement[bool], box: tuple[float, float, float, float]
) -> Sequence[Store]:
    return session.scalars(select(Store).where(_in_box(box), kind_filter)).all()
