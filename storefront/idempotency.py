"""A POST sent again with the same Idempotency-Key changes nothing the second time: the
phone app replays what the shopper did offline, and a replay may arrive twice (Background
Sync retrying, two tabs coming back online at once).

The key is written in the request's own transaction, so it commits with the change it
stands for (and rolls back with it); a second request with it finds the row and is
answered without running the view. On PostgreSQL the second INSERT waits for the first
transaction and then finds the row; on SQLite the write lock orders them.

Keys are kept for KEPT, longer than a phone keeps an action waiting, and each new key
sweeps out the expired ones, so the table stays as small as a week of replays.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from flask import Flask, Response, request
from sqlalchemy import DateTime, String, delete
from sqlalchemy.orm import Mapped, mapped_column

from storefront import clock, db
from storefront.db import Base

HEADER = "Idempotency-Key"
_KEY = re.compile(r"[A-Za-z0-9-]{16,64}")
KEPT = timedelta(days=7)


class RequestKey(Base):
    __tablename__ = "request_key"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)


def _claim() -> Response | None:
    if request.method != "POST" or HEADER not in request.headers:
        return None
    key = request.headers[HEADER]
    if not _KEY.fullmatch(key):
        return Response("The Idempotency-Key must be 16 to 64 letters, digits or dashes.", 400)
    session = db.session()
    session.execute(delete(RequestKey).where(RequestKey.created_at < clock.now() - KEPT))
    claimed = session.execute(
        db.insert(session, RequestKey)
        .values(key=key, created_at=clock.now())
        .on_conflict_do_nothing()
        .returning(RequestKey.key)
    ).scalar_one_or_none()
    if claimed is None:
        session.rollback()
        # Done before: say so, and leave the page as it is.
        return Response(status=200, headers={"HX-Reswap": "none", "Idempotent-Replay": "true"})
    return None


def init_app(app: Flask) -> None:
    app.before_request(_claim)
