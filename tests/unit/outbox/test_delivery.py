import smtplib
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from storefront import clock
from storefront.outbox import delivery
from storefront.outbox.models import OutboxMessage
from storefront.outbox.transports import FolderTransport, SmtpTransport
from tests.outbox_mail import SENDER, deliver_plain, queue_plain


class Recorder:
    """A transport that remembers what it was given, slowly, to widen race windows."""

    def __init__(self, delay: float = 0.0, fail: Exception | None = None) -> None:
        self.sent: list[EmailMessage] = []
        self.delay, self.fail = delay, fail
        self._lock = threading.Lock()

    def send(self, message: EmailMessage) -> None:
        time.sleep(self.delay)
        if self.fail:
            raise self.fail
        with self._lock:
            self.sent.append(message)


def queued(session: Session, n: int = 1) -> list[int]:
    ids = [
        queue_plain(session, f"shopper{i}@example.com", f"Subject {i}", f"Body {i}", f"<p>{i}</p>")
        for i in range(n)
    ]
    session.commit()
    return [i for i in ids if i is not None]


def test_pending_messages_are_sent_once_and_marked(app: Flask, session: Session) -> None:
    [message_id] = queued(session)
    transport = Recorder()
    engine = app.extensions["db_engine"]
    report = deliver_plain(engine, transport)
    assert report == delivery.Report(sent=1, failed=0)
    [email] = transport.sent
    assert (email["To"], email["Subject"], email["From"]) == (
        "shopper0@example.com",
        "Subject 0",
        SENDER,
    )
    assert email["Message-ID"] == f"<outbox-{message_id}@cairn.example>"
    assert email.get_body(("plain",)).get_content().strip() == "Body 0"
    assert email.get_body(("html",)).get_content().strip() == "<p>0</p>"
    session.expire_all()
    message = session.get_one(OutboxMessage, message_id)
    assert message.sent_at is not None and message.attempts == 1 and message.last_error is None
    session.rollback()  # the test's session writes: let the next delivery take the lock
    assert deliver_plain(engine, transport).sent == 0


def test_only_the_given_ids_are_sent(app: Flask, session: Session) -> None:
    _first, second = queued(session, 2)
    transport = Recorder()
    deliver_plain(app.extensions["db_writers"], transport, ids=[second])
    assert [m["Subject"] for m in transport.sent] == ["Subject 1"]


def test_a_failure_is_recorded_and_released_for_a_retry(app: Flask, session: Session) -> None:
    [message_id] = queued(session)
    engine = app.extensions["db_engine"]
    failing = Recorder(fail=smtplib.SMTPServerDisconnected("gone"))
    assert deliver_plain(engine, failing).failed == 1
    session.expire_all()
    message = session.get_one(OutboxMessage, message_id)
    assert message.claimed_at is None and message.sent_at is None and message.attempts == 1
    assert message.last_error == "SMTPServerDisconnected: gone"
    session.rollback()
    assert deliver_plain(engine, Recorder()).sent == 1


def test_after_too_many_failures_only_an_explicit_retry_sends(app: Flask, session: Session) -> None:
    [message_id] = queued(session)
    session.get_one(OutboxMessage, message_id).attempts = delivery.MAX_ATTEMPTS
    session.commit()
    engine = app.extensions["db_engine"]
    assert deliver_plain(engine, Recorder()).sent == 0
    assert deliver_plain(engine, Recorder(), retry_failed=True).sent == 1


def test_a_claim_abandoned_by_a_dead_worker_is_taken_over(app: Flask, session: Session) -> None:
    fresh, stale = queued(session, 2)
    session.get_one(OutboxMessage, fresh).claimed_at = clock.now()
    session.get_one(OutboxMessage, stale).claimed_at = clock.now() - timedelta(minutes=20)
    session.commit()
    transport = Recorder()
    deliver_plain(app.extensions["db_engine"], transport)
    assert [m["Subject"] for m in transport.sent] == ["Subject 1"]


def test_two_workers_never_send_one_message_twice(app: Flask, session: Session) -> None:
    ids = queued(session, 12)
    transport = Recorder(delay=0.01)
    start = threading.Barrier(2)

    def worker(_: int) -> int:
        start.wait()
        factory = app.extensions["db_writers"]
        return deliver_plain(factory, transport).sent

    with ThreadPoolExecutor(2) as pool:
        counts = list(pool.map(worker, range(2)))
    assert sum(counts) == len(ids)
    subjects = Counter(m["Subject"] for m in transport.sent)
    assert set(subjects.values()) == {1} and len(subjects) == len(ids)


def test_the_folder_transport_writes_whole_eml_files(tmp_path: Path) -> None:
    email = EmailMessage()
    email["Message-ID"] = "<outbox-7@cairn.example>"
    email["Subject"] = "Hello"
    email.set_content("Body")
    FolderTransport(tmp_path / "mail").send(email)
    [written] = (tmp_path / "mail").iterdir()
    assert written.name == "outbox-7_at_cairn.example.eml"
    parsed = message_from_bytes(written.read_bytes(), policy=policy.default)
    assert parsed["Subject"] == "Hello"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://mail.example:2525", ("mail.example", 2525, "", "", False)),
        ("smtp://user%40x:p%2Fss@mail.example", ("mail.example", 25, "user@x", "p/ss", False)),
        ("smtps://u:p@mail.example", ("mail.example", 465, "u", "p", True)),
    ],
)
def test_smtp_urls(url: str, expected: tuple[object, ...]) -> None:
    t = SmtpTransport.from_url(url)
    assert (t.host, t.port, t.username, t.password, t.implicit_tls) == expected


@pytest.mark.parametrize("url", ["http://mail.example", "smtp://", "mail.example:25"])
def test_other_urls_are_refused(url: str) -> None:
    with pytest.raises(ValueError, match="Not an SMTP URL"):
        SmtpTransport.from_url(url)


def test_a_message_whose_subject_is_gone_is_not_sent(app: Flask, session: Session) -> None:
    [message_id] = queued(session)
    transport = Recorder()
    engine = app.extensions["db_engine"]
    report = delivery.deliver_pending(
        engine, transport, sender=SENDER, render=lambda session, message: None
    )
    assert report == delivery.Report(sent=0, failed=1) and transport.sent == []
    session.expire_all()
    message = session.get_one(OutboxMessage, message_id)
    assert message.sent_at is None and message.text_body is None
    assert message.last_error == "Nothing to send: what it was about is gone"
