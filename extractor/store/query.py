"""Read side of the database: one ad-hoc SQL statement, read-only and bounded.

What may run is decided by the database's own parser, never by a keyword list:

- SQLite: the existing file opened read-only (URI `mode=ro`, `PRAGMA query_only`), an
  authorizer that lets the statement read tables and call functions and nothing else (no
  ATTACH, no PRAGMA that sets, no write), and the sqlite3 module's one-statement rule.
- PostgreSQL: the statement becomes a server-side cursor (`DECLARE ... CURSOR FOR`, sent through
  the extended protocol: one statement, which PostgreSQL accepts only as a SELECT or VALUES
  without data-modifying WITH) inside a READ ONLY transaction, on a session whose default
  is read-only too (`default_transaction_read_only`), so nothing can end it and write after.

Each trip to the database (running the statement, then each fetch of CHUNK_ROWS rows) is
bounded by a timeout (SQLite: a progress handler; PostgreSQL: `statement_timeout`, and a
client-side watchdog that cancels the statement if the statement turned that setting off);
Ctrl-C stops it on both; rows come in chunks, so memory stays flat on a huge result. The
database must exist and be at the schema's head revision: nothing is created or migrated.
"""

from __future__ import annotations

import contextlib
import signal
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any, Protocol, TypeVar
from urllib.parse import quote

import psycopg
from alembic.runtime.migration import MigrationContext
from sqlalchemy import URL, Connection, Engine, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from extractor.errors import StoreError
from extractor.store.database import reason
from extractor.store.schema import head_revision, revision_standing

T = TypeVar("T")
Row = tuple[Any, ...]

DEFAULT_TIMEOUT = 5.0  # seconds the database may work before it returns rows
CHUNK_ROWS = 1000  # rows fetched per trip to the database
PROGRESS_STEPS = 1000  # SQLite virtual machine steps between two looks at the clock and Ctrl-C
WATCHDOG_GRACE = 1.0  # PostgreSQL: seconds after statement_timeout before the client cancels
CURSOR_NAME = "edumetrics_query"


class ReadOnlyError(StoreError):
    """A statement that would change the database (or is not one reading statement), refused."""


class QueryTimeout(StoreError):
    """A statement that ran past its timeout, stopped."""


@dataclass(frozen=True)
class QueryResult:
    """The statement's column names, and its rows as they are fetched (read them once)."""

    columns: list[str]
    rows: Iterator[Row]


class ReadOnlyDatabase:
    """An existing EduMetrics database at the head revision, opened read-only.

    Use it as a context manager; `run` one statement and read its rows before leaving.
    `warnings` says what the connection could still do beyond reading tables (a
    PostgreSQL superuser reads server files with a SELECT).
    """

    def __init__(self, url: str, timeout: float = DEFAULT_TIMEOUT) -> None:
        parsed = _parse(url)
        self.shown = parsed.render_as_string(hide_password=True)
        self.timeout = timeout
        self._engine = _read_only_engine(parsed, self.shown, timeout)
        self._cursor: Any = None
        try:
            self._connection = self._engine.connect()
        except SQLAlchemyError as exc:
            self._engine.dispose()
            raise StoreError(f"cannot open {self.shown}: {reason(exc)}") from exc
        try:
            require_head(self._connection, self.shown)
            self.warnings = _power_warnings(self._connection)
        except BaseException:
            self.close()
            raise

    def run(self, sql: str) -> QueryResult:
        """Run `sql`, one reading statement; its rows stream from the returned result."""
        driver = self._connection.connection.driver_connection
        if isinstance(driver, sqlite3.Connection):
            trips: _Trips = _SqliteTrips(driver, self.timeout)
            self._cursor = trips.call(lambda: driver.execute(sql))
        else:
            assert isinstance(driver, psycopg.Connection)
            driver.read_only = True  # BEGIN READ ONLY, on a session read-only by default too
            self._cursor = driver.cursor(name=CURSOR_NAME)
            trips = _PostgresTrips(driver, self.timeout, sql)
            trips.call(lambda: self._cursor.execute(sql))
        columns = [column[0] for column in self._cursor.description or ()]
        return QueryResult(columns, _stream(lambda: trips.call(lambda: self._cursor.fetchmany(CHUNK_ROWS))))

    def close(self) -> None:
        """Close the cursor and the connection (a PostgreSQL transaction is rolled back)."""
        for close in (getattr(self._cursor, "close", None), self._connection.close):
            # the connection is going anyway, and nothing was written to keep
            if close is not None:
                with contextlib.suppress(psycopg.Error, sqlite3.Error, SQLAlchemyError):
                    close()
        self._engine.dispose()

    def __enter__(self) -> ReadOnlyDatabase:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()


