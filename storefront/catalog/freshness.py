"""The catalog's version: it moves on whenever a session commits a write to stock or to the
catalog, and cached listings are kept per version, so none outlives the data it was read from.

With `STOREFRONT_CACHE_URL` set to a Redis, the version is shared: a stock change on one
server empties every server's listing caches at once. Without it, the version is this
process's own, and other workers and servers see a change when their entries expire.
"""

from __future__ import annotations

import itertools
import logging
from threading import Lock
from typing import Any, Protocol

import redis
from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction, sessionmaker

CATALOG_TABLES = frozenset(
    {
        "stock_level",
        "product",
        "variant",
        "category",
        "brand",
        "store",
        "opening_hours",
        "store_closure",
    }
)
CHANGED = "catalog_changed"

log = logging.getLogger(__name__)


class Version(Protocol):
    def current(self) -> int | None:
        """The version now, or None when it cannot be known (then nothing is cached)."""

    def bump(self) -> None: ...


class LocalVersion:
    def __init__(self) -> None:
        self._value = 0
        self._lock = Lock()

    def current(self) -> int | None:
        return self._value

    def bump(self) -> None:
        with self._lock:
            self._value += 1


class RedisVersion:
    def __init__(self, url: str, prefix: str) -> None:
        self._client = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        self._key = f"{prefix}:catalog-version"

    def current(self) -> int | None:
        try:
            return int(self._client.get(self._key) or 0)
        except redis.RedisError:
            log.warning("Redis does not answer: listings are read without their cache")
            return None

    def bump(self) -> None:
        try:
            self._client.incr(self._key)
        except redis.RedisError:
            log.exception("Redis does not answer: other servers' listings may lag")


def version_for(cache_url: str, prefix: str) -> Version:
    return RedisVersion(cache_url, prefix) if cache_url else LocalVersion()


def _touches_catalog(objects: Any) -> bool:
    return any(getattr(o, "__tablename__", None) in CATALOG_TABLES for o in objects)


def watch(factory: sessionmaker[Session], version: Version) -> None:
    """Move `version` on after each commit of a session from `factory` that wrote to stock or
    to the catalog, through the unit of work or an INSERT, UPDATE or DELETE statement."""

    @event.listens_for(factory, "after_flush")
    def _flushed(session: Session, _flush: UOWTransaction) -> None:
        if _touches_catalog(itertools.chain(session.new, session.dirty, session.deleted)):
            session.info[CHANGED] = True

    @event.listens_for(factory, "do_orm_execute")
    def _executed(state: ORMExecuteState) -> None:
        if state.is_insert or state.is_update or state.is_delete:
            table = getattr(state.statement, "table", None)
            if getattr(table, "name", None) in CATALOG_TABLES:
                state.session.info[CHANGED] = True

    @event.listens_for(factory, "after_commit")
    def _committed(session: Session) -> None:
        if session.info.pop(CHANGED, False):
            version.bump()

    @event.listens_for(factory, "after_rollback")
    def _rolled_back(session: Session) -> None:
        session.info.pop(CHANGED, None)
