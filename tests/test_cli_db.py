"""The database commands through Click: ingest, placeholders, db (query: tests/test_query.py)."""

from __future__ import annotations

import csv
import io
import random
import shutil
import time
from pathlib import Path

import click
import pytest
import regex
from handmade import processed_document
from helpers import table_counts
from invoke import run
from rich.console import Console

from extractor.cli import ingest_cmd, main
from extractor.ingest.batch import Event
from extractor.ingest.worker import Limits
from extractor.sources.read import input_size
from extractor.store.database import open_database
from extractor.store.documents import store_document
from extractor.store.schema import head_revision


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


@pytest.fixture
def filled_db(db: str) -> str:
    """A database holding the hand-made document: 2 reports, 3 claims, 1 masked."""
    engine = open_database(db)
    store_document(engine, processed_document())
    engine.dispose()
    return db


def counts(db: str) -> dict[str, int]:
    engine = open_database(db)
    try:
        return table_counts(engine)
    finally:
        engine.dispose()


def test_ingest_reports_a_corrupt_file_and_stores_the_rest(db: str, tmp_path: Path,
                                                           sample_paths: list[Path]) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    for path in sample_paths:
        shutil.copy(path, batch / path.name)
    (batch / "bad.txt").write_bytes(random.Random(1).randbytes(2048))
    result = run("ingest", str(batch), "--db", db)
    assert result.exit_code == 1, result.output
    assert "bad.txt: binary content" in result.output
    assert "not stored" in result.output and "files read" in result.output
    assert counts(db)["documents"] == len(sample_paths)

    again = run("ingest", str(batch), "--db", db)
    assert regex.search(rf"already present\s*│\s*{len(sample_paths)}\s*│", again.output), again.output
    assert "bad.txt: binary content" in again.output  # not stored, so tried (and refused) again
    assert counts(db)["documents"] == len(sample_paths)


def test_ingest_summary(db: str, sample_paths: list[Path]) -> None:
    result = run("ingest", str(sample_paths[0].parent), "--db", db)
    assert result.exit_code == 0, result.output
    for label in ("files read", "stored", "already present", "skipped", "failed", "placeholders"):
        assert label in result.output
    assert f"stored          │  {len(sample_paths)}" in result.output


def test_ingest_to_a_log_prints_progress_lines_and_the_files_not_stored(
        db: str, tmp_path: Path, sample_paths: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest_cmd, "PLAIN_EVERY_SECONDS", 0.0)  # a line after every file
    batch = tmp_path / "batch"
    batch.mkdir()
    for path in sample_paths:
        shutil.copy(path, batch / path.name)
    (batch / "old.doc").write_bytes(b"legacy word")
    result = run("ingest", str(batch), "--db", db)
    progress = [line for line in result.output.splitlines() if line.startswith("progress: ")]
    assert len(progress) == len(sample_paths) + 1
    size = sum(p.stat().st_size for p in batch.iterdir()) / 1e6
    assert progress[-1].startswith(f"progress: {len(sample_paths) + 1} files, ")
    assert progress[-1].endswith(f"; 100% of {size:.1f} MB on disk, about 0:00:00 left")
    assert "skipped  " in result.output and "old.doc: unsupported file type .doc" in result.output
    assert not any(line.startswith("stored ") for line in result.output.splitlines())


def test_the_tally_estimates_the_time_left_from_the_bytes_on_disk_done() -> None:
    tally = ingest_cmd.Tally(total_disk=10_000_000, started=time.monotonic() - 10)
    assert tally.seconds_left() is None  # nothing done yet
    tally.add(Event("stored", "a.txt", "", size=3_000_000, claims=12, disk_bytes=2_500_000))
    left = tally.seconds_left()
    assert left is not None and 29.9 < left < 30.5  # 10 s for a quarter: 30 s for the rest
    assert tally.line().endswith("; 25% of 10.0 MB on disk, about 0:00:30 left")
    assert tally.line().startswith("1 files, 3.0 MB, 12 claims, 0.30 MB/s, 0 files/s")


