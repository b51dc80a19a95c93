"""Every migration and database command on each database: SQLite, and PostgreSQL when
$EDUMETRICS_TEST_DATABASE_URL names one (CI starts a server and sets it)."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

from handmade import processed_document
from helpers import table_counts
from invoke import run
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from extractor.models.tables import ClaimRow
from extractor.store.database import connect, open_database
from extractor.store.documents import store_document
from extractor.store.schema import current_revision, head_revision, schema_drift


def test_every_migration_up_and_down(database_url: str) -> None:
    head = head_revision().revision
    assert run("db", "upgrade", "0001", "--db", database_url).exit_code == 0
    assert run("db", "current", "--db", database_url).output.startswith("0001")
    up = run("db", "upgrade", "--db", database_url)
    assert up.exit_code == 0, up.output
    assert run("db", "current", "--db", database_url).output.startswith(head)
    check = run("db", "check", "--db", database_url)
    assert check.exit_code == 0, check.output
    engine = connect(database_url)
    try:
        assert schema_drift(engine) == []
        assert {"documents", "reports", "claims", "indicators", "failures"} <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
    down = run("db", "downgrade", "base", "--db", database_url)
    assert down.exit_code == 0, down.output
    engine = connect(database_url)
    try:
        assert current_revision(engine) is None
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    finally:
        engine.dispose()
    assert run("db", "upgrade", "--db", database_url).exit_code == 0


def test_store_is_idempotent_and_exact(database_url: str) -> None:
    engine = open_database(database_url)
    try:
        first = store_document(engine, processed_document())
        again = store_document(engine, processed_document())
        assert first.stored and not again.stored and again.document_id == first.document_id
        counts = table_counts(engine)
        assert (counts["documents"], counts["reports"], counts["claims"]) == (1, 2, 3)
        with Session(engine) as session:
            values = set(session.scalars(select(ClaimRow.value)))
        assert Decimal("99.04") in values and None in values
    finally:
        engine.dispose()


def test_commands_on_the_database(database_url: str, sample_paths: list[Path]) -> None:
    ingested = run("ingest", str(sample_paths[0].parent), "--db", database_url, "--jobs", "2")
    assert ingested.exit_code == 0, ingested.output
    again = run("ingest", str(sample_paths[0].parent), "--db", database_url, "--quiet")
    assert again.exit_code == 0 and "already present" in again.output
    as_json = run("query", "select count(*) as n from documents", "--db", database_url, "--format", "json")
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.stdout)[0]["n"] == len(sample_paths)
    refused = run("query", "delete from claims", "--db", database_url)
    assert refused.exit_code != 0
    placeholders = run("placeholders", "--db", database_url, "--format", "csv")
    assert placeholders.exit_code == 0, placeholders.output
    list(csv.reader(io.StringIO(placeholders.output)))
    reports = run("reports", "--help")
    assert reports.exit_code == 0
    failures = run("failures", "--db", database_url, "--format", "json")
    assert failures.exit_code == 0 and json.loads(failures.output) == []
