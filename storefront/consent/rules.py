"""The consent code: how it is made, typed, shown and checked; no Flask, no database."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta

from storefront.messages import N_, Decision, Message

LIFETIME = timedelta(minutes=30)
# No 0/O/Q, 1/I/L or U/V to misread off a phone held across a counter.
ALPHABET = "23456789ABCDEFGHJKMNPRSTWXYZ"
LENGTH = 8  # 28**8: about 4 * 10**11 codes, for a few open at once, for 30 minutes, staff only


def code_for(secret: bytes, nonce: str) -> str:
    """The consent's code, from its random nonce and the app's secret: the database alone
    (a backup, a leak) gives no code that opens a list."""
    number = int.from_bytes(hmac.new(secret, nonce.encode(), hashlib.sha256).digest(), "big")
    digits = []
    for _ in range(LENGTH):
        number, digit = divmod(number, len(ALPHABET))
        digits.append(ALPHABET[digit])
    return "".join(digits)


def code_hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def typed_code(raw: str) -> str | None:
    """What an associate typed or scanned, as a code; None when it cannot be one. Case,
    spaces and dashes do not matter, and a scanned link counts by its last part."""
    last = raw.strip().rstrip("/").rpartition("/")[2]
    code = "".join(c for c in last.upper() if c.isalnum())
    return code if len(code) == LENGTH and all(c in ALPHABET for c in code) else None


def grouped(code: str) -> str:
    """ "K7R4-MX2P": two groups of four read more easily aloud and type more surely."""
    half = LENGTH // 2
    return f"{code[:half]}-{code[half:]}"


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


def minutes_left(expires_at: datetime, now_utc: datetime) -> int:
    """Whole minutes, rounded up: "1 more minute" until the very end, never "0"."""
    seconds = (expires_at - now_utc).total_seconds()
    return max(0, -int(-seconds // 60))