def test_the_progress_bar_on_a_terminal_shows_the_share_done_and_the_time_left(
        db: str, tmp_path: Path, sample_paths: list[Path]) -> None:
    legacy = tmp_path / "old.doc"
    legacy.write_bytes(b"legacy word")
    paths = (*map(str, sample_paths), str(legacy))
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=200)
    engine = open_database(db)
    try:
        tally = ingest_cmd.Tally(input_size(paths))
        summary = ingest_cmd._ingest_with_bar(ingest_cmd.Run(engine, paths, 1, Limits()), tally, console)
    finally:
        engine.dispose()
    assert summary.stored == len(sample_paths) and tally.disk == tally.total_disk
    shown = screen.getvalue()
    assert "100%" in shown and f"{len(paths)} files" in shown and "ETA" in shown
    assert "old.doc: unsupported file type .doc" in shown  # printed above the bar


def test_placeholders_lists_masked_claims(filled_db: str) -> None:
    result = run("placeholders", "--db", filled_db, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("\ufeff")  # a byte-order mark: Excel reads it as UTF-8
    rows = list(csv.DictReader(io.StringIO(result.output.removeprefix("\ufeff"))))
    assert rows == [{"claim_id": "3", "copies": "", "document": "handmade.txt", "report": "区教育局2021年工作总结",
                     "region": "", "year": "2021", "indicator": "degree_seats", "token": "xxxx个",
                     "start": str(processed_document().claims[2].start),
                     "sentence": "x所公办中小学、幼儿园,x所优质民办学校竣工,新增学位xxxx个", "value_unit": "个",
                     "stored_unit": "个", "value": "", "source": "", "note": "", "resolved_by": "", "resolved_at": ""}]
    table = run("placeholders", "--db", filled_db)
    assert "xxxx个" in table.output and "masked claims" in table.output


def test_placeholders_takes_subcommands() -> None:
    group = main.commands["placeholders"]
    assert isinstance(group, click.Group) and group.invoke_without_command


def test_db_upgrade_current_downgrade(db: str) -> None:
    head = head_revision().revision
    missing = run("db", "current", "--db", db)  # reading makes no database
    assert missing.exit_code == 1 and "no database at" in missing.output
    assert run("db", "upgrade", "0001", "--db", db).exit_code == 0
    assert run("db", "current", "--db", db).output.startswith(f"0001 (head is {head})")
    assert run("db", "upgrade", "--db", db).exit_code == 0
    current = run("db", "current", "--db", db)
    assert current.output.startswith(f"{head} (head)")
    assert run("db", "check", "--db", db).exit_code == 0
    down = run("db", "downgrade", "base", "--db", db)
    assert down.exit_code == 0 and "none" in down.output
    bad = run("db", "downgrade", "nope", "--db", db)
    assert bad.exit_code == 1 and "Can't locate revision" in bad.output


def test_db_option_reads_the_environment(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDUMETRICS_DATABASE_URL", db)
    run("db", "upgrade")
    assert run("db", "current").output.startswith(head_revision().revision)


def all_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in group.commands.items():
        found.append((*prefix, name))
        if isinstance(command, click.Group):
            found.extend(all_commands(command, (*prefix, name)))
    return found


@pytest.mark.parametrize("command", [c for c in all_commands(main) if c[0] in
                                     ("ingest", "query", "placeholders", "db")], ids=" ".join)
def test_every_database_command_has_help_with_an_example(command: tuple[str, ...]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output


@pytest.mark.parametrize("command", ["current", "check"])
def test_db_commands_that_read_make_no_database(tmp_path: Path, command: str) -> None:
    missing = tmp_path / "nope.db"
    result = run("db", command, "--db", f"sqlite:///{missing}")
    assert result.exit_code == 1
    assert "no database at" in result.output
    assert not missing.exists()
