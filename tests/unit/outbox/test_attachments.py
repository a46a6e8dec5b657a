"""Files sent with an email: attached when it is sent, and kept with what was sent."""

from email import message_from_bytes, policy

from flask import Flask
from sqlalchemy.orm import Session

from storefront.outbox import services as outbox
from storefront.outbox.models import OutboxMessage
from tests.outbox_mail import deliver_plain, queue_plain
from tests.unit.outbox.test_delivery import Recorder

CALENDAR = outbox.Attachment("order.ics", "text/calendar", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
PNG = outbox.Attachment("code.png", "image/png", b"\x89PNG\r\n\x1a\n\x00\xff")


def test_attachments_are_kept_with_the_message_and_sent_with_it(
    app: Flask, session: Session
) -> None:
    message_id = queue_plain(
        session, "anna@example.com", "Hi", "Text", "<p>Html</p>", attachments=[CALENDAR, PNG]
    )
    session.commit()
    session.rollback()

    transport = Recorder()
    deliver_plain(app.extensions["db_engine"], transport)
    session.expire_all()
    stored = session.get_one(OutboxMessage, message_id).attachments or []
    assert [a["filename"] for a in stored] == ["order.ics", "code.png"]  # what was sent

    [email] = transport.sent
    received = message_from_bytes(email.as_bytes(), policy=policy.default)
    assert received.get_body(("plain",)).get_content().strip() == "Text"
    assert received.get_body(("html",)).get_content().strip() == "<p>Html</p>"
    files = {
        part.get_filename(): (part.get_content_type(), part.get_payload(decode=True))
        for part in received.iter_attachments()
    }
    assert files == {
        "order.ics": ("text/calendar", CALENDAR.content),
        "code.png": ("image/png", PNG.content),
    }


def test_a_message_without_attachments_stays_a_plain_alternative(
    app: Flask, session: Session
) -> None:
    queue_plain(session, "anna@example.com", "Hi", "Text", "<p>Html</p>")
    session.commit()
    transport = Recorder()
    deliver_plain(app.extensions["db_engine"], transport)
    [email] = transport.sent
    assert email.get_content_type() == "multipart/alternative"
    assert list(email.iter_attachments()) == []
