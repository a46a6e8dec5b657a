"""Product images and other uploaded media, kept as local files under instance/media."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, Response, send_from_directory


def media_root(app: Flask) -> Path:
    return Path(app.instance_path) / "media"


def init_app(app: Flask) -> None:
    root = media_root(app)

    @app.get("/media/<path:filename>")
    def media(filename: str) -> Response:
        return send_from_directory(root, filename, max_age=86400)
