"""Plain-text tables for the bench figures."""

from __future__ import annotations

from collections.abc import Sequence

from loadgen import Result
from pages import FirstLoad, Response, Transfer

KB = 1000  # budgets are in kilobytes of 1,000 bytes, the stricter reading


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], align: str) -> str:
    """Columns padded to their widest cell; `align` holds one 'l' or 'r' per column."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells: Sequence[str]) -> str:
        padded = [
            cell.ljust(width) if how == "l" else cell.rjust(width)
            for cell, width, how in zip(cells, widths, align, strict=True)
        ]
        return "  ".join(padded).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(headers), rule, *(line(row) for row in rows)])


def kb(size: int) -> str:
    return f"{size / KB:.1f}"


def ms(value: float) -> str:
    return f"{value:.1f}"


def verdict(ok: bool) -> str:
    return "OK" if ok else "OVER TARGET"


def shorten(path: str, width: int = 60) -> str:
    return path if len(path) <= width else path[: width - 1] + "…"


def load_table(rows: Sequence[tuple[str, Result, Result, Transfer]]) -> str:
    """One row per page: loaded throughput and latency, unloaded p50, and the HTML size."""
    headers = [
        "page",
        "path",
        "req/s",
        "p50 ms",
        "p90 ms",
        "p99 ms",
        "reqs",
        "errors",
        "p50 1-client",
        "HTML KB",
        "sent KB",
        "enc",
    ]
    body = [
        [
            label,
            shorten(loaded.path, 40),
            f"{loaded.rps:.0f}",
            ms(loaded.percentile(50)),
            ms(loaded.percentile(90)),
            ms(loaded.percentile(99)),
            str(loaded.requests),
            str(loaded.errors),
            ms(single.percentile(50)),
            kb(html.raw),
            kb(html.sent),
            html.encoding,
        ]
        for label, loaded, single, html in rows
    ]
    return table(headers, body, "llrrrrrrrrrl")


def transfer_table(transfers: Sequence[Transfer], total_label: str = "total") -> str:
    body = [
        [t.kind, shorten(t.path), str(t.status), t.encoding, kb(t.sent), kb(t.raw)]
        for t in transfers
    ]
    body.append(
        [
            total_label,
            f"{len(transfers)} files",
            "",
            "",
            kb(sum(t.sent for t in transfers)),
            kb(sum(t.raw for t in transfers)),
        ]
    )
    return table(["kind", "path", "status", "enc", "sent KB", "raw KB"], body, "llrlrr")


def first_load_report(load: FirstLoad, budget_kb: float) -> str:
    lines = [transfer_table([load.page, *load.assets])]
    total = load.total
    lines.append(
        f"\nFirst load: {kb(total)} KB on the wire (bodies only, headers excluded);"
        f" target < {budget_kb:.0f} KB: {verdict(total < budget_kb * KB)}"
    )
    bad = [t for t in [load.page, *load.assets] if t.status != 200]
    if bad:
        lines.append(
            f"  ! {len(bad)} asset(s) did not answer 200: " + ", ".join(t.path for t in bad)
        )
    if load.skipped:
        lines.append("  ! off-server URLs, not fetched: " + ", ".join(load.skipped))
    images = load.images
    lines.append(
        f"Images (not counted, lazy-loaded): {len(images)} files,"
        f" {load.lazy_images} with loading=lazy, {kb(sum(i.sent for i in images))} KB sent"
        f" ({kb(sum(i.raw for i in images))} KB raw)"
    )
    return "\n".join(lines)


def status_table(rows: Sequence[tuple[str, Result]], shown: Sequence[int]) -> str:
    """One row per run of a POST: throughput, latency, and how many answers had each status."""
    headers = ["clients", "req/s", "p50 ms", "p90 ms", "p99 ms", "reqs"]
    headers += [str(status) for status in shown] + ["other", "errors"]
    body = [
        [
            label,
            f"{result.rps:.0f}",
            ms(result.percentile(50)),
            ms(result.percentile(90)),
            ms(result.percentile(99)),
            str(result.requests),
            *(str(result.statuses.get(status, 0)) for status in shown),
            str(sum(n for status, n in result.statuses.items() if status not in shown)),
            str(result.errors),
        ]
        for label, result in rows
    ]
    return table(headers, body, "l" + "r" * (len(headers) - 1))


def fragment(label: str, response: Response) -> str:
    """`label`: its body decoded and as sent, and roughly how much its headers add."""
    headers = sum(len(name) + len(value) + 4 for name, value in response.headers.items())
    return (
        f"{label}: {len(response.decoded())} B raw, {response.sent} B sent ({response.encoding}),"
        f" HTTP {response.status}; response headers ≈ {headers} B"
    )


def precache_report(files: list[Transfer], budget_kb: float) -> str:
    sent = sum(f.sent for f in files)
    return (
        f"Service worker install: {len(files)} files, {kb(sent)} KB on the wire"
        f" ({kb(sum(f.raw for f in files))} KB raw); target < {budget_kb:.0f} KB:"
        f" {verdict(sent < budget_kb * KB)}"
    )