def _stream(fetch: Callable[[], Sequence[Row]]) -> Iterator[Row]:
    while chunk := fetch():
        yield from (tuple(row) for row in chunk)


# --- opening: an existing database, read-only, at the head revision ------------------------


def _parse(url: str) -> URL:
    try:
        return make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"bad database URL {url!r}: {exc}") from exc


def _read_only_engine(url: URL, shown: str, timeout: float) -> Engine:
    """An engine that opens one read-only connection (no pool) on the database of `url`."""
    backend = url.get_backend_name()
    try:
        if backend == "sqlite":
            path = _existing_sqlite_file(url, shown)
            return create_engine("sqlite://", creator=lambda: _open_sqlite(path, timeout), poolclass=NullPool)
        if backend == "postgresql":
            options = " ".join(filter(None, [str(url.query.get("options", "")), _postgres_options(timeout)]))
            return create_engine(url.difference_update_query(["options"]), poolclass=NullPool,
                                 connect_args={"options": options})
    except ArgumentError as exc:
        raise StoreError(f"bad database URL {shown!r}: {exc}") from exc
    except ImportError as exc:
        raise StoreError(f"no driver for database URL {shown!r}: {exc}") from exc
    raise StoreError(f"bad database URL {shown!r}: query reads SQLite and PostgreSQL databases only")


def _existing_sqlite_file(url: URL, shown: str) -> Path:
    if not url.database or url.database == ":memory:":
        raise StoreError(f"{shown} names no database file: query reads an existing one")
    path = Path(url.database).expanduser().absolute()
    if not path.is_file():
        raise StoreError(f"no database at {path}: query reads an existing database and creates none; "
                         f"make it with `edumetrics ingest FILES --db {shown}` first")
    return path


def _open_sqlite(path: Path, timeout: float) -> sqlite3.Connection:
    """The file opened read-only: SQLite refuses every write and creates nothing."""
    connection = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=timeout)
    connection.execute("PRAGMA query_only=ON")
    return connection


def _postgres_options(timeout: float) -> str:
    """Session settings sent with the connection: read-only by default, and bounded."""
    return f"-c default_transaction_read_only=on -c statement_timeout={max(1, round(timeout * 1000))}"


def require_head(connection: Connection, shown: str) -> None:
    """Raise StoreError, saying what to run, unless the database is at the head revision."""
    try:
        revision = MigrationContext.configure(connection).get_current_revision()
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read the schema version of {shown}: {reason(exc)}") from exc
    finally:
        connection.rollback()
    standing = revision_standing(revision)
    if standing == "head":
        return
    head = head_revision().revision
    if standing == "empty":
        raise StoreError(f"{shown} holds no EduMetrics tables, and query creates none: run "
                         f"`edumetrics ingest FILES --db {shown}` (or `edumetrics db upgrade --db {shown}`) "
                         "first")
    if standing == "older":
        raise StoreError(f"{shown} is at schema revision {revision}, and this edumetrics reads {head}; "
                         f"query migrates nothing: run `edumetrics db upgrade --db {shown}` first")
    raise StoreError(f"{shown} is at schema revision {revision}, newer than this edumetrics knows "
                     f"(its newest is {head}): upgrade edumetrics")


SERVER_FILE_ROLES = ("pg_read_server_files", "pg_write_server_files", "pg_execute_server_program")


def _power_warnings(connection: Connection) -> list[str]:
    """What a PostgreSQL login can do with a SELECT beyond reading the tables."""
    if connection.dialect.name != "postgresql":
        return []
    memberships = ", ".join(f"pg_has_role(current_user, '{role}', 'MEMBER')" for role in SERVER_FILE_ROLES)
    try:
        user, superuser, *member = connection.exec_driver_sql(
            "select current_user, (select rolsuper from pg_roles where rolname = current_user), "
            + memberships).one()
    finally:
        connection.rollback()
    advice = "run queries as a read-only role (README: \"A read-only role for queries\")"
    if superuser:
        return [f"connected to PostgreSQL as superuser {user!r}: a SELECT can still read server files "
                f"(pg_read_file) and signal server processes; {advice}"]
    roles = [role for role, granted in zip(SERVER_FILE_ROLES, member, strict=True) if granted]
    if roles:
        return [f"connected as {user!r}, a member of {', '.join(roles)}: a SELECT can reach the "
                f"server's files; {advice}"]
    return []


