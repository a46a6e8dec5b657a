"""Soak and faults: mixed traffic at 32 shoppers for 10 minutes on PostgreSQL, reached through
a TCP proxy, while a gunicorn worker is killed with SIGKILL amid confirmations and the database
is cut for 10 s. Prints the answers by status, the 5xx outside the outage (must be 0), the
recovery time, the workers' memory at start and end and the stock and slot invariants;
exits 1 when any fails. Usage: .venv/bin/python bench/soak.py [--minutes 10]"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import appserver
from cartload import HTMX_TOAST
from nearest import POSTGRES
from pages import BenchError
from pickupbench import postgres_database, stock_checks, stock_verdict
from pickupload import Browser, Timings, checkout_once
from sqlalchemy import create_engine, text

sys.path.insert(0, str(appserver.ROOT))
from tests.tcp_proxy import TcpProxy  # the test suite's proxy, cut on demand

OUTAGE_SECONDS = 10.0
RECOVERY_ALLOWED = 5.0  # after the database is back, 5xx stop within this many seconds
SEARCHES = ("lamp", "jacket", "tent", "shoe", "bike", "sock")
PLACES = ("Lyon", "Paris", "Bordeaux", "Lille", "69002")


@dataclass
class Answers(Timings):
    """Every answer's time and status besides the per-step figures, and the requests that
    got no answer at all (a connection the killed worker held)."""

    answered: list[tuple[float, int]] = field(default_factory=list)
    unanswered: list[float] = field(default_factory=list)

    def note(self, step: str, ms: float, status: int) -> None:
        super().note(step, ms, status)
        with self._lock:
            self.answered.append((time.monotonic(), status))

    def no_answer(self) -> None:
        with self._lock:
            self.unanswered.append(time.monotonic())


@dataclass
class Faults:
    """When each fault was played, on the monotonic clock."""

    began: float
    killed_at: float = 0.0
    orders_at_kill: int = 0
    cut_at: float = 0.0
    restored_at: float = 0.0


@dataclass
class Catalog:
    categories: list[str]
    products: list[str]
    variants: list[int]


def _catalog(database: str) -> Catalog:
    engine = create_engine(database)
    try:
        with engine.connect() as connection:
            rows = lambda sql: [row[0] for row in connection.execute(text(sql))]  # noqa: E731
            return Catalog(
                categories=rows("SELECT slug FROM category ORDER BY id"),
                products=rows("SELECT slug FROM product ORDER BY id LIMIT 400"),
                variants=rows(
                    "SELECT variant_id FROM stock_level WHERE on_hand - reserved > 3"
                    " ORDER BY variant_id LIMIT 400"
                ),
            )
    finally:
        engine.dispose()


def _journeys(catalog: Catalog) -> list[tuple[int, Callable[[Browser, int], object]]]:
    """What a shopper does next, by weight: mostly browsing, sometimes a pickup order."""
    pick = random.choice

    def browse(b: Browser, _: int) -> None:
        b.send("home", "GET", "/")
        b.send("category", "GET", f"/c/{pick(catalog.categories)}")
        b.send("product", "GET", f"/p/{pick(catalog.products)}")

    def search(b: Browser, _: int) -> None:
        b.send("search", "GET", f"/search?q={pick(SEARCHES)}")

    def add(b: Browser, _: int) -> None:
        form = {"variant_id": str(pick(catalog.variants)), "quantity": "1"}
        b.send("add", "POST", "/cart/lines", form, **HTMX_TOAST)

    def locate(b: Browser, _: int) -> None:
        b.send("locator", "GET", f"/stores?q={pick(PLACES)}")

    def checkout(b: Browser, turn: int) -> bool:
        return checkout_once(b, pick(catalog.variants), turn)

    return [(40, browse), (20, search), (15, add), (10, locate), (15, checkout)]


def _rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _workers(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return sorted(int(pid) for pid in children)


def _memory(master: int) -> str:
    sizes = [_rss_kb(pid) / 1024 for pid in _workers(master)]
    return ", ".join(f"{mb:.0f} MB" for mb in sizes) or "no worker"


def _shoppers(host: str, port: int, catalog: Catalog, answers: Answers, stop: threading.Event):
    journeys = _journeys(catalog)
    weights = [w for w, _ in journeys]
    landing = f"/p/{catalog.products[0]}"

    def loop(n: int) -> None:
        browser: Browser | None = None
        while not stop.is_set():
            try:
                browser = browser or Browser(host, port, landing, answers)
                journey = random.choices(journeys, weights)[0][1]
                if journey(browser, n) is False:
                    browser.fresh()
            except Exception:  # no answer (a killed worker, an outage page without a form)
                answers.no_answer()
                browser = None
                time.sleep(0.2)

    return loop


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--shoppers", type=int, default=32)
    parser.add_argument("--products", type=int, default=300)
    args = parser.parse_args()
    seconds = args.minutes * 60
    with postgres_database(POSTGRES) as database:
        if database is None:
            print(f"{POSTGRES} does not answer: nothing measured")
            return 1
        server = urlparse(database)
        proxy = TcpProxy((server.hostname or "127.0.0.1", server.port or 5432))
        through_proxy = database.replace(f":{server.port}/", f":{proxy.port}/")
        instance = Path(tempfile.mkdtemp(prefix="storefront-soak-"))
        env = appserver.instance_env(instance)
        env["STOREFRONT_DATABASE_URL"] = through_proxy
        appserver.flask(env, "db", "upgrade")
        appserver.flask(env, "demo", "load", "--products", str(args.products))
        catalog = _catalog(database)
        before = stock_checks(database)
        log, pidfile = instance / "gunicorn.log", instance / "gunicorn.pid"
        answers, stop = Answers(), threading.Event()
        with appserver.gunicorn(env, log, workers=2, extra=("--pid", str(pidfile))) as port:
            master = int(pidfile.read_text())
            loop = _shoppers(appserver.HOST, port, catalog, answers, stop)
            threads = [threading.Thread(target=loop, args=(n,)) for n in range(args.shoppers)]
            faults = Faults(began=time.monotonic())
            for thread in threads:
                thread.start()
            time.sleep(min(30, seconds / 10))
            memory_at_start = _memory(master)
            time.sleep(max(0, faults.began + seconds / 3 - time.monotonic()))
            faults.orders_at_kill = answers.orders
            while answers.orders == faults.orders_at_kill:  # kill it amid confirmations
                time.sleep(0.05)
            os.kill(_workers(master)[0], signal.SIGKILL)
            faults.killed_at = time.monotonic()
            time.sleep(max(0, faults.began + seconds / 2 - time.monotonic()))
            proxy.cut()
            faults.cut_at = time.monotonic()
            time.sleep(OUTAGE_SECONDS)
            proxy.restore()
            faults.restored_at = time.monotonic()
            time.sleep(max(0, faults.began + seconds - time.monotonic()))
            stop.set()
            for thread in threads:
                thread.join()
            memory_at_end = _memory(master)
        proxy.close()
        after = stock_checks(database)
    return _report(
        answers,
        faults,
        memory=(memory_at_start, memory_at_end),
        checks=(before, after),
        log=log,
    )


def _report(
    answers: Answers,
    faults: Faults,
    *,
    memory: tuple[str, str],
    checks: tuple[dict[str, int], dict[str, int]],
    log: Path,
) -> int:
    seconds = time.monotonic() - faults.began
    cut_at, restored_at = faults.cut_at, faults.restored_at
    window_end = restored_at + RECOVERY_ALLOWED
    by_status = Counter(status for _, status in answers.answered)
    errors_outside = [
        (t, s) for t, s in answers.answered if s >= 500 and not cut_at <= t <= window_end
    ]
    errors_after = [t for t, s in answers.answered if s >= 500 and t > restored_at]
    recovered = max(errors_after, default=restored_at) - restored_at
    served_after = [t for t, s in answers.answered if s < 500 and t > restored_at]
    first_served = (min(served_after) - restored_at) if served_after else float("inf")
    failed = []
    try:
        stock = stock_verdict(*checks)
    except BenchError as broken:
        stock = str(broken)
        failed.append("stock invariants broken")
    print(f"soak: {len(answers.answered)} answers in {seconds:.0f} s, 2 sync workers")
    print(f"  by status: {dict(sorted(by_status.items()))}")
    for step, statuses in answers.statuses.items():
        print(f"    {step}: {dict(sorted(statuses.items()))}")
    dropped_outside = [t for t in answers.unanswered if not cut_at <= t <= window_end]
    print(
        f"  no answer (connection dropped): {len(answers.unanswered)},"
        f" {len(dropped_outside)} of them outside the outage (the killed worker's)"
    )
    print(
        f"  worker killed at {faults.killed_at - faults.began:.0f} s"
        f" ({faults.orders_at_kill} confirmations so far);"
        f" database cut at {cut_at - faults.began:.0f} s for {OUTAGE_SECONDS:.0f} s"
    )
    print(
        f"  recovery: first page served {first_served:.2f} s after the database came back,"
        f" last 5xx {recovered:.2f} s after"
    )
    print(f"  5xx outside the outage: {len(errors_outside)}")
    print(f"  worker memory: {memory[0]} at start, {memory[1]} at the end")
    print(f"  {stock}")
    if errors_outside:
        failed.append(f"{len(errors_outside)} 5xx outside the outage (see {log})")
    if recovered > RECOVERY_ALLOWED:
        failed.append(f"5xx until {recovered:.1f} s after the database came back")
    for reason in failed:
        print(f"FAILED: {reason}")
    print("OK" if not failed else "")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
