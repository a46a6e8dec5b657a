"""Send a request's mail once it has committed and answered; `flask outbox send` retries the
rest."""

from __future__ import annotations

from collections.abc import Iterable

import click
from flask import Flask, current_app, g
from flask.cli import AppGroup
from sqlalchemy import event
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response

from storefront.after_response import later
from storefront.config import Config
from storefront.outbox.delivery import MAX_ATTEMPTS, Report, deliver_pending
from storefront.outbox.rendering import renderer
from storefront.outbox.services import QUEUED
from storefront.outbox.transports import FolderTransport, SmtpTransport, Transport

outbox_cli = AppGroup("outbox", help="Email waiting to be sent.")
COMMITTED = "outbox_committed"  # Session.info: queued ids whose transaction committed


def transport_for(config: Config) -> Transport:
    """SMTP when configured; otherwise instance/mail/, so development needs no server."""
    if config.smtp_url:
        return SmtpTransport.from_url(config.smtp_url, starttls=config.smtp_starttls)
    return FolderTransport(config.instance_path / "mail")


def deliver(app: Flask, ids: Iterable[int] | None = None, *, retry_failed: bool = False) -> Report:
    config: Config = app.config["STOREFRONT"]
    return deliver_pending(
        app.extensions["db_writers"],
        transport_for(config),
        sender=config.mail_from,
        render=renderer(app),
        push=app.extensions.get("push_transport"),
        ids=ids,
        retry_failed=retry_failed,
    )


def _note_commit(session: Session) -> None:
    queued = session.info.pop(QUEUED, None)
    if queued:
        session.info.setdefault(COMMITTED, []).extend(queued)


def _forget_rollback(session: Session) -> None:
    session.info.pop(QUEUED, None)


def _deliver_quietly(app: Flask, ids: list[int]) -> None:
    try:
        deliver(app, ids)
    except SQLAlchemyError:
        # The change is committed and the mail waits in the outbox: `flask outbox send`
        # sends it later.
        app.logger.exception("Outbox delivery failed after the request")


def send_committed(app: Flask, db_session: Session) -> None:
    """Send what `db_session` committed, for work done outside a request. The session is
    closed first: on SQLite an open transaction holds the write lock delivery needs."""
    committed = db_session.info.pop(COMMITTED, None)
    if committed:
        db_session.close()
        _deliver_quietly(app, committed)


def init_app(app: Flask) -> None:
    """A request's committed mail is sent once its response is: the shopper does not wait
    for the mail server. Only committed messages count (a rolled-back one never existed);
    the request's session is closed by then."""
    writers = app.extensions["db_writers"]
    event.listen(writers, "after_commit", _note_commit)
    event.listen(writers, "after_rollback", _forget_rollback)

    @app.after_request
    def _send_what_this_request_committed(response: Response) -> Response:
        db_session = g.get("db_session")
        committed = db_session.info.pop(COMMITTED, None) if db_session is not None else None
        if committed:
            later(lambda: _deliver_quietly(app, committed))
        return response

    app.cli.add_command(outbox_cli)


@outbox_cli.command("send")
@click.option(
    "--retry-failed",
    is_flag=True,
    help=f"Also retry messages that failed {MAX_ATTEMPTS} times already.",
)
def send(retry_failed: bool) -> None:
    """Send pending email (run it from cron to retry what could not be sent at once)."""
    report = deliver(current_app, retry_failed=retry_failed)
    click.echo(f"Sent {report.sent} message(s), {report.failed} failed.")
    if report.failed:
        raise SystemExit(1)
