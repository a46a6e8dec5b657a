"""Page throughput: which pages to measure (picked from the running app), then each one
loaded by a few keep-alive clients and by one, against the category page's latency goal."""

from __future__ import annotations

import argparse
import functools
import gzip
from collections.abc import Callable
from dataclasses import dataclass

import brotli
import report
from loadgen import Result, measure
from pages import ACCEPT, BenchError, Response, Transfer, fetch, paths_under, scan

SEARCH = "/search?q=jacket"
CATEGORY_P50_MS = 10.0


@dataclass(frozen=True)
class Target:
    label: str
    response: Response


def _depth(path: str) -> int:
    return len(path.split("?", 1)[0].strip("/").split("/"))


def _page(host: str, port: int, path: str, what: str) -> Response:
    response = fetch(host, port, path)
    if response.status != 200:
        raise BenchError(f"{what} {path} answered HTTP {response.status}, expected 200")
    return response


def pick_targets(host: str, port: int, log: Callable[[str], None]) -> list[Target]:
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


def bench_pages(
    host: str,
    port: int,
    args: argparse.Namespace,
    targets: list[Target],
    log: Callable[[str], None],
) -> str:
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
