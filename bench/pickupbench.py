"""Click & collect figures: the slot picker fragment, the confirmation POST, and confirmations
per second under 16 concurrent shoppers; then the database is checked for oversold stock."""

from __future__ import annotations

import argparse
import functools
import random
from collections.abc import Iterator
from contextlib import contextmanager

import report
from cartload import add_forms
from loadgen import Result, measure
from pages import ACCEPT, BenchError, Response
from pickupload import HTMX_PICKER, Browser, Timings, checkout_fields, run_shoppers
from sqlalchemy import create_engine, text

SHOPPERS = 16
OPEN = "('placed', 'preparing', 'ready')"
CHECKS = {
    # Units reserved beyond what is on hand, over every stock row: must be 0.
    "oversold": "SELECT COALESCE(SUM(reserved - on_hand), 0) FROM stock_level"
    " WHERE reserved > on_hand",
    "negative": "SELECT COUNT(*) FROM stock_level WHERE on_hand < 0 OR reserved < 0",
    "overbooked": "SELECT COUNT(*) FROM pickup_slot WHERE taken > capacity",
    "reserved": "SELECT COALESCE(SUM(reserved), 0) FROM stock_level",
    "ordered": "SELECT COALESCE(SUM(l.quantity - l.missing), 0) FROM pickup_order_line l"
    f" JOIN pickup_order o ON o.id = l.order_id WHERE o.status IN {OPEN}",
    "orders": "SELECT COUNT(*) FROM pickup_order",
}


def stock_checks(database_url: str) -> dict[str, int]:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return {name: int(connection.scalar(text(sql)) or 0) for name, sql in CHECKS.items()}
    finally:
        engine.dispose()


SELLABLE = "SELECT variant_id FROM stock_level WHERE on_hand - reserved > 5 ORDER BY variant_id"
PRODUCT = "SELECT p.slug FROM product p JOIN variant v ON v.product_id = p.id WHERE v.id = :variant"


def sellable(database_url: str, most: int) -> tuple[str, list[int]]:
    """Up to `most` variants with more than 5 units free, and the slug of the first one's
    product, read straight from the database."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            variants = [row[0] for row in connection.execute(text(SELLABLE))][:most]
            slug = connection.scalar(text(PRODUCT), {"variant": variants[0]})
    finally:
        engine.dispose()
    return slug, variants


def _variants(product: Response, category: Response) -> list[int]:
    found = add_forms(product.text()).variants
    found += [v for v in add_forms(category.text()).variants if v not in found]
    if not found:
        raise BenchError(f"no add-to-cart form on {product.path} or {category.path}")
    return found


def _picker_path(browser: Browser, variant: int) -> str:
    """A shopper with one line in the cart, and the picker of the store checkout offers."""
    browser.send("add", "POST", "/cart/lines", {"variant_id": str(variant), "quantity": "1"})
    status, page = browser.send("page", "GET", "/checkout")
    store = checkout_fields(page).get("store")
    if status != 200 or not store:
        raise BenchError(f"GET /checkout answered {status} without a store to collect from")
    return f"/checkout/slots?store={store}"


def _picker_table(loaded: Result, single: Result) -> str:
    rows = [
        [
            f"{run.clients} client(s)",
            f"{run.rps:.0f}",
            report.ms(run.percentile(50)),
            report.ms(run.percentile(90)),
            report.ms(run.percentile(99)),
            str(run.requests),
            str(run.errors),
        ]
        for run in (loaded, single)
    ]
    headers = ["slot picker", "req/s", "p50 ms", "p90 ms", "p99 ms", "reqs", "errors"]
    return report.table(headers, rows, "lrrrrrr")


def _steps(timings: Timings) -> str:
    rows = [
        [
            step,
            str(len(timings.latencies.get(step, []))),
            report.ms(timings.percentile(step, 50)),
            report.ms(timings.percentile(step, 99)),
            " ".join(f"{s}:{n}" for s, n in sorted(timings.statuses.get(step, {}).items())),
        ]
        for step in ("add", "page", "picker", "hold", "confirm")
    ]
    return report.table(["step", "reqs", "p50 ms", "p99 ms", "answers"], rows, "lrrrl")


def bench_pickup(
    host: str,
    port: int,
    args: argparse.Namespace,
    product: Response,
    category: Response,
    database_url: str | None,
    kind: str,
) -> str:
    variants = _variants(product, category)
    random.Random(5).shuffle(variants)
    browser = Browser(host, port, product.path, Timings())
    path = _picker_path(browser, variants[0])
    headers = {**ACCEPT, **HTMX_PICKER, "Cookie": browser.shopper.cookie_header()}
    run = functools.partial(measure, host, port, path, headers=headers)
    run(clients=args.clients, max_requests=args.warmup, max_seconds=5)
    loaded = run(clients=args.clients, max_requests=args.requests, max_seconds=args.seconds)
    single = run(clients=1, max_requests=200, max_seconds=3)

    before = stock_checks(database_url) if database_url else None
    load, seconds = run_shoppers(
        host,
        port,
        product.path,
        variants,
        shoppers=SHOPPERS,
        max_orders=args.pickup_orders,
        max_seconds=args.seconds * 2,
    )
    lines = [
        f"Click & collect on {kind}: slot picker fragment GET {path} (HX-Request), then"
        f" {SHOPPERS} guest shoppers each adding a line, opening /checkout, holding a free"
        " slot and confirming, in a closed loop.\n",
        _picker_table(loaded, single),
        "",
        _steps(load),
        "",
        f"Confirmations: {load.orders} orders in {seconds:.1f} s ="
        f" {load.orders / seconds:.1f} orders/s with {SHOPPERS} shoppers on {args.workers}"
        f" workers; confirm POST p50 {report.ms(load.percentile('confirm', 50))} ms,"
        f" p99 {report.ms(load.percentile('confirm', 99))} ms",
    ]
    lines += [f"  · first 422 of {step}: {text}" for step, text in load.refusals.items()]
    if database_url and before is not None:
        after = stock_checks(database_url)
        lines.append(stock_verdict(before, after))
    else:
        lines.append("  · no database URL: oversold stock not checked")
    return "\n".join(lines)


def stock_verdict(before: dict[str, int], after: dict[str, int]) -> str:
    bad = {name: after[name] for name in ("oversold", "negative", "overbooked") if after[name]}
    line = (
        f"Stock after the run: {after['oversold']} oversold units, {after['negative']} negative"
        f" stock rows, {after['overbooked']} slots over capacity; {after['orders']} orders hold"
        f" {after['ordered']} units, {after['reserved']} units reserved in all"
    )
    if bad or after["reserved"] - before["reserved"] != after["ordered"] - before["ordered"]:
        raise BenchError(f"click & collect oversold or lost track of stock: {line}")
    return line + ": OK"


@contextmanager
def postgres_database(server: str) -> Iterator[str | None]:
    """A throwaway database on `server`, dropped afterwards; None when it does not answer."""
    name = f"bench_pickup_{random.randrange(10**8)}"
    admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception:  # not reachable: the SQLite figures stand alone
        admin.dispose()
        yield None
        return
    try:
        yield f"{server}/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
