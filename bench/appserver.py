"""A throwaway instance: migrate, load demo data, serve it with gunicorn on a free loopback port."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from pages import BenchError

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


def venv_bin(name: str) -> str:
    """A tool from the project's .venv, else from the interpreter running the bench."""
    for folder in (ROOT / ".venv" / "bin", Path(sys.executable).parent):
        if (folder / name).exists():
            return str(folder / name)
    raise BenchError(f"{name} not found in {ROOT / '.venv' / 'bin'}: run `make` first")


def instance_env(instance: Path) -> dict[str, str]:
    """The environment of every command: a fresh instance, its own SQLite file unless the
    caller already chose a database with STOREFRONT_DATABASE_URL."""
    env = dict(os.environ)
    env["STOREFRONT_INSTANCE"] = str(instance)
    env.setdefault("STOREFRONT_DATABASE_URL", f"sqlite:///{instance / 'bench.sqlite3'}")
    env.setdefault("STOREFRONT_PUBLIC_URL", "http://127.0.0.1")
    env["PYTHONUNBUFFERED"] = "1"
    return env


def flask(env: Mapping[str, str], *args: str, timeout: float = 300) -> float:
    """Run `flask --app app ARGS` and return how long it took; raise with its output on failure."""
    command = [venv_bin("flask"), "--app", "app", *args]
    started = time.perf_counter()
    try:
        done = subprocess.run(
            command,
            cwd=ROOT,
            env=dict(env),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise BenchError(f"`flask {' '.join(args)}` took more than {timeout:.0f} s") from exc
    if done.returncode != 0:
        output = (done.stdout + done.stderr).strip().splitlines()
        tail = "\n    ".join(output[-15:])
        raise BenchError(f"`flask {' '.join(args)}` exited {done.returncode}:\n    {tail}")
    return time.perf_counter() - started


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _answers(port: int) -> bool:
    conn = http.client.HTTPConnection(HOST, port, timeout=2)
    try:
        conn.request("GET", "/")
        conn.getresponse().read()
        return True
    except (OSError, http.client.HTTPException):
        return False
    finally:
        conn.close()


def log_tail(log: Path, lines: int = 20) -> str:
    text = log.read_text(errors="replace") if log.exists() else ""
    return "\n    ".join(text.strip().splitlines()[-lines:]) or "(empty log)"


@contextmanager
def gunicorn(
    env: Mapping[str, str],
    log: Path,
    *,
    workers: int = 2,
    threads: int = 1,
    extra: Sequence[str] = (),
    app: str = "app:app",
) -> Iterator[int]:
    """Serve `app` (the shop unless told) for the duration of the block and yield its port;
    always stop it. `threads` above 1 runs gunicorn's threaded workers (gthread); `extra`
    are more options."""
    port = free_port()
    command = [venv_bin("gunicorn"), "-w", str(workers), "-b", f"{HOST}:{port}", *extra, app]
    if threads > 1:
        command[1:1] = ["--threads", str(threads)]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=dict(env),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # our own process group, so a fallback kill gets workers too
        )
    try:
        deadline = time.monotonic() + 60
        while not _answers(port):
            if process.poll() is not None:
                raise BenchError(
                    f"gunicorn exited {process.returncode} on start:\n    {log_tail(log)}"
                )
            if time.monotonic() > deadline:
                raise BenchError(f"gunicorn did not answer within 60 s:\n    {log_tail(log)}")
            time.sleep(0.2)
        yield port
    finally:
        _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGINT)  # gunicorn: quick shutdown of master and workers
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
