"""The real provider (panva/oidc-provider, tests/oidc/provider.mjs) on loopback, and a helper
that signs in on its pages the way a browser would, for tests without a browser."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import requests

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "provider.mjs"
# Ports Chromium refuses (net/base/port_util.cc); the OS could hand one out.
UNSAFE_PORTS = {5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080}

ANNA = {
    "sub": "anna",
    "email": "anna@example.com",
    "email_verified": True,
    "name": "Anna Martin",
    "locale": "fr-FR",
    "password": "anna-demo-password",
}
BEN = {
    "sub": "ben",
    "email": "ben@example.com",
    "email_verified": False,
    "name": "Ben Okafor",
    "locale": "en",
    "password": "ben-demo-password",
}
PEOPLE = (ANNA, BEN)


def free_port() -> int:
    while True:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = int(probe.getsockname()[1])
        if port not in UNSAFE_PORTS:
            return port


@dataclass(frozen=True)
class Client:
    client_id: str
    client_secret: str
    redirect_uris: Sequence[str]
    post_logout_redirect_uris: Sequence[str] = ()
    backchannel_logout_uri: str | None = None

    def as_json(self) -> dict[str, Any]:
        found = {
            "client_id": self.client_id,
            "client_secret": self.client_secret,
            "redirect_uris": list(self.redirect_uris),
            "post_logout_redirect_uris": list(self.post_logout_redirect_uris),
        }
        if self.backchannel_logout_uri:
            found["backchannel_logout_uri"] = self.backchannel_logout_uri
        return found


@dataclass
class RunningProvider:
    issuer: str
    process: subprocess.Popen[str]
    log: list[str]


def node_modules_ready() -> bool:
    return (HERE / "node_modules" / "oidc-provider").is_dir()


@contextmanager
def run_provider(
    clients: Sequence[Client], people: Sequence[dict[str, Any]] = PEOPLE, port: int | None = None
) -> Iterator[RunningProvider]:
    """Starts `node provider.mjs` on localhost and waits for it to listen (at most 20 s)."""
    if not node_modules_ready():
        raise RuntimeError("oidc-provider is not installed: run `make tests/oidc/node_modules`")
    port = port or free_port()
    settings = {
        "host": "localhost",
        "port": port,
        "clients": [c.as_json() for c in clients],
        "people": list(people),
    }
    env = {**os.environ, "OIDC_SETTINGS": json.dumps(settings), "NODE_NO_WARNINGS": "1"}
    process = subprocess.Popen(
        ["node", str(SCRIPT)],
        cwd=HERE,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    log: list[str] = []
    ready = threading.Event()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            log.append(line.rstrip())
            if line.startswith("READY "):
                ready.set()

    threading.Thread(target=read, daemon=True).start()
    try:
        if not ready.wait(20):
            raise RuntimeError("oidc-provider did not start:\n" + "\n".join(log))
        yield RunningProvider(f"http://localhost:{port}", process, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()


def sign_in_at_provider(
    authorization_url: str, login: str, password: str, browser: requests.Session | None = None
) -> str:
    """Open the provider's login page, submit it, follow the provider's own redirects, and
    return the URL it sends the browser back to (our callback, with code and state)."""
    browser = browser or requests.Session()
    page = browser.get(authorization_url, timeout=10)
    page.raise_for_status()
    form = re.search(r'action="(/interaction/[\w-]+/login)"', page.text)
    assert form, f"no login form at {page.url}: {page.text[:500]}"
    response = browser.post(
        urljoin(page.url, form[1]),
        data={"login": login, "password": password},
        allow_redirects=False,
        timeout=10,
    )
    return follow_provider_redirects(browser, response)


def follow_provider_redirects(browser: requests.Session, response: requests.Response) -> str:
    """Follow redirects while they stay at the provider; the first one leaving it is ours."""
    base = response.url
    for _ in range(10):
        if not response.is_redirect:
            raise AssertionError(f"provider answered {response.status_code}: {response.text[:500]}")
        target = urljoin(base, response.headers["Location"])
        if not target.startswith(base.split("/", 3)[0] + "//" + base.split("/", 3)[2]):
            return target
        response = browser.get(target, allow_redirects=False, timeout=10)
        base = target
    raise AssertionError("too many redirects at the provider")
