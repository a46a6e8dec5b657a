"""Static files: content-hashed copies, pre-compressed with gzip and brotli, served by WhiteNoise.

Each file under ``static/`` is copied once to ``<build>/<name>.<hash>.<ext>`` with ``.gz`` and
``.br`` siblings; a hashed name never changes content, so it is served as immutable. Templates
ask for ``asset_url("css/app.css")``. Building is skipped for files whose hashed copy exists.
"""

from __future__ import annotations

import gzip
import hashlib
import re
from pathlib import Path

import brotli
from flask import Flask
from whitenoise import WhiteNoise

COMPRESSIBLE = {".css", ".js", ".svg", ".json", ".txt", ".html", ".webmanifest", ".map"}
HASHED_NAME = re.compile(r"\.[0-9a-f]{12}\.[A-Za-z0-9]+$")


def build(source: Path, target: Path) -> dict[str, str]:
    manifest: dict[str, str] = {}
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        logical = path.relative_to(source).as_posix()
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()[:12]
        hashed = f"{path.stem}.{digest}{path.suffix}" if path.suffix else f"{path.name}.{digest}"
        relative = str(Path(logical).parent / hashed).removeprefix("./")
        manifest[logical] = relative
        out = target / relative
        if out.exists():
            continue
        out.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix in COMPRESSIBLE:
            _write_atomic(out.with_name(out.name + ".gz"), gzip.compress(data, 9, mtime=0))
            _write_atomic(out.with_name(out.name + ".br"), brotli.compress(data, quality=11))
        _write_atomic(out, data)
    return manifest


def _write_atomic(path: Path, data: bytes) -> None:
    """Two workers may build at once; a rename never leaves a half-written file behind."""
    tmp = path.with_name(f".{path.name}.{id(data)}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def init_app(app: Flask, source: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    manifest = build(source, target)

    def asset_url(name: str) -> str:
        return "/static/" + manifest[name]

    app.jinja_env.globals["asset_url"] = asset_url
    app.extensions["asset_url"] = asset_url
    app.wsgi_app = WhiteNoise(  # type: ignore[method-assign]
        app.wsgi_app,
        root=str(target),
        prefix="static/",
        immutable_file_test=lambda _path, url: bool(HASHED_NAME.search(url)),
        max_age=3600,
    )
