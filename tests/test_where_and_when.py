"""Where and when in the database (migration 0006): a report's place (region as written, full
name, GB/T 2260 code, level, province) and genre, a claim's own year, the view claims_located
that groups claims by province and year, and the export's place and year columns.

Hand-made records (tests/handmade.py), not the extractor, so that these tests do not depend on
how the pipeline fills the fields. Every database test runs on SQLite and, with
$EDUMETRICS_TEST_DATABASE_URL, on PostgreSQL.
"""

from __future__ import annotations

import asyncio
import csv
import io
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from handmade import CHENGWU_PLACE, HANGZHOU_PLACE, located_documents, processed_document
from invoke import run
from sqlalchemy import Engine, inspect, select, text, update
from sqlalchemy.orm import Session

from extractor.models.records import Claim, Report
from extractor.models.tables import ClaimRow, DocumentRow, ReportRow, claim_values, report_values
from extractor.reconcile.resolutions import resolve
from extractor.store.database import connect, open_database
from extractor.store.documents import store_document
from extractor.store.schema import downgrade, schema_drift, upgrade

PLACE = ("region_name", "region_code", "region_level", "province", "province_code", "genre")
LOCATED = ["year", "effective_value", "resolved", "copy_of_report", "kind", "genre", "report_year", "region",
           "region_name", "region_code", "region_level", "province", "province_code"]


def rows(engine: Engine, sql: str) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(text(sql))]


def mark_copy(engine: Engine, copy: str, original: str) -> None:
    """What `edumetrics reconcile` does to a near-duplicate: point it at the original report."""
    with Session(engine) as session, session.begin():
        ids = {name: report_id for name, report_id in
               session.execute(select(DocumentRow.name, ReportRow.id).join(ReportRow.document))}
        session.execute(update(ReportRow).where(ReportRow.id == ids[copy])
                        .values(canonical_report_id=ids[original]))


@pytest.fixture
def located(database_url: str) -> Iterator[Engine]:
    """杭州, 成武县 and its copy, 新华区, stored; the copy marked as one."""
    engine = open_database(database_url)
    try:
        for processed in located_documents():
            assert store_document(engine, processed).stored
        mark_copy(engine, "chengwu-copy.txt", "chengwu.txt")
        yield engine
    finally:
        engine.dispose()


# ---------------------------------------------------------------- the migration

def schema_of(engine: Engine) -> dict[str, object]:
    """The shape 0006 touches: the columns of reports, claims and every view, their indexes."""
    found = inspect(engine)
    views = sorted(found.get_view_names())
    return {
        "columns": {name: [column["name"] for column in found.get_columns(name)]
                    for name in ("reports", "claims", *views)},
        "indexes": {name: sorted(str(index["name"]) for index in found.get_indexes(name))
                    for name in ("reports", "claims")},
        "views": views,
    }


def insert_at_0005(engine: Engine) -> None:
    """A document, a report and a claim written the way revision 0005 stores them."""
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO documents (name, path, sha256, encoding, size, ingested_at) "
            "VALUES ('old.txt', '/tmp/old.txt', :sha, 'utf-8', 10, CURRENT_TIMESTAMP)"), {"sha": "0" * 64})
        connection.execute(text(
            'INSERT INTO reports (document_id, "index", title, kind, year, year_masked, region, region_masked, '
            '"start", "end") SELECT id, 0, :title, \'plan\', 2011, false, :region, false, 0, 40 FROM documents'),
            {"title": "成武县教育局二〇一一年工作计划要点", "region": "成武县"})
        connection.execute(text(
            "INSERT INTO claims (document_id, report_id, indicator, value, unit, qualifier, placeholder, "
            'modality, level, "start", "end", text, sentence, sentence_start, rule, "trigger") '
            "SELECT document_id, id, 'enrollment_rate', 60, '%', 'at_least', false, 'target', '学前', 20, 23, "
            "'60%', :sentence, 10, 'rate-noun', '入园率' FROM reports"), {"sentence": "3—6周岁幼儿入园率达到60%以上"})


