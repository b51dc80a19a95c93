"""The placeholder work queue on the samples' masked claims: export, resolve, import,
the audit trail, and each claim's effective value (view claims_effective)."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import text

from extractor.cli import main
from extractor.store.database import open_database


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def samples_db(database_url: str, sample_paths: list[Path]) -> str:
    assert run("ingest", str(sample_paths[0].parent), "--db", database_url, "--quiet").exit_code == 0
    return database_url


def queue(db: str, *flags: str) -> list[dict[str, str]]:
    result = run("placeholders", "--db", db, "--format", "csv", *flags)
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.output)))


def effective(db: str) -> dict[int, tuple[Decimal | None, bool]]:
    engine = open_database(db)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("select id, effective_value, resolved from claims_effective"))
            return {claim_id: (None if value is None else Decimal(str(value)).normalize(), bool(resolved))
                    for claim_id, value, resolved in rows}
    finally:
        engine.dispose()


def test_the_queue_lists_every_masked_claim_with_its_sentence(samples_db: str) -> None:
    rows = queue(samples_db)
    assert len(rows) == 15
    seats = next(r for r in rows if r["token"] == "xxxx个")
    assert seats["indicator"] == "degree_seats" and "新增学位xxxx个" in seats["sentence"]
    assert all(r["value"] == "" and r["claim_id"].isdigit() for r in rows)


def test_export_fill_import_round_trip_keeps_the_audit_trail(samples_db: str, tmp_path: Path) -> None:
    rows = queue(samples_db)
    filled = tmp_path / "filled.csv"
    with filled.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        for i, row in enumerate(rows[:3]):
            writer.writerow({**row, "value": str(1000 + i), "source": "区教育局2021年统计年报", "note": f"表{i}"})
        writer.writerows(rows[3:])  # left open
    result = run("placeholders", "--db", samples_db, "import", str(filled), "--by", "王分析")
    assert result.exit_code == 0, result.output
    assert "3 resolutions recorded, 12 rows left open, 0 bad rows" in result.output
    assert len(queue(samples_db)) == 12
    resolved = [r for r in queue(samples_db, "--all") if r["value"]]
    assert [(r["claim_id"], r["value"], r["resolved_by"]) for r in resolved] == [
        (rows[i]["claim_id"], str(1000 + i), "王分析") for i in range(3)]
    values = effective(samples_db)
    for i in range(3):
        assert values[int(rows[i]["claim_id"])] == (Decimal(1000 + i), True)
    assert values[int(rows[3]["claim_id"])] == (None, False)
    history = json.loads(run("placeholders", "--db", samples_db, "history", rows[0]["claim_id"],
                             "--format", "json").output)
    assert [(h["value"], h["source"], h["note"], h["resolved_by"]) for h in history] == [
        (1000, "区教育局2021年统计年报", "表0", "王分析")]
    assert history[0]["resolved_at"]


def test_resolving_again_appends_and_the_latest_wins(samples_db: str) -> None:
    claim = queue(samples_db)[0]["claim_id"]
    for value, source in (("2000", "网页转载"), ("2074", "区教育局官网原文")):
        result = run("placeholders", "--db", samples_db, "resolve", claim, "--value", value, "--source", source)
        assert result.exit_code == 0, result.output
    assert effective(samples_db)[int(claim)] == (Decimal(2074), True)
    trail = json.loads(run("placeholders", "--db", samples_db, "history", claim, "--format", "json").output)
    assert [h["value"] for h in trail] == [2000, 2074]
    engine = open_database(samples_db)
    try:
        with engine.connect() as connection:  # the extracted claim itself is untouched
            masked = connection.execute(text("select value, placeholder from claims where id = :id"),
                                        {"id": int(claim)}).one()
        assert masked[0] is None and masked[1]
    finally:
        engine.dispose()


@pytest.mark.parametrize(("claim", "value", "source", "reason"), [
    ("999999", "10", "年报", "no claim with id 999999"),
    (None, "三千", "年报", "not a number"),
    (None, "10", " ", "a source is required"),
    (None, "-5", "年报", "outside the bounds"),
])
def test_a_bad_resolution_is_refused_with_its_reason(samples_db: str, claim: str | None, value: str,
                                                     source: str, reason: str) -> None:
    claim_id = claim or queue(samples_db)[0]["claim_id"]
    result = run("placeholders", "--db", samples_db, "resolve", claim_id, "--value", value, "--source", source)
    assert result.exit_code == 1 and reason in result.output


def test_bad_rows_of_an_import_are_reported_by_line_and_the_good_rows_kept(samples_db: str,
                                                                           tmp_path: Path) -> None:
    rows = queue(samples_db)
    ids = [r["claim_id"] for r in rows]
    filled = tmp_path / "filled.csv"
    filled.write_text(
        "claim_id,value,source,note\n"
        f"{ids[0]},3000,区教育局年报,\n"          # line 2: good
        f"{ids[1]},abc,区教育局年报,\n"           # line 3: not a number
        "999999,10,区教育局年报,\n"                # line 4: no such claim
        f"{ids[2]},12,,\n"                        # line 5: no source
        f"x{ids[3]},12,年报,\n"                   # line 6: bad id
        f"{ids[4]},45.5,区教育局年报,复核\n",      # line 7: good
        encoding="utf-8")
    result = run("placeholders", "--db", samples_db, "import", str(filled))
    assert result.exit_code == 1
    assert "2 resolutions recorded, 0 rows left open, 4 bad rows" in result.output
    for line, reason in ((3, "not a number"), (4, "no claim with id 999999"), (5, "a source is required"),
                         (6, "bad claim_id")):
        assert f"filled.csv:{line}: {reason}" in result.output
    assert {r["claim_id"] for r in queue(samples_db)} == set(ids) - {ids[0], ids[4]}


def test_an_import_without_the_needed_columns_is_refused(samples_db: str, tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("id,number\n1,2\n", encoding="utf-8")
    result = run("placeholders", "--db", samples_db, "import", str(wrong))
    assert result.exit_code == 1 and "missing column(s) claim_id, value, source" in result.output
