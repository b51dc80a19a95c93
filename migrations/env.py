"""Alembic environment: every revision targets the single metadata of models.tables."""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection

from extractor.models.tables import metadata

config = context.config
if config.config_file_name is not None:  # the development alembic.ini
    fileConfig(config.config_file_name)



def run_migrations_offline() -> None:
    """Emit SQL instead of running it (`alembic upgrade head --sql`)."""
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=metadata,
                      literal_binds=True, render_as_batch=True, compare_type=True,
                      compare_server_default=True)
    with context.begin_transaction():
        context.run_migrations()


def run_on(connection: Connection) -> None:
    # the options autogenerate and the drift check compare with
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                      compare_type=True, compare_server_default=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_on(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no database: set sqlalchemy.url or pass a connection")
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", lambda dbapi, _: dbapi.execute("PRAGMA foreign_keys=ON"))
    with engine.connect() as connection:
        run_on(connection)
        connection.commit()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
