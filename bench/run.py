"""`make bench`: serve a throwaway demo catalog with gunicorn; measure pages, first load, cart.

Usage: .venv/bin/python bench/run.py [--products N] [--seconds S] [--url http://127.0.0.1:PORT]
The figures are information, not a test: the exit status is 0 unless the bench cannot run.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import appserver
import report
from cartbench import bench_cart
from ceilingbench import bench_beside_ceiling
from pagebench import Target, bench_pages, pick_targets
from pages import BenchError, first_load, precache
from pickupbench import bench_pickup, postgres_database
from storebench import bench_product_with_store

FIRST_LOAD_KB = 60.0
PRECACHE_KB = 150.0


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def bench(host: str, port: int, args: argparse.Namespace, setup: str) -> None:
    """Pages, first load, then the add-to-cart POST (last: it writes to the database)."""
    targets = pick_targets(host, port, log)
    pages = bench_pages(host, port, args, targets, log)
    print(
        f"Storefront bench: {setup}; {args.clients} clients, keep-alive, up to {args.requests}"
        f" requests or {args.seconds:.0f} s per page after {args.warmup} warm-up requests;"
        f" Accept-Encoding: br, gzip; latency measured on the client.\n",
        flush=True,
    )
    print(pages, flush=True)
    if args.wrk_seconds > 0:
        paths = {t.label: t.response.path for t in targets}
        beside = bench_beside_ceiling(
            host, port, paths, products=args.products, seconds=args.wrk_seconds, log=log
        )
        print(f"\n{beside}", flush=True)
    log("measuring first load ...")
    category = targets[0].response
    load = first_load(host, port, category.path)
    print(f"\nFirst load of {category.path}\n")
    print(report.first_load_report(load, FIRST_LOAD_KB), flush=True)
    print(f"\n{report.precache_report(precache(host, port), PRECACHE_KB)}", flush=True)
    log("measuring the product page with a chosen store ...")
    print(f"\n{bench_product_with_store(host, port, targets[1].response.path, args.clients)}")
    if not args.no_cart:
        print(f"\n{bench_cart(host, port, args, category, targets[1].response, log)}")
    if not args.no_pickup:
        log("measuring click & collect ...")
        print(f"\n{pickup(host, port, args, targets)}", flush=True)


def pickup(host: str, port: int, args: argparse.Namespace, targets: list[Target]) -> str:
    database = getattr(args, "database_url", None)
    kind = database.split(":", 1)[0] if database else "the running server"
    return bench_pickup(host, port, args, targets[1].response, targets[0].response, database, kind)


def bench_pickup_postgres(args: argparse.Namespace) -> None:
    """The click & collect figures again on a throwaway PostgreSQL database, if one answers."""
    import nearest  # its server URL; imported late like below, it loads the models

    with postgres_database(nearest.POSTGRES) as database:
        if database is None:
            print(f"\nClick & collect on PostgreSQL: {nearest.POSTGRES} not reachable, skipped")
            return
        pg = argparse.Namespace(**{**vars(args), "products": args.pickup_products})
        with throwaway_server(pg, database=database) as (port, _setup):
            targets = pick_targets(appserver.HOST, port, log)
            log("measuring click & collect on PostgreSQL ...")
            print(f"\n{pickup(appserver.HOST, port, pg, targets)}", flush=True)


@contextmanager
def throwaway_server(
    args: argparse.Namespace, database: str | None = None
) -> Iterator[tuple[int, str]]:
    """Migrate and load a fresh instance (in `database` when given), then serve it;
    everything is removed afterwards."""
    instance = Path(tempfile.mkdtemp(prefix="storefront-bench-"))
    try:
        env = appserver.instance_env(instance)
        if database:
            env["STOREFRONT_DATABASE_URL"] = database
        database = env["STOREFRONT_DATABASE_URL"]
        args.database_url = database
        log(f"instance {instance}, database {database}")
        log("flask db upgrade ...")
        appserver.flask(env, "db", "upgrade")
        catalog = "the catalog already in the database"
        if not args.no_demo:
            log(f"flask demo load --products {args.products} ...")
            seconds = appserver.flask(env, "demo", "load", "--products", str(args.products))
            log(f"  loaded in {seconds:.1f} s")
            catalog = f"demo catalog of {args.products} products"
        log(f"starting gunicorn -w {args.workers} ...")
        kind = database.split(":", 1)[0]
        server_log = instance / "gunicorn.log"
        with appserver.gunicorn(env, server_log, workers=args.workers) as port:
            try:
                yield port, f"gunicorn -w {args.workers}, {kind} database, {catalog}"
            except BenchError as exc:
                tail = appserver.log_tail(server_log)
                raise BenchError(f"{exc}\n  gunicorn log:\n    {tail}") from exc
    finally:
        if args.keep:
            log(f"kept {instance}")
        else:
            shutil.rmtree(instance, ignore_errors=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--requests", type=int, default=2000, help="per page")
    parser.add_argument("--seconds", type=float, default=10.0, help="per page")
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument(
        "--wrk-seconds",
        type=float,
        default=5.0,
        help="per page and round of the wrk run beside the ceiling (0: skip)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the instance directory")
    parser.add_argument(
        "--no-demo", action="store_true", help="skip `demo load`: the database is already loaded"
    )
    parser.add_argument(
        "--no-cart", action="store_true", help="skip the add-to-cart POST (it writes guest carts)"
    )
    parser.add_argument(
        "--no-pickup", action="store_true", help="skip click & collect (it writes orders)"
    )
    parser.add_argument(
        "--pickup-orders", type=int, default=400, help="confirmations to attempt, at most"
    )
    parser.add_argument(
        "--pickup-products",
        type=int,
        default=2000,
        help="demo catalog size of the PostgreSQL click & collect run (as large as the "
        "SQLite one by default, so that stock lasts and the two figures compare)",
    )
    parser.add_argument(
        "--nearest-points",
        type=int,
        default=500,
        help="nearest-stores query among 100,000 synthetic stores, this many points (0: skip)",
    )
    parser.add_argument(
        "--url",
        help="measure a server already running on loopback instead, e.g. http://127.0.0.1:8000",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    try:
        if args.url:
            parts = urlsplit(args.url)
            if parts.hostname not in ("127.0.0.1", "localhost") or not parts.port:
                raise BenchError(
                    "--url must be http://127.0.0.1:PORT (the bench stays on loopback)"
                )
            bench("127.0.0.1", parts.port, args, f"running server {args.url}")
        else:
            with throwaway_server(args) as (port, setup):
                bench(appserver.HOST, port, args, setup)
        if not args.no_pickup and not args.url:
            bench_pickup_postgres(args)
    except BenchError as exc:
        log(f"bench: {exc}")
        return 1
    except KeyboardInterrupt:
        log("bench: interrupted")
        return 130
    if args.nearest_points > 0:
        import nearest

        log("measuring nearest stores (100,000 synthetic stores) ...")
        print(f"\n{nearest.report(100_000, args.nearest_points, nearest.POSTGRES)}", flush=True)
    log(f"bench done in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
