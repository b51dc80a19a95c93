"""`edumetrics ingest`: files -> the database, with worker processes."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text
from sqlalchemy import Engine

from extractor.cli import failures_cmd  # noqa: F401  (registers `edumetrics failures`)
from extractor.cli.app import main
from extractor.cli.options import database_errors, db_option, output_console
from extractor.cli.output import outcome_line, shown
from extractor.ingest.batch import Event, IngestSummary, default_jobs, ingest_paths
from extractor.ingest.worker import Limits
from extractor.sources.read import input_size
from extractor.store.database import database_url, describe, open_database
from extractor.vocab import collector_resting, load_all

STATUS_STYLE = {"stored": "green", "present": "dim", "skipped": "yellow", "failed": "red", "refused": "red"}
PLAIN_EVERY_SECONDS = 5.0
NOT_STORED = ("failed", "skipped", "refused")  # the outcomes printed one by one, as they come


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes that read and extract. [default: all cores]")
@click.option("--file-timeout", type=click.FloatRange(min=0, min_open=True), default=Limits.seconds,
              show_default=True, metavar="SECONDS",
              help="Wall time to extract one file; a file that takes longer is stopped (its worker "
                   "killed) and recorded as failed.")
@click.option("--worker-memory", type=click.IntRange(min=64), default=Limits.memory_mb, show_default=True,
              metavar="MB", help="Memory a worker may take for one file, beyond what it holds idle; a file "
                                 "that needs more is recorded as failed.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the final summary.")
@database_errors
def ingest(paths: tuple[str, ...], db: str | None, jobs: int | None, file_timeout: float, worker_memory: int,
           quiet: bool) -> None:
    """Extract report files and store documents, reports and claims in the database.

    Directories are read recursively, and .zip, .tar and .tar.gz archives member by
    member (nested one level); .txt, .md, .html, .docx and .pdf are read, other types
    are listed as skipped. Worker processes decode and extract, each file within a wall
    time and a memory bound; this process stores the results. A file already stored
    (same bytes, by sha256) is recognised before extraction and adds nothing, so
    rerunning an interrupted ingest stores only what is missing. A file that cannot be
    read, decoded or extracted within the limits is recorded in the `failures` table (see
    `edumetrics failures`) and the batch goes on; so is a claim whose value the database
    cannot hold, while the rest of its file is stored. The database is created or
    upgraded on first use. Exits with status 1 when something was not stored, 130 when
    stopped by Ctrl-C and 143 by SIGTERM (the documents extracted by then are stored).

    \b
    Example:
      edumetrics ingest data/samples
      edumetrics ingest reports/ more.html --db sqlite:///claims.db --jobs 4
      edumetrics ingest province.zip --db postgresql+psycopg://me@db.example/edu
    """
    with collector_resting(freeze=True):
        load_all()  # a broken data file stops the ingest here, not in every worker
    engine = open_database(database_url(db))
    console = output_console()
    jobs = jobs or default_jobs()
    if not quiet:
        console.print(f"ingesting into {describe(engine)} with {jobs} job(s)", highlight=False)
    tally = Tally(input_size(paths))
    run = Run(engine, paths, jobs, Limits(file_timeout, worker_memory))
    try:
        with _terminate_as_interrupt():
            summary = _run(run, tally, console, quiet)
    except KeyboardInterrupt as stop:
        engine.dispose()
        console.print("interrupted: the documents extracted so far are stored; run the same command "
                      "again to store the rest", highlight=False)
        raise SystemExit(128 + getattr(stop, "signum", signal.SIGINT)) from None
    engine.dispose()
    print_summary(summary, tally.elapsed())
    if summary.failed or summary.refused:
        raise SystemExit(1)


@dataclass(frozen=True)
class Run:
    """What one ingest reads, into which database, with how many workers and limits."""

    engine: Engine
    paths: tuple[str, ...]
    jobs: int
    limits: Limits

    def __call__(self, listener: Callable[[Event], None]) -> IngestSummary:
        return ingest_paths(self.engine, self.paths, self.jobs, listener, self.limits)


def _run(run: Run, tally: Tally, console: Console, quiet: bool) -> IngestSummary:
    if quiet:
        return run(tally.add)
    if console.is_terminal:
        return _ingest_with_bar(run, tally, console)
    return _ingest_with_lines(run, tally, console)


class Terminated(KeyboardInterrupt):
    """SIGTERM (kill, a service manager stopping the job), handled as Ctrl-C is: the
    queued files are cancelled, the running ones finish, the workers end."""

    signum = signal.SIGTERM


def _interrupt(signum: int, frame: object) -> None:
    raise Terminated


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM raises Terminated while the ingest runs (in the main thread: only it may
    set handlers); the handler before is put back after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@dataclass
class Tally:
    """How far an ingest has come: files, bytes and claims done, and of the inputs'
    bytes on disk (`total_disk`, read.input_size) how many are done, for the ETA."""

    total_disk: int
    started: float = field(default_factory=time.monotonic)
    files: int = 0
    bytes: int = 0
    claims: int = 0
    disk: int = 0

    def add(self, event: Event) -> None:
        if event.status == "refused":  # a claim of a file counted as stored
            return
        self.files += 1
        self.bytes += event.size
        self.claims += event.claims
        self.disk += event.disk_bytes

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def rate(self) -> str:
        elapsed = max(self.elapsed(), 1e-9)
        return f"{self.bytes / 1e6 / elapsed:.2f} MB/s, {self.files / elapsed:.0f} files/s"

    def seconds_left(self) -> float | None:
        """At the speed so far; None before anything is done."""
        if self.disk <= 0 or self.total_disk <= 0:
            return None
        return self.elapsed() * max(self.total_disk - self.disk, 0) / self.disk

    def line(self) -> str:
        done = f"{self.files} files, {self.bytes / 1e6:.1f} MB, {self.claims} claims, {self.rate()}"
        left = self.seconds_left()
        if left is None:
            return done
        share = min(self.disk / self.total_disk, 1.0)
        return (f"{done}; {share:.0%} of {self.total_disk / 1e6:.1f} MB on disk, "
                f"about {_clock(left)} left")


def _clock(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


def _ingest_with_bar(run: Run, tally: Tally, console: Console) -> IngestSummary:
    """A Rich progress bar over the inputs' bytes on disk; files not stored printed above it."""
    with Progress(TextColumn("[bold]ingest"), BarColumn(), TaskProgressColumn(),
                  TextColumn("{task.fields[files]} files · {task.fields[mb]:.1f} MB · "
                             "{task.fields[claims]} claims · {task.fields[rate]}"),
                  TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                  console=console, transient=True) as bar:
        task = bar.add_task("ingest", total=tally.total_disk or None, files=0, mb=0.0, claims=0, rate="")

        def on_event(event: Event) -> None:
            tally.add(event)
            if event.status in NOT_STORED:
                bar.console.print(_outcome_line(event), highlight=False)
            bar.update(task, completed=tally.disk, files=tally.files, mb=tally.bytes / 1e6,
                       claims=tally.claims, rate=tally.rate())

        return run(on_event)


