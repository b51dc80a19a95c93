"""`edumetrics serve` before any server starts: the metadata file against the schema, and the
databases it refuses (missing, empty, old, unknown, not SQLite) without touching them."""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
import socket
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from invoke import run

from extractor.errors import VocabularyError
from extractor.store.browse import datasette_metadata, servable_file
from extractor.store.database import connect
from extractor.store.schema import upgrade
from extractor.vocab.browse import FILE, load_browse_data, schema_columns
from extractor.vocab.loader import DATA_DIR_VARIABLE

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "extractor" / "data"


@pytest.fixture
def taken_port() -> Any:
    """A port already listened on: were a refusal to fail, serve would stop there, not run on."""
    with socket.create_server(("127.0.0.1", 0)) as taken:
        yield str(taken.getsockname()[1])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def migrated(path: Path, revision: str = "head") -> Path:
    engine = connect(f"sqlite:///{path}")
    upgrade(engine, revision)
    engine.dispose()
    return path


def live_columns(path: Path) -> dict[str, list[str]]:
    """Every table and view of a SQLite file with its columns, as SQLite lists them."""
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as connection:
        names = [name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'")]
        return {name: [row[1] for row in connection.execute(f'PRAGMA table_info("{name}")')] for name in names}


# ---------------------------------------------------------------- the data file

def test_the_data_file_describes_every_column_of_the_models() -> None:
    data = load_browse_data()
    for table, columns in schema_columns().items():
        described = data.columns(table)
        assert list(described) == list(columns), table
        assert all(text.strip() for text in described.values()), table


def test_every_column_of_a_database_at_head_is_described(tmp_path: Path) -> None:
    """Tables and views as SQLite has them after every migration, against what serve shows."""
    path = migrated(tmp_path / "edumetrics.db")
    tables = datasette_metadata(load_browse_data(), "edumetrics")["databases"]["edumetrics"]["tables"]
    live = live_columns(path)
    assert {"claims", "claims_once", "claims_effective", "alembic_version"} <= live.keys()
    assert set(tables) == set(live)
    for name, columns in live.items():
        assert tables[name]["description"].strip()
        assert list(tables[name]["columns"]) == columns, name


def test_the_metadata_names_the_served_database_in_queries_and_charts() -> None:
    metadata = datasette_metadata(load_browse_data(), "samples")
    queries = metadata["databases"]["samples"]["queries"]
    assert set(queries) == {"placeholder_queue", "open_findings", "indicator_by_region_and_year",
                            "indicator_by_province_and_year", "document_claims"}
    assert not any(query.get("write") for query in queries.values())
    dashboard = metadata["plugins"]["datasette-dashboards"]["indicator-over-years"]
    assert {chart["db"] for chart in dashboard["charts"].values()} == {"samples"}
    assert dashboard["filters"]["indicator"]["db"] == "samples"
    assert "db" not in dashboard["filters"]["modality"]  # fixed options, no query
    claims = metadata["databases"]["samples"]["tables"]["claims"]
    assert claims["facets"] == ["indicator", {"report": "province"}, {"report": "region"}, {"report": "year"},
                                "level"]
    assert claims["label_column"] == "text"
    assert metadata["databases"]["samples"]["tables"]["indicators"]["label_column"] == "name"
    assert metadata["plugins"]["edumetrics"] == {
        "report_columns": ["province", "region", "region_code", "year", "kind", "genre"]}
    located = metadata["databases"]["samples"]["tables"]["claims_located"]
    assert located["facets"] == ["indicator", "province", "region", "year", "level"]
    assert located["columns"]["year"].startswith("The year the claim is about: its own (claims.year), else")


def without(table: str, column: str) -> Callable[[dict[str, Any]], None]:
    return lambda data: data["tables"][table]["columns"].pop(column)


def adding(table: str, column: str) -> Callable[[dict[str, Any]], None]:
    return lambda data: data["tables"][table]["columns"].update({column: "a column"})


BROKEN = [
    (without("reports", "region"), "datasette.yaml: tables.reports.columns: region is not described"),
    (adding("reports", "county"), "datasette.yaml: tables.reports.columns: county is no column of reports"),
    (without("reports", "province"), "datasette.yaml: tables.reports.columns: province is not described"),
    (without("claims", "year"), "datasette.yaml: tables.claims.columns: year is not described"),
    (lambda data: data["tables"].pop("failures"), "datasette.yaml: tables: failures is not described"),
    (lambda data: data["tables"].update(scores={"description": "x", "columns": {}}),
     "datasette.yaml: tables: scores is no table of the schema"),
    (lambda data: data["tables"]["claims"]["facets"].append("region"),
     "datasette.yaml: tables.claims.facets: region is no column of claims"),
    (lambda data: data["tables"]["claims"]["facets"].append({"report": "issuer"}),
     "datasette.yaml: tables.claims.facets: {report: issuer} is not in report_facets"),
    (lambda data: data["tables"]["documents"].update(facets=[{"report": "year"}]),
     "datasette.yaml: tables.documents.facets: {report: year} needs a report_id column in documents"),
    (lambda data: data["report_facets"].append("county"),
     "datasette.yaml: report_facets: county is no column of reports"),
    (lambda data: data["views"]["claims_located"]["facets"].append("district"),
     "datasette.yaml: views.claims_located.facets: district is no column of claims_located"),
    (lambda data: data["views"]["claims_once"].update(label_column="name"),
     "datasette.yaml: views.claims_once.label_column: name is no column of claims_once"),
    (lambda data: data["views"]["claims_effective"].update(columns_of="claim"),
     "datasette.yaml: views.claims_effective.columns_of: claim is no table described here"),
    (lambda data: data["queries"]["open_findings"].pop("sql"), "datasette.yaml: queries.open_findings.sql: Field required"),
    (lambda data: data["dashboards"]["indicator-over-years"]["charts"]["mean-by-year"].update(library="plotly"),
     "datasette.yaml: dashboards.indicator-over-years.charts.mean-by-year.library: Input should be"),
]


@pytest.mark.parametrize(("change", "message"), BROKEN, ids=[message.split(": ", 1)[1] for _, message in BROKEN])
def test_a_broken_data_file_names_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          change: Callable[[dict[str, Any]], None], message: str) -> None:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    data = yaml.safe_load((folder / FILE).read_text(encoding="utf-8"))
    change(data)
    (folder / FILE).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(folder))
    with pytest.raises(VocabularyError) as raised:
        load_browse_data()
    assert message in str(raised.value)


