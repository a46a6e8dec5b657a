"""Kiosk rules: how long a pairing link lives, how long a screen may sit idle, its name.

Pure functions; decisions come back as values with a message the store manager reads.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta
from enum import Enum

from storefront.messages import N_, Decision, Message

PAIRING_VALID_FOR = timedelta(minutes=15)
DEFAULT_IDLE_SECONDS = 90
# Long enough to read a product page, short enough that the next shopper finds a clean screen.
IDLE_SECONDS_MIN, IDLE_SECONDS_MAX = 30, 900
COUNTDOWN_SECONDS = 10  # the "Still there?" overlay, after the idle time
NAME_MAX = 60


class PairingState(Enum):
    OPEN = "open"
    EXPIRED = "expired"
    USED = "used"


def pairing_state(expires_at: datetime, paired_at: datetime | None, now: datetime) -> PairingState:
    """A link pairs one screen, once, before it expires; the used case wins over expiry so
    the manager learns the screen is already paired rather than being told to hurry."""
    if paired_at is not None:
        return PairingState.USED
    return PairingState.OPEN if now < expires_at else PairingState.EXPIRED


PAIRING_REFUSALS = {
    PairingState.EXPIRED: Message(
        N_("This pairing link has expired: links work for 15 minutes. Ask for a new one.")
    ),
    PairingState.USED: Message(
        N_("This pairing link was already used: each link pairs one screen. Ask for a new one.")
    ),
}


def clean_name(raw: str) -> str:
    return " ".join(raw.split())


def check_name(name: str) -> Decision:
    """`name` already cleaned."""
    if not name:
        return Decision.refuse(Message(N_("Give the kiosk a name, such as “Entrance”.")))
    if len(name) > NAME_MAX:
        return Decision.refuse(Message(N_("Use at most %(max)d characters."), max=NAME_MAX))
    if any(unicodedata.category(char).startswith("C") for char in name):
        return Decision.refuse(Message(N_("Use letters, numbers, spaces and punctuation only.")))
    return Decision.allow()


def parse_idle_seconds(raw: str) -> int | Message:
    """A whole number of seconds within the bounds, or why not."""
    bounds = Message(
        N_("Enter a whole number of seconds from %(min)d to %(max)d."),
        min=IDLE_SECONDS_MIN,
        max=IDLE_SECONDS_MAX,
    )
    text = raw.strip()
    if not (text.isascii() and text.isdigit() and len(text) <= 4):
        return bounds
    seconds = int(text)
    return seconds if IDLE_SECONDS_MIN <= seconds <= IDLE_SECONDS_MAX else bounds


HANDOFF_VALID_FOR = timedelta(minutes=10)
HANDOFF_POLL_SECONDS = 2  # the kiosk asks this often whether the phone has answered


class HandoffState(Enum):
    OPEN = "open"  # waiting for a phone
    USED = "used"  # the cart taken, or the showing approved
    WITHDRAWN = "withdrawn"  # the phone stopped showing its lists
    EXPIRED = "expired"


def handoff_state(
    expires_at: datetime, used_at: datetime | None, withdrawn_at: datetime | None, now: datetime
) -> HandoffState:
    """A code works once, within its ten minutes; once used, what it did lasts for the
    visit (until withdrawn), whatever the clock says."""
    if withdrawn_at is not None:
        return HandoffState.WITHDRAWN
    if used_at is not None:
        return HandoffState.USED
    return HandoffState.OPEN if now < expires_at else HandoffState.EXPIRED


HANDOFF_REFUSALS = {
    HandoffState.EXPIRED: Message(
        N_("This kiosk code has expired: codes work for 10 minutes. Ask the kiosk for a new one.")
    ),
    HandoffState.USED: Message(
        N_("This kiosk code was already used: each code works once. Ask the kiosk for a new one.")
    ),
    HandoffState.WITHDRAWN: Message(
        N_("This kiosk code was already used: each code works once. Ask the kiosk for a new one.")
    ),
}
UNKNOWN_HANDOFF = Message(
    N_(
        "This kiosk code is not known: it may be mistyped, or the kiosk was reset since. "
        "Ask the kiosk for a new one."
    )
)
