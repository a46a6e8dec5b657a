"""Declarative base, engine set-up and the per-request session."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import Flask, current_app, g, has_request_context, request
from sqlalchemy import DateTime, MetaData, TypeDecorator, create_engine, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect, Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# A cart, wishlist or checkout hold belongs to an account or to a guest token, never both.
OWNED_BY_ONE = "(account_id IS NULL) <> (guest_token IS NULL)"


def insert(session: Session, entity: Any) -> postgresql.Insert | sqlite.Insert:
    """An INSERT in the session's dialect, for its ON CONFLICT clauses (both dialects
    spell them alike)."""
    dialect = sqlite if session.get_bind().dialect.name == "sqlite" else postgresql
    return dialect.insert(entity)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class UtcDateTime(TypeDecorator[datetime]):
    """An instant, always read back as an aware UTC datetime (SQLite returns naive ones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})
        _make_sqlite_transactional(engine)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _make_sqlite_transactional(engine: Engine) -> None:
    """Let SQLAlchemy, not pysqlite, emit BEGIN, so writers can take the lock up front.

    A deferred transaction that reads and then writes can fail with "database is locked"
    when another writer got there first; BEGIN IMMEDIATE makes writers queue on the busy
    timeout instead. Sessions opt in with the ``sqlite_immediate`` execution option.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA busy_timeout = 30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get("sqlite_immediate", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def session_factory(engine: Engine, *, write: bool) -> sessionmaker[Session]:
    bind = engine.execution_options(sqlite_immediate=True) if write else engine
    return sessionmaker(bind=bind, expire_on_commit=False)


def init_app(app: Flask, url: str) -> None:
    engine = make_engine(url)
    app.extensions["db_engine"] = engine
    app.extensions["db_readers"] = session_factory(engine, write=False)
    app.extensions["db_writers"] = session_factory(engine, write=True)
    app.teardown_appcontext(_close_session)


def engine() -> Engine:
    return current_app.extensions["db_engine"]


def session() -> Session:
    """The request's session: a writer for unsafe methods, a reader otherwise."""
    if "db_session" not in g:
        write = not has_request_context() or request.method not in SAFE_METHODS
        factory = current_app.extensions["db_writers" if write else "db_readers"]
        g.db_session = factory()
    return g.db_session


def unavailable() -> bool:
    """Whether this request found the database away: pages then render without it."""
    return bool(g.get("database_unavailable"))


def render_without_database() -> None:
    """An error page follows, and the error may be the database's: render it without."""
    g.database_unavailable = True


def give_up_session() -> None:
    """The database is away: render without it, and let the request's session go without
    a round trip (its connection is dropped, not reused)."""
    render_without_database()
    db_session = g.pop("db_session", None)
    if db_session is not None:
        _drop(db_session)


def _drop(db_session: Session) -> None:
    try:
        db_session.invalidate()
    except Exception:  # a dead connection may fail even to close: it is gone either way
        current_app.logger.debug("Dropping a broken database session failed", exc_info=True)


def _close_session(_exc: BaseException | None) -> None:
    """End the request's session. The response is built by now: a database that went away
    meanwhile loses only the closing rollback, so the page is still sent."""
    db_session = g.pop("db_session", None)
    if db_session is None:
        return
    try:
        db_session.close()
    except DBAPIError:
        current_app.logger.warning("The database went away as a request ended", exc_info=True)
        _drop(db_session)
