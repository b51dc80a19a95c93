"""`edumetrics export`: the flat analyst table to CSV (with a BOM), XLSX and Parquet, its
filters, effective values after resolutions, and a database it only reads."""

from __future__ import annotations

import csv
import hashlib
import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pyarrow.parquet as pq
import pytest
from invoke import ok, run

import extractor
from extractor.store.export import EXPORT_COLUMNS
from extractor.store.schema import head_revision

COLUMNS = [name for name, _ in EXPORT_COLUMNS]


def csv_rows(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel opens it as UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_the_three_formats_hold_the_same_table(samples_db: str, tmp_path: Path,
                                               sample_paths: list[Path]) -> None:
    total = sum(len(extractor.extract_file(path)) for path in sample_paths)
    for suffix in ("csv", "xlsx", "parquet"):
        written = ok("export", str(tmp_path / f"claims.{suffix}"), "--db", samples_db).output
        assert f"{total} claims written" in written
    rows = csv_rows(tmp_path / "claims.csv")
    assert list(rows[0]) == COLUMNS and len(rows) == total
    sheet = openpyxl.load_workbook(tmp_path / "claims.xlsx").active
    assert sheet is not None
    xlsx = [[c.value for c in row] for row in sheet.iter_rows()]
    assert xlsx[0] == COLUMNS and len(xlsx) == total + 1
    table = pq.read_table(tmp_path / "claims.parquet")
    assert table.column_names == COLUMNS and table.num_rows == total
    assert str(table.schema.field("value").type) == "decimal128(20, 6)"
    parquet = table.to_pylist()
    for row, sheet_row, typed in zip(rows, xlsx[1:], parquet, strict=True):
        assert int(row["claim_id"]) == sheet_row[0] == typed["claim_id"]
        assert row["token"] == sheet_row[COLUMNS.index("token")] == typed["token"]
        if row["value"]:
            assert Decimal(row["value"]) == Decimal(str(sheet_row[1])) == typed["value"]


def test_a_row_carries_its_indicator_report_and_document(samples_db: str, tmp_path: Path) -> None:
    ok("export", str(tmp_path / "r.csv"), "--indicator", "retention_rate", "--db", samples_db)
    rows = csv_rows(tmp_path / "r.csv")
    junior = next(r for r in rows if r["level"] == "初中")
    assert {k: junior[k] for k in ("value", "effective_value", "unit", "indicator", "indicator_name", "modality",
                                   "qualifier", "placeholder", "region", "kind", "document", "token")} == {
        "value": "99.04", "effective_value": "99.04", "unit": "%", "indicator": "retention_rate",
        "indicator_name": "巩固率", "modality": "actual", "qualifier": "exact", "placeholder": "False",
        "region": "娄星区", "kind": "summary_plan", "document": "000_f472a60a5901be7c.txt", "token": "99.04%"}
    assert "巩固率99.04%" in junior["sentence"]
    assert (junior["province"], junior["region_code"], junior["region_name"]) == ("湖南省", "431302", "娄星区")
    assert int(junior["end"]) - int(junior["start"]) == len("99.04%")


ALL = -1  # every claim the samples give (extract_file over them)


@pytest.mark.parametrize(("filters", "count"), [
    ((), ALL),
    (("--indicator", "retention_rate"), 3),
    (("--indicator", "retention_rate", "--indicator", "investment"), 11),
    (("--placeholders-only",), 15),
    (("--document", "002_d3b064de2d82a876.txt"), 4),
    (("--region", "成武县"), 20),
    # 2014年,小学、初中生均公用经费标准…: the 2011 plan's four funding claims are about 2014
    (("--region", "成武县", "--year", "2014", "--indicator", "funding"), 4),
    (("--region", "成武县", "--year", "2011", "--indicator", "funding"), 0),
    (("--year", "1999"), 0),
    (("--once",), ALL),  # no near-duplicates among the samples
])
def test_filters(samples_db: str, tmp_path: Path, filters: tuple[str, ...], count: int,
                 sample_paths: list[Path]) -> None:
    out = tmp_path / "f.csv"
    ok("export", str(out), "--db", samples_db, *filters)
    if count == ALL:
        count = sum(len(extractor.extract_file(path)) for path in sample_paths)
    assert len(csv_rows(out)) == count


def test_the_effective_value_follows_the_latest_resolution(samples_db: str, tmp_path: Path) -> None:
    out = tmp_path / "m.csv"
    ok("export", str(out), "--placeholders-only", "--indicator", "degree_seats", "--db", samples_db)
    first = csv_rows(out)[0]
    assert (first["value"], first["effective_value"], first["resolved"]) == ("", "", "False")
    ok("placeholders", "resolve", first["claim_id"], "--value", "2074", "--source", "区教育局官网",
       "--db", samples_db)
    ok("export", str(out), "--placeholders-only", "--indicator", "degree_seats", "--db", samples_db)
    again = csv_rows(out)[0]
    assert (again["value"], again["effective_value"], again["resolved"]) == ("", "2074", "True")


def test_without_bom_for_other_tools(samples_db: str, tmp_path: Path) -> None:
    ok("export", str(tmp_path / "plain.csv"), "--no-bom", "--db", samples_db)
    assert (tmp_path / "plain.csv").read_bytes().startswith(b"claim_id,")


def test_a_missing_database_is_refused_and_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "nope.db"
    result = run("export", str(tmp_path / "x.csv"), "--db", str(missing))
    assert result.exit_code == 1 and "no database at" in result.output and "edumetrics ingest" in result.output
    assert not missing.exists() and not (tmp_path / "x.csv").exists()


def test_an_older_database_is_refused_and_left_as_it_is(sample_paths: list[Path], tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    ok("ingest", str(sample_paths[0]), "--db", str(db), "--quiet", "--jobs", "1")
    ok("db", "downgrade", "0003", "--db", str(db))
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    result = run("export", str(tmp_path / "x.csv"), "--db", str(db))
    assert result.exit_code == 1 and f"is at revision 0003, not {head_revision().revision}" in result.output
    assert "edumetrics db upgrade" in result.output
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


@pytest.mark.parametrize("command", [("export",), ("placeholders", "export")])
def test_a_file_that_cannot_be_written_is_a_clean_error(samples_db: str, tmp_path: Path,
                                                         command: tuple[str, ...]) -> None:
    result = run(*command, str(tmp_path / "no" / "such" / "dir.xlsx"), "--db", samples_db)
    assert result.exit_code == 1 and "cannot write" in result.output and "No such file" in result.output


def test_an_unknown_suffix_asks_for_a_format(samples_db: str, tmp_path: Path) -> None:
    result = run("export", str(tmp_path / "claims.txt"), "--db", samples_db)
    assert result.exit_code == 2 and "--format csv, xlsx or parquet" in result.output
    ok("export", str(tmp_path / "claims.txt"), "--format", "csv", "--db", samples_db)
