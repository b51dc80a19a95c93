"""Store stage: one transaction per document, idempotent by sha256, exact decimals."""

from __future__ import annotations

import random
import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from handmade import processed_document
from helpers import table_counts
from sqlalchemy import Engine, event, func, select
from sqlalchemy.orm import Session

from extractor.errors import StoreError
from extractor.ingest.batch import Event, ingest_paths
from extractor.models.tables import ClaimRow, DocumentRow, ReportRow
from extractor.store.database import DEFAULT_URL, ENV_VARIABLE, database_url, open_database
from extractor.store.documents import store_document


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = open_database(f"sqlite:///{tmp_path / 'store.db'}")
    yield engine
    engine.dispose()


def stored_rows(engine: Engine) -> dict[str, int]:
    counts = table_counts(engine)
    del counts["indicators"]
    return counts


@pytest.mark.parametrize(("cli", "env", "expected"), [
    ("sqlite:////data/a.db", "sqlite:////data/b.db", "sqlite:////data/a.db"),
    (None, "sqlite:////data/b.db", "sqlite:////data/b.db"),
    (None, None, DEFAULT_URL),
    ("claims.db", None, "sqlite:///claims.db"),
    ("/var/lib/claims.db", None, "sqlite:////var/lib/claims.db"),
    (None, "postgresql://user@host/edumetrics", "postgresql://user@host/edumetrics"),
], ids=["cli-wins", "env", "default", "relative-path", "absolute-path", "env-postgres"])
def test_database_url_precedence(cli: str | None, env: str | None, expected: str,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    if env is None:
        monkeypatch.delenv(ENV_VARIABLE, raising=False)
    else:
        monkeypatch.setenv(ENV_VARIABLE, env)
    assert database_url(cli) == expected


def test_sqlite_enforces_foreign_keys(engine: Engine) -> None:
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_open_database_upgrades_an_empty_database(engine: Engine) -> None:
    assert table_counts(engine) == {"documents": 0, "reports": 0, "claims": 0, "indicators": 13}


def test_claims_point_at_their_report(engine: Engine) -> None:
    outcome = store_document(engine, processed_document())
    assert (outcome.stored, outcome.reports, outcome.claims) == (True, 2, 3)
    with Session(engine) as session:
        pairs = session.execute(select(ClaimRow.text, ReportRow.index, ReportRow.title, ClaimRow.document_id)
                                .join(ClaimRow.report).order_by(ClaimRow.start)).all()
    assert pairs == [("7人", 0, "教育局工作总结", outcome.document_id),
                     ("99.04%", 0, "教育局工作总结", outcome.document_id),
                     ("xxxx个", 1, "区教育局2021年工作总结", outcome.document_id)]


def test_storing_the_same_bytes_twice_adds_nothing(engine: Engine) -> None:
    first = store_document(engine, processed_document())
    before = stored_rows(engine)
    again = store_document(engine, processed_document(name="copy-under-another-name.txt"))
    assert (again.stored, again.document_id) == (False, first.document_id)
    assert stored_rows(engine) == before == {"documents": 1, "reports": 2, "claims": 3}


@pytest.mark.parametrize("value", ["0.2787", "12000", "0.002", "99.04", "0.000001", "12345678901234"])
def test_values_come_back_as_exact_decimals(engine: Engine, value: str) -> None:
    processed = processed_document(salt=value)
    processed.claims[0] = processed.claims[0].model_copy(update={"value": Decimal(value)})
    store_document(engine, processed)
    with Session(engine) as session:
        stored = session.scalars(select(ClaimRow.value).where(ClaimRow.text == "7人")).one()
    assert isinstance(stored, Decimal)
    assert stored == Decimal(value)


def test_a_failure_mid_document_leaves_nothing_of_it(engine: Engine) -> None:
    store_document(engine, processed_document(name="kept.txt"))
    before = stored_rows(engine)
    seen: list[int] = []

    def fail_on_claims(connection: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.startswith("INSERT INTO claims"):
            # the reports of this document are in the database (uncommitted) by now
            seen.append(connection.exec_driver_sql("select count(*) from reports").scalar())
            raise RuntimeError("disk on fire")

    event.listen(engine, "before_cursor_execute", fail_on_claims)
    try:
        with pytest.raises(RuntimeError, match="disk on fire"):
            store_document(engine, processed_document(name="lost.txt", salt="!"))
    finally:
        event.remove(engine, "before_cursor_execute", fail_on_claims)
    assert seen and seen[0] == before["reports"] + 2
    assert stored_rows(engine) == before
    with Session(engine) as session:
        assert session.scalars(select(DocumentRow.name)).all() == ["kept.txt"]


def test_a_claim_without_its_report_is_refused_whole(engine: Engine) -> None:
    processed = processed_document()
    processed.claims[2] = processed.claims[2].model_copy(update={"report_index": 5})
    with pytest.raises(StoreError, match="points at report 5"):
        store_document(engine, processed)
    assert stored_rows(engine) == {"documents": 0, "reports": 0, "claims": 0}


def test_an_unknown_indicator_is_refused_whole(engine: Engine) -> None:
    processed = processed_document()
    processed.claims[0] = processed.claims[0].model_copy(update={"indicator": "no_such_code"})
    with pytest.raises(StoreError, match="not in the catalog: no_such_code"):
        store_document(engine, processed)
    assert stored_rows(engine) == {"documents": 0, "reports": 0, "claims": 0}


def test_ingesting_the_samples_twice_changes_no_row_count(engine: Engine, sample_paths: list[Path]) -> None:
    first = ingest_paths(engine, [sample_paths[0].parent], jobs=1)
    assert (first.files, first.stored, first.failed) == (len(sample_paths), len(sample_paths), [])
    counts = stored_rows(engine)
    assert counts["documents"] == len(sample_paths)
    assert counts["reports"] >= len(sample_paths)
    assert sum(first.claims_by_indicator.values()) == counts["claims"]
    second = ingest_paths(engine, [sample_paths[0].parent], jobs=1)
    assert (second.stored, second.already_present) == (0, len(sample_paths))
    assert not second.claims_by_indicator and second.placeholders == 0
    assert stored_rows(engine) == counts


def test_a_corrupt_file_is_reported_and_the_rest_stored(engine: Engine, tmp_path: Path,
                                                        sample_paths: list[Path]) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    for path in sample_paths[:2]:
        shutil.copy(path, batch / path.name)
    (batch / "bad.txt").write_bytes(random.Random(7).randbytes(4096))
    (batch / "notes.xls").write_bytes(b"\xd0\xcf\x11\xe0 spreadsheet")
    progress: list[tuple[str, str]] = []
    def note(event: Event) -> None:
        progress.append((event.status, Path(event.display).name))

    summary = ingest_paths(engine, [batch], jobs=1, listener=note)
    assert summary.files == 4
    assert summary.stored == 2
    assert [(Path(p).name, "binary" in reason) for p, reason in summary.failed] == [("bad.txt", True)]
    assert [(Path(p).name, reason) for p, reason in summary.skipped] == [("notes.xls", "unsupported file type .xls")]
    assert sorted(progress) == sorted([("stored", sample_paths[0].name), ("stored", sample_paths[1].name),
                                       ("failed", "bad.txt"), ("skipped", "notes.xls")])
    assert stored_rows(engine)["documents"] == 2
    with Session(engine) as session:
        assert session.scalar(select(func.count()).where(DocumentRow.name == "bad.txt")) == 0