# --- trips to the database: bounded in time, stopped by Ctrl-C ----------------------------


class _Trips(Protocol):
    """Runs one call into the database at a time, bounded by the timeout."""

    def call(self, work: Callable[[], T]) -> T: ...


def _timed_out(timeout: float) -> QueryTimeout:
    return QueryTimeout(f"stopped: the statement ran past its timeout of {timeout:g} s; give it more "
                        "with --timeout SECONDS, or narrow it (WHERE, LIMIT)")


READ_ACTIONS = frozenset({sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION,
                          sqlite3.SQLITE_RECURSIVE})
# pragmas that only describe the schema, whatever their argument
READ_PRAGMAS = frozenset({"table_info", "table_xinfo", "table_list", "index_list", "index_info",
                          "index_xinfo", "foreign_key_list"})
# SQLite's authorizer action codes (sqlite3 shares some values with result codes: named here)
AUTHORIZER_ACTIONS = (
    "SQLITE_CREATE_INDEX", "SQLITE_CREATE_TABLE", "SQLITE_CREATE_TEMP_INDEX", "SQLITE_CREATE_TEMP_TABLE",
    "SQLITE_CREATE_TEMP_TRIGGER", "SQLITE_CREATE_TEMP_VIEW", "SQLITE_CREATE_TRIGGER", "SQLITE_CREATE_VIEW",
    "SQLITE_DELETE", "SQLITE_DROP_INDEX", "SQLITE_DROP_TABLE", "SQLITE_DROP_TEMP_INDEX",
    "SQLITE_DROP_TEMP_TABLE", "SQLITE_DROP_TEMP_TRIGGER", "SQLITE_DROP_TEMP_VIEW", "SQLITE_DROP_TRIGGER",
    "SQLITE_DROP_VIEW", "SQLITE_INSERT", "SQLITE_PRAGMA", "SQLITE_TRANSACTION", "SQLITE_UPDATE",
    "SQLITE_ATTACH", "SQLITE_DETACH", "SQLITE_ALTER_TABLE", "SQLITE_REINDEX", "SQLITE_ANALYZE",
    "SQLITE_CREATE_VTABLE", "SQLITE_DROP_VTABLE", "SQLITE_SAVEPOINT",
)
ACTION_NAMES = {getattr(sqlite3, name): name.removeprefix("SQLITE_").replace("_", " ")
                for name in AUTHORIZER_ACTIONS}


class _ReadsOnly:
    """A SQLite authorizer: reading and functions pass, anything else is denied and noted."""

    def __init__(self) -> None:
        self.denied: str | None = None

    def __call__(self, action: int, first: str | None, second: str | None,
                 database: str | None, trigger: str | None) -> int:
        if action in READ_ACTIONS or (action == sqlite3.SQLITE_PRAGMA and first in READ_PRAGMAS):
            return sqlite3.SQLITE_OK
        if self.denied is None:
            self.denied = _action(action, first)
        return sqlite3.SQLITE_DENY


def _action(action: int, first: str | None) -> str:
    """What a denied authorizer action asks for, for the message.

    >>> _action(sqlite3.SQLITE_DELETE, "claims")
    'DELETE on claims'
    >>> _action(sqlite3.SQLITE_PRAGMA, "query_only")
    'PRAGMA query_only'
    >>> _action(sqlite3.SQLITE_TRANSACTION, "COMMIT")
    'COMMIT'
    """
    if action == sqlite3.SQLITE_TRANSACTION and first:
        return first
    name = ACTION_NAMES.get(action, f"authorizer action {action}")
    if action in (sqlite3.SQLITE_PRAGMA, sqlite3.SQLITE_ATTACH) and first:
        return f"{name} {first}"
    if action in (sqlite3.SQLITE_INSERT, sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DELETE) and first:
        return f"{name} on {first}"
    return name


