"""`make bench`: serve a throwaway demo catalog with gunicorn; measure pages, first load, cart.

Usage: .venv/bin/python bench/run.py [--products N] [--seconds S] [--url http://127.0.0.1:PORT]
The figures are information, not a test: the exit status is 0 unless the bench cannot run.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import appserver
import brotli
import report
from cartbench import bench_cart
from ceilingbench import bench_beside_ceiling
from loadgen import Result, measure
from pages import (
    ACCEPT,
    BenchError,
    Response,
    Transfer,
    fetch,
    first_load,
    paths_under,
    precache,
    scan,
)
from pickupbench import bench_pickup, postgres_database
from storebench import bench_product_with_store

SEARCH = "/search?q=jacket"
CATEGORY_P50_MS = 10.0
FIRST_LOAD_KB = 60.0
PRECACHE_KB = 150.0


@dataclass(frozen=True)
class Target:
    label: str
    response: Response


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _depth(path: str) -> int:
    return len(path.split("?", 1)[0].strip("/").split("/"))


def _page(host: str, port: int, path: str, what: str) -> Response:
    response = fetch(host, port, path)
    if response.status != 200:
        raise BenchError(f"{what} {path} answered HTTP {response.status}, expected 200")
    return response


def pick_targets(host: str, port: int) -> list[Target]:
    """The first top-level category linked from the home page, its first product, a search."""
    home = _page(host, port, "/", "home page")
    links = scan(home.text()).links
    categories = paths_under(links, "/c/", home.path)
    if not categories:
        raise BenchError(
            f"the home page {home.path} links to no category (no href starting /c/ among"
            f" {len(links)} links): is the demo catalog loaded and the home page built?"
        )
    top = min(_depth(path) for path in categories)
    category = _page(host, port, next(p for p in categories if _depth(p) == top), "category")
    products = paths_under(scan(category.text()).links, "/p/", category.path)
    if not products:
        raise BenchError(f"the category page {category.path} links to no product (/p/...)")
    product = _page(host, port, products[0], "product")
    search = _page(host, port, SEARCH, "search")
    if not paths_under(scan(search.text()).links, "/p/", search.path):
        log(f"  ! {SEARCH} lists no product; measuring the empty result page")
    return [
        Target("category", category),
        Target("product", product),
        Target("search", search),
    ]


def html_transfer(response: Response) -> Transfer:
    return Transfer(
        "html",
        response.path,
        response.status,
        response.encoding,
        response.sent,
        len(response.decoded()),
    )


def bench_pages(host: str, port: int, args: argparse.Namespace, targets: list[Target]) -> str:
    rows: list[tuple[str, Result, Result, Transfer]] = []
    notes: list[str] = []
    closed: list[str] = []
    for target in targets:
        path = target.response.path
        log(f"measuring {target.label} {path} ...")
        run = functools.partial(measure, host, port, path, headers=ACCEPT)
        run(clients=args.clients, max_requests=args.warmup, max_seconds=5)
        loaded = run(clients=args.clients, max_requests=args.requests, max_seconds=args.seconds)
        single = run(clients=1, max_requests=200, max_seconds=3)
        rows.append((target.label, loaded, single, html_transfer(target.response)))
        for result in (loaded, single):
            if result.errors:
                notes.append(
                    f"  ! {target.label}: {result.errors} failed request(s) with"
                    f" {result.clients} client(s), first: {result.first_error}"
                )
        if target.response.encoding == "identity":
            html = target.response.decoded()
            notes.append(
                f"  · {target.label}: HTML sent uncompressed; gzip -6 would make it"
                f" {report.kb(len(gzip.compress(html, 6)))} KB,"
                f" brotli -5 {report.kb(len(brotli.compress(html, quality=5)))} KB"
            )
        if loaded.connects >= loaded.requests > 0:
            closed.append(target.label)
    category, category_single = rows[0][1], rows[0][2]
    p50 = category.percentile(50)
    lines = [report.load_table(rows), ""]
    lines.append(
        f"Category p50: {p50:.1f} ms with {args.clients} clients on {args.workers} workers"
        f" ({category_single.percentile(50):.1f} ms with 1 client);"
        f" target < {CATEGORY_P50_MS:.0f} ms: {report.verdict(p50 < CATEGORY_P50_MS)}"
    )
    if closed:
        notes.append(
            f"  · {', '.join(closed)}: the server closed the connection after every response,"
            " so each request includes a TCP connect"
        )
    lines += notes
    return "\n".join(lines)


def bench(host: str, port: int, args: argparse.Namespace, setup: str) -> None:
    """Pages, first load, then the add-to-cart POST (last: it writes to the database)."""
    targets = pick_targets(host, port)
    pages = bench_pages(host, port, args, targets)
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
            targets = pick_targets(appserver.HOST, port)
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
