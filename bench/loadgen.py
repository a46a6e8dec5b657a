"""A bounded closed-loop load generator: N threads with a keep-alive connection each.

Each thread follows a Client: a fixed GET for pages, or a scripted one (the add-to-cart POST
with its own cookies) that picks every request and sees every response.
"""

from __future__ import annotations

import http.client
import math
import threading
import time
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

NETWORK_ERRORS = (OSError, http.client.HTTPException)


OK_STATUSES = range(200, 300)


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: Mapping[str, str]
    body: bytes | None = None


class Client(Protocol):
    """What one load thread sends next, and what it makes of each answer (e.g. cookies)."""

    def next_request(self) -> Request: ...

    def on_response(self, response: http.client.HTTPResponse, body: bytes) -> None: ...


@dataclass(frozen=True)
class Fixed:
    """The same request over and over, answers ignored: a page GET."""

    request: Request

    def next_request(self) -> Request:
        return self.request

    def on_response(self, response: http.client.HTTPResponse, body: bytes) -> None:
        return None


@dataclass(frozen=True)
class Result:
    """What one measured run against one path produced."""

    path: str
    clients: int
    seconds: float
    latencies_ms: list[float] = field(repr=False)  # sorted, one per completed request
    errors: int = 0
    connects: int = 0
    first_error: str = ""
    statuses: Mapping[int, int] = field(default_factory=dict)  # HTTP status -> responses

    @property
    def requests(self) -> int:
        return len(self.latencies_ms)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0

    def percentile(self, q: float) -> float:
        """Nearest-rank percentile (q in 0..100) of the request latencies, in ms."""
        if not self.latencies_ms:
            return math.nan
        rank = max(1, math.ceil(q / 100 * len(self.latencies_ms)))
        return self.latencies_ms[rank - 1]


@dataclass
class _Worker:
    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    errors: int = 0
    connects: int = 0
    first_error: str = ""


class _Budget:
    """Hands out request slots until the count or the deadline runs out, whichever first."""

    def __init__(self, max_requests: int, max_seconds: float) -> None:
        self._left = max_requests
        self._max_seconds = max_seconds
        self._deadline = math.inf
        self._lock = threading.Lock()

    def start(self) -> None:
        self._deadline = time.perf_counter() + self._max_seconds

    def take(self) -> bool:
        with self._lock:
            if self._left <= 0 or time.perf_counter() >= self._deadline:
                return False
            self._left -= 1
            return True


def _send(
    conn: http.client.HTTPConnection, request: Request, state: _Worker
) -> tuple[http.client.HTTPResponse, bytes]:
    """One request, reconnecting when the server closed the connection (gunicorn sync workers
    do); a GET on a reused connection the server dropped while idle is retried once."""
    for attempt in (1, 2):
        fresh = conn.sock is None
        if fresh:
            state.connects += 1
        try:
            conn.request(request.method, request.path, request.body, dict(request.headers))
            response = conn.getresponse()
            body = response.read()
        except NETWORK_ERRORS:
            conn.close()
            if fresh or attempt == 2 or request.method != "GET":
                raise
            continue
        return response, body
    raise AssertionError("unreachable")


def measure(
    host: str,
    port: int,
    path: str,
    *,
    clients: int,
    max_requests: int,
    max_seconds: float,
    headers: Mapping[str, str],
    timeout: float = 10.0,
) -> Result:
    """GET `path` from `clients` threads in a closed loop (see `run`)."""
    client = Fixed(Request("GET", path, headers))
    return run(
        host,
        port,
        path,
        [client] * clients,
        max_requests=max_requests,
        max_seconds=max_seconds,
        timeout=timeout,
    )


def run(
    host: str,
    port: int,
    label: str,
    clients: Sequence[Client],
    *,
    max_requests: int,
    max_seconds: float,
    ok: Collection[int] = OK_STATUSES,
    timeout: float = 10.0,
) -> Result:
    """One thread per client in a closed loop until `max_requests` or `max_seconds` are used
    up. A status outside `ok` counts as an error (its latency is still recorded).

    Latency is measured per request on the client, from sending to the last body byte, and so
    includes any TCP connect, queueing behind busy workers and client overhead.
    """
    budget = _Budget(max_requests, max_seconds)
    states = [_Worker() for _ in clients]
    gate = threading.Barrier(len(clients) + 1)

    def loop(client: Client, state: _Worker) -> None:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
        gate.wait()
        try:
            while budget.take():
                request = client.next_request()
                started = time.perf_counter()
                try:
                    response, body = _send(conn, request, state)
                except NETWORK_ERRORS as exc:
                    state.errors += 1
                    state.first_error = state.first_error or f"{type(exc).__name__}: {exc}"
                    continue
                state.latencies_ms.append((time.perf_counter() - started) * 1000)
                client.on_response(response, body)
                state.statuses[response.status] += 1
                if response.status not in ok:
                    state.errors += 1
                    state.first_error = state.first_error or f"HTTP {response.status}"
        finally:
            conn.close()

    threads = [
        threading.Thread(target=loop, args=(c, s), daemon=True)
        for c, s in zip(clients, states, strict=True)
    ]
    for thread in threads:
        thread.start()
    budget.start()
    began = time.perf_counter()
    gate.wait()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    statuses: Counter[int] = Counter()
    for state in states:
        statuses.update(state.statuses)
    return Result(
        path=label,
        clients=len(clients),
        seconds=seconds,
        latencies_ms=sorted(ms for s in states for ms in s.latencies_ms),
        errors=sum(s.errors for s in states),
        connects=sum(s.connects for s in states),
        first_error=next((s.first_error for s in states if s.first_error), ""),
        statuses=dict(statuses),
    )
