"""The placeholder work queue on real reports' masked claims: export, resolve, import, the
audit trail, units, near-duplicate copies, and each claim's effective value (view
claims_effective). Every test runs on SQLite and, with $EDUMETRICS_TEST_DATABASE_URL, on
PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from invoke import ok, run
from sqlalchemy import text

from extractor.store.database import open_database

SAMPLE_002 = Path(__file__).resolve().parent.parent / "data" / "samples" / "002_d3b064de2d82a876.txt"
# a sentence of the 新都区 report's kind with a masked amount in 元 (the samples have none)
YUAN_SENTENCE = "发放家庭经济困难学生生活补助xxxx元,惠及学生xxx人次。"


def xindu_report() -> str:
    """Sample 002 (新都区, four masked claims) with one more: xxxx元."""
    report = SAMPLE_002.read_text(encoding="utf-8")
    at = report.index("实施教化资助xxxx万元")
    return report[:at] + YUAN_SENTENCE + report[at:]


@pytest.fixture
def copies_db(database_url: str, tmp_path: Path) -> str:
    """The 新都区 report and a near-duplicate copy of it (another site's GB18030 repost,
    with a line of its own and traditional characters in the title), linked by reconcile."""
    folder = tmp_path / "reports"
    folder.mkdir()
    report = xindu_report()
    (folder / "xindu.txt").write_text(report, encoding="utf-8")
    repost = "转载自某教育网\n" + report.replace("年工作总结", "年工作總結")
    (folder / "xindu_repost.txt").write_bytes(repost.encode("gb18030"))
    ok("ingest", str(folder), "--db", database_url, "--quiet", "--jobs", "1")
    assert "1 reports linked" in ok("reconcile", "--db", database_url).output
    return database_url


def queue(db: str, *flags: str) -> list[dict[str, str]]:
    output = ok("placeholders", "--db", db, "--format", "csv", *flags).output
    assert output.startswith("\ufeff")  # Excel reads a CSV with a BOM as UTF-8
    return list(csv.DictReader(io.StringIO(output.removeprefix("\ufeff"))))


def query(db: str, sql: str) -> list[tuple[object, ...]]:
    engine = open_database(db)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(sql))]
    finally:
        engine.dispose()


def effective(db: str) -> dict[int, tuple[Decimal | None, bool]]:
    rows = query(db, "select id, effective_value, resolved from claims_effective")
    return {int(str(claim_id)): (None if value is None else Decimal(str(value)).normalize(), bool(resolved))
            for claim_id, value, resolved in rows}


def resolutions_per_claim(db: str) -> dict[int, int]:
    rows = query(db, "select claim_id, count(*) from resolutions group by claim_id")
    return {int(str(claim_id)): int(str(count)) for claim_id, count in rows}


def write_csv(path: Path, rows: list[dict[str, str]], encoding: str = "utf-8") -> None:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)


# ---------------------------------------------------------------- the queue

def test_the_queue_lists_every_masked_claim_with_its_sentence(samples_db: str) -> None:
    rows = queue(samples_db)
    assert len(rows) == 15
    seats = next(r for r in rows if r["token"] == "xxxx个")
    assert seats["indicator"] == "degree_seats" and "新增学位xxxx个" in seats["sentence"]
    assert all(r["value"] == "" and r["claim_id"].isdigit() for r in rows)


@pytest.mark.parametrize(("token", "value_unit", "stored_unit"), [
    ("xxxx个", "个", "个"),
    ("xxxx万元", "万元", "万元"),
    ("xxx亿元", "亿元", "万元"),
    ("近x千万元", "千万元", "万元"),
    ("x万余个", "万个", "个"),
    ("xx.xx%", "%", "%"),
])
def test_the_queue_shows_the_unit_each_token_is_written_in(samples_db: str, token: str, value_unit: str,
                                                           stored_unit: str) -> None:
    row = next(r for r in queue(samples_db) if r["token"] == token)
    assert (row["value_unit"], row["stored_unit"]) == (value_unit, stored_unit)


def test_the_queue_exports_to_xlsx_and_csv_files(samples_db: str, tmp_path: Path) -> None:
    ok("placeholders", "export", str(tmp_path / "q.csv"), "--db", samples_db)
    ok("placeholders", "export", str(tmp_path / "q.xlsx"), "--db", samples_db)
    raw = (tmp_path / "q.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfclaim_id,copies,")
    assert "新增学位xxxx个".encode() in raw
    sheet = openpyxl.load_workbook(tmp_path / "q.xlsx").active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    assert header[:2] == ["claim_id", "copies"] and "value_unit" in header
    assert sheet.max_row == 16 and isinstance(sheet["A2"].value, int)


# ---------------------------------------------------------------- resolve

def test_resolving_again_appends_and_the_latest_wins(samples_db: str) -> None:
    claim = queue(samples_db)[0]["claim_id"]
    for value, source in (("2000", "网页转载"), ("2074", "区教育局官网原文")):
        ok("placeholders", "resolve", claim, "--value", value, "--source", source, "--db", samples_db)
    assert effective(samples_db)[int(claim)] == (Decimal(2074), True)
    trail = json.loads(ok("placeholders", "history", claim, "--format", "json", "--db", samples_db).output)
    assert [h["value"] for h in trail] == [2000, 2074]
    masked = query(samples_db, f"select value, placeholder from claims where id = {int(claim)}")
    assert masked[0][0] is None and masked[0][1]  # the extracted claim itself is untouched


def test_resolving_the_same_value_twice_records_it_once(samples_db: str) -> None:
    claim = queue(samples_db)[0]["claim_id"]
    args = ("placeholders", "resolve", claim, "--value", "2074", "--source", "区教育局官网", "--db", samples_db)
    ok(*args)
    assert "already recorded" in ok(*args).output
    assert resolutions_per_claim(samples_db) == {int(claim): 1}


@pytest.mark.parametrize(("typed", "stored", "shown"), [
    ("500", "0.05", "500 元 = 0.05 万元"),        # the token's own unit: 元
    ("500元", "0.05", "500 元 = 0.05 万元"),
    ("0.05万元", "0.05", "0.05 万元"),             # a unit of its own
    ("1,200", "0.12", "1200 元 = 0.12 万元"),
])
def test_a_value_is_read_in_the_unit_of_its_token(copies_db: str, typed: str, stored: str, shown: str) -> None:
    row = next(r for r in queue(copies_db) if r["token"] == "xxxx元")
    assert row["value_unit"] == "元" and row["stored_unit"] == "万元"
    result = ok("placeholders", "resolve", row["claim_id"], "--value", typed, "--source", "区资助中心年报",
                "--db", copies_db)
    assert shown in result.output
    assert effective(copies_db)[int(row["claim_id"])] == (Decimal(stored).normalize(), True)
    again = next(r for r in queue(copies_db, "--all") if r["token"] == "xxxx元")
    assert Decimal(again["value"]) == Decimal(stored) * 10000 and again["value_unit"] == "元"  # back in 元


@pytest.mark.parametrize(("claim", "value", "source", "reason"), [
    ("999999", "10", "年报", "no claim with id 999999"),
    (None, "三千", "年报", "not a number"),
    (None, "10", " ", "a source is required"),
    (None, "-5", "年报", "outside the bounds"),
    (None, "3万元", "年报", "unit 万元 is no unit of 个"),
    (None, "1e15", "年报", "too large to store"),
    (None, "10.0000001", "年报", "more than 6 decimals"),
])
def test_a_bad_resolution_is_refused_with_its_reason(samples_db: str, claim: str | None, value: str,
                                                     source: str, reason: str) -> None:
    claim_id = claim or next(r for r in queue(samples_db) if r["token"] == "xxxx个")["claim_id"]
    result = run("placeholders", "resolve", claim_id, "--value", value, "--source", source, "--db", samples_db)
    assert result.exit_code == 1 and reason in result.output
    assert resolutions_per_claim(samples_db) == {}


def test_only_a_masked_claim_takes_a_value_unless_override(samples_db: str) -> None:
    (claim_id,) = query(samples_db, "select min(id) from claims where not placeholder")[0]
    args = ("placeholders", "resolve", str(claim_id), "--value", "310", "--source", "区教育局决算", "--db", samples_db)
    refused = run(*args)
    assert refused.exit_code == 1 and f"claim {claim_id} is not masked (it says 300万元)" in refused.output
    assert resolutions_per_claim(samples_db) == {}
    ok(*args, "--override")
    assert effective(samples_db)[int(str(claim_id))] == (Decimal(310), True)


@pytest.mark.parametrize("args", [
    ("placeholders", "resolve", "{claim}", "--value", "2074", "--source", "区教育局官网", "--db", "{db}"),
    ("placeholders", "--db", "{db}", "resolve", "{claim}", "--value", "2074", "--source", "区教育局官网"),
    ("placeholders", "history", "{claim}", "--db", "{db}"),
    ("placeholders", "export", "{tmp}/q.xlsx", "--db", "{db}"),
    ("placeholders", "--all", "--db", "{db}"),
    ("findings", "--db", "{db}"),
])
def test_options_come_after_the_subcommand_too(samples_db: str, tmp_path: Path, args: tuple[str, ...]) -> None:
    claim = queue(samples_db)[0]["claim_id"]
    ok(*(a.format(claim=claim, db=samples_db, tmp=tmp_path) for a in args))


def test_findings_subcommands_take_db_after_them(samples_db: str) -> None:
    ok("reconcile", "--db", samples_db)
    assert "is now dismissed" in ok("findings", "dismiss", "1", "--db", samples_db).output


# ---------------------------------------------------------------- near-duplicate copies

def test_a_claim_and_its_copies_are_one_row_and_one_value_resolves_all(copies_db: str) -> None:
    rows = queue(copies_db)
    assert len(rows) == 5  # 10 masked claims: 5 in the report, 5 in its repost
    assert all(r["document"] == "xindu.txt" and r["copies"].isdigit() for r in rows)
    seats = next(r for r in rows if r["token"] == "xxxx个")
    copy = int(seats["copies"])
    ok("placeholders", "resolve", seats["claim_id"], "--value", "2074", "--source", "区教育局官网", "--db", copies_db)
    values = effective(copies_db)
    assert values[int(seats["claim_id"])] == values[copy] == (Decimal(2074), True)
    assert len(queue(copies_db)) == 4
    # naming the copy resolves the claim it copies as well
    rate = next(r for r in rows if r["token"] == "xx.xx%")
    result = ok("placeholders", "resolve", rate["copies"], "--value", "45.5", "--source", "区教育局官网",
                "--db", copies_db)
    assert "and 1 near-duplicate copies" in result.output
    assert effective(copies_db)[int(rate["claim_id"])] == (Decimal("45.5"), True)
    assert resolutions_per_claim(copies_db) == {int(seats["claim_id"]): 1, copy: 1,
                                                int(rate["claim_id"]): 1, int(rate["copies"]): 1}


# ---------------------------------------------------------------- import

def fill(rows: list[dict[str, str]], values: dict[str, str], source: str = "区教育局2021年统计年报") -> None:
    for row in rows:
        if row["token"] in values:
            row.update(value=values[row["token"]], source=source, note="表3")


def test_import_records_the_filled_rows_and_a_second_import_adds_nothing(copies_db: str, tmp_path: Path) -> None:
    rows = queue(copies_db)
    fill(rows, {"xxxx个": "2074", "xxxx元": "500"})
    filled = tmp_path / "filled.csv"
    write_csv(filled, rows)
    first = ok("placeholders", "import", str(filled), "--by", "王分析", "--db", copies_db)
    assert "4 resolutions recorded, 0 rows already recorded, 3 rows left open" in first.output
    assert "500 元 = 0.05 万元" in first.output
    second = ok("placeholders", "import", str(filled), "--by", "王分析", "--db", copies_db)
    assert "0 resolutions recorded, 2 rows already recorded, 3 rows left open" in second.output
    assert sorted(resolutions_per_claim(copies_db).values()) == [1, 1, 1, 1]
    history = json.loads(ok("placeholders", "history", rows[0]["claim_id"], "--format", "json",
                            "--db", copies_db).output)
    assert [(h["value"], h["source"], h["note"], h["resolved_by"]) for h in history] == [
        (2074, "区教育局2021年统计年报", "表3", "王分析")]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_import_reads_utf8_with_or_without_bom_and_gb18030(copies_db: str, tmp_path: Path, encoding: str) -> None:
    rows = queue(copies_db)
    fill(rows, {"xxxx万元": "1200"}, source="新都区财政局决算公开")
    filled = tmp_path / "filled.csv"
    write_csv(filled, rows, encoding)
    result = ok("placeholders", "import", str(filled), "--db", copies_db)
    assert "2 resolutions recorded" in result.output
    trail = query(copies_db, "select distinct source from resolutions")
    assert trail == [("新都区财政局决算公开",)]


def bad_rows(ids: dict[str, str]) -> list[tuple[str, str]]:
    """(CSV line, the reason it is refused) for one row each."""
    return [
        (f"{ids['xxxx个']},abc,区教育局年报,", "not a number: 'abc'"),
        ("999999,10,区教育局年报,", "no claim with id 999999"),
        (f"{ids['xxxx人']},12,,", "a source is required"),
        (f"x{ids['xx.xx%']},12,年报,", "bad claim_id"),
        ("12345678901234567890,10,年报,", "bad claim_id '12345678901234567890'"),
        (f"{ids['xxxx元']},3万个,区资助中心,", "unit 万个 is no unit of 万元"),
    ]


def test_import_is_all_or_nothing_and_reports_every_bad_row(copies_db: str, tmp_path: Path) -> None:
    ids = {r["token"]: r["claim_id"] for r in queue(copies_db)}
    bad = bad_rows(ids)
    good = f"{ids['xxxx万元']},1200,新都区财政局决算,"
    lines = ["claim_id,value,source,note", good, *(line for line, _ in bad)]
    filled = tmp_path / "filled.csv"
    filled.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("placeholders", "import", str(filled), "--db", copies_db)
    assert result.exit_code == 1
    for number, (_, reason) in enumerate(bad, start=3):
        assert f"filled.csv:{number}: " in result.output and reason in result.output
    assert "nothing recorded" in result.output
    assert resolutions_per_claim(copies_db) == {}  # not even the good row
    filled.write_text("claim_id,value,source,note\n" + good + "\n", encoding="utf-8")
    assert "2 resolutions recorded" in ok("placeholders", "import", str(filled), "--db", copies_db).output


@pytest.mark.parametrize(("content", "reason"), [
    ("claim_id,value,source\n{id},1200,新都区财政局\n".encode("gbk")[:-1] + b"\xff\n",
     "filled.csv:2: neither UTF-8 nor GB18030 text"),
    ("claim_id,value,source\n{id},1200,区财政局\n".encode() + "{id},1300,区财政局\n".encode("gbk")
     + "{id},1400,区财政局\n".encode("gbk"), "filled.csv:3: not UTF-8 text"),
    (b"claim_id,value,source\n{id},1200,\"" + b"x" * 140_000 + b"\"\n", "filled.csv:2: field larger than field limit"),
    (b"claim_id,value,source\n{id},1200,\xe5\x8c\xba,extra\n", "filled.csv:2: 4 cells under 3 columns"),
    (b"id,number\n1,2\n", "missing column(s) claim_id, value, source"),
])
def test_an_unreadable_file_is_reported_with_its_line_and_stores_nothing(
        copies_db: str, tmp_path: Path, content: bytes, reason: str) -> None:
    claim_id = next(r for r in queue(copies_db) if r["token"] == "xxxx万元")["claim_id"]
    filled = tmp_path / "filled.csv"
    filled.write_bytes(content.replace(b"{id}", claim_id.encode()))
    result = run("placeholders", "import", str(filled), "--db", copies_db)
    assert result.exit_code == 1 and reason in result.output, result.output
    assert "Traceback" not in result.output and not isinstance(result.exception, UnicodeDecodeError)
    assert resolutions_per_claim(copies_db) == {}


def test_import_takes_values_for_masked_claims_only_unless_override(samples_db: str, tmp_path: Path) -> None:
    (claim_id,) = query(samples_db, "select min(id) from claims where not placeholder")[0]
    filled = tmp_path / "filled.csv"
    filled.write_text(f"claim_id,value,source\n{claim_id},310,区教育局决算\n", encoding="utf-8")
    refused = run("placeholders", "import", str(filled), "--db", samples_db)
    assert refused.exit_code == 1 and f"filled.csv:2: claim {claim_id} is not masked" in refused.output
    assert resolutions_per_claim(samples_db) == {}
    ok("placeholders", "import", str(filled), "--override", "--db", samples_db)
    assert resolutions_per_claim(samples_db) == {int(str(claim_id)): 1}


def test_one_claim_given_two_values_in_one_file_is_refused(copies_db: str, tmp_path: Path) -> None:
    row = next(r for r in queue(copies_db) if r["token"] == "xxxx个")
    filled = tmp_path / "filled.csv"
    filled.write_text("claim_id,value,source\n"
                      f"{row['claim_id']},2074,区教育局官网\n"
                      f"{row['copies']},2075,区教育局官网\n", encoding="utf-8")
    result = run("placeholders", "import", str(filled), "--db", copies_db)
    assert result.exit_code == 1
    assert "filled.csv:3: claim " in result.output and "another value on line 2" in result.output


# ---------------------------------------------------------------- the round trip through Excel's files

def fill_xlsx(path: Path, values: dict[str, object]) -> None:
    """What an analyst does in Excel: type numbers (a percentage as 45.5%), a source, save."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    column = {name: header.index(name) + 1 for name in ("token", "value", "source", "note")}
    for row in range(2, sheet.max_row + 1):
        token = sheet.cell(row, column["token"]).value
        if token in values:
            cell = sheet.cell(row, column["value"])
            cell.value = values[token]
            if token == "xx.xx%":
                cell.number_format = "0.00%"  # Excel keeps 45.5% as 0.455
            sheet.cell(row, column["source"]).value = "新都区教育局2021年统计年报"
            note = sheet.cell(row, column["note"])
            note.value = "=见表3"  # typed as '=见表3: text, not a formula
            note.data_type = "s"
    workbook.save(path)


