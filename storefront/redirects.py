"""Where a form may send the browser back to: only paths on this site."""

from __future__ import annotations


def safe_next(target: str | None) -> str:
    """`target` when it is a path on this site, else "/".

    "//evil.example" and "/\\evil" are other hosts to a browser, and browsers drop tabs and
    newlines from URLs, so "/\\t/evil.example" is one too: refuse control characters.
    """
    if not target or not target.startswith("/") or target.startswith("//"):
        return "/"
    if "\\" in target or any(ord(char) < 0x20 or ord(char) == 0x7F for char in target):
        return "/"
    return target
