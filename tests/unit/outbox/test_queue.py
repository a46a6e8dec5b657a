import threading
from concurrent.futures import ThreadPoolExecutor

from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storefront.db import session_factory
from storefront.outbox import dispatch
from storefront.outbox import services as outbox
from storefront.outbox.models import OutboxMessage
from tests.outbox_mail import queue_plain


def count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(OutboxMessage)) or 0


def test_queue_adds_a_message_and_notes_it_for_delivery(session: Session) -> None:
    message_id = queue_plain(session, "anna@example.com", "Hi", "Text", "<p>Html</p>")
    session.commit()
    message = session.get_one(OutboxMessage, message_id)
    assert (message.recipient, message.template, message.locale) == (
        "anna@example.com",
        "plain",
        "en",
    )
    assert message.params and message.params["subject"] == "Hi"
    assert message.subject is None  # written when sent
    assert message.sent_at is None and message.attempts == 0
    assert session.info[outbox.QUEUED] == [message_id]


def test_a_duplicate_key_is_a_no_op(session: Session) -> None:
    first = queue_plain(session, "anna@example.com", "Hi", "Text", dedupe_key="order-1-ready")
    again = queue_plain(session, "anna@example.com", "Hi", "Text", dedupe_key="order-1-ready")
    session.commit()
    assert first is not None and again is None and count(session) == 1


def test_messages_without_a_key_are_all_kept(session: Session) -> None:
    queue_plain(session, "anna@example.com", "Hi", "Text")
    queue_plain(session, "anna@example.com", "Hi", "Text")
    session.commit()
    assert count(session) == 2


def test_concurrent_duplicates_insert_one_row_and_raise_nothing(app: Flask) -> None:
    factory = session_factory(app.extensions["db_engine"], write=True)
    start = threading.Barrier(4)

    def attempt(_: int) -> int | None:
        with factory() as session:
            start.wait()
            queued = queue_plain(session, "a@example.com", "Hi", "Text", dedupe_key="same")
            session.commit()
            return queued

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(attempt, range(4)))
    assert sum(result is not None for result in results) == 1
    with factory() as session:
        assert count(session) == 1


def test_forgetting_a_recipient_deletes_their_mail_only(session: Session) -> None:
    queue_plain(session, "anna@example.com", "Hi", "Text")
    queue_plain(session, "bob@example.com", "Hi", "Text")
    assert outbox.forget_recipient(session, "anna@example.com") == 1
    session.commit()
    assert session.scalars(select(OutboxMessage.recipient)).all() == ["bob@example.com"]


def test_a_request_session_remembers_only_what_it_committed(app: Flask) -> None:
    """What the after-request delivery sends: mail whose transaction committed."""
    with app.extensions["db_writers"]() as session:
        queue_plain(session, "a@example.com", "Rolled back", "Text")
        session.rollback()
        kept = queue_plain(session, "a@example.com", "Committed", "Text")
        assert dispatch.COMMITTED not in session.info
        session.commit()
        assert session.info[dispatch.COMMITTED] == [kept]
        assert outbox.QUEUED not in session.info
