"""Guest shoppers checking out for pickup, as a browser does it: add to cart, open /checkout,
hold a free slot from the picker (htmx), confirm. Each shopper keeps its own cookies; the
latency of every step is recorded, the confirmation POST's apart."""

from __future__ import annotations

import http.client
import re
import secrets
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import urlencode

from cartload import FORM, HTMX_TOAST, Shopper, new_shopper
from pages import ACCEPT, Response

HTMX_PICKER = {"HX-Request": "true", "HX-Target": "section#slot-picker"}
_FREE_SLOT = re.compile(
    r'<button type="submit" name="starts_at" value="([^"]+)"\s+class="slot slot--free"'
)
_DAY_TAB = re.compile(r'<a class="slot-day" href="([^"]+)"')
_HIDDEN = re.compile(r'<input type="hidden" name="(store|idempotency_key)" value="([^"]+)"')
CONTACT = {"name": "Bench Shopper", "phone": "+33 6 12 34 56 78"}


@dataclass
class Timings:
    """Per step: latencies in ms and answers by status, shared by the shopper threads."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    statuses: dict[str, Counter[int]] = field(default_factory=dict)
    orders: int = 0
    refusals: dict[str, str] = field(default_factory=dict)  # step -> first 422's text
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, step: str, ms: float, status: int) -> None:
        with self._lock:
            self.latencies.setdefault(step, []).append(ms)
            self.statuses.setdefault(step, Counter())[status] += 1
            self.orders += step == "confirm" and status == 303

    def percentile(self, step: str, q: float) -> float:
        values = sorted(self.latencies.get(step, []))
        return values[max(0, round(q / 100 * len(values)) - 1)] if values else float("nan")


class Browser:
    """One shopper: its cookies, one keep-alive connection, its CSRF token."""

    def __init__(self, host: str, port: int, product: str, timings: Timings) -> None:
        self.host, self.port, self.product, self.timings = host, port, product, timings
        self.conn = http.client.HTTPConnection(host, port, timeout=30)
        self.shopper: Shopper = new_shopper(host, port, product, 0)

    def fresh(self) -> None:
        """A new guest (a refused confirmation leaves its cart as it was)."""
        self.shopper = new_shopper(self.host, self.port, self.product, 0)

    def send(
        self, step: str, method: str, path: str, form: dict[str, str] | None = None, **headers: str
    ) -> tuple[int, str]:
        body = urlencode({**(form or {}), "csrf_token": self.shopper.token}) if form else None
        sent = {**ACCEPT, **headers, "Cookie": self.shopper.cookie_header()}
        if body is not None:
            sent["Content-Type"] = FORM
        started = time.perf_counter()
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body, sent)
                response = self.conn.getresponse()
                raw = response.read()
                break
            except (OSError, http.client.HTTPException):
                self.conn.close()  # gunicorn's sync workers close after each answer
                if attempt == 2:
                    raise
        self.timings.note(step, (time.perf_counter() - started) * 1000, response.status)
        self.shopper.keep(response)
        headers_ = {k.lower(): v for k, v in response.getheaders()}
        text = Response(path, response.status, headers_, raw).text()
        if response.status == 422 and step not in self.timings.refusals:
            alert = re.search(r'role="alert"[^>]*>(.*?)</', text, re.S)
            said = re.sub(r"<[^>]+>", " ", alert[1] if alert else text[:200])
            self.timings.refusals[step] = " ".join(said.split())
        return response.status, text


def checkout_fields(page: str) -> dict[str, str]:
    """The confirm form's hidden store id and idempotency key on the checkout page."""
    return dict(_HIDDEN.findall(page))


def _free_slot(browser: Browser, store: str, html: str, turn: int) -> str | None:
    """A free slot of the shown day, else of the next days; spread over shoppers."""
    for _ in range(8):
        free = _FREE_SLOT.findall(html)
        if free:
            return unescape(free[turn % len(free)])
        later = [unescape(p) for p in _DAY_TAB.findall(html)]
        current = re.search(r'<a class="slot-day" href="([^"]+)"[^>]*aria-current="date"', html)
        after = later[later.index(unescape(current[1])) + 1 :] if current else later[1:]
        if not after:
            return None
        _, html = browser.send("picker", "GET", after[0], **HTMX_PICKER)
    return None


def checkout_once(browser: Browser, variant: int, turn: int) -> bool:
    """One order: add `variant`, open checkout, hold a free slot, confirm. True if placed."""
    form = {"variant_id": str(variant), "quantity": "1"}
    status, _ = browser.send("add", "POST", "/cart/lines", form, **HTMX_TOAST)
    if status != 200:
        return False
    status, page = browser.send("page", "GET", "/checkout")
    fields = checkout_fields(page)
    store = fields.get("store")
    if status != 200 or not store:
        return False
    status, picker = browser.send("picker", "GET", f"/checkout/slots?store={store}", **HTMX_PICKER)
    for _ in range(3):  # another shopper may take the last place first
        slot = _free_slot(browser, store, picker, turn)
        if slot is None:
            return False
        status, picker = browser.send(
            "hold", "POST", "/checkout/slots", {"store": store, "starts_at": slot}, **HTMX_PICKER
        )
        if status == 200:
            break
    else:
        return False
    confirm = {
        **CONTACT,
        "email": f"bench-{secrets.token_hex(4)}@example.com",
        "store": store,
        "idempotency_key": fields.get("idempotency_key") or secrets.token_urlsafe(24),
    }
    status, _ = browser.send("confirm", "POST", "/checkout", confirm)
    return status == 303


def run_shoppers(
    host: str,
    port: int,
    product: str,
    variants: Sequence[int],
    *,
    shoppers: int,
    max_orders: int,
    max_seconds: float,
) -> tuple[Timings, float]:
    """`shoppers` threads checking out in a closed loop until `max_orders` confirmations
    were attempted or `max_seconds` passed; returns the timings and the elapsed seconds."""
    timings = Timings()
    attempts = iter(range(max_orders))
    lock = threading.Lock()
    browsers = [Browser(host, port, product, timings) for _ in range(shoppers)]
    gate = threading.Barrier(shoppers + 1)
    deadline = 0.0

    def loop(n: int, browser: Browser) -> None:
        gate.wait()
        while time.perf_counter() < deadline:
            with lock:
                turn = next(attempts, None)
            if turn is None:
                return
            if not checkout_once(browser, variants[turn % len(variants)], n):
                browser.fresh()

    threads = [
        threading.Thread(target=loop, args=pair, daemon=True) for pair in enumerate(browsers)
    ]
    for thread in threads:
        thread.start()
    began = time.perf_counter()
    deadline = began + max_seconds
    gate.wait()
    for thread in threads:
        thread.join()
    return timings, time.perf_counter() - began
