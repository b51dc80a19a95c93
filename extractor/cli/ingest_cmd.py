"""`edumetrics ingest`: files -> the database."""

from __future__ import annotations

import click
from rich.table import Table
from rich.text import Text

from extractor.cli.app import main
from extractor.cli.extract_cmd import output_console
from extractor.cli.options import database_errors, db_option
from extractor.schema import describe
from extractor.store import IngestSummary, database_url, ingest_paths, open_database

STATUS_STYLE = {"stored": "green", "present": "dim", "skipped": "yellow", "failed": "red"}


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@database_errors
def ingest(paths: tuple[str, ...], db: str | None) -> None:
    """Extract report files and store documents, reports and claims in the database.

    Directories are read recursively. A file already stored (same bytes, by sha256)
    adds nothing; a file that cannot be read or decoded is reported with the reason and
    the batch goes on. The database is created or upgraded on first use. Exits with
    status 1 when some file failed.

    \b
    Example:
      edumetrics ingest data/samples
      edumetrics ingest reports/ more.html --db sqlite:///claims.db
    """
    engine = open_database(database_url(db))
    console = output_console()
    console.print(f"ingesting into {describe(engine)}", highlight=False)

    def progress(status: str, path: str, detail: str) -> None:
        line = Text.assemble((f"{status:8}", STATUS_STYLE[status]), f" {path}: {detail}")
        console.print(line, highlight=False)

    summary = ingest_paths(engine, paths, progress)
    engine.dispose()
    print_summary(summary)
    if summary.failed:
        raise SystemExit(1)


def print_summary(summary: IngestSummary) -> None:
    console = output_console()
    totals = Table(title="ingest summary", show_header=False)
    totals.add_column("what")
    totals.add_column("count", justify="right")
    for label, count in (("files read", summary.files), ("stored", len(summary.stored)),
                         ("already present", len(summary.already_present)),
                         ("skipped", len(summary.skipped)), ("failed", len(summary.failed)),
                         ("claims stored", sum(summary.claims_by_indicator.values())),
                         ("placeholders", summary.placeholders)):
        totals.add_row(label, str(count))
    console.print(totals)
    if summary.claims_by_indicator:
        by_indicator = Table(title="claims by indicator")
        by_indicator.add_column("indicator")
        by_indicator.add_column("claims", justify="right")
        for indicator, count in sorted(summary.claims_by_indicator.items(), key=lambda kv: (-kv[1], kv[0])):
            by_indicator.add_row(indicator, str(count))
        console.print(by_indicator)
    if summary.skipped or summary.failed:
        problems = Table(title="not stored")
        problems.add_column("path")
        problems.add_column("status")
        problems.add_column("reason")
        for status, items in (("failed", summary.failed), ("skipped", summary.skipped)):
            for path, reason in items:
                problems.add_row(Text(path), Text(status, STATUS_STYLE[status]), Text(reason))
        console.print(problems)
