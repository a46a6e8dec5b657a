"""Load with wrk (Debian's package): a C load generator, so that on a small machine the
client does not eat the CPU it measures, as a Python client would."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass

from pages import BenchError

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@dataclass(frozen=True)
class WrkResult:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int  # non-2xx/3xx answers and socket errors


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def parse(output: str) -> WrkResult:
    percentile = dict(re.findall(r"^\s+(\d+)%\s+(\S+)\s*$", output, re.M))
    requests = re.search(r"^\s+(\d+) requests in", output, re.M)
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M)
    if not (requests and rps and "50" in percentile and "99" in percentile):
        raise BenchError(f"wrk printed what the bench cannot read:\n{output}")
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = int(non_2xx[1]) if non_2xx else 0
    errors += sum(int(n) for n in sockets.groups()) if sockets else 0
    return WrkResult(
        float(rps[1]), _ms(percentile["50"]), _ms(percentile["99"]), int(requests[1]), errors
    )


def wrk(
    url: str,
    *,
    threads: int = 2,
    connections: int = 16,
    seconds: float = 10,
    headers: Mapping[str, str] | None = None,
) -> WrkResult:
    binary = shutil.which("wrk")
    if binary is None:
        raise BenchError("wrk not found: `make bench` installs it (apt-get install wrk)")
    command = [binary, f"-t{threads}", f"-c{connections}", f"-d{seconds:g}s", "--latency"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    done = subprocess.run([*command, url], capture_output=True, text=True, timeout=seconds + 30)
    if done.returncode != 0:
        raise BenchError(f"wrk exited {done.returncode}: {done.stderr.strip()}")
    return parse(done.stdout)
