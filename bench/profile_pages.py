"""Where a catalog page's time goes: cProfile over a few hundred requests through the Flask
test client, on a throwaway demo catalog (2,000 products), listing cache off unless told.

    .venv/bin/python bench/profile_pages.py [--requests 300] [--cache-seconds 0] [--top 25]

Prints, per page (category, search, product, product with a chosen store), the time per
request, the SQL statements per request and the functions with the most cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import shutil
import tempfile
import time
from pathlib import Path

import appserver
from sqlalchemy import event


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--products", type=int, default=2000)
    parser.add_argument("--cache-seconds", default="0")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    instance = Path(tempfile.mkdtemp(prefix="storefront-profile-"))
    try:
        env = appserver.instance_env(instance)
        env["STOREFRONT_LISTING_CACHE_SECONDS"] = args.cache_seconds
        appserver.flask(env, "db", "upgrade")
        appserver.flask(env, "demo", "load", "--products", str(args.products))
        os.environ.update(env)
        from storefront import create_app

        app = create_app()
        statements = [0]
        event.listen(
            app.extensions["db_engine"],
            "before_cursor_execute",
            lambda *_: statements.__setitem__(0, statements[0] + 1),
        )
        client = app.test_client()
        home = client.get("/").get_data(as_text=True)
        category = re.search(r'href="(/c/[^"?]+)"', home)[1]  # type: ignore[index]
        product = re.search(
            r'href="(/p/[^"?]+)"',
            client.get(category).get_data(as_text=True),
        )[1]  # type: ignore[index]
        store_client = app.test_client()
        with app.extensions["db_readers"]() as session:
            from storefront.stores.models import Store, StoreKind

            slug = session.query(Store.slug).filter(Store.kind == StoreKind.SHOP).first()[0]
        form = store_client.get(f"/stores/{slug}").get_data(as_text=True)
        token = re.search(r'name="csrf_token" value="([^"]+)"', form)[1]  # type: ignore[index]
        chosen = store_client.post(f"/stores/{slug}/my-store", data={"csrf_token": token})
        assert chosen.status_code < 400, chosen.status_code
        pages = [
            ("category", client, category),
            ("search", client, "/search?q=jacket"),
            ("product", client, product),
            ("product, my store", store_client, product),
        ]
        for label, who, path in pages:
            for _ in range(20):
                who.get(path)
            statements[0] = 0
            profile = cProfile.Profile()
            started = time.perf_counter()
            profile.enable()
            for _ in range(args.requests):
                who.get(path)
            profile.disable()
            took = (time.perf_counter() - started) / args.requests * 1000
            print(
                f"\n=== {label} {path}: {took:.1f} ms per request (profiled),"
                f" {statements[0] / args.requests:.1f} SQL statements per request"
            )
            pstats.Stats(profile).sort_stats("cumulative").print_stats(args.top)
    finally:
        shutil.rmtree(instance, ignore_errors=True)


if __name__ == "__main__":
    main()
