"""`edumetrics failures`: the files ingest could not store, and why.

By default only the failures that stand; `--all` adds those a later ingest resolved (it
stored the file, or failed it for another reason), with the time in `resolved_at`."""

from __future__ import annotations

import click

from extractor.cli.app import main
from extractor.cli.options import database_errors, db_option, format_option
from extractor.cli.output import write_rows
from extractor.models.tables import FailureRow
from extractor.sources.names import printable
from extractor.store.database import database_url, open_database
from extractor.store.failures import list_failures

FIELDS = ("path", "member", "reason", "skipped", "created_at")
HISTORY_FIELDS = (*FIELDS, "resolved_at")


@main.command()
@db_option
@format_option("table", "csv", "json")
@click.option("--all", "everything", is_flag=True,
              help="Also the failures a later ingest resolved, with their resolved_at.")
@database_errors
def failures(db: str | None, fmt: str, everything: bool) -> None:
    """List the files (or archive members) that ingest could not store, with the reason.

    A failure stands until an ingest reads the same file again and stores it (or finds
    it stored), or fails it for another reason; it is then kept as history, shown
    with --all.

    \b
    Example:
      edumetrics failures
      edumetrics failures --format csv > failures.csv
      edumetrics failures --all
    """
    engine = open_database(database_url(db))
    try:
        found = [failure_dict(row) for row in list_failures(engine, everything)]
    finally:
        engine.dispose()
    fields = HISTORY_FIELDS if everything else FIELDS
    rows = [tuple(row[name] for name in fields) for row in found]
    title = f"{len(rows)} failures" + (" (resolved ones too)" if everything else "")
    write_rows(fields, rows, fmt, title=title)


def failure_dict(row: FailureRow) -> dict[str, object]:
    """A row's fields, names and reason in their safe form (rows stored before names
    were made safe may still hold control characters)."""
    return {"path": printable(row.path), "member": row.member and printable(row.member),
            "reason": printable(row.reason), "skipped": row.skipped,
            "created_at": row.created_at.isoformat() if row.created_at else None,
            "resolved_at": row.resolved_at.isoformat() if row.resolved_at else None}