def test_0006_adds_the_columns_indexes_and_view_and_its_downgrade_takes_them_away(database_url: str) -> None:
    engine = connect(database_url)
    try:
        upgrade(engine, "0005")
        before = schema_of(engine)
        insert_at_0005(engine)
        upgrade(engine, "0006")
        after = schema_of(engine)
        assert schema_drift(engine) == []
        assert after["columns"]["reports"] == before["columns"]["reports"] + list(PLACE)  # type: ignore[index]
        assert after["columns"]["claims"] == before["columns"]["claims"] + ["year"]  # type: ignore[index]
        for view in ("claims_once", "claims_effective"):  # on PostgreSQL too, where a view's * is fixed
            assert "year" in after["columns"][view]  # type: ignore[index]
        assert after["columns"]["claims_located"][-len(LOCATED):] == LOCATED  # type: ignore[index]
        assert set(after["indexes"]["reports"]) - set(before["indexes"]["reports"]) == {  # type: ignore[index]
            "ix_reports_province_code", "ix_reports_region_code"}
        assert set(after["indexes"]["claims"]) - set(before["indexes"]["claims"]) == {"ix_claims_year"}  # type: ignore[index]
        # the old claim is kept, knows no year of its own and takes its report's in the view
        [old] = rows(engine, "SELECT year, report_year, province, region, value FROM claims_located")
        assert (old["year"], old["report_year"], old["province"], old["region"]) == (2011, 2011, None, "成武县")
        assert rows(engine, "SELECT year FROM claims") == [{"year": None}]
        assert store_document(engine, located_documents()[0]).stored
        downgrade(engine, "0005")
        assert schema_of(engine) == before
        assert rows(engine, "SELECT count(*) AS n FROM claims_once") == [{"n": 5}]
        assert rows(engine, "SELECT count(*) AS n FROM claims_effective WHERE effective_value = value") == [{"n": 5}]
        upgrade(engine)
        assert rows(engine, "SELECT count(*) AS n FROM claims WHERE year IS NOT NULL") == [{"n": 0}]
    finally:
        engine.dispose()


# ---------------------------------------------------------------- records to rows and back

def test_the_mapping_carries_every_field_of_the_records() -> None:
    processed = located_documents()[0]
    report_columns = report_values(processed.reports[0], 1, None)
    claim_columns = claim_values(processed.claims[0], 1, 1)
    assert set(Report.model_fields) - {"doc"} <= set(report_columns)
    assert set(Claim.model_fields) - {"doc", "report_index"} <= set(claim_columns)


def test_a_reports_place_and_a_claims_year_are_stored_and_read_back(located: Engine) -> None:
    with Session(located) as session:
        stored = {row.document.name: row for row in session.scalars(select(ReportRow))}
        for processed in located_documents():
            report, row = processed.reports[0], stored[processed.document.name]
            assert {field: getattr(row, field) for field in ("region", "year", "kind", *PLACE)} == \
                {field: getattr(report, field) for field in ("region", "year", "kind", *PLACE)}
            years = [(claim.text, claim.year) for claim in processed.claims]
            assert [(claim.text, claim.year) for claim in row.claims] == years
        hangzhou = stored["hangzhou.txt"]
        assert (hangzhou.region, hangzhou.region_name, hangzhou.region_code, hangzhou.province_code) == (
            "杭州", "杭州市", "330100", "330000")
        assert [claim.year for claim in hangzhou.claims] == [2007, 2007, 2007, 2010]
        assert stored["xinhua.txt"].province is None and stored["xinhua.txt"].region == "新华区"


def test_a_report_stored_without_a_place_has_nulls() -> None:
    engine = open_database("sqlite://")
    try:
        store_document(engine, processed_document())
        with Session(engine) as session:
            assert {tuple(getattr(row, field) for field in PLACE) for row in session.scalars(select(ReportRow))} \
                == {(None,) * len(PLACE)}
            assert set(session.scalars(select(ClaimRow.year))) == {None}
    finally:
        engine.dispose()


# ---------------------------------------------------------------- the view

def averages(engine: Engine, sql: str) -> dict[tuple[object, object], tuple[float, int]]:
    return {(row["province"], row["year"]): (round(float(row["mean"]), 2), row["claims"])
            for row in rows(engine, sql)}


def test_claims_located_groups_an_indicator_by_province_and_year(located: Engine) -> None:
    by_province_and_year = """
        select province, year, avg(value) as mean, count(*) as claims from claims_located
        where indicator = 'enrollment_rate' group by 1, 2"""
    # 杭州's 2005 report states targets for 2007 and 2010: each claim goes to its own year
    assert averages(located, by_province_and_year) == {
        ("浙江省", 2007): (95.33, 3), ("浙江省", 2010): (50.0, 1),
        ("山东省", 2011): (76.5, 4), (None, None): (100.0, 1)}
    once = by_province_and_year.replace("where", "where copy_of_report is null and")
    assert averages(located, once)[("山东省", 2011)] == (76.5, 2)  # the copy left out


def test_claims_located_gives_each_claim_its_reports_place_and_time(located: Engine) -> None:
    located_rows = rows(located, "SELECT * FROM claims_located")
    assert len(located_rows) == 9
    hangzhou = [row for row in located_rows if row["region_code"] == "330100"]
    assert {(row["year"], row["report_year"], row["kind"], row["genre"]) for row in hangzhou} == {
        (2007, 2005, "plan", "policy"), (2010, 2005, "plan", "policy")}
    assert {field: hangzhou[0][field] for field in HANGZHOU_PLACE} == HANGZHOU_PLACE
    chengwu = [row for row in located_rows if row["province"] == "山东省"]
    assert {row["year"] for row in chengwu} == {2011}  # no year of their own: their report's
    assert {field: chengwu[0][field] for field in CHENGWU_PLACE} == CHENGWU_PLACE
    assert sorted(row["copy_of_report"] is None for row in chengwu) == [False, False, True, True]
    claims = rows(located, "SELECT id, value FROM claims ORDER BY id")
    assert [(row["id"], row["effective_value"]) for row in sorted(located_rows, key=lambda r: r["id"])] == \
        [(row["id"], row["value"]) for row in claims]


