"""The product page as a shopper with a chosen store sees it: its availability panel shows
that store's stock and pickup promise and the nearest stores that have the variant."""

from __future__ import annotations

import functools
import http.client
import re
from urllib.parse import urlencode

from cartload import new_shopper
from loadgen import measure
from pages import ACCEPT, BenchError, fetch, paths_under, scan

PRODUCT_P50_MS = 15.0
STORE_SEARCH = "/stores?q=Lyon"


def my_store_cookies(host: str, port: int, product: str) -> tuple[str, str]:
    """Choose the first store found near Lyon; returns (store path, Cookie header)."""
    results = fetch(host, port, STORE_SEARCH)
    stores = [
        p
        for p in paths_under(scan(results.text()).links, "/stores/", "/")
        if re.fullmatch(r"/stores/[a-z0-9-]+", p)
    ]
    if not stores:
        raise BenchError(f"{STORE_SEARCH} lists no store page")
    shopper = new_shopper(host, port, product, 0)
    conn = http.client.HTTPConnection(host, port, timeout=10)
    try:
        body = urlencode({"csrf_token": shopper.token})
        conn.request(
            "POST",
            f"{stores[0]}/my-store",
            body,
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": shopper.cookie_header(),
            },
        )
        response = conn.getresponse()
        response.read()
    finally:
        conn.close()
    shopper.keep(response)
    if "my_store" not in shopper.cookies:
        raise BenchError(f"choosing {stores[0]} as my store set no my_store cookie")
    return stores[0], shopper.cookie_header()


def bench_product_with_store(host: str, port: int, product: str, clients: int) -> str:
    store, cookie = my_store_cookies(host, port, product)
    headers = {**ACCEPT, "Cookie": cookie}
    run = functools.partial(measure, host, port, product, headers=headers)
    run(clients=clients, max_requests=50, max_seconds=5)
    loaded = run(clients=clients, max_requests=2000, max_seconds=10)
    single = run(clients=1, max_requests=200, max_seconds=3)
    p50 = loaded.percentile(50)
    verdict = "OK" if p50 < PRODUCT_P50_MS else "OVER TARGET"
    return (
        f"Product page with its availability panel ({product}, my store {store}):"
        f" p50 {p50:.1f} ms, p99 {loaded.percentile(99):.1f} ms with {clients} clients"
        f" ({single.percentile(50):.1f} ms with 1 client); target p50 < {PRODUCT_P50_MS:.0f} ms:"
        f" {verdict}"
    )
