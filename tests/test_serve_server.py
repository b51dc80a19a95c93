"""`edumetrics serve` running: a real server on a free port over a database ingested from
data/samples (reconciled, one placeholder resolved), read through HTTP as a browser would,
and checked against the same database read directly. Every write attempt fails and leaves the
file byte for byte as it was."""

from __future__ import annotations

import asyncio
import hashlib
import html
import json
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from extractor.ingest.batch import ingest_paths
from extractor.reconcile.resolutions import resolve
from extractor.reconcile.run import reconcile
from extractor.store.browse import datasette_metadata
from extractor.store.database import open_database
from extractor.vocab.browse import load_browse_data

pytestmark = pytest.mark.slow

NAME = "edumetrics"  # the database file's stem: its name in Datasette's URLs
RESOLVED_VALUE = 3000  # for 新增学位xxxx个 of 002_d3b064de2d82a876.txt
MASKED_SEATS = """
    SELECT c.id FROM claims c JOIN documents d ON d.id = c.document_id
    WHERE d.name = '002_d3b064de2d82a876.txt' AND c.indicator = 'degree_seats' AND c.text = 'xxxx个'"""
STARTUP_SECONDS = 30


@pytest.fixture(scope="module")
def samples_db(tmp_path_factory: pytest.TempPathFactory, sample_paths: list[Path]) -> Path:
    path = tmp_path_factory.mktemp("serve") / f"{NAME}.db"
    engine = open_database(f"sqlite:///{path}")
    try:
        ingest_paths(engine, sample_paths)
        reconcile(engine)
        [seats] = rows(path, MASKED_SEATS)
        resolve(engine, seats["id"], str(RESOLVED_VALUE), "区教育局2021年统计年报", by="test")
    finally:
        engine.dispose()
    return path


def resolved_claim(path: Path) -> int:
    [resolution] = rows(path, "SELECT claim_id FROM resolutions")
    return int(resolution["claim_id"])


