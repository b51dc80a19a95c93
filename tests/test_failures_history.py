"""`failures` shows what is still failed: a rerun that stores a file resolves its row,
which is kept as history (`failures --all`); a failure that recurs stays one row."""

from __future__ import annotations

import io
import json
import random
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from odd_names import report
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from extractor.cli import main
from extractor.models.tables import FailureRow, utc_now
from extractor.store.database import connect
from extractor.store.schema import downgrade, upgrade

BINARY = random.Random(1).randbytes(2048)  # fails: "binary content"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The inputs (the SQLite database stays beside them, not in them)."""
    (tmp_path / "in").mkdir()
    return tmp_path / "in"


def ingest(folder: Path, database_url: str) -> int:
    return CliRunner().invoke(main, ["ingest", str(folder), "--db", database_url, "--jobs", "1", "--quiet"]).exit_code


def listed(database_url: str, *options: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(main, ["failures", "--db", database_url, "--format", "json", *options])
    assert result.exit_code == 0, result.output
    rows: list[dict[str, object]] = json.loads(result.output)
    return rows


def as_file(folder: Path, data: bytes) -> None:
    (folder / "report.txt").write_bytes(data)


def as_member(folder: Path, data: bytes) -> None:
    with zipfile.ZipFile(folder / "reports.zip", "w") as archive:
        archive.writestr("report.txt", data)
        archive.writestr("other.txt", report(2))


@pytest.mark.parametrize("put", [as_file, as_member], ids=["file", "archive-member"])
def test_a_rerun_that_stores_the_file_resolves_its_failure(database_url: str, folder: Path,
                                                           put: Callable[[Path, bytes], None]) -> None:
    put(folder, BINARY)
    assert ingest(folder, database_url) == 1
    assert ingest(folder, database_url) == 1  # the same failure again: one row
    (standing,) = listed(database_url)
    assert "binary content" in str(standing["reason"]) and "resolved_at" not in standing
    put(folder, report(1))  # the file mended
    assert ingest(folder, database_url) == 0
    assert listed(database_url) == []
    (history,) = listed(database_url, "--all")
    assert history["reason"] == standing["reason"] and history["resolved_at"] is not None
    assert ingest(folder, database_url) == 0  # all stored now: nothing changes
    assert listed(database_url) == [] and listed(database_url, "--all") == [history]
    table = CliRunner().invoke(main, ["failures", "--db", database_url]).output
    assert "0 failures" in table


def test_a_failure_for_another_reason_replaces_the_one_before(database_url: str, folder: Path) -> None:
    as_file(folder, BINARY)
    assert ingest(folder, database_url) == 1
    as_file(folder, b"")
    assert ingest(folder, database_url) == 1
    assert [row["reason"] for row in listed(database_url)] == ["empty file"]
    history = listed(database_url, "--all")
    assert ["binary content" in str(row["reason"]) for row in history] == [True, False]
    assert history[0]["resolved_at"] is not None and history[1]["resolved_at"] is None


def tar_of(path: Path, members: dict[str, bytes]) -> bytes:
    with tarfile.open(path, "w") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path.read_bytes()


def test_a_damaged_archive_stays_one_failure_until_it_reads(database_url: str, folder: Path,
                                                            tmp_path: Path) -> None:
    whole = tar_of(tmp_path / "whole.tar", {f"r{n}.txt": report(n) * 40 for n in range(6)})
    (folder / "reports.tar").write_bytes(whole[: len(whole) * 2 // 3])
    for _ in range(3):  # members before the damage stored, the archive's failure stands
        assert ingest(folder, database_url) == 1
        (standing,) = listed(database_url, "--all")
        assert standing["member"] is None and "truncated" in str(standing["reason"])
        assert standing["resolved_at"] is None
    (folder / "reports.tar").write_bytes(whole)
    assert ingest(folder, database_url) == 0
    assert listed(database_url) == []
    assert [row["resolved_at"] is not None for row in listed(database_url, "--all")] == [True]


def test_migration_0005_adds_resolved_at_and_takes_it_away(database_url: str) -> None:
    engine = connect(database_url)
    try:
        upgrade(engine)
        with Session(engine) as session, session.begin():
            session.add_all([FailureRow(path="a.txt", reason="binary content", skipped=False),
                             FailureRow(path="b.txt", reason="empty file", skipped=False, resolved_at=utc_now())])
        downgrade(engine, "0004")
        assert "resolved_at" not in {c["name"] for c in inspect(engine).get_columns("failures")}
        upgrade(engine)
        with Session(engine) as session:
            rows = session.scalars(select(FailureRow).order_by(FailureRow.id)).all()
            assert [(r.path, r.resolved_at) for r in rows] == [("a.txt", None), ("b.txt", None)]
    finally:
        engine.dispose()
