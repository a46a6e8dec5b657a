"""Two app servers behind HAProxy, sharing one PostgreSQL and one Redis, as a retailer grows
past one machine. Proves, and prints: the sign-in limit is one total; a stock change through
server A's API shows on server B's listing and product page within a second; each email is
sent once; a shopper's session and cart move between servers. Exits 1 when any fails.
Usage: .venv/bin/python bench/cluster.py (make cluster installs haproxy first)"""

from __future__ import annotations

import http.client
import json
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import quote, urlencode

import appserver
from cartload import FORM, Shopper, add_forms
from nearest import POSTGRES
from pages import BenchError
from pickupbench import postgres_database, sellable
from pickupload import Browser, Timings, checkout_once
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

sys.path.insert(0, str(appserver.ROOT))
from storefront.inventory.tokens import issue_token
from tests.mailbox import Mailbox, smtp_server
from tests.redis_server import REDIS_URL, redis_answers

SIGN_IN_LIMIT = 10
FRESH_WITHIN = 1.0
HAPROXY = """global
    maxconn 512
defaults
    mode http
    timeout connect 2s
    timeout client 30s
    timeout server 30s
frontend shop
    bind 127.0.0.1:{port}
    default_backend servers
backend servers
    balance roundrobin
    option forwardfor
    server a 127.0.0.1:{a} check
    server b 127.0.0.1:{b} check
"""
FEWEST_STORES = """
SELECT p.slug, p.name FROM product p JOIN variant v ON v.product_id = p.id
JOIN stock_level s ON s.variant_id = v.id WHERE s.on_hand > s.reserved
GROUP BY p.id, p.slug, p.name ORDER BY COUNT(DISTINCT s.store_id), COUNT(DISTINCT v.id), p.id
LIMIT 1"""
HELD_AT = """
SELECT st.code, v.sku FROM stock_level s JOIN variant v ON v.id = s.variant_id
JOIN product p ON p.id = v.product_id JOIN store st ON st.id = s.store_id
WHERE p.slug = :slug AND s.on_hand > 0"""


class Shop:
    """One browser whose requests may reach any server, as a load balancer sends them."""

    def __init__(self) -> None:
        self.jar = Shopper()

    def send(
        self,
        port: int,
        method: str,
        path: str,
        form: dict[str, str] | None = None,
        *,
        json_body: object = None,
        **headers: str,
    ) -> tuple[int, str]:
        body = None
        if form is not None:
            body, headers["Content-Type"] = urlencode(form), FORM
        elif json_body is not None:
            body, headers["Content-Type"] = json.dumps(json_body), "application/json"
        conn = http.client.HTTPConnection(appserver.HOST, port, timeout=10)
        try:
            conn.request(method, path, body, {**headers, "Cookie": self.jar.cookie_header()})
            response = conn.getresponse()
            page = response.read().decode("utf-8", errors="replace")
        finally:
            conn.close()
        self.jar.keep(response)
        return response.status, page


def token_of(page: str) -> str:
    token = add_forms(page).token
    if not token:
        raise BenchError("no form with a CSRF token on the page")
    return token


