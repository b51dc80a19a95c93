"""`edumetrics failures`: the files ingest could not store, and why."""

from __future__ import annotations

import csv
import io
import json

import click
from rich.table import Table
from rich.text import Text

from extractor.cli.app import main
from extractor.cli.options import database_errors, db_option, format_option, output_console
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
        rows = [{"path": r.path, "member": r.member, "reason": r.reason, "skipped": r.skipped,
                 "created_at": r.created_at.isoformat() if r.created_at else None}
                for r in list_failures(engine)]
    finally:
        engine.dispose()
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(rows)
        click.echo(out.getvalue(), nl=False)
    else:
        table = Table(title=f"{len(rows)} failures")
        for name in FIELDS:
            table.add_column(name)
        for row in rows:
            table.add_row(*(Text("" if row[name] is None else str(row[name])) for name in FIELDS))
        output_console().print(table)
