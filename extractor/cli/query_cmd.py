"""`edumetrics query`: one read-only SQL statement on an existing database."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from itertools import islice

import click

from extractor.cli.app import main
from extractor.cli.options import database_errors, db_option, format_option
from extractor.cli.output import write_rows
from extractor.store.database import database_url
from extractor.store.query import DEFAULT_TIMEOUT, ReadOnlyDatabase, Row

TABLE_ROWS = 1000  # rows a table shows; CSV and JSON write every row


@main.command()
@click.argument("sql")
@format_option("table", "csv", "json")
@db_option
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True, max=86400), default=DEFAULT_TIMEOUT,
              show_default=True, metavar="SECONDS",
              help="Stop the statement when the database works this long without returning rows.")
@database_errors
def query(sql: str, fmt: str, db: str | None, timeout: float) -> None:
    """Run one read-only SQL statement (SELECT, WITH ... SELECT, VALUES) and print its rows.

    The database must exist and be at the current schema revision (else: `edumetrics
    ingest` or `edumetrics db upgrade`); query creates, migrates and writes nothing. The
    database itself refuses anything but one reading statement (SQLite: a read-only
    file; PostgreSQL: a cursor in a read-only transaction; on PostgreSQL, connect as a
    read-only role). Rows stream: csv and json write every row, a table shows the first
    1000. Ctrl-C stops the statement (exit status 130). Tables: documents, reports,
    claims, indicators (quote the columns "index", "start" and "end").

    \b
    Example:
      edumetrics query "select indicator, count(*) as n from claims group by indicator"
      edumetrics query "select d.name, c.text, c.sentence from claims c
        join documents d on d.id = c.document_id where c.indicator = 'retention_rate'" --format csv
      edumetrics query "select * from claims" --db postgresql+psycopg://reader@db/edu --timeout 30
    """
    try:
        with ReadOnlyDatabase(database_url(db), timeout) as database:
            for warning in database.warnings:
                click.echo(f"warning: {warning}", err=True)
            result = database.run(sql)
            if fmt == "table":
                _write_table(result.columns, result.rows)
            else:
                write_rows(result.columns, result.rows, fmt)
            sys.stdout.flush()
    except KeyboardInterrupt:
        click.echo("query interrupted", err=True)
        raise SystemExit(128 + signal.SIGINT) from None
    except BrokenPipeError:  # the reader (head, less) has gone: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(128 + signal.SIGPIPE) from None


def _write_table(columns: list[str], rows: Iterator[Row]) -> None:
    """The first TABLE_ROWS rows as a table; a note on stderr when there are more (the
    rest is not fetched)."""
    shown = list(islice(rows, TABLE_ROWS + 1))
    write_rows(columns, shown[:TABLE_ROWS], "table")
    if len(shown) > TABLE_ROWS:
        click.echo(f"showing the first {TABLE_ROWS} rows; the statement returns more: "
                   "use --format csv or json for every row, or LIMIT", err=True)
