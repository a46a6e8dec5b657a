"""Shelf locations as files and feeds give them: short free text, "" for none."""

from __future__ import annotations

import unicodedata
from typing import Any

from storefront.inventory.models import MAX_LOCATION

# Control and format characters (tabs, line breaks, bidi overrides) would garble a label or
# spoof the text around it; line and paragraph separators break it over lines.
REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})


def parse_location(raw: Any) -> str:
    """Where a store keeps a SKU, such as "Aisle 12, bay 3": "" (or null) clears it."""
    if raw is None:
        return ""
    if type(raw) is not str:
        raise ValueError('must be text, such as "Aisle 12, bay 3"')
    if any(unicodedata.category(char) in REFUSED_CATEGORIES for char in raw):
        raise ValueError("holds a control character (a tab, a line break...), which is refused")
    text = raw.strip()
    if len(text) > MAX_LOCATION:
        raise ValueError(f"longer than {MAX_LOCATION} characters")
    return text
