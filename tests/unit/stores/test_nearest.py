"""Nearest stores: exact order against a full scan, box widening, kinds, the box itself."""

from __future__ import annotations

import random

import pytest
from sqlalchemy.orm import Session

from storefront.stores.geo import distance_km
from storefront.stores.models import StoreKind
from storefront.stores.nearest import bounding_box, nearest_stores
from tests.factories import make_store


def _scatter(session: Session, count: int, seed: int = 7) -> list[tuple[int, float, float]]:
    rng = random.Random(seed)
    points = []
    for n in range(count):
        lat, lon = rng.uniform(42.0, 51.5), rng.uniform(-4.8, 10.0)
        store = make_store(session, f"Shop {n}", latitude=lat, longitude=lon)
        points.append((store.id, lat, lon))
    session.commit()
    return points


def test_matches_a_full_scan(session: Session) -> None:
    points = _scatter(session, 300)
    rng = random.Random(1)
    for _ in range(25):
        lat, lon = rng.uniform(42.0, 51.5), rng.uniform(-4.8, 10.0)
        expected = sorted(points, key=lambda p: (distance_km(lat, lon, p[1], p[2]), p[0]))[:10]
        found = nearest_stores(session, lat, lon, limit=10)
        assert [n.store.id for n in found] == [p[0] for p in expected]
        assert [n.distance_km for n in found] == sorted(n.distance_km for n in found)


def test_widens_the_box_until_enough_stores(session: Session) -> None:
    near = make_store(session, "Lyon", latitude=45.76, longitude=4.84)
    make_store(session, "Paris", latitude=48.85, longitude=2.35)
    far = make_store(session, "Ajaccio", latitude=41.92, longitude=8.74)
    session.commit()
    found = nearest_stores(session, 45.75, 4.85, limit=3)
    assert found[0].store.id == near.id and found[-1].store.id == far.id
    assert found[0].distance_km < 2 and found[1].distance_km == pytest.approx(392, abs=5)


def test_fewer_stores_than_the_limit(session: Session) -> None:
    make_store(session, "Lyon", latitude=45.76, longitude=4.84)
    session.commit()
    assert len(nearest_stores(session, 35.0, 139.0, limit=10)) == 1
    assert nearest_stores(session, 45.0, 4.0, limit=0) == []


def test_corner_store_beyond_the_first_box_is_not_missed(session: Session) -> None:
    """The 2nd store in the 25 km box is 35 km away; a store 26 km north is nearer."""
    origin = (46.0, 5.0)
    make_store(session, "Here", latitude=46.0, longitude=5.0)
    corner = make_store(session, "Corner", latitude=46.0 + 24 / 111.2, longitude=5.0 + 0.31)
    north = make_store(session, "North", latitude=46.0 + 26 / 111.2, longitude=5.0)
    session.commit()
    found = nearest_stores(session, *origin, limit=2)
    assert found[1].store.id == north.id, [n.distance_km for n in found]
    assert corner.id not in [n.store.id for n in found]


def test_only_shops_by_default(session: Session) -> None:
    shop = make_store(session, "Shop", latitude=45.76, longitude=4.84)
    depot = make_store(session, "Depot", latitude=45.76, longitude=4.84, kind=StoreKind.WAREHOUSE)
    session.commit()
    assert [n.store.id for n in nearest_stores(session, 45.76, 4.84)] == [shop.id]
    both = nearest_stores(session, 45.76, 4.84, kinds=(StoreKind.SHOP, StoreKind.WAREHOUSE))
    assert {n.store.id for n in both} == {shop.id, depot.id}


def test_bounding_box_holds_the_circle() -> None:
    _, north, west, east = bounding_box(60.0, 10.0, 100.0)
    assert distance_km(60.0, 10.0, north, 10.0) >= 99.9
    assert distance_km(60.0, 10.0, 60.0, east) >= 99.9 and west < 10.0 - 1.7
    assert bounding_box(89.9, 0.0, 100.0)[2:] == (-180.0, 180.0)
