"""How long a consent code opens a list, and why it no longer does; no Flask, no database.

The code itself is a `storefront.short_codes` code."""

from __future__ import annotations

from datetime import datetime, timedelta

from storefront.messages import N_, Decision, Message

LIFETIME = timedelta(minutes=30)


def check_open(expires_at: datetime, revoked_at: datetime | None, now_utc: datetime) -> Decision:
    if revoked_at is not None:
        return Decision.refuse(
            Message(N_("The shopper stopped sharing this list. Ask them to show a new code."))
        )
    if now_utc >= expires_at:
        return Decision.refuse(
            Message(N_("This code has expired. Ask the shopper to show a new one."))
        )
    return Decision.allow()
