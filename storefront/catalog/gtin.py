"""GTINs (EAN-8, UPC-A, EAN-13, GTIN-14): reading one, and finding the forms it is kept in.
Pure: no Flask, no database."""

from __future__ import annotations

import re
from typing import Any

LENGTHS = (8, 12, 13, 14)


def check_digit(body: str) -> int:
    """The GS1 check digit for the digits before it (weights 3,1,3... from the right)."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def parse(raw: Any) -> str:
    """A GTIN-8/12/13/14 with a valid check digit, kept at the length given; spaces and
    dashes as printed under a barcode are dropped."""
    digits = re.sub(r"[\s-]", "", str(raw if raw is not None else "").strip())
    if not digits.isdigit() or len(digits) not in LENGTHS:
        raise ValueError(f"{digits[:20]!r} is not 8, 12, 13 or 14 digits")
    if check_digit(digits[:-1]) != int(digits[-1]):
        raise ValueError(f"{digits} has a wrong check digit")
    return digits


def forms(gtin: str) -> set[str]:
    """The same number at every GTIN length it can be written in: a UPC-A scanned as the
    EAN-13 "0" + 12 digits, or a GTIN-14 with a leading 0, is the same product."""
    padded = gtin.zfill(14)
    return {padded[14 - length :] for length in LENGTHS if padded[: 14 - length].strip("0") == ""}
