"""The emails an order sends, each once: queued in the outbox with a dedupe key."""

from __future__ import annotations

import enum
import io
from typing import Any
from zoneinfo import ZoneInfo

import segno
from flask import current_app
from flask_babel import force_locale, gettext
from sqlalchemy.orm import Session

from storefront.accounts.rules import first_name
from storefront.messages import N_
from storefront.outbox import services as outbox
from storefront.pickup.calendar import order_ics
from storefront.pickup.links import order_url
from storefront.pickup.models import PickupOrder
from storefront.pickup.rules import expires_at


class Notice(enum.StrEnum):
    CONFIRMED = "confirmed"
    RESCHEDULED = "rescheduled"
    READY = "ready"
    REMINDER = "reminder"
    ADJUSTED = "adjusted"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


_SUBJECTS = {
    Notice.CONFIRMED: N_("Order %(number)s is confirmed: pickup at %(store)s"),
    Notice.RESCHEDULED: N_("Order %(number)s: your new pickup time"),
    Notice.READY: N_("Order %(number)s is ready for pickup"),
    Notice.REMINDER: N_("Today: pick up order %(number)s at %(store)s"),
    Notice.ADJUSTED: N_("Order %(number)s has changed: an item is missing"),
    Notice.CANCELLED: N_("Order %(number)s is cancelled"),
    Notice.EXPIRED: N_("Order %(number)s has expired"),
}
# Changes an order can go through more than once, each worth its own email.
_REPEATABLE = (Notice.RESCHEDULED, Notice.ADJUSTED)


def dedupe_key(order_id: int, notice: Notice, change: int | None = None) -> str:
    """One email per order and notice, whoever or however many workers queue it; a
    reschedule or an adjustment is keyed by the history event that recorded it (`change`),
    so each distinct change is told once."""
    return f"pickup-{order_id}-{notice}" + (f"-{change}" if change is not None else "")


def notify(session: Session, order: PickupOrder, notice: Notice) -> None:
    """Queue the email for `notice` about `order` in the current transaction, in the
    language the shopper ordered in."""
    config = current_app.config["STOREFRONT"]
    locale = order.locale if order.locale in config.languages else config.default_locale
    context = _context(order, notice, order_url(order, external=True))
    # An app context of its own, as for account emails: what the page cached for its own
    # language (translations, the money format on `g`) stays out of the email.
    with current_app.app_context(), force_locale(locale):
        subject = gettext(_SUBJECTS[notice], number=order.number, store=order.store.name)
        text, html = (
            current_app.jinja_env.get_template(f"emails/pickup_{notice}.{kind}").render(
                subject=subject, **context
            )
            for kind in ("txt", "html")
        )
        attachments = _attachments(order, notice)
    outbox.queue(
        session,
        order.email,
        subject,
        text,
        html,
        dedupe_key=dedupe_key(
            order.id, notice, order.events[-1].id if notice in _REPEATABLE else None
        ),
        attachments=attachments,
    )


def _context(order: PickupOrder, notice: Notice, link: str) -> dict[str, Any]:
    zone = ZoneInfo(order.store.timezone)
    starts = order.slot_starts_at.astimezone(zone)
    return {
        "name": first_name(order.customer_name),
        "order": order,
        "store": order.store,
        "starts": starts,
        "ends": order.slot_ends_at.astimezone(zone),
        "day": starts.date(),
        "link": link,
        "hold_days": order.store.pickup_hold_days,
        "kept_until": expires_at(order.slot_ends_at, order.store.pickup_hold_days).astimezone(zone),
        "missing": [line for line in order.lines if line.missing],
        "by_shopper": notice is Notice.CANCELLED and order.events[-1].actor == "shopper",
    }


def _attachments(order: PickupOrder, notice: Notice) -> list[outbox.Attachment]:
    """The calendar file with the booking and every new time; the code as a QR image to
    show at the desk once the order is ready."""
    if notice in (Notice.CONFIRMED, Notice.RESCHEDULED):
        return [outbox.Attachment(f"{order.number}.ics", "text/calendar", order_ics(order))]
    if notice is Notice.READY:
        return [outbox.Attachment(f"{order.number}-code.png", "image/png", qr_png(order))]
    return []


def qr_png(order: PickupOrder) -> bytes:
    """The pickup code as staff scan it at the desk; segno writes PNG without Pillow."""
    buffer = io.BytesIO()
    segno.make(order.pickup_code, error="m").save(buffer, kind="png", scale=10, border=2)
    return buffer.getvalue()
