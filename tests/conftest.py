"""Shared fixtures: an app on a fresh database per test (SQLite file, or PostgreSQL when
STOREFRONT_DATABASE_URL names one), its session and a test client."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

import storefront.clock
from storefront import create_app
from storefront.accounts import passwords
from storefront.clock import SetClock
from storefront.config import Config
from storefront.db import make_engine, session_factory
from storefront.models import Base
from tests.forms import csrf

SERVER_URL = os.environ.get("STOREFRONT_DATABASE_URL", "")


@pytest.fixture(scope="session")
def schema_template(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Create the schema once: a SQLite file copied per test, or the PostgreSQL database."""
    url = SERVER_URL or f"sqlite:///{tmp_path_factory.mktemp('schema') / 'template.sqlite3'}"
    engine = make_engine(url)
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    engine.dispose()
    return url


@pytest.fixture
def database_url(schema_template: str, tmp_path: Path) -> str:
    if SERVER_URL:
        engine = make_engine(SERVER_URL)
        tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
        with engine.begin() as connection:
            # A request of the previous test's server still in flight would hold its locks
            # and make TRUNCATE wait for ever: end every other connection to this database.
            connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )
            connection.execute(text(f"TRUNCATE {tables}, product_search RESTART IDENTITY CASCADE"))
        engine.dispose()
        return SERVER_URL
    target = tmp_path / "storefront.sqlite3"
    shutil.copyfile(schema_template.removeprefix("sqlite:///"), target)
    return f"sqlite:///{target}"


@pytest.fixture
def config(database_url: str, tmp_path: Path) -> Config:
    return Config.for_tests(database_url, tmp_path / "instance")


class FinishingClient(FlaskClient):
    """Each request runs to its end before the call returns, as on a server once the
    response is sent: the work left for after the response (mail) is done by then."""

    def open(self, *args: Any, **kwargs: Any) -> TestResponse:
        kwargs.setdefault("buffered", True)
        return super().open(*args, **kwargs)


def make_app(config: Config) -> Flask:
    """The app as tests drive it: its test clients finish each request."""
    app = create_app(config)
    app.test_client_class = FinishingClient
    return app


@pytest.fixture
def app(config: Config) -> Iterator[Flask]:
    app = make_app(config)
    yield app
    app.extensions["db_engine"].dispose()


@pytest.fixture
def session(app: Flask) -> Iterator[Session]:
    """A writing session for arranging data; tests commit what the app must see."""
    factory = session_factory(app.extensions["db_engine"], write=True)
    with factory() as db_session:
        yield db_session


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


PASSWORD = "correct horse battery"


@pytest.fixture
def clock() -> Iterator[SetClock]:
    """The app's clock for this test, at the real time until the test sets or moves it."""
    with storefront.clock.using(SetClock(datetime.now(UTC))) as set_clock:
        yield set_clock


@pytest.fixture(autouse=True)
def fast_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2 at production cost spends a quarter of a second per hash, on purpose; tests
    hash with the smallest cost. The argon2 parameters themselves are tested on their own."""
    monkeypatch.setattr(
        passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    )


class AuthActions:
    """Sign up, in and out through the real forms, like flaskr's AuthActions, so any
    domain's tests can act as a signed-in shopper: `auth.sign_up("a@example.com")`."""

    def __init__(self, client: FlaskClient) -> None:
        self._client = client

    def csrf_token(self) -> str:
        return csrf(self._client, "/account/sign-in")

    def sign_up(
        self, email: str = "shopper@example.com", password: str = PASSWORD, name: str = ""
    ) -> TestResponse:
        data = {"email": email, "password": password, "name": name}
        return self._client.post("/account/sign-up", data={**data, "csrf_token": self.csrf_token()})

    def sign_in(
        self,
        email: str = "shopper@example.com",
        password: str = PASSWORD,
        *,
        remember: bool = False,
        next: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> TestResponse:
        data = {"email": email, "password": password, "csrf_token": self.csrf_token()}
        if remember:
            data["remember"] = "1"
        if next is not None:
            data["next"] = next
        return self._client.post("/account/sign-in", data=data, headers=headers or {})

    def sign_out(self) -> TestResponse:
        return self._client.post("/account/sign-out", data={"csrf_token": self.csrf_token()})


@pytest.fixture
def auth(client: FlaskClient) -> AuthActions:
    return AuthActions(client)