def fill_gb18030_csv(path: Path, values: dict[str, str]) -> None:
    """What Chinese Excel saves: GB18030, CRLF, no BOM."""
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    fill(rows, values, source="新都区财政局2021年决算")
    write_csv(path, rows, "gb18030")


def test_the_round_trip_through_xlsx_and_a_gb18030_csv_twice(copies_db: str, tmp_path: Path) -> None:
    xlsx, sheet, everything = tmp_path / "queue.xlsx", tmp_path / "queue.csv", tmp_path / "all.xlsx"
    ok("placeholders", "export", str(xlsx), "--db", copies_db)
    fill_xlsx(xlsx, {"xxxx个": 2074, "xx.xx%": 0.455, "xxxx人": 1630})
    ok("placeholders", "import", str(xlsx), "--by", "王分析", "--db", copies_db)
    ok("placeholders", "export", str(sheet), "--db", copies_db)
    fill_gb18030_csv(sheet, {"xxxx元": "500", "xxxx万元": "1,200"})
    ok("placeholders", "import", str(sheet), "--by", "李分析", "--db", copies_db)
    assert queue(copies_db) == []
    # the same files again, and the whole queue exported with its values and imported back
    ok("placeholders", "export", str(everything), "--all", "--db", copies_db)
    for again in (xlsx, sheet, everything):
        result = ok("placeholders", "import", str(again), "--db", copies_db)
        assert "0 resolutions recorded" in result.output
    per_claim = resolutions_per_claim(copies_db)
    assert len(per_claim) == 10 and set(per_claim.values()) == {1}  # 5 claims and their 5 copies
    values = {token: effective(copies_db)[int(str(claim))][0] for token, claim in query(
        copies_db, "select text, id from claims where placeholder")}
    assert values == {"xxxx个": Decimal(2074), "xx.xx%": Decimal("45.5"), "xxxx人": Decimal(1630),
                      "xxxx元": Decimal("0.05"), "xxxx万元": Decimal(1200)}
    notes = {note for (note,) in query(copies_db, "select distinct note from resolutions")}
    assert notes == {"=见表3", "表3"}
    exported = openpyxl.load_workbook(everything).active
    assert exported is not None
    assert {c.value for c in exported["O"]} >= {"'=见表3"}  # the note column, neutralized
