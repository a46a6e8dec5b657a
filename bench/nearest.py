"""Nearest 10 of 100,000 synthetic stores: p50 and p99 on SQLite and, if reachable, PostgreSQL.

Usage: .venv/bin/python bench/nearest.py [--stores N] [--points N] [--postgres URL]
Each database is a throwaway (a temporary SQLite file; a PostgreSQL database created and
dropped on the server at --postgres, default postgres@127.0.0.1:5432).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, insert, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

import storefront.models  # noqa: E402, F401  (every mapper, for Store's relationships)
from storefront.stores.models import Store  # noqa: E402
from storefront.stores.nearest import nearest_stores  # noqa: E402

TARGET_P50_MS = 20.0
POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432"  # the server, not a database
# France and its neighbours, roughly: Brittany to Bavaria, Corsica and Catalonia to Holland.
SOUTH, NORTH, WEST, EAST = 41.3, 53.5, -5.2, 13.5


def _rows(count: int, rng: random.Random) -> list[dict[str, object]]:
    return [
        {
            "code": f"B{n:06d}",
            "slug": f"bench-{n}",
            "name": f"Bench {n}",
            "kind": "warehouse" if n % 20 == 0 else "shop",
            "address": "1 rue du Bench",
            "postcode": "00000",
            "city": "Bench",
            "country": "FR",
            "latitude": rng.uniform(SOUTH, NORTH),
            "longitude": rng.uniform(WEST, EAST),
            "timezone": "Europe/Paris",
            "services": [],
        }
        for n in range(count)
    ]


def measure(url: str, stores: int, points: int, seed: int = 42) -> tuple[float, float, float]:
    """Load the stores in batches of 5,000 (executemany), then time each query alone."""
    engine = create_engine(url)
    Store.__table__.create(engine)  # alone: no other table's DDL hooks
    rng = random.Random(seed)
    rows = _rows(stores, rng)
    started = time.perf_counter()
    with engine.begin() as connection:
        for start in range(0, len(rows), 5000):
            connection.execute(insert(Store), rows[start : start + 5000])
        if engine.dialect.name == "postgresql":
            connection.execute(text("ANALYZE store"))
        else:
            connection.execute(text("ANALYZE"))
    loaded = time.perf_counter() - started
    timings = []
    with Session(engine) as session:
        for _ in range(points):
            lat, lon = rng.uniform(SOUTH, NORTH), rng.uniform(WEST, EAST)
            t0 = time.perf_counter()
            found = nearest_stores(session, lat, lon, limit=10)
            timings.append((time.perf_counter() - t0) * 1000)
            assert len(found) == 10
            session.expunge_all()
    engine.dispose()
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.99) - 1], loaded


def _postgres(server: str, stores: int, points: int) -> tuple[float, float, float] | None:
    name = f"bench_nearest_{random.randrange(10**8)}"
    try:
        admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        print(f"  PostgreSQL at {server} not reachable ({type(exc).__name__}): skipped")
        return None
    try:
        return measure(f"{server}/{name}", stores, points)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def report(stores: int, points: int, postgres: str) -> str:
    results: list[tuple[str, tuple[float, float, float]]] = []
    with tempfile.TemporaryDirectory(prefix="bench-nearest-") as folder:
        results.append(("sqlite", measure(f"sqlite:///{folder}/stores.sqlite3", stores, points)))
    pg = _postgres(postgres, stores, points) if postgres else None
    if pg:
        results.append(("postgresql", pg))
    lines = [f"Nearest 10 shops among {stores:,} synthetic stores, {points} random points:"]
    for name, (p50, p99, loaded) in results:
        verdict = "OK" if p50 < TARGET_P50_MS else "MISSED"
        lines.append(
            f"  {name:<11} p50 {p50:6.2f} ms  p99 {p99:6.2f} ms  (loaded in {loaded:.1f} s);"
            f" target p50 < {TARGET_P50_MS:.0f} ms: {verdict}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stores", type=int, default=100_000)
    parser.add_argument("--points", type=int, default=500)
    parser.add_argument(
        "--postgres",
        default=POSTGRES,
        help="server URL without a database name; empty to skip",
    )
    args = parser.parse_args(argv)
    print(report(args.stores, args.points, args.postgres), flush=True)


if __name__ == "__main__":
    main()
