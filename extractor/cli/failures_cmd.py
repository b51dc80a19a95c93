"""`edumetrics failures`: the files ingest could not store, and why."""

from __future__ import annotations

from extractor.cli.app import main
from extractor.cli.options import database_errors, db_option, format_option
from extractor.cli.output import write_rows
from extractor.store.database import database_url, open_database
from extractor.store.failures import list_failures

FIELDS = ("path", "member", "reason", "skipped", "created_at")


@main.command()
@db_option
@format_option("table", "csv", "json")
@database_errors
def failures(db: str | None, fmt: str) -> None:
    """List the files (or archive members) that ingest could not store, with the reason.

    \b
    Example:
      edumetrics failures
      edumetrics failures --format csv > failures.csv
    """
    engine = open_database(database_url(db))
    try:
        rows = [(r.path, r.member, r.reason, r.skipped, r.created_at.isoformat() if r.created_at else None)
                for r in list_failures(engine)]
    finally:
        engine.dispose()
    write_rows(FIELDS, rows, fmt, title=f"{len(rows)} failures")
