"""The shop's pages beside the ceiling (ceiling_app.py), each measured by wrk in the same
run, best of two rounds, as a fraction of the ceiling's requests per second."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import appserver
import report
from ceiling_app import CATEGORIES, build
from storebench import my_store_cookies
from wrk import WrkResult, wrk

ROUNDS = 2
# The goals of the speed work, as fractions of the ceiling (issue "Speed").
GOALS = {"category": 0.5, "search": 0.3, "product, my store": 0.5}


def bench_beside_ceiling(
    host: str,
    port: int,
    pages: dict[str, str],
    *,
    products: int,
    seconds: float,
    log: Callable[[str], None],
) -> str:
    """`pages` maps a label to a path of the shop on `port`; the product page is measured
    again as a shopper with a chosen store."""
    store_cookie = my_store_cookies(host, port, pages["product"])[1]
    runs: list[tuple[str, str, int, dict[str, str]]] = [
        (label, path, port, {}) for label, path in pages.items()
    ]
    runs.append(("product, my store", pages["product"], port, {"Cookie": store_cookie}))
    with tempfile.TemporaryDirectory(prefix="storefront-ceiling-") as folder:
        database = Path(folder) / "ceiling.sqlite3"
        build(str(database), products)
        env = {**os.environ, "CEILING_DB": str(database)}
        with appserver.gunicorn(
            env,
            Path(folder) / "gunicorn.log",
            extra=["--chdir", str(appserver.ROOT / "bench")],
            app="ceiling_app:app",
        ) as ceiling_port:
            runs.insert(0, ("ceiling", f"/c/c{CATEGORIES // 2}", ceiling_port, {}))
            best: dict[str, WrkResult] = {}
            for round_ in range(1, ROUNDS + 1):
                for label, path, on, headers in runs:
                    log(f"wrk round {round_}: {label} {path} ...")
                    result = wrk(f"http://{host}:{on}{path}", seconds=seconds, headers=headers)
                    if label not in best or result.rps > best[label].rps:
                        best[label] = result
    ceiling = best["ceiling"].rps
    rows = []
    for label, path, _, _ in runs:
        result = best[label]
        ratio = result.rps / ceiling if ceiling else 0.0
        goal = GOALS.get(label)
        rows.append(
            [
                label,
                path,
                f"{result.rps:,.0f}",
                f"{result.p50_ms:.1f}",
                f"{result.p99_ms:.1f}",
                f"{ratio:.2f}",
                f"≥ {goal:.1f}: {report.verdict(ratio >= goal)}" if goal else "",
                str(result.errors),
            ]
        )
    headers = ["page", "path", "req/s", "p50 ms", "p99 ms", "× ceiling", "goal", "errors"]
    return (
        f"Beside the ceiling: wrk -t2 -c16 -d{seconds:g}s, best of {ROUNDS} rounds, no"
        " Accept-Encoding (wrk's default), gunicorn -w 2 for both\n\n"
        + report.table(headers, rows, "llrrrrll")
    )
