"""Threaded workers under checkout bursts: `gunicorn -w 2 --threads 16` on a throwaway
PostgreSQL database, 32 shoppers checking out for SECONDS; prints the confirmations, the
answers by step and how many workers died of a signal (faulthandler stacks in the log).
Exits 1 when any did (on Python 3.11; 0 died on 3.12 in 4 minutes).
Usage: .venv/bin/python bench/threaded.py [--seconds 60]"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

import appserver
from nearest import POSTGRES
from pickupbench import postgres_database
from pickupload import run_shoppers
from sqlalchemy import create_engine, text

SELLABLE = "SELECT variant_id FROM stock_level WHERE on_hand - reserved > 5 ORDER BY variant_id"
PRODUCT = "SELECT p.slug FROM product p JOIN variant v ON v.product_id = p.id WHERE v.id = :variant"


def _targets(database: str) -> tuple[str, list[int]]:
    engine = create_engine(database)
    try:
        with engine.connect() as connection:
            variants = [row[0] for row in connection.execute(text(SELLABLE))][:200]
            slug = connection.scalar(text(PRODUCT), {"variant": variants[0]})
    finally:
        engine.dispose()
    return f"/p/{slug}", variants


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
        product, variants = _targets(database)
        log = instance / "gunicorn.log"
        with appserver.gunicorn(env, log, workers=2, threads=args.threads) as port:
            timings, seconds = run_shoppers(
                appserver.HOST,
                port,
                product,
                variants,
                shoppers=args.shoppers,
                max_orders=10**6,
                max_seconds=args.seconds,
            )
        died = len(re.findall(r"was sent (SIG\w+)", log.read_text(errors="replace")))
    print(f"gunicorn -w 2 --threads {args.threads}, {args.shoppers} shoppers, {seconds:.0f} s")
    print(f"confirmations: {timings.orders}")
    for step, statuses in timings.statuses.items():
        print(f"  {step}: {dict(sorted(statuses.items()))}")
    print(f"workers killed by a signal: {died} (stacks in {log})")
    return 1 if died else 0


if __name__ == "__main__":
    sys.exit(main())
