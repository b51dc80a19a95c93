"""`edumetrics ingest`: files -> the database, with worker processes."""

from __future__ import annotations

import time

import click
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from extractor.batch import BatchSummary, Event, default_jobs, ingest_parallel
from extractor.cli import failures_cmd  # noqa: F401  (registers `edumetrics failures`)
from extractor.cli.app import main
from extractor.cli.options import database_errors, db_option, output_console
from extractor.schema import describe
from extractor.store import IngestSummary, database_url, open_database

STATUS_STYLE = {"stored": "green", "present": "dim", "skipped": "yellow", "failed": "red"}
PLAIN_EVERY_SECONDS = 5.0


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes that read and extract. [default: all cores]")
@click.option("--quiet", "-q", is_flag=True, help="Print only the final summary.")
@database_errors
def ingest(paths: tuple[str, ...], db: str | None, jobs: int | None, quiet: bool) -> None:
    """Extract report files and store documents, reports and claims in the database.

    Directories are read recursively, and .zip, .tar and .tar.gz archives member by
    member (nested one level); .txt, .md, .html, .docx and .pdf are read, other types
    are listed as skipped. Worker processes decode and extract; this
    process stores the results. A file already stored (same bytes, by sha256) is
    recognised before extraction and adds nothing, so rerunning an interrupted ingest
    stores only what is missing. A file that cannot be read or decoded is recorded in
    the `failures` table (see `edumetrics failures`) and the batch goes on. The database
    is created or upgraded on first use. Exits with status 1 when some file failed.

    \b
    Example:
      edumetrics ingest data/samples
      edumetrics ingest reports/ more.html --db sqlite:///claims.db --jobs 4
      edumetrics ingest province.zip --db postgresql+psycopg://me@db.example/edu
    """
    engine = open_database(database_url(db))
    console = output_console()
    jobs = jobs or default_jobs()
    if not quiet:
        console.print(f"ingesting into {describe(engine)} with {jobs} job(s)", highlight=False)
    started = time.monotonic()
    totals = {"files": 0, "bytes": 0, "claims": 0}
    last_line = [started]

    def count(event: Event) -> None:
        totals["files"] += 1
        totals["bytes"] += event.size
        totals["claims"] += event.claims

    def rate_line() -> str:
        elapsed = max(time.monotonic() - started, 1e-9)
        mb = totals["bytes"] / 1e6
        return (f"{totals['files']} files, {mb:.1f} MB, {totals['claims']} claims, "
                f"{mb / elapsed:.2f} MB/s, {totals['files'] / elapsed:.1f} files/s")

    try:
        if quiet:
            summary = ingest_parallel(engine, paths, jobs, count)
        elif console.is_terminal:
            with Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
                          TextColumn("{task.fields[mb]:.1f} MB · {task.fields[claims]} claims · "
                                     "{task.fields[rate]}"),
                          TimeElapsedColumn(), console=console, transient=True) as bar:
                task = bar.add_task("ingest", total=None, mb=0.0, claims=0, rate="")

                def on_event(event: Event) -> None:
                    count(event)
                    if event.status == "failed":
                        line = Text.assemble(("failed  ", "red"), f" {event.display}: {event.detail}")
                        bar.console.print(line, highlight=False)
                    elapsed = max(time.monotonic() - started, 1e-9)
                    rate = (f"{totals['bytes'] / 1e6 / elapsed:.2f} MB/s, "
                            f"{totals['files'] / elapsed:.0f} files/s")
                    bar.update(task, completed=totals["files"], mb=totals["bytes"] / 1e6,
                               claims=totals["claims"], rate=rate)

                summary = ingest_parallel(engine, paths, jobs, on_event)
        else:
            def on_line(event: Event) -> None:
                count(event)
                console.print(Text.assemble((f"{event.status:8}", STATUS_STYLE[event.status]),
                                            f" {event.display}: {event.detail}"), highlight=False)
                now = time.monotonic()
                if now - last_line[0] >= PLAIN_EVERY_SECONDS:
                    last_line[0] = now
                    console.print(f"progress: {rate_line()}", highlight=False)

            summary = ingest_parallel(engine, paths, jobs, on_line)
    except KeyboardInterrupt:
        engine.dispose()
        console.print("interrupted: every document stored so far is complete; run the same command "
                      "again to store the rest", highlight=False)
        raise SystemExit(130) from None
    engine.dispose()
    print_summary(summary, time.monotonic() - started)
    if summary.failed:
        raise SystemExit(1)


def print_summary(summary: IngestSummary, seconds: float | None = None) -> None:
    console = output_console()
    totals = Table(title="ingest summary", show_header=False)
    totals.add_column("what")
    totals.add_column("count", justify="right")
    for label, count in (("files read", summary.files), ("stored", summary.stored),
                         ("already present", summary.already_present),
                         ("skipped", len(summary.skipped)), ("failed", len(summary.failed)),
                         ("claims stored", sum(summary.claims_by_indicator.values())),
                         ("placeholders", summary.placeholders)):
        totals.add_row(label, str(count))
    console.print(totals)
    if isinstance(summary, BatchSummary) and seconds is not None:
        console.print(f"{summary.bytes / 1e6:.1f} MB in {seconds:.1f} s, "
                      f"{summary.bytes / 1e6 / max(seconds, 1e-9):.2f} MB/s")
    if summary.claims_by_indicator:
        by_indicator = Table(title="claims by indicator")
        by_indicator.add_column("indicator")
        by_indicator.add_column("claims", justify="right")
        for indicator, count in sorted(summary.claims_by_indicator.items(), key=lambda kv: (-kv[1], kv[0])):
            by_indicator.add_row(indicator, str(count))
        console.print(by_indicator)
    if isinstance(summary, BatchSummary) and summary.timings:
        slowest = Table(title="slowest files")
        slowest.add_column("file")
        slowest.add_column("seconds", justify="right")
        for secs, display in summary.slowest():
            slowest.add_row(Text(display), f"{secs:.3f}")
        console.print(slowest)
    if summary.skipped or summary.failed:
        problems = Table(title="not stored")
        problems.add_column("path")
        problems.add_column("status")
        problems.add_column("reason")
        for status, items in (("failed", summary.failed), ("skipped", summary.skipped)):
            for path, reason in items:
                problems.add_row(Text(path), Text(status, STATUS_STYLE[status]), Text(reason))
        console.print(problems)
