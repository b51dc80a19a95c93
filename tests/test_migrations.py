"""Alembic: upgrade and downgrade an empty database, no drift between models and migrations."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from handmade import processed_document
from sqlalchemy import Engine, inspect, select

from extractor.migrations import SCRIPT_LOCATION, alembic_config
from extractor.models.tables import IndicatorRow, metadata
from extractor.store.database import connect
from extractor.store.documents import store_document
from extractor.store.schema import (
    current_revision,
    downgrade,
    head_revision,
    schema_drift,
    upgrade,
)
from extractor.vocab.catalog import load_catalog

TABLES = {"documents", "reports", "claims", "indicators", "failures", "findings", "resolutions"}


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = connect(f"sqlite:///{tmp_path / 'test.db'}")
    yield engine
    engine.dispose()


def indicator_codes(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        return set(connection.scalars(select(IndicatorRow.code)))


def test_upgrade_creates_the_schema_and_loads_the_catalog(engine: Engine) -> None:
    assert current_revision(engine) is None
    upgrade(engine)
    assert current_revision(engine) == head_revision().revision
    assert set(inspect(engine).get_table_names()) == TABLES | {"alembic_version"}
    assert indicator_codes(engine) == set(load_catalog())


def test_downgrade_to_base_leaves_only_the_version_table(engine: Engine) -> None:
    upgrade(engine)
    downgrade(engine, "base")
    assert inspect(engine).get_table_names() == ["alembic_version"]
    assert current_revision(engine) is None


def test_downgrade_of_the_catalog_removes_its_rows(engine: Engine) -> None:
    upgrade(engine)
    downgrade(engine, "0001")
    assert indicator_codes(engine) == set()
    upgrade(engine)
    assert indicator_codes(engine) == set(load_catalog())


def test_downgrade_to_base_with_data_stored(engine: Engine) -> None:
    upgrade(engine)
    store_document(engine, processed_document())
    downgrade(engine, "0001")  # the codes claims use stay, the others go
    assert indicator_codes(engine) == {"dropout_count", "retention_rate", "degree_seats"}
    upgrade(engine)
    assert indicator_codes(engine) == set(load_catalog())
    downgrade(engine, "base")
    assert inspect(engine).get_table_names() == ["alembic_version"]


def test_models_and_migrations_do_not_drift(engine: Engine) -> None:
    upgrade(engine)
    assert schema_drift(engine) == []
    assert set(metadata.tables) == TABLES


def test_alembic_is_configured_from_the_package_from_any_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    location = Path(alembic_config().get_main_option("script_location") or "")
    assert location == SCRIPT_LOCATION and location.is_absolute()
    assert (location / "env.py").is_file() and (location / "script.py.mako").is_file()
    newest = max(p.stem for p in (location / "versions").glob("0*.py"))
    assert head_revision().revision == newest.split("_", 1)[0]


def test_revision_files_have_descriptive_names() -> None:
    names = sorted(p.stem for p in (SCRIPT_LOCATION / "versions").glob("0*.py"))
    assert names[:4] == ["0001_create_documents_reports_claims_indicators", "0002_load_indicator_catalog",
                         "0003_add_failures", "0004_add_findings_resolutions_duplicates"]
    for number, name in enumerate(names, 1):  # numbered in order, each with a slug of two words or more
        prefix, slug = name.split("_", 1)
        assert prefix == f"{number:04d}" and slug.count("_") >= 1, name
