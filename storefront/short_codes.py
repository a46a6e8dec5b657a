"""Short codes shown on a screen and typed or scanned by a person: how they are derived from
a random nonce, read back, grouped and hashed; no Flask, no database."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime

# No 0/O/Q, 1/I/L or U/V to misread off a screen held across a counter or seen from afar.
ALPHABET = "23456789ABCDEFGHJKMNPRSTWXYZ"
LENGTH = 8  # 28**8: about 4 * 10**11 codes, for a few open at once, for minutes


def code_for(secret: bytes, nonce: str) -> str:
    """The code of a stored nonce, with the app's secret: the database alone (a backup, a
    leak) gives no code that opens anything, and the screen can show it again."""
    number = int.from_bytes(hmac.new(secret, nonce.encode(), hashlib.sha256).digest(), "big")
    digits = []
    for _ in range(LENGTH):
        number, digit = divmod(number, len(ALPHABET))
        digits.append(ALPHABET[digit])
    return "".join(digits)


def code_hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def typed_code(raw: str) -> str | None:
    """What a person typed or scanned, as a code; None when it cannot be one. Case, spaces
    and dashes do not matter, and a scanned link counts by its last part."""
    last = raw.strip().rstrip("/").rpartition("/")[2]
    code = "".join(c for c in last.upper() if c.isalnum())
    return code if len(code) == LENGTH and all(c in ALPHABET for c in code) else None


def grouped(code: str) -> str:
    """ "K7R4-MX2P": two groups of four read more easily aloud and type more surely."""
    half = LENGTH // 2
    return f"{code[:half]}-{code[half:]}"


def minutes_left(expires_at: datetime, now_utc: datetime) -> int:
    """Whole minutes, rounded up: "1 more minute" until the very end, never "0"."""
    seconds = (expires_at - now_utc).total_seconds()
    return max(0, -int(-seconds // 60))
