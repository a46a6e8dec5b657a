"""Alembic environment: the database URL comes from the storefront's configuration."""

from alembic import context

from storefront.catalog.search import is_search_table
from storefront.config import Config
from storefront.db import make_engine
from storefront.models import Base

config = context.config
url = config.get_main_option("sqlalchemy.url") or Config.from_env().database_url


def run_migrations() -> None:
    connectable = make_engine(url).execution_options(sqlite_immediate=True)
    with connectable.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
            include_name=lambda name, *_: not is_search_table(name),
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations()
