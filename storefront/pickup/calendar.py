"""An order's pickup slot as a calendar file (.ics), for the order page and the emails."""

from __future__ import annotations

from flask_babel import force_locale, gettext
from icalendar import Calendar, Event

from storefront.pickup.links import order_url
from storefront.pickup.models import PickupOrder
from storefront.pickup.rules import OrderStatus

PRODUCT_ID = "-//Cairn//Click and collect//EN"


def order_ics(order: PickupOrder) -> bytes:
    """One event in UTC, so every calendar shows it at the right local time.

    The UID never changes and SEQUENCE counts the order's history, so a calendar that
    imported the file before a reschedule or a cancellation updates the same event.
    `order.store` and `order.events` must be loaded.
    """
    store = order.store
    with force_locale(order.locale or "en"):
        summary = gettext("Pick up your Cairn order %(number)s", number=order.number)
        description = "\n".join(
            [
                gettext("Order %(number)s", number=order.number),
                gettext("Pickup code: %(code)s", code=order.pickup_code),
                gettext("Pay at the pickup desk."),
                order_url(order, external=True),
            ]
        )
    event = Event()
    event.add("uid", f"{order.number.lower()}@pickup.cairn")
    event.add("sequence", max(len(order.events) - 1, 0))
    event.add("dtstamp", order.updated_at)
    event.add("dtstart", order.slot_starts_at)
    event.add("dtend", order.slot_ends_at)
    event.add("summary", summary)
    event.add("description", description)
    event.add("location", f"Cairn {store.name}, {store.address}, {store.postcode} {store.city}")
    called_off = order.status in (OrderStatus.CANCELLED, OrderStatus.EXPIRED)
    event.add("status", "CANCELLED" if called_off else "CONFIRMED")
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    return calendar.to_ical()