@contextmanager
def haproxy(instance: Path, a: int, b: int) -> Iterator[int]:
    binary = shutil.which("haproxy") or "/usr/sbin/haproxy"
    if not Path(binary).exists():
        raise BenchError("haproxy is not installed: apt-get install -y haproxy (make cluster)")
    port = appserver.free_port()
    config = instance / "haproxy.cfg"
    config.write_text(HAPROXY.format(port=port, a=a, b=b))
    process = subprocess.Popen([binary, "-db", "-f", str(config)], stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 10
        while not _answers(port):
            if process.poll() is not None or time.monotonic() > deadline:
                error = process.stderr.read().decode() if process.stderr else ""
                raise BenchError(f"haproxy did not start: {error}")
            time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


def _answers(port: int) -> bool:
    try:
        return Shop().send(port, "GET", "/")[0] == 200
    except OSError:
        return False


def sign_in_limit(front: int) -> tuple[bool, str]:
    shop = Shop()
    token = token_of(shop.send(front, "GET", "/account/sign-in")[1])
    form = {"email": "someone@example.com", "password": "a wrong guess", "csrf_token": token}
    answers = [shop.send(front, "POST", "/account/sign-in", form)[0] for _ in range(14)]
    refused = answers.count(429)
    said = f"14 wrong passwords through the balancer: {refused} refused with 429"
    return refused == 14 - SIGN_IN_LIMIT, f"{said} (limit {SIGN_IN_LIMIT}/minute in total)"


def session_moves(a: int, b: int, product: str) -> tuple[bool, str]:
    shop = Shop()
    page = shop.send(a, "GET", f"/p/{product}")[1]
    variants = add_forms(page).variants
    if not variants:
        raise BenchError(f"no add-to-cart form on /p/{product}")
    form = {"variant_id": str(variants[0]), "quantity": "2", "csrf_token": token_of(page)}
    added = shop.send(a, "POST", "/cart/lines", form)[0]
    status, cart = shop.send(b, "GET", "/cart")
    quantity = re.search(r'name="quantity"[^>]*value="(\d+)"', cart)
    moved = added in (200, 303) and status == 200 and bool(quantity) and quantity[1] == "2"
    found = "2 there" if moved else f"not there (answer {status})"
    return moved, f"a cart of 2 made on server A, opened on server B: {found}"


def _stock_badge(shop: Shop, port: int, path: str, slug: str) -> str:
    page = shop.send(port, "GET", path)[1]
    start = page.find(f'href="/p/{slug}"') if path.startswith("/search") else 0
    found = re.search(r'class="stock stock--(in|out)"', page[max(start, 0) :])
    return found[1] if found else "none"


def _until(check: Callable[[], bool], within: float) -> float | None:
    started = time.monotonic()
    while time.monotonic() - started < within * 3:
        if check():
            return time.monotonic() - started
        time.sleep(0.05)
    return None


def stock_change_shows(database: str, a: int, b: int) -> tuple[bool, str]:
    engine = create_engine(database)
    with Session(engine) as session:
        slug, name = session.execute(text(FEWEST_STORES)).one()
        held = session.execute(text(HELD_AT), {"slug": slug}).all()
        tokens = {code: issue_token(session, code) for code in {code for code, _ in held}}
        session.commit()
    engine.dispose()
    shop = Shop()
    listing = f"/search?q={quote(name)}"
    before = (_stock_badge(shop, b, listing, slug), _stock_badge(shop, b, f"/p/{slug}", slug))
    for code, token in tokens.items():
        lines = [{"sku": sku, "on_hand": 0} for held_code, sku in held if held_code == code]
        _post_stock(a, token, lines)
    took = {
        page: _until(lambda path=path: _stock_badge(shop, b, path, slug) == "out", FRESH_WITHIN)
        for page, path in (("listing", listing), ("product page", f"/p/{slug}"))
    }
    fresh = before == ("in", "in") and all(
        t is not None and t <= FRESH_WITHIN for t in took.values()
    )
    shown = ", ".join(
        f"{page} {'never' if t is None else f'{t * 1000:.0f} ms'}" for page, t in took.items()
    )
    return fresh, f"{name!r} sold out through server A's stock API; on server B: {shown}"


def _post_stock(port: int, token: str, lines: list[dict[str, object]]) -> None:
    status, answer = Shop().send(
        port,
        "POST",
        "/api/stock",
        json_body={"request_key": uuid.uuid4().hex, "lines": lines},
        Authorization=f"Bearer {token}",
    )
    if status != 200:
        raise BenchError(f"POST /api/stock answered {status}: {answer[:200]}")


def email_once(front: int, product: str, variants: list[int], mailbox: Mailbox) -> tuple[bool, str]:
    browser = Browser(appserver.HOST, front, f"/p/{product}", Timings())
    placed = sum(checkout_once(browser, variant, turn) for turn, variant in enumerate(variants))
    time.sleep(3)  # every server's outbox had the time to send what it would
    sent = Counter(str(message["To"]) for message in mailbox.messages)
    twice = sum(1 for n in sent.values() if n > 1)
    ok = placed == len(variants) == len(sent) and not twice
    return ok, (
        f"{placed} orders through the balancer: {sum(sent.values())} emails"
        f" to {len(sent)} shoppers, {twice} of them mailed twice"
    )


def main() -> int:
    if not redis_answers():
        print("Redis does not answer on 127.0.0.1:6379: nothing proved")
        return 1
    with ExitStack() as stack:
        database = stack.enter_context(postgres_database(POSTGRES))
        if database is None:
            print(f"{POSTGRES} does not answer: nothing proved")
            return 1
        mailbox = stack.enter_context(smtp_server())
        instance = Path(tempfile.mkdtemp(prefix="storefront-cluster-"))
        env = appserver.instance_env(instance)
        env.update(
            STOREFRONT_DATABASE_URL=database,
            SECRET_KEY=secrets.token_urlsafe(32),
            STOREFRONT_RATELIMIT_STORAGE=REDIS_URL,
            STOREFRONT_CACHE_URL=REDIS_URL,
            STOREFRONT_RATELIMIT_PREFIX=f"cluster-{uuid.uuid4().hex}",
            STOREFRONT_SIGN_IN_LIMIT=f"{SIGN_IN_LIMIT}/minute",
            STOREFRONT_PROXIES="1",
            STOREFRONT_SMTP_URL=f"smtp://127.0.0.1:{mailbox.port}",
        )
        appserver.flask(env, "db", "upgrade")
        appserver.flask(env, "demo", "load", "--products", "200")
        product, variants = sellable(database, 3)
        a = stack.enter_context(appserver.gunicorn(env, instance / "a.log", workers=2))
        b = stack.enter_context(appserver.gunicorn(env, instance / "b.log", workers=2))
        front = stack.enter_context(haproxy(instance, a, b))
        print(f"two servers (:{a}, :{b}) behind haproxy :{front}, PostgreSQL and Redis shared")
        results = [
            sign_in_limit(front),
            session_moves(a, b, product),
            stock_change_shows(database, a, b),
            email_once(front, product, variants, mailbox),
        ]
    for ok, said in results:
        print(f"  {'ok' if ok else 'FAILED'}: {said}")
    return 0 if all(ok for ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
