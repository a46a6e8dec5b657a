"""Shared fixtures: an app on a fresh database per test (SQLite file, or PostgreSQL when
STOREFRONT_DATABASE_URL names one), its session and a test client."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from storefront import create_app
from storefront.config import Config
from storefront.db import make_engine, session_factory
from storefront.models import Base

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
            connection.execute(text(f"TRUNCATE {tables}, product_search RESTART IDENTITY CASCADE"))
        engine.dispose()
        return SERVER_URL
    target = tmp_path / "storefront.sqlite3"
    shutil.copyfile(schema_template.removeprefix("sqlite:///"), target)
    return f"sqlite:///{target}"


@pytest.fixture
def config(database_url: str, tmp_path: Path) -> Config:
    return Config.for_tests(database_url, tmp_path / "instance")


@pytest.fixture
def app(config: Config) -> Iterator[Flask]:
    app = create_app(config)
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
