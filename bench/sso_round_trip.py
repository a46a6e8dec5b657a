"""Time a full single sign-on round trip on loopback against the real OpenID provider.

Usage: .venv/bin/python bench/sso_round_trip.py [--rounds N]
Starts tests/oidc/provider.mjs (oidc-provider, needs `make tests/oidc/node_modules/.installed`)
on localhost and the shop on 127.0.0.1 (threaded werkzeug, SQLite in a temporary folder).
One round = a new browser: our sign-in page, "Continue with", the provider's login page,
username and password posted, the provider's redirects, our callback (tokens, keys, userinfo,
account, session), and the page we land on. Prints p50 and p90 in milliseconds.
"""

from __future__ import annotations

import argparse
import logging
import re
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import requests
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from storefront import create_app  # noqa: E402
from storefront.config import Config  # noqa: E402
from storefront.db import make_engine  # noqa: E402
from storefront.models import Base  # noqa: E402
from tests.oidc import real  # noqa: E402


def round_trip(shop: str) -> float:
    browser = requests.Session()
    started = time.perf_counter()
    page = browser.get(f"{shop}/account/sign-in", timeout=10)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token, "no CSRF token on the sign-in page"
    start = browser.post(
        f"{shop}/account/sso/bench/start",
        data={"csrf_token": token[1]},
        allow_redirects=False,
        timeout=10,
    )
    assert start.status_code == 303, start.status_code
    back = real.sign_in_at_provider(
        start.headers["Location"], "anna", str(real.ANNA["password"]), browser
    )
    assert urlsplit(back).netloc == urlsplit(shop).netloc, back
    landed = browser.get(back, timeout=10)
    assert landed.status_code == 200 and "Anna, your account" in landed.text, landed.url
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    rounds = parser.parse_args().rounds
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory() as folder:
        server = make_server("127.0.0.1", 0, None, threaded=True)  # type: ignore[arg-type]
        shop = f"http://127.0.0.1:{server.server_port}"
        client = real.Client(
            "shop-bench", "bench-secret", [f"{shop}/account/sso/bench/callback"], [f"{shop}/"]
        )
        with real.run_provider([client]) as provider:
            config = Config.from_env(
                {
                    "STOREFRONT_INSTANCE": folder,
                    "SECRET_KEY": "bench-secret-key",
                    "STOREFRONT_PUBLIC_URL": shop,
                    "STOREFRONT_SIGN_IN_LIMIT": "100000/minute",
                    "STOREFRONT_OIDC_PROVIDERS": "bench",
                    "STOREFRONT_OIDC_BENCH_ISSUER": provider.issuer,
                    "STOREFRONT_OIDC_BENCH_CLIENT_ID": client.client_id,
                    "STOREFRONT_OIDC_BENCH_CLIENT_SECRET": client.client_secret,
                    "STOREFRONT_OIDC_BENCH_DISPLAY_NAME": "Cairn ID",
                }
            )
            Base.metadata.create_all(make_engine(config.database_url))
            server.app = create_app(config)
            thread = threading.Thread(target=server.serve_forever, daemon=True)
            thread.start()
            round_trip(shop)  # warm-up: discovery, keys, the account's creation
            times = sorted(round_trip(shop) for _ in range(rounds))
            server.shutdown()
    p90 = times[min(len(times) - 1, int(len(times) * 0.9))]
    print(
        f"SSO sign-in round trip on loopback ({rounds} rounds, real oidc-provider): "
        f"p50 {statistics.median(times):.1f} ms, p90 {p90:.1f} ms, min {times[0]:.1f} ms"
    )


if __name__ == "__main__":
    main()