# ---------------------------------------------------------------- what serve refuses

def garbage(path: Path) -> Path:
    path.write_bytes(b"these are not the bytes of a SQLite database" * 100)
    return path


def empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def unknown_revision(path: Path) -> Path:
    migrated(path)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    return path


REFUSED: list[tuple[str, Callable[[Path], Path], list[str]]] = [
    ("old", lambda path: migrated(path, "0003"),
     ["is at schema revision 0003, older than this EduMetrics'", "run edumetrics db upgrade --db sqlite:///",
      "serve never migrates"]),
    ("empty", empty, ["holds no EduMetrics schema (no revision)", "edumetrics db upgrade --db sqlite:///"]),
    ("unknown", unknown_revision, ["is at schema revision 9999, which this EduMetrics does not know"]),
    ("garbage", garbage, ["cannot read it as a SQLite database (file is not a database)"]),
]


@pytest.mark.parametrize(("make", "messages"), [(make, messages) for _, make, messages in REFUSED],
                         ids=[name for name, _, _ in REFUSED])
def test_serve_refuses_a_database_it_cannot_show_and_leaves_it_as_it_was(
        tmp_path: Path, taken_port: str, make: Callable[[Path], Path], messages: list[str]) -> None:
    path = make(tmp_path / "edumetrics.db")
    before, listing = digest(path), sorted(tmp_path.iterdir())
    result = run("serve", "--db", str(path), "--port", taken_port)
    assert result.exit_code == 1
    assert str(path) in result.output
    for message in messages:
        assert message in result.output
    assert digest(path) == before and sorted(tmp_path.iterdir()) == listing


def test_serve_never_creates_a_missing_database(tmp_path: Path, taken_port: str) -> None:
    path = tmp_path / "nope.db"
    result = run("serve", "--db", f"sqlite:///{path}", "--port", taken_port)
    assert result.exit_code == 1
    assert f"no database at {path}: edumetrics serve never creates one" in result.output
    assert f"edumetrics ingest PATHS --db sqlite:///{path}" in result.output
    assert not path.exists() and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("url", "message"), [
    ("postgresql+psycopg://analyst:secret@127.0.0.1:1/edu",
     "edumetrics serve shows a SQLite file, and postgresql+psycopg://analyst:***@127.0.0.1:1/edu is a "
     "postgresql database. Datasette reads SQLite only: ingest the same files into a SQLite file "
     "(edumetrics ingest PATHS --db sqlite:///snapshot.db) and serve that"),
    ("sqlite://", "edumetrics serve needs a SQLite file path, not 'sqlite://'"),
    ("sqlite:///:memory:", "edumetrics serve needs a SQLite file path"),
])
def test_serve_says_what_to_do_with_a_database_that_is_no_sqlite_file(url: str, message: str,
                                                                      taken_port: str) -> None:
    result = run("serve", "--db", url, "--port", taken_port)
    assert result.exit_code == 1
    assert message in result.output
    assert "secret" not in result.output


@pytest.mark.parametrize(("name", "character"), [("50%.db", "%"), ("a#b.db", "#")])
def test_serve_refuses_a_path_datasette_would_read_as_a_uri(tmp_path: Path, taken_port: str, name: str,
                                                            character: str) -> None:
    path = migrated(tmp_path / name)
    result = run("serve", "--db", str(path), "--port", taken_port)
    assert result.exit_code == 1
    assert f"{path}: Datasette cannot open a file whose path holds {character}" in result.output


def test_a_database_at_head_is_servable_by_url_or_relative_path(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = migrated(tmp_path / "edumetrics.db")
    monkeypatch.chdir(tmp_path)
    assert servable_file(f"sqlite:///{path}") == path
    assert servable_file("sqlite:///edumetrics.db") == path


def test_serve_says_which_port_is_taken(tmp_path: Path) -> None:
    path = migrated(tmp_path / "edumetrics.db")
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = run("serve", "--db", str(path), "--port", str(port))
    assert result.exit_code == 1
    assert f"port {port} on 127.0.0.1 is in use: choose another with --port" in result.output


def test_serve_without_datasette_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       taken_port: str) -> None:
    path = migrated(tmp_path / "edumetrics.db")
    find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *args: None if name == "datasette" else find_spec(name, *args))
    result = run("serve", "--db", str(path), "--port", taken_port)
    assert result.exit_code == 1
    assert "edumetrics serve needs datasette: pip install 'edumetrics[serve]'" in result.output