def test_claims_located_shows_a_resolved_value(located: Engine) -> None:
    [claim] = rows(located, "SELECT id FROM claims WHERE text = '50%'")
    resolve(located, claim["id"], "52", "杭州市教育统计年鉴", by="test", override=True)
    [row] = rows(located, f"SELECT value, effective_value, resolved FROM claims_located WHERE id = {claim['id']}")
    assert (row["value"], row["effective_value"], bool(row["resolved"])) == (Decimal("50"), Decimal("52"), True)


def test_the_query_command_reads_the_view(located: Engine) -> None:
    url = located.url.render_as_string(hide_password=False)
    result = run("query", "select province, year, count(*) as n from claims_located where province is not null "
                 "group by province, year order by province, year", "--db", url, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert list(csv.reader(io.StringIO(result.stdout))) == [
        ["province", "year", "n"], ["山东省", "2011", "4"], ["浙江省", "2007", "3"], ["浙江省", "2010", "1"]]


# ---------------------------------------------------------------- export

def exported(url: str, path: Path, *options: str) -> list[dict[str, str]]:
    result = run("export", str(path), "--db", url, *options)
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


PLACE_COLUMNS = ("region", "region_name", "province", "region_code", "year", "report_year")


@pytest.mark.parametrize(("options", "expected"), [
    ((), {("杭州", "杭州市", "浙江省", "330100", "2007", "2005"), ("杭州", "杭州市", "浙江省", "330100", "2010", "2005"),
          ("成武縣", "成武县", "山东省", "371723", "2011", "2011"), ("新华区", "", "", "", "", "")}),
    (("--year", "2007"), {("杭州", "杭州市", "浙江省", "330100", "2007", "2005")}),  # the claim's year
    (("--year", "2005"), set()),  # the report's year, of claims about other years
    (("--region", "成武县"), {("成武縣", "成武县", "山东省", "371723", "2011", "2011")}),  # by full name
    (("--region", "成武縣", "--once"), {("成武縣", "成武县", "山东省", "371723", "2011", "2011")}),  # as written
])
def test_export_carries_the_reports_place_and_the_claims_year(located: Engine, tmp_path: Path,
                                                               options: tuple[str, ...],
                                                               expected: set[tuple[str, ...]]) -> None:
    table = exported(located.url.render_as_string(hide_password=False), tmp_path / "claims.csv", *options)
    assert {tuple(row[column] for column in PLACE_COLUMNS) for row in table} == expected
    if "--once" in options:
        assert len(table) == 2


# ---------------------------------------------------------------- serve

@pytest.fixture
def located_file(tmp_path: Path) -> Path:
    """The hand-made reports in a SQLite file, as `edumetrics serve` reads one."""
    path = tmp_path / "located.db"
    engine = open_database(f"sqlite:///{path}")
    try:
        for processed in located_documents():
            store_document(engine, processed)
        mark_copy(engine, "chengwu-copy.txt", "chengwu.txt")
    finally:
        engine.dispose()
    return path


def served(path: Path, *urls: str) -> list[Any]:
    """The JSON Datasette answers for `urls`, with serve's metadata, in this process."""
    from extractor.store.browse import datasette_metadata
    from extractor.store.datasette_app import database_name, make_datasette
    from extractor.vocab.browse import load_browse_data

    datasette = make_datasette(path, datasette_metadata(load_browse_data(), database_name(path)))

    async def get() -> list[Any]:
        answers = [await datasette.client.get(url) for url in urls]
        assert [answer.status_code for answer in answers] == [200] * len(urls)
        return [answer.json() for answer in answers]

    return asyncio.run(get())


def test_serve_facets_claims_located_by_province_and_year_and_runs_the_canned_query(located_file: Path) -> None:
    page, canned = served(located_file, "/located/claims_located.json?_size=0",
                          "/located/indicator_by_province_and_year.json?indicator=入学率 / 入园率&_shape=array")
    facets = page["facet_results"]
    assert [(v["value"], v["count"]) for v in facets["province"]["results"]] == [("山东省", 4), ("浙江省", 4)]
    assert [(v["value"], v["count"]) for v in facets["year"]["results"]] == [(2011, 4), (2007, 3), (2010, 1)]
    assert [(row["province"], row["year"], row["claims"], row["mean"]) for row in canned] == [
        ("山东省", 2011, 2, 76.5), ("浙江省", 2007, 3, pytest.approx(95.333, abs=0.001)), ("浙江省", 2010, 1, 50),
        (None, None, 1, 100)]
