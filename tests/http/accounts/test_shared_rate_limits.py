"""With Redis as the rate-limit storage, a limit is one total across app servers: two
processes on two ports share 4 sign-in attempts a minute, not 4 each."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

from storefront.config import ROOT
from tests.forms import csrf_in
from tests.mailbox import free_port
from tests.redis_server import REDIS_URL, needs_redis

pytestmark = needs_redis


def wait_until_serving(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"no server on port {port}")


@pytest.fixture
def two_servers(database_url: str, tmp_path: Path) -> Iterator[list[str]]:
    ports = [free_port(), free_port()]
    env = {
        **os.environ,
        "STOREFRONT_DATABASE_URL": database_url,
        "STOREFRONT_INSTANCE": str(tmp_path / "instance"),
        "SECRET_KEY": "one secret for every server",
        "STOREFRONT_PUBLIC_URL": f"http://127.0.0.1:{ports[0]}",
        "STOREFRONT_RATELIMIT_STORAGE": REDIS_URL,
        "STOREFRONT_RATELIMIT_PREFIX": f"test-{uuid.uuid4().hex}",
        "STOREFRONT_SIGN_IN_LIMIT": "4/minute",
    }
    servers = [
        subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "app", "run", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for port in ports
    ]
    try:
        for port, server in zip(ports, servers, strict=True):
            wait_until_serving(port, server)
        yield [f"http://127.0.0.1:{port}" for port in ports]
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)


def test_the_sign_in_limit_is_one_total_across_servers(two_servers: list[str]) -> None:
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    page = browser.open(f"{two_servers[0]}/account/sign-in").read().decode()
    token = csrf_in(page)
    form = {"email": "someone@example.com", "password": "a wrong guess", "csrf_token": token}

    def attempt(shop: str) -> int:
        try:
            with browser.open(f"{shop}/account/sign-in", urllib.parse.urlencode(form).encode()):
                return 200
        except urllib.error.HTTPError as answer:
            return answer.code

    answers = [attempt(two_servers[n % 2]) for n in range(6)]

    assert answers == [422, 422, 422, 422, 429, 429]
