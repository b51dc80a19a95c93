"""Spreadsheet formula injection (OWASP CSV injection): every CSV and XLSX the CLI writes
(query, failures, findings, placeholders, export) neutralizes a text cell that starts with
= + - @, a tab or a carriage return, report sentences included; numbers stay numbers."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from invoke import ok, run

from extractor.cli.output import Column, neutralize, restore, write_file

# a report scraped from a hostile page: sentences that a spreadsheet would run (no web
# address in them: a line with one is a link, whose numbers are no claims)
HOSTILE_REPORT = (
    "区教育局2021年工作总结\n"
    '=HYPERLINK("#详情","详情")新增学位xxxx个。\n'
    "-全区小学巩固率99.5%。\n"
    "@SUM(1+1)投资1450万元新建学校教学楼。\n"
)
HOSTILE_SENTENCES = ('=HYPERLINK("#详情","详情")新增学位xxxx个', "-全区小学巩固率99.5%",
                     "@SUM(1+1)投资1450万元新建学校教学楼")


@pytest.fixture
def hostile_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    Path("report.txt").write_text(HOSTILE_REPORT, encoding="utf-8")
    Path("=cmd|' -c calc'!A1.doc").write_bytes(b"legacy")  # skipped: listed in failures by its name
    db = f"sqlite:///{tmp_path / 'hostile.db'}"
    run("ingest", "report.txt", "=cmd|' -c calc'!A1.doc", "--db", db, "--quiet", "--jobs", "1")
    return db


def cells(output: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(output.removeprefix("\ufeff"))) for cell in row]


def assert_no_formula(found: list[str]) -> None:
    dangerous = [c for c in found if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert dangerous == []


@pytest.mark.parametrize("command", [
    ("query", "select sentence, text from claims", "--format", "csv"),
    ("placeholders", "--format", "csv"),
    ("failures", "--format", "csv"),
])
def test_csv_on_standard_output_is_neutralized(hostile_db: str, command: tuple[str, ...]) -> None:
    found = cells(ok(*command, "--db", hostile_db).output)
    assert_no_formula(found)
    assert any(c.startswith("'") for c in found)  # the hostile cell is there, quoted


def test_the_sentences_come_back_whole_after_the_quote(hostile_db: str) -> None:
    found = cells(ok("query", "select sentence from claims order by id", "--format", "csv",
                     "--db", hostile_db).output)
    assert [restore(c) for c in found[1:]] == list(HOSTILE_SENTENCES)


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_files_written_for_spreadsheets_are_neutralized(hostile_db: str, tmp_path: Path, suffix: str) -> None:
    for command in (("export",), ("placeholders", "export")):
        out = tmp_path / f"out.{suffix}"
        ok(*command, str(out), "--db", hostile_db)
        if suffix == "csv":
            found = cells(out.read_text(encoding="utf-8-sig"))
        else:
            sheet = openpyxl.load_workbook(out).active
            assert sheet is not None
            assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)  # no formula at all
            found = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
        assert_no_formula(found)
        assert "'" + HOSTILE_SENTENCES[0] in found


@pytest.mark.parametrize(("cell", "written"), [
    ("=1+1", "'=1+1"),
    ("+86 10 1234", "'+86 10 1234"),
    ("-全区小学巩固率99.5%", "'-全区小学巩固率99.5%"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("＝1+1", "'＝1+1"),  # full-width, as a Chinese input method types it
    ("巩固率=99%", "巩固率=99%"),
    ("'引用", "'引用"),
    (Decimal("-0.5"), Decimal("-0.5")),  # a number is no formula
    (-3, -3),
    (None, None),
])
def test_the_rule(cell: object, written: object) -> None:
    assert neutralize(cell) == written
    assert restore(neutralize(cell)) == cell


def test_write_file_types_cells_in_xlsx(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    rows = [("=1+1", Decimal("-0.5"), "-5万元"), ("普通文本", Decimal("99.04"), "")]
    write_file([Column("text"), Column("value", "decimal"), Column("more")], rows, out, "xlsx")
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    assert [[c.value for c in row] for row in sheet.iter_rows(min_row=2)] == [
        ["'=1+1", -0.5, "'-5万元"], ["普通文本", 99.04, None]]
