"""Opening the database: which URL, one engine factory, and the schema made current.

`connect` is the one place an engine is made (SQLite gets foreign keys on every
connection); `open_database` is what a command that writes uses: it connects, migrates
the schema to the newest revision and brings the indicator rows up to the catalog.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from extractor.errors import StoreError

ENV_VARIABLE = "EDUMETRICS_DATABASE_URL"
DEFAULT_URL = "sqlite:///edumetrics.db"


def database_url(cli_value: str | None = None) -> str:
    """The database to use: --db, else $EDUMETRICS_DATABASE_URL, else ./edumetrics.db.

    A value without a scheme is a SQLite file path.

    >>> database_url("sqlite:////tmp/x.db")
    'sqlite:////tmp/x.db'
    >>> database_url("/tmp/x.db")
    'sqlite:////tmp/x.db'
    """
    value = cli_value or os.environ.get(ENV_VARIABLE) or DEFAULT_URL
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser()}"


def connect(url: str) -> Engine:
    """An engine for `url` (nothing is opened yet); SQLite enforces foreign keys."""
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


def connect_existing(url: str) -> Engine:
    """An engine on a database that exists: a SQLite URL naming no file is a StoreError
    (connecting would create it), never an empty file left behind."""
    parsed = make_url(url) if "://" in url else None
    if parsed is not None and parsed.get_backend_name() == "sqlite":
        name = parsed.database or ""
        if name in ("", ":memory:") or not Path(name).is_file():
            raise StoreError(f"no database at {url}: run `edumetrics ingest PATH --db {url}` to make one")
    return connect(url)


def open_database(url: str) -> Engine:
    """An engine on `url`, its schema upgraded to head and its indicator rows current."""
    from extractor.store.indicators import sync_indicators
    from extractor.store.schema import current_revision, head_revision, upgrade

    engine = connect(url)
    if current_revision(engine) != head_revision().revision:
        upgrade(engine)
    sync_indicators(engine)
    return engine


def reason(exc: SQLAlchemyError) -> str:
    """The database's own message, without SQLAlchemy's statement and link lines."""
    original = getattr(exc, "orig", None)
    return str(original if original is not None else exc).splitlines()[0]


def describe(engine: Engine) -> str:
    """The engine's URL without its password, for messages."""
    return engine.url.render_as_string(hide_password=True)