class _SqliteTrips:
    """SQLite: a progress handler ends a call that outlasts the timeout or that Ctrl-C stopped
    (Python runs its signal handlers only between the handler's calls into Python)."""

    def __init__(self, connection: sqlite3.Connection, timeout: float) -> None:
        self.timeout = timeout
        self.deadline = float("inf")
        self.timed_out = self.interrupted = False
        self.authorizer = _ReadsOnly()
        connection.set_authorizer(self.authorizer)
        connection.set_progress_handler(self._should_stop, PROGRESS_STEPS)

    def call(self, work: Callable[[], T]) -> T:
        self.deadline = time.monotonic() + self.timeout
        previous = _catch_sigint(self._on_sigint)
        try:
            done = work()
        except sqlite3.Error as exc:
            if self.interrupted:
                raise KeyboardInterrupt from exc
            raise self._refusal(exc) from exc
        finally:
            self.deadline = float("inf")
            _restore_sigint(previous)
        if self.interrupted:  # Ctrl-C just as the call ended
            raise KeyboardInterrupt
        return done

    def _should_stop(self) -> bool:
        if time.monotonic() > self.deadline:
            self.timed_out = True
        return self.timed_out or self.interrupted

    def _on_sigint(self, signum: int, frame: FrameType | None) -> None:
        self.interrupted = True

    def _refusal(self, exc: sqlite3.Error) -> StoreError:
        message = str(exc)
        if self.timed_out:
            return _timed_out(self.timeout)
        if isinstance(exc, sqlite3.ProgrammingError) and "one statement" in message:
            return ReadOnlyError("refused: the query command runs one statement at a time")
        if self.authorizer.denied is not None:
            return ReadOnlyError(f"refused: the query command only reads, and SQLite reads this "
                                 f"statement as {self.authorizer.denied}")
        if "readonly" in message:
            return ReadOnlyError(f"refused by the database: the query command only reads ({message})")
        return StoreError(f"query failed: {message}")


def _catch_sigint(handler: Callable[[int, FrameType | None], None]) -> Any:
    """Install `handler` for SIGINT; the handler before, or None when none was installed:
    outside the main thread (only it may), or when SIGINT is ignored (nohup, `&`)."""
    if threading.current_thread() is not threading.main_thread():
        return None
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        return None
    return signal.signal(signal.SIGINT, handler)


def _restore_sigint(previous: Any) -> None:
    if previous is not None:
        signal.signal(signal.SIGINT, previous)


class _PostgresTrips:
    """PostgreSQL: the session's statement_timeout bounds each call on the server; a watchdog
    thread cancels a call that outlasts it anyway (the statement may have changed the setting).
    Ctrl-C: psycopg cancels the running statement and raises KeyboardInterrupt."""

    def __init__(self, connection: psycopg.Connection[Any], timeout: float, sql: str) -> None:
        self.connection = connection
        self.timeout = timeout
        self.sql = sql
        self.fired = False

    def call(self, work: Callable[[], T]) -> T:
        watchdog = threading.Timer(self.timeout + WATCHDOG_GRACE, self._cancel)
        watchdog.daemon = True
        watchdog.start()
        try:
            return work()
        except psycopg.Error as exc:
            raise self._refusal(exc) from exc
        finally:
            watchdog.cancel()

    def _parses_alone(self) -> bool:
        """Whether PostgreSQL parses the statement on its own, out of the cursor (a Parse
        message: parsed, never run): then it is valid SQL, only not a reading statement."""
        try:
            self.connection.rollback()
        except psycopg.Error:
            return False
        parsed = self.connection.pgconn.prepare(b"", self.sql.encode(self.connection.info.encoding))
        return parsed.status == psycopg.pq.ExecStatus.COMMAND_OK

    def _cancel(self) -> None:
        self.fired = True
        self.connection.cancel_safe()

    def _refusal(self, exc: psycopg.Error) -> StoreError:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if isinstance(exc, psycopg.errors.QueryCanceled) and (self.fired or "statement timeout" in message):
            return _timed_out(self.timeout)
        if isinstance(exc, psycopg.errors.ReadOnlySqlTransaction):
            return ReadOnlyError(f"refused by the database: the query command only reads ({message})")
        if isinstance(exc, psycopg.errors.SyntaxError) and "multiple commands" in message:
            return ReadOnlyError("refused: the query command runs one statement at a time")
        if isinstance(exc, psycopg.errors.SyntaxError) and self._parses_alone():
            return ReadOnlyError("refused: the query command runs one SELECT, WITH ... SELECT or VALUES "
                                 "statement, and PostgreSQL reads this one as another kind")
        if isinstance(exc, psycopg.errors.FeatureNotSupported) and "DECLARE CURSOR" in message:
            return ReadOnlyError("refused: the query command only reads, and a part of this statement's WITH "
                                 f"writes (PostgreSQL: {message})")
        return StoreError(f"query failed: {message}")
