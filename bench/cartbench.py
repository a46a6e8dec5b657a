"""The add-to-cart figures: POST /cart/lines for the htmx toast, loaded and with one client."""

from __future__ import annotations

import argparse
import functools
import re
from collections.abc import Callable

import cartload
import loadgen
import report
from pages import BenchError, Response

ADD_P50_MS = 5.0
FRAGMENT_KB = 3.0
SHOPPERS_PER_CLIENT = 4
ANSWERS = (200, 422)  # added (maybe fewer than asked), refused (out of stock, line at its cap)


def _snippet(response: Response | None) -> str:
    """The text of an answer, without its tags, shortened."""
    if response is None:
        return "(no answer)"
    return " ".join(re.sub(r"<[^>]*>", " ", response.text()).split())[:200]


def bench_cart(
    host: str,
    port: int,
    args: argparse.Namespace,
    category: Response,
    product: Response,
    log: Callable[[str], None],
) -> str:
    log("measuring add-to-cart POST ...")
    setup = cartload.prepare(
        host,
        port,
        category,
        product,
        clients=args.clients,
        shoppers_per_client=SHOPPERS_PER_CLIENT,
        log=log,
    )
    clients = setup.clients
    go = functools.partial(loadgen.run, host, port, setup.action, ok=ANSWERS)
    probe = go(clients[:1], max_requests=1, max_seconds=10)
    if probe.errors:
        answer = next(iter(clients[0].first.values()), None)
        raise BenchError(
            f"the first POST {setup.action} failed ({probe.first_error}): {_snippet(answer)}"
        )
    go(clients, max_requests=args.warmup, max_seconds=5)
    loaded = go(clients, max_requests=args.requests, max_seconds=args.seconds)
    single = go(clients[:1], max_requests=200, max_seconds=3)

    shoppers = setup.shoppers
    adds = max(c.adds_per_shopper for c in clients)
    lines = [
        f"Add to cart: POST {setup.action} as htmx sends it from a product page"
        f" (HX-Target: div#cart-toast), quantity 1; {len(shoppers)} guest shoppers"
        f" ({SHOPPERS_PER_CLIENT} per client, own session and guest cookies) taking turns\n"
        f"over {len(setup.variants)} sellable variants from the add forms of {setup.source};"
        " same budgets as a page.\n",
        report.status_table(
            [(str(loaded.clients), loaded), (str(single.clients), single)], ANSWERS
        ),
        "",
    ]
    toast = setup.first(200)
    refusal = setup.first(422)
    if toast is not None:
        lines.append(report.fragment("Toast fragment (added)", toast))
    if refusal is not None:
        lines.append(report.fragment("Refusal fragment (422)", refusal) + f": {_snippet(refusal)}")
    p50 = loaded.percentile(50)
    size = len(toast.decoded()) if toast is not None else 0
    checks = {"p50": p50 < ADD_P50_MS, "fragment": 0 < size < FRAGMENT_KB * report.KB}
    over = [name for name, ok in checks.items() if not ok]
    verdict = report.verdict(not over) + (f" ({', '.join(over)})" if over else "")
    lines.append(
        f"Add-to-cart p50: {p50:.1f} ms with {args.clients} clients on {args.workers} workers"
        f" ({single.percentile(50):.1f} ms with 1 client); toast {report.kb(size)} KB;"
        f" target add-to-cart p50 < {ADD_P50_MS:.0f} ms; fragment < {FRAGMENT_KB:.0f} KB:"
        f" {verdict}"
    )
    lines += _notes(setup, [loaded, single], toast, adds)
    return "\n".join(lines)


def _notes(
    setup: cartload.CartSetup, results: list[loadgen.Result], toast: Response | None, adds: int
) -> list[str]:
    notes = [
        f"  · each guest cart got about {adds} adds over the whole bench"
        f" (so at most {min(adds, len(setup.variants))} lines: no line is added to twice"
        f" before its shopper went round all {len(setup.variants)} variants)"
    ]
    for result in results:
        refused = result.statuses.get(422, 0)
        if refused > result.requests / 10:
            notes.append(
                f"  ! {refused} of {result.requests} adds refused (422) with {result.clients}"
                " client(s): lines at their cap or out of stock, too few variants for the load"
            )
        if result.errors:
            notes.append(
                f"  ! {result.errors} failed request(s) with {result.clients} client(s),"
                f" first: {result.first_error}"
            )
    if toast is None:
        notes.append("  ! no add succeeded: no toast fragment to size")
    elif toast.headers.get("hx-trigger") != "cart-changed":
        notes.append(f"  ! the toast came without HX-Trigger: cart-changed ({toast.headers})")
    guests = sum("guest" in s.cookies for s in setup.shoppers)
    if guests < len(setup.shoppers):
        notes.append(
            f"  ! only {guests} of {len(setup.shoppers)} shoppers kept a guest cookie:"
            " the others started a new cart on every add"
        )
    return notes