def _ingest_with_lines(run: Run, tally: Tally, console: Console) -> IngestSummary:
    """Output that is no terminal (a log): each file not stored, and a progress line
    every PLAIN_EVERY_SECONDS."""
    last_line = [tally.started]

    def on_event(event: Event) -> None:
        tally.add(event)
        if event.status in NOT_STORED:
            console.print(_outcome_line(event), highlight=False)
        now = time.monotonic()
        if now - last_line[0] >= PLAIN_EVERY_SECONDS:
            last_line[0] = now
            console.print(f"progress: {tally.line()}", highlight=False)

    return run(on_event)


def _outcome_line(event: Event) -> Text:
    return outcome_line(f"{event.status:8}", STATUS_STYLE[event.status], event.display, event.detail)


def print_summary(summary: IngestSummary, seconds: float | None = None) -> None:
    console = output_console()
    totals = Table(title="ingest summary", show_header=False)
    totals.add_column("what")
    totals.add_column("count", justify="right")
    for label, count in (("files read", summary.files), ("stored", summary.stored),
                         ("already present", summary.already_present),
                         ("skipped", len(summary.skipped)), ("failed", len(summary.failed)),
                         ("claims stored", sum(summary.claims_by_indicator.values())),
                         ("claims refused", len(summary.refused)),
                         ("placeholders", summary.placeholders)):
        totals.add_row(label, str(count))
    console.print(totals)
    if seconds is not None:
        console.print(f"{summary.bytes / 1e6:.1f} MB in {seconds:.1f} s, "
                      f"{summary.bytes / 1e6 / max(seconds, 1e-9):.2f} MB/s")
    if summary.claims_by_indicator:
        by_indicator = Table(title="claims by indicator")
        by_indicator.add_column("indicator")
        by_indicator.add_column("claims", justify="right")
        for indicator, count in sorted(summary.claims_by_indicator.items(), key=lambda kv: (-kv[1], kv[0])):
            by_indicator.add_row(indicator, str(count))
        console.print(by_indicator)
    if summary.timings:
        slowest = Table(title="slowest files")
        slowest.add_column("file")
        slowest.add_column("seconds", justify="right")
        for secs, display in summary.slowest():
            slowest.add_row(shown(display), f"{secs:.3f}")
        console.print(slowest)
    if summary.skipped or summary.failed or summary.refused:
        problems = Table(title="not stored")
        problems.add_column("path")
        problems.add_column("status")
        problems.add_column("reason")
        for status, items in (("failed", summary.failed), ("refused", summary.refused),
                              ("skipped", summary.skipped)):
            for path, reason in items:
                problems.add_row(shown(path), Text(status, STATUS_STYLE[status]), shown(reason))
        console.print(problems)