def rows(path: Path, sql: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The rows of `sql` read straight from the file (read-only), as Datasette's JSON has them."""
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as connection:
        connection.row_factory = sqlite3.Row
        return [dict(row) for row in connection.execute(sql, params or {})]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return int(probe.getsockname()[1])


class Server:
    def __init__(self, base: str, database: Path) -> None:
        self.base = base
        self.database = database

    def request(self, path: str, method: str = "GET", body: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, str]:
        request = urllib.request.Request(self.base + path, data=body, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def page(self, path: str) -> str:
        status, text = self.request(path)
        assert status == 200, (path, status, text[:500])
        return text

    def json(self, path: str, **params: str) -> Any:
        query = urllib.parse.urlencode(params)
        return json.loads(self.page(f"{path}?{query}" if query else path))


@pytest.fixture(scope="module")
def server(samples_db: Path) -> Iterator[Server]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "extractor.cli", "serve", "--db", str(samples_db), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(process, base)
        yield Server(base, samples_db)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_up(process: subprocess.Popen[str], base: str) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read() if process.stdout else ""
            pytest.fail(f"serve exited with {process.returncode}:\n{output}")
        try:
            with urllib.request.urlopen(f"{base}/-/versions.json", timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"serve did not answer within {STARTUP_SECONDS} s")


def live_columns(path: Path) -> dict[str, list[str]]:
    names = [row["name"] for row in rows(path, "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")]
    return {name: [row["name"] for row in rows(path, f'PRAGMA table_info("{name}")')] for name in names}


# ---------------------------------------------------------------- pages

def test_every_table_and_view_page_shows_its_description_and_its_rows(server: Server) -> None:
    tables = json.loads(server.page("/-/metadata.json"))["databases"][NAME]["tables"]
    for name in live_columns(server.database):
        text = html.unescape(server.page(f"/{NAME}/{name}"))
        assert tables[name]["description"] in text, name
        count = rows(server.database, f'SELECT count(*) AS n FROM "{name}"')[0]["n"]
        assert f"{count} row" in text, name


def test_the_claims_page_has_facets_on_indicator_region_year_and_level(server: Server) -> None:
    text = server.page(f"/{NAME}/claims")
    for facet in ("indicator", "region", "year", "level"):
        assert f'id="facet-{facet}"' in text
    facets = server.json(f"/{NAME}/claims.json", _size="0")["facet_results"]
    by_region = rows(server.database, """
        SELECT r.region AS value, count(*) AS count FROM claims c JOIN reports r ON r.id = c.report_id
        WHERE r.region IS NOT NULL GROUP BY r.region ORDER BY count DESC, r.region""")
    assert [(v["value"], v["count"]) for v in facets["region"]["results"]] == \
        [(row["value"], row["count"]) for row in by_region]
    assert [(v["value"], v["count"]) for v in facets["year"]["results"]] == [(2011, 20)]
    names = {row["code"]: row["name"] for row in rows(server.database, "SELECT code, name FROM indicators")}
    assert {v["label"] for v in facets["indicator"]["results"]} == {
        names[row["indicator"]] for row in rows(server.database, "SELECT DISTINCT indicator FROM claims")}
    assert {v["value"] for v in facets["level"]["results"]} == {
        row["level"] for row in rows(server.database, "SELECT DISTINCT level FROM claims WHERE level IS NOT NULL")}


@pytest.mark.parametrize("table", ["claims", "claims_once", "claims_effective"])
def test_a_region_and_a_year_keep_the_claims_of_those_reports(server: Server, table: str) -> None:
    answer = server.json(f"/{NAME}/{table}.json", _report_region="成武县", _report_year="2011", _shape="objects",
                         _size="max")
    expected = rows(server.database, f"""
        SELECT c.id FROM "{table}" c JOIN reports r ON r.id = c.report_id
        WHERE r.region = '成武县' AND r.year = 2011 ORDER BY c.id""")
    assert [row["id"] for row in answer["rows"]] == [row["id"] for row in expected] and len(expected) == 20
    assert answer["human_description_en"] == 'where report region is "成武县" and report year is "2011"'
    region = answer["facet_results"]["region"]["results"]
    assert [(v["value"], v["count"], v["selected"]) for v in region] == [("成武县", 20, True)]
    assert "_report_region" not in region[0]["toggle_url"] and "_report_year=2011" in region[0]["toggle_url"]


def test_labels_show_indicator_names_and_report_titles(server: Server) -> None:
    answer = server.json(f"/{NAME}/claims.json", indicator="retention_rate", _shape="objects", _labels="on")
    expected = rows(server.database, """
        SELECT c.id, r.title FROM claims c JOIN reports r ON r.id = c.report_id
        WHERE c.indicator = 'retention_rate' ORDER BY c.id""")
    assert len(expected) == 3
    assert [(row["id"], row["indicator"]["label"], row["report_id"]["label"]) for row in answer["rows"]] == [
        (row["id"], "巩固率", row["title"]) for row in expected]
    page = html.unescape(server.page(f"/{NAME}/claims?indicator=retention_rate"))
    assert page.count(">巩固率</a>") == 3 and all(row["title"] in page for row in expected)


# ---------------------------------------------------------------- canned queries

def canned(server: Server, name: str, **params: str) -> list[dict[str, Any]]:
    answer = server.json(f"/{NAME}/{name}.json", _shape="array", **params)
    sql = load_browse_data().queries[name].sql
    assert answer == rows(server.database, sql, params)  # what the query says, read straight from the file
    return list(answer)


def test_the_placeholder_queue_lists_the_masked_claims_not_resolved(server: Server) -> None:
    queue = canned(server, "placeholder_queue")
    masked = rows(server.database, "SELECT id FROM claims WHERE placeholder = 1")
    assert len(queue) == len(masked) - 1 == 14
    assert resolved_claim(server.database) not in {row["claim_id"] for row in queue}
    assert all(row["token"] and row["sentence"] for row in queue)
    first = queue[0]
    assert (first["document"], first["indicator"], first["token"]) == ("002_d3b064de2d82a876.txt", "funding",
                                                                       "xxxx万元")


def test_open_findings_name_the_documents(server: Server) -> None:
    findings = canned(server, "open_findings")
    # the samples' two real inconsistencies: the 巩固率 and the shares of one 考生人数
    assert [(f["kind"], f["severity"], f["documents"]) for f in findings] == [
        ("arithmetic", "error", "000_f472a60a5901be7c.txt")] * 2
    assert sorted(("99.04%" in f["message"], "考生人数" in f["message"]) for f in findings) == [
        (False, True), (True, False)]


@pytest.mark.parametrize(("indicator", "region", "year", "lowest"), [
    ("enrollment_rate", "成武县", 2011, 60),
    ("巩固率", "娄星区", None, 98),  # 高中生…巩固率98%
])
def test_an_indicator_by_region_and_year(server: Server, indicator: str, region: str, year: int | None,
                                         lowest: float) -> None:
    table = canned(server, "indicator_by_region_and_year", indicator=indicator)
    assert table
    assert (region, year) in {(row["region"], row["year"]) for row in table}
    assert min(row["lowest"] for row in table if row["region"] == region) == lowest


def test_every_claim_of_one_document_with_its_sentence(server: Server) -> None:
    claims = canned(server, "document_claims", document="003_25d3d6e1bcc2c82d.txt")
    assert len(claims) == 20
    assert all(row["token"] in row["sentence"] for row in claims)
    assert [row["start"] for row in claims] == sorted(row["start"] for row in claims)
    resolved = canned(server, "document_claims", document="002_d3b064de2d82a876.txt")
    mine = next(row for row in resolved if row["claim_id"] == resolved_claim(server.database))
    assert (mine["value"], mine["effective_value"], mine["token"]) == (None, RESOLVED_VALUE, "xxxx个")


# ---------------------------------------------------------------- metadata and chart

def test_the_metadata_describes_every_column_of_every_table_and_view(server: Server) -> None:
    tables = json.loads(server.page("/-/metadata.json"))["databases"][NAME]["tables"]
    live = live_columns(server.database)
    assert set(live) == set(tables)
    for name, columns in live.items():
        described = tables[name]["columns"]
        assert list(described) == columns, name
        assert all(text.strip() for text in described.values()), name


def test_the_chart_of_an_indicator_over_the_years_draws_from_the_database(server: Server) -> None:
    filters = {"indicator": "enrollment_rate", "modality": "target", "level": "学前"}
    page = server.page("/-/dashboards/indicator-over-years?" + urllib.parse.urlencode(filters))
    assert "Mean value per year and region" in page
    scripts = re.findall(r'src="(/-/static-plugins/datasette_dashboards/[^"]+\.js)"', page)
    assert any("vega-lite" in script for script in scripts)
    for script in scripts:  # served by the plugin itself: the chart draws with no network
        assert server.request(script)[0] == 200
    chart = load_browse_data().dashboards["indicator-over-years"].charts["mean-by-year"]
    sql = re.sub(r"\[\[(.*?)\]\]", r"\1", chart.query)  # both filters given, as the plugin does
    points = server.json(f"/{NAME}.json", sql=sql, _shape="array", **filters)
    # 成武县's 2011 plan: 入园率达到60%以上, 学前一年幼儿入园率达到93%以上, each stated twice
    assert points == [{"year": 2011, "region": "成武县", "mean": 76.5, "claims": 4, "unit": "%"}]


# ---------------------------------------------------------------- read-only

WRITES = [
    ("GET", f"/{NAME}.json?sql=" + urllib.parse.quote("DELETE FROM claims"), None, 400),
    ("GET", f"/{NAME}.json?sql=" + urllib.parse.quote("SELECT 1; DELETE FROM claims"), None, 400),
    ("GET", f"/{NAME}.json?sql=" + urllib.parse.quote("PRAGMA user_version = 7"), None, 400),
    ("GET", f"/{NAME}.json?sql=" + urllib.parse.quote("ATTACH DATABASE '/tmp/x.db' AS x"), None, 400),
    ("POST", f"/{NAME}", b"sql=DELETE FROM claims", 405),
    ("POST", f"/{NAME}/claims/-/insert", b'{"row": {"indicator": "funding"}}', 405),
    ("POST", f"/{NAME}/-/create", b'{"table": "x", "row": {"a": 1}}', 405),
    ("POST", f"/{NAME}/placeholder_queue", b"", 405),
    ("PUT", f"/{NAME}/claims/1", b"{}", 405),
    ("DELETE", f"/{NAME}/claims/1", None, 405),
]


def test_the_server_cannot_write(server: Server) -> None:
    before, listing = digest(server.database), sorted(server.database.parent.iterdir())
    claims = rows(server.database, "SELECT count(*) AS n FROM claims")
    for method, path, body, status in WRITES:
        answer, text = server.request(path, method, body, {"Content-Type": "application/json"})
        assert answer == status, (method, path, text[:300])
        if status == 405:
            assert text == "edumetrics serve only reads: GET and HEAD requests only\n"
    assert server.json(f"/{NAME}.json", sql="SELECT count(*) AS n FROM claims", _shape="array") == claims
    assert digest(server.database) == before
    assert sorted(server.database.parent.iterdir()) == listing  # no journal, no -wal, no -shm


def post_a_write_query(path: Path, metadata: dict[str, Any]) -> tuple[int, str]:
    """POST to a write query added to `metadata`, through Datasette in this process."""
    from extractor.store.datasette_app import make_datasette

    metadata["databases"][NAME]["queries"]["wipe"] = {"sql": "DELETE FROM claims", "write": True}
    datasette = make_datasette(path, metadata)

    async def attempt() -> tuple[int, str]:
        response = await datasette.client.post(f"/{NAME}/wipe", json={})
        return response.status_code, response.text

    return asyncio.run(attempt())


def test_a_write_query_is_stopped_before_datasette(samples_db: Path) -> None:
    before = digest(samples_db)
    status, text = post_a_write_query(samples_db, datasette_metadata(load_browse_data(), NAME))
    assert (status, text) == (405, "edumetrics serve only reads: GET and HEAD requests only\n")
    assert digest(samples_db) == before


def test_without_that_guard_the_immutable_file_still_refuses_a_write_query(samples_db: Path) -> None:
    """The second layer alone: Datasette refuses to write to a file it opened immutable."""
    metadata = datasette_metadata(load_browse_data(), NAME)
    del metadata["plugins"]["edumetrics"]  # serve's plugin steps aside for an instance without it
    before, claims = digest(samples_db), rows(samples_db, "SELECT count(*) AS n FROM claims")
    status, text = post_a_write_query(samples_db, metadata)
    assert status == 403 and "Database is immutable" in text
    assert digest(samples_db) == before
    assert rows(samples_db, "SELECT count(*) AS n FROM claims") == claims
