"""`flask db upgrade` builds exactly the schema the models describe, on either engine."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url

from storefront.catalog.search import is_search_table
from storefront.cli import alembic_config
from storefront.db import make_engine
from storefront.models import Base
from tests.conftest import SERVER_URL


@pytest.fixture
def empty_database(tmp_path: Path) -> Iterator[str]:
    if not SERVER_URL:
        yield f"sqlite:///{tmp_path / 'migrated.sqlite3'}"
        return
    url = make_url(SERVER_URL)
    name = f"{url.database}_migrations"
    admin = make_engine(SERVER_URL).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_upgrade_head_matches_the_models_and_downgrades_cleanly(empty_database: str) -> None:
    config = alembic_config(empty_database)
    command.upgrade(config, "head")
    engine = make_engine(empty_database)
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_name": lambda name, *_: not is_search_table(name)}
        )
        differences = compare_metadata(context, Base.metadata)
        assert differences == []
        assert "product_search" in inspect(connection).get_table_names()
    command.downgrade(config, "base")
    with engine.connect() as connection:
        assert set(inspect(connection).get_table_names()) <= {"alembic_version"}
    engine.dispose()
