"""A reset request for an unknown email takes as long as one for a known email, on a real
server: the time to answer tells a stranger nothing about who has an account."""

from __future__ import annotations

import statistics
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import replace
from http.cookiejar import CookieJar

import pytest
from sqlalchemy.orm import Session

from storefront.config import Config
from tests.conftest import make_app
from tests.factories import make_account
from tests.forms import csrf_in
from tests.live_server import serving
from tests.mailbox import Mailbox, smtp_server

ROUNDS = 31
KNOWN, UNKNOWN = "known@example.com", "nobody@example.com"
SENT = "we have sent it a link to choose a new password"


def wait_for(condition: Callable[[], bool], seconds: float = 5) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.005)


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    with smtp_server() as mailbox:
        yield mailbox


def reset_form(shop: str) -> Callable[[str], float]:
    """Asks for a reset link like a browser would; each call returns the seconds until the
    answer came."""
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    page = browser.open(f"{shop}/account/password-reset").read().decode()
    token = csrf_in(page)

    def ask(email: str) -> float:
        form = urllib.parse.urlencode({"email": email, "csrf_token": token}).encode()
        started = time.perf_counter()
        with browser.open(f"{shop}/account/password-reset", data=form) as answer:
            # Until the answer starts: what the server did before answering. Reading the
            # rest of it here races the work the server does after answering for this
            # interpreter (client and server threads share it), which a stranger's
            # browser on another machine never does.
            taken = time.perf_counter() - started
            body = answer.read().decode()
        assert answer.status == 200 and SENT in body
        return taken

    return ask


def test_a_reset_for_an_unknown_email_takes_as_long_as_for_a_known_one(
    config: Config, session: Session, mailbox: Mailbox
) -> None:
    app = make_app(
        replace(
            config,
            smtp_url=f"smtp://127.0.0.1:{mailbox.port}",
            password_reset_limit="1000/minute",
        )
    )
    make_account(session, KNOWN, "an old passphrase")
    session.commit()
    known: list[float] = []
    unknown: list[float] = []
    with serving(app, finish_first=False) as shop:
        ask = reset_form(shop)

        def measure(email: str) -> float:
            sent_before = len(mailbox.messages)
            taken = ask(email)
            if email == KNOWN:  # the mail goes out after the answer: let it, before the next
                wait_for(lambda: len(mailbox.messages) > sent_before)
            time.sleep(0.02)
            return taken

        measure(KNOWN)  # warm both paths up
        measure(UNKNOWN)
        for n in range(ROUNDS):  # alternate which goes first, so order favours neither
            pair = (KNOWN, UNKNOWN) if n % 2 else (UNKNOWN, KNOWN)
            for email in pair:
                (known if email == KNOWN else unknown).append(measure(email))
    app.extensions["db_engine"].dispose()

    assert len(mailbox.messages) == ROUNDS + 1  # every known request did email its link
    assert {str(m["To"]) for m in mailbox.messages} == {KNOWN}
    slow, fast = sorted((statistics.median(known), statistics.median(unknown)), reverse=True)
    assert slow - fast <= 0.2 * slow, f"known {known}, unknown {unknown}"
