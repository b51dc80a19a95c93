"""`edumetrics query`: read-only SQL on the database."""

from __future__ import annotations

import click

from extractor.cli.app import main
from extractor.cli.options import database_errors, db_option, format_option
from extractor.cli.output import write_rows
from extractor.store.database import database_url, open_database
from extractor.store.query import run_query


@main.command()
@click.argument("sql")
@format_option("table", "csv", "json")
@db_option
@database_errors
def query(sql: str, fmt: str, db: str | None) -> None:
    """Run one read-only SQL statement (SELECT or WITH ... SELECT) and print the rows.

    A statement that would write (INSERT, UPDATE, DELETE, DROP, PRAGMA ...) is refused;
    the connection is read-only at the database level too. Tables: documents, reports,
    claims, indicators (quote the columns "index", "start" and "end").

    \b
    Example:
      edumetrics query "select indicator, count(*) as n from claims group by indicator"
      edumetrics query "select d.name, c.text, c.sentence from claims c
        join documents d on d.id = c.document_id where c.indicator = 'retention_rate'" --format csv
    """
    engine = open_database(database_url(db))
    try:
        result = run_query(engine, sql)
    finally:
        engine.dispose()
    write_rows(result.columns, result.rows, fmt)
