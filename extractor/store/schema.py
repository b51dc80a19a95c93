"""Database connection and schema version: engines, Alembic upgrades, drift check.

Every engine comes from `create_database_engine`, which turns foreign keys on for
SQLite. Schema changes run through the Alembic scripts of the `migrations` package on
a connection of that engine, inside one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from extractor.errors import EduMetricsError
from extractor.migrations import alembic_config
from extractor.models.tables import metadata


class StoreError(EduMetricsError):
    """A database that cannot be opened, migrated, written or queried; says why."""


def create_database_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets foreign keys enforced on every connection."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"bad database URL {url!r}: {exc}") from exc
    shown = parsed.render_as_string(hide_password=True)
    try:
        engine = create_engine(parsed)
    except ArgumentError as exc:
        raise StoreError(f"bad database URL {shown!r}: {exc}") from exc
    except ImportError as exc:
        raise StoreError(f"no driver for database URL {shown!r}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_foreign_keys)
    return engine


def _sqlite_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def reason(exc: SQLAlchemyError) -> str:
    """The database's own message, without SQLAlchemy's statement and link lines."""
    original = getattr(exc, "orig", None)
    return str(original if original is not None else exc).splitlines()[0]


def describe(engine: Engine) -> str:
    """The engine's URL without its password, for messages."""
    return engine.url.render_as_string(hide_password=True)


@dataclass(frozen=True)
class Revision:
    revision: str
    doc: str


def head_revision() -> Revision:
    """The newest revision of the shipped migrations."""
    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_revision(script.get_current_head())
    assert head is not None, "the migrations package has no revision"
    return Revision(head.revision, head.doc)


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at; None for an empty (or new) database."""
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read the schema version of {describe(engine)}: {reason(exc)}") from exc


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database up to `revision`, in one transaction."""
    _run(engine, "upgrade", revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Migrate the database down to `revision` ("base" removes every table)."""
    _run(engine, "downgrade", revision)


def _run(engine: Engine, direction: str, revision: str) -> None:
    step = command.upgrade if direction == "upgrade" else command.downgrade
    try:
        with engine.begin() as connection:
            step(alembic_config(connection), revision)
    except CommandError as exc:
        raise StoreError(f"cannot {direction} {describe(engine)} to {revision!r}: {exc}") from exc
    except SQLAlchemyError as exc:
        raise StoreError(f"{direction} of {describe(engine)} failed: {reason(exc)}") from exc


def schema_drift(engine: Engine) -> list[Any]:
    """The differences between models.tables and the database's schema (empty: none)."""
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "compare_server_default": True})
            return list(compare_metadata(context, metadata))
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read the schema of {describe(engine)}: {reason(exc)}") from exc
