"""Product images and other uploaded media, kept as local files under instance/media.

Every URL to a file carries a hash of its content (`?v=`), added by url_for itself: a
browser keeps the file for a year without asking again, and a changed file gets a new URL.
A URL without the current hash (an old page, a hand-typed link) is still answered, cached
for a day as before, so a replaced image shows within a day there too.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from threading import Lock
from typing import Any

from flask import Flask, Response, request, send_from_directory
from werkzeug.security import safe_join

YEAR = 365 * 86400
DAY = 86400


def media_root(app: Flask) -> Path:
    return Path(app.instance_path) / "media"


class ContentVersions:
    """A short hash of each file's content, recomputed only when its size or mtime moves."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self._known: dict[str, tuple[int, int, str]] = {}
        self._lock = Lock()

    def of(self, filename: str) -> str | None:
        path = safe_join(str(self._root), filename)
        if path is None:
            return None
        try:
            stat = Path(path).stat()
        except OSError:
            return None
        known = self._known.get(filename)
        if known and known[:2] == (stat.st_size, stat.st_mtime_ns):
            return known[2]
        digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]
        with self._lock:
            self._known[filename] = (stat.st_size, stat.st_mtime_ns, digest)
        return digest


def init_app(app: Flask) -> None:
    root = media_root(app)
    versions = ContentVersions(root)

    @app.url_defaults
    def _content_hash(endpoint: str, values: dict[str, Any]) -> None:
        if endpoint == "media" and "v" not in values:
            version = versions.of(str(values.get("filename", "")))
            if version is not None:
                values["v"] = version

    @app.get("/media/<path:filename>")
    def media(filename: str) -> Response:
        asked = request.args.get("v")
        current = asked is not None and asked == versions.of(filename)
        response = send_from_directory(root, filename, max_age=YEAR if current else DAY)
        if current:
            response.cache_control.immutable = True
        return response
