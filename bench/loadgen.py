"""A bounded closed-loop load generator: N threads with a keep-alive connection each."""

from __future__ import annotations

import http.client
import math
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

NETWORK_ERRORS = (OSError, http.client.HTTPException)


@dataclass(frozen=True)
class Result:
    """What one measured run of GETs against one path produced."""

    path: str
    clients: int
    seconds: float
    latencies_ms: list[float] = field(repr=False)  # sorted, one per completed request
    errors: int = 0
    connects: int = 0
    first_error: str = ""

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


def _get(
    conn: http.client.HTTPConnection, path: str, headers: Mapping[str, str], state: _Worker
) -> int:
    """One GET, reconnecting when the server closed the connection (gunicorn sync workers do)."""
    for attempt in (1, 2):
        fresh = conn.sock is None
        if fresh:
            state.connects += 1
        try:
            conn.request("GET", path, headers=dict(headers))
            response = conn.getresponse()
            response.read()
            return response.status
        except NETWORK_ERRORS:
            conn.close()
            # A reused connection may have been closed by the server while idle: retry once.
            if fresh or attempt == 2:
                raise
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
    """Run `clients` threads in a closed loop until `max_requests` or `max_seconds` are used up.

    Latency is measured per request on the client, from sending to the last body byte, and so
    includes any TCP connect, queueing behind busy workers and client overhead.
    """
    budget = _Budget(max_requests, max_seconds)
    states = [_Worker() for _ in range(clients)]
    gate = threading.Barrier(clients + 1)

    def run(state: _Worker) -> None:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
        gate.wait()
        try:
            while budget.take():
                started = time.perf_counter()
                try:
                    status = _get(conn, path, headers, state)
                except NETWORK_ERRORS as exc:
                    state.errors += 1
                    state.first_error = state.first_error or f"{type(exc).__name__}: {exc}"
                    continue
                state.latencies_ms.append((time.perf_counter() - started) * 1000)
                if not 200 <= status < 300:
                    state.errors += 1
                    state.first_error = state.first_error or f"HTTP {status}"
        finally:
            conn.close()

    threads = [threading.Thread(target=run, args=(s,), daemon=True) for s in states]
    for thread in threads:
        thread.start()
    budget.start()
    began = time.perf_counter()
    gate.wait()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    return Result(
        path=path,
        clients=clients,
        seconds=seconds,
        latencies_ms=sorted(ms for s in states for ms in s.latencies_ms),
        errors=sum(s.errors for s in states),
        connects=sum(s.connects for s in states),
        first_error=next((s.first_error for s in states if s.first_error), ""),
    )
