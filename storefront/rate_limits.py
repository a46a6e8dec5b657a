"""Where rate limits are counted: said at start, so a Redis that does not answer is noticed
before the first attacker does."""

from __future__ import annotations

from flask import Flask

from storefront.extensions import limiter


def check_storage(app: Flask) -> None:
    """Warn when the configured storage does not answer: until it does, each process counts
    on its own (Flask-Limiter's in-memory fallback), so limits are per process."""
    storage = app.config["RATELIMIT_STORAGE_URI"]
    if storage.startswith("memory://"):
        return
    if not limiter.storage.check():
        app.logger.warning(
            "Rate-limit storage %s does not answer: limits count per process until it does.",
            storage.split("@")[-1],
        )
