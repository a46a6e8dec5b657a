"""The emails an order sends, each once: queued in the outbox with a dedupe key."""

from __future__ import annotations

import enum
import io
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from storefront.accounts.rules import first_name
from storefront.messages import N_
from storefront.outbox import services as outbox
from storefront.outbox.rendering import Composer, Letter
from storefront.pickup.calendar import order_ics
from storefront.pickup.links import code_qr, order_url
from storefront.pickup.models import OrderEvent, PickupOrder
from storefront.pickup.rules import expires_at
from storefront.push import services as push


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
READY_PUSH = "push_pickup_ready"  # the one notice also sent to phones that asked for it
# Changes an order can go through more than once, each worth its own email.
_REPEATABLE = (Notice.RESCHEDULED, Notice.ADJUSTED)


def dedupe_key(order_id: int, notice: Notice, change: int | None = None) -> str:
    """One email per order and notice, whoever or however many workers queue it; a
    reschedule or an adjustment is keyed by the history event that recorded it (`change`),
    so each distinct change is told once."""
    return f"pickup-{order_id}-{notice}" + (f"-{change}" if change is not None else "")


def notify(session: Session, order: PickupOrder, notice: Notice) -> None:
    """Queue the email for `notice` about `order` in the current transaction, in the
    language the shopper ordered in; it is written when sent (`compose`)."""
    event_id = order.events[-1].id if order.events else None
    outbox.queue(
        session,
        order.email,
        f"pickup_{notice}",
        locale=order.locale,
        params={"order_id": order.id, "event_id": event_id},
        dedupe_key=dedupe_key(order.id, notice, event_id if notice in _REPEATABLE else None),
    )
    if notice is Notice.READY:
        push.notify(
            session, push_topic(order), READY_PUSH, {"order_id": order.id}, locale=order.locale
        )


def push_topic(order: PickupOrder) -> str:
    return f"order-{order.id}"


def _ready_push(session: Session, params: Mapping[str, Any]) -> Letter | None:
    """ "Your order is ready at Lyon Part-Dieu": a tap opens the order with its code."""
    order = session.get(PickupOrder, params["order_id"])
    if order is None:
        return None
    return Letter(
        N_("Your order is ready"),
        {
            "body": N_("Order %(number)s is ready at %(store)s. Show your code at the desk."),
            "body_values": {"number": order.number, "store": order.store.name},
            "url": order_url(order, external=True),
        },
    )


def compose(notice: Notice) -> Composer:
    """The email for `notice` as the order is when it is sent."""

    def letter(session: Session, params: Mapping[str, Any]) -> Letter | None:
        order = session.get(PickupOrder, params["order_id"])
        if order is None:
            return None
        event = session.get(OrderEvent, params["event_id"]) if params["event_id"] else None
        return Letter(
            _SUBJECTS[notice],
            _context(order, notice, event, order_url(order, external=True)),
            {"number": order.number, "store": order.store.name},
            _attachments(order, notice),
        )

    return letter


COMPOSERS: dict[str, Composer] = {f"pickup_{notice}": compose(notice) for notice in Notice}
COMPOSERS[READY_PUSH] = _ready_push


def _context(
    order: PickupOrder, notice: Notice, event: OrderEvent | None, link: str
) -> dict[str, Any]:
    zone = ZoneInfo(order.store.timezone)
    # A reschedule tells the time it chose, even if the order has moved again since.
    slot_start = (event.slot_starts_at if event else None) or order.slot_starts_at
    slot_end = slot_start + (order.slot_ends_at - order.slot_starts_at)
    starts = slot_start.astimezone(zone)
    return {
        "name": first_name(order.customer_name),
        "order": order,
        "store": order.store,
        "starts": starts,
        "ends": slot_end.astimezone(zone),
        "day": starts.date(),
        "link": link,
        "hold_days": order.store.pickup_hold_days,
        "kept_until": expires_at(slot_end, order.store.pickup_hold_days).astimezone(zone),
        "missing": [line for line in order.lines if line.missing],
        "by_shopper": notice is Notice.CANCELLED and event is not None and event.actor == "shopper",
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
    code_qr(order.pickup_code).save(buffer, kind="png", scale=10, border=4)
    return buffer.getvalue()
