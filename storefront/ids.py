"""Row ids from URLs and forms, kept within the id columns' range (PostgreSQL INTEGER): a
larger number cannot name one of our rows, so it is refused before any query sees it."""

from __future__ import annotations

from typing import Any

from flask import request
from werkzeug.routing import IntegerConverter, Map

MAX_ID = 2**31 - 1


def parse_id(raw: str | None) -> int | None:
    """A positive id as typed; None for anything else ("", "-1", "1e9", "abc", 10**20)."""
    raw = raw or ""
    if not (raw.isascii() and raw.isdigit()) or len(raw) > len(str(MAX_ID)):
        return None
    value = int(raw)
    return value if 0 < value <= MAX_ID else None


def form_id(name: str) -> int | None:
    return parse_id(request.form.get(name))


class IdConverter(IntegerConverter):
    """`<int:...>` in every route: 1 to MAX_ID, anything else is a 404 like an unknown id."""

    def __init__(self, url_map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min", 1)
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)
