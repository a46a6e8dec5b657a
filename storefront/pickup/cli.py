"""Operator commands for pickups, safe to run every minute: `flask --app app pickups ...`."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from storefront import clock
from storefront.outbox.dispatch import deliver
from storefront.pickup import housekeeping

pickups_cli = AppGroup("pickups", help="Click & collect orders.")


def _send(mail: list[int]) -> str:
    """Send what the run queued now; what fails waits for `flask outbox send`."""
    if not mail:
        return ""
    report = deliver(current_app, mail)
    failed = f", {report.failed} to retry with `outbox send`" if report.failed else ""
    return f"; {report.sent} email(s) sent{failed}"


@pickups_cli.command("expire")
def expire_command() -> None:
    """Expire open orders not collected within their store's hold days after the slot
    (stock and slot released, shopper emailed), and free slot holds that ran out."""
    report = housekeeping.expire(current_app.extensions["db_writers"], clock.now())
    click.echo(
        f"Expired {report.done} order(s), {report.skipped} changed meanwhile;"
        f" freed {report.reclaimed} slot hold(s){_send(report.mail)}."
    )


@pickups_cli.command("remind")
def remind_command() -> None:
    """Email the pickup-day reminder of today's open orders, once each."""
    report = housekeeping.remind(current_app.extensions["db_writers"], clock.now())
    click.echo(
        f"Queued {report.done} reminder(s), {report.skipped} already sent or no longer due"
        f"{_send(report.mail)}."
    )
