"""Threaded workers under checkout bursts: `gunicorn -w 2 --threads 16` on a throwaway
PostgreSQL database, 32 shoppers checking out for SECONDS; prints the confirmations, the
answers by step, how many workers died of a signal (faulthandler stacks in the log) and
whether any unit was oversold or any slot overbooked. Exits 1 when any of that happened
(workers die on Python 3.11; none did on 3.12 in 4 minutes).
Usage: .venv/bin/python bench/threaded.py [--seconds 60]"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

import appserver
from nearest import POSTGRES
from pages import BenchError
from pickupbench import postgres_database, sellable, stock_checks, stock_verdict
from pickupload import run_shoppers


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--shoppers", type=int, default=32)
    parser.add_argument("--products", type=int, default=300)
    args = parser.parse_args()
    with postgres_database(POSTGRES) as database:
        if database is None:
            print(f"{POSTGRES} does not answer: nothing measured")
            return 1
        instance = Path(tempfile.mkdtemp(prefix="storefront-threaded-"))
        env = appserver.instance_env(instance)
        env.update(STOREFRONT_DATABASE_URL=database, PYTHONFAULTHANDLER="1")
        appserver.flask(env, "db", "upgrade")
        appserver.flask(env, "demo", "load", "--products", str(args.products))
        slug, variants = sellable(database, 200)
        before = stock_checks(database)
        log = instance / "gunicorn.log"
        with appserver.gunicorn(env, log, workers=2, threads=args.threads) as port:
            timings, seconds = run_shoppers(
                appserver.HOST,
                port,
                f"/p/{slug}",
                variants,
                shoppers=args.shoppers,
                max_orders=10**6,
                max_seconds=args.seconds,
            )
        died = len(re.findall(r"was sent (SIG\w+)", log.read_text(errors="replace")))
        try:
            stock = stock_verdict(before, stock_checks(database))
        except BenchError as broken:
            stock = f"FAILED: {broken}"
    print(f"gunicorn -w 2 --threads {args.threads}, {args.shoppers} shoppers, {seconds:.0f} s")
    print(f"confirmations: {timings.orders}")
    for step, statuses in timings.statuses.items():
        print(f"  {step}: {dict(sorted(statuses.items()))}")
    print(f"workers killed by a signal: {died} (stacks in {log})")
    print(stock)
    return 1 if died or stock.startswith("FAILED") else 0


if __name__ == "__main__":
    sys.exit(main())
