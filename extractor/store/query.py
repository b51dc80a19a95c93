"""Read side of the database: ad-hoc read-only SQL.

`run_query` refuses a statement that writes twice over: by its words first (for a clear
message) and then by the database itself, which is told the connection is read-only
(SQLite `PRAGMA query_only`, PostgreSQL `SET TRANSACTION READ ONLY`); the transaction is
rolled back in any case.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import regex
from sqlalchemy import Engine
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from extractor.errors import StoreError
from extractor.store.database import reason

READ_STATEMENTS = frozenset({"SELECT", "WITH", "VALUES", "EXPLAIN"})
WRITE_WORDS = frozenset({
    "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "DROP", "CREATE", "ALTER", "TRUNCATE",
    "ATTACH", "DETACH", "VACUUM", "REINDEX", "ANALYZE", "PRAGMA", "GRANT", "REVOKE",
    "COPY", "CALL", "DO", "LOCK", "COMMIT", "ROLLBACK", "BEGIN", "SAVEPOINT", "RELEASE", "SET",
})
# what carries no keyword: string literals, quoted identifiers, comments
NOT_KEYWORDS = regex.compile(r"""
      '(?:[^']|'')*'          # 'string literal'
    | "(?:[^"]|"")*"          # "quoted identifier"
    | `[^`]*`                 # `quoted identifier`
    | \[[^\]]*\]              # [quoted identifier]
    | --[^\n]*                # line comment
    | /\*.*?(?:\*/|$)         # block comment
""", regex.VERBOSE | regex.DOTALL)
WORD = regex.compile(r"[A-Za-z_]+")


class ReadOnlyError(StoreError):
    """A statement that would change the database, refused by the query command."""


def refuse_writes(sql: str) -> None:
    """Raise ReadOnlyError unless `sql` is one reading statement (SELECT, WITH ... SELECT).

    >>> refuse_writes("select count(*) from claims where text = 'delete'")
    >>> refuse_writes("WITH old AS (SELECT 1) DELETE FROM claims")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    ...
    ReadOnlyError: refused: the query command only reads, and this statement would DELETE
    """
    words = [w.upper() for w in WORD.findall(NOT_KEYWORDS.sub(" ", sql))]
    if not words:
        raise ReadOnlyError("refused: no SQL statement given")
    for word in words:
        if word in WRITE_WORDS:
            raise ReadOnlyError(f"refused: the query command only reads, and this statement would {word}")
    if words[0] not in READ_STATEMENTS:
        raise ReadOnlyError(f"refused: the query command runs SELECT statements only, not {words[0]}")


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]


def run_query(engine: Engine, sql: str) -> QueryResult:
    """Run one reading SQL statement on a read-only connection and return every row."""
    refuse_writes(sql)
    try:
        with engine.connect() as connection:
            _make_read_only(connection)
            try:
                result = connection.exec_driver_sql(sql.strip().rstrip(";"))
                columns = list(result.keys())
                rows = [tuple(row) for row in result]
            finally:
                connection.rollback()
                _end_read_only(connection)
    except SQLAlchemyError as exc:
        message = reason(exc)
        if "readonly" in message or "read-only" in message:
            raise ReadOnlyError(f"refused by the database: the query command only reads ({message})") from exc
        raise StoreError(f"query failed: {message}") from exc
    return QueryResult(columns, rows)


def _make_read_only(connection: Connection) -> None:
    dialect = connection.dialect.name
    if dialect == "sqlite":
        connection.exec_driver_sql("PRAGMA query_only=ON")
    elif dialect == "postgresql":
        connection.exec_driver_sql("SET TRANSACTION READ ONLY")


def _end_read_only(connection: Connection) -> None:
    # the connection goes back to the pool: let the store write on it again
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("PRAGMA query_only=OFF")
        connection.rollback()
