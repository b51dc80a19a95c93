"""Reconciliation: planted problems are all found, a consistent archive yields none.

The archives are report files written the way bureaus write them (sentences modelled
on the seeds: 报到入学…人,流失…人,巩固率…%; 一本上线…人,占考生人数的…%; 共计…,其中…),
ingested for real and reconciled on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select
from sqlalchemy.orm import Session

from extractor.cli import main
from extractor.ingest.batch import ingest_paths
from extractor.models.tables import FindingRow
from extractor.reconcile.checks import ClaimFact, decimals_printed, printed_interval
from extractor.reconcile.run import reconcile, set_status
from extractor.store.database import open_database

SUMMARY_2015 = """娄星区教育局2015年工作总结

2015年,我局在区委、区政府的正确领导下,全面完成了各项工作任务。
全区小学报到入学24774人,无一人流失,巩固率100%;初中生报到入学12275人,流失7人,巩固率{junior};高中生报到入学8698人,流失167人,巩固率{senior}。
今年全区共有4200名高三毕业学生参加了高考,一本上线283人,占考生人数的{first_tier}。
初中在校生5000人,辍学10人,辍学率{dropout}。
全区中小学在校生共计20000人,其中小学在校生12000人,初中在校生{junior_students}。
学前三年幼儿入园率达到93%,小学适龄儿童入学率100%。
"""

PLAN = """娄星区教育局{year}年工作计划

{year}年,我局将围绕以下目标开展工作。学前三年幼儿入园率达到{preschool_target}以上,小学适龄儿童入学率达到99%以上。
"""

BULLETIN_2015 = """娄星区2015年国民经济和社会发展统计公报

全区共有幼儿园120所,小学86所。学前三年幼儿入园率{preschool},小学适龄儿童入学率{primary}。
"""

XINHUA_2015 = """新华区教育局2015年工作总结

今年全区小学适龄儿童入学率达到{primary},初中巩固率{junior}。
全区教育投入1.2亿元,其中基建投资{building}。
今年新增学位{seats}个,缓解了城区入学难问题。
"""

CONSISTENT = {
    "junior": "99.94%", "senior": "98%", "first_tier": "6.74%", "dropout": "0.2%",
    "junior_students": "8000人", "plan_year": 2016, "preschool_target": "90%", "preschool": "93%",
    "primary": "100%", "xinhua_primary": "100%", "xinhua_junior": "96%", "building": "3000万元",
    "seats": "2000",
}
# each planted value with a finding it must raise: (kind, a figure the message quotes)
PLANTED = {
    "junior": ("99.04%", ("arithmetic", "99.94%")),
    "senior": ("96%", ("arithmetic", "98.08%")),
    "first_tier": ("7.32%", ("arithmetic", "6.74%")),
    "dropout": ("0.5%", ("arithmetic", "0.2%")),
    "junior_students": ("9000人", ("arithmetic", "21000")),
    "plan_year": (2015, ("target_met", "99%")),  # the plan now meets the 2015 summaries
    "preschool_target": ("95%", ("target_missed", "95%")),
    "preschool": ("88%", ("conflict", "88%")),
    "primary": ("99.2%", ("conflict", "99.2%")),
    "xinhua_primary": ("105%", ("implausible", "105%")),
    "xinhua_junior": ("30%", ("implausible", "30%")),
    "building": ("1.5亿元", ("arithmetic", "1.5亿元")),
    "seats": ("0", ("implausible", "0个")),
}


def write_archive(folder: Path, values: dict[str, object]) -> Path:
    folder.mkdir()
    files = {
        "summary_2015.txt": SUMMARY_2015.format(**values),
        "plan.txt": PLAN.format(year=values["plan_year"], preschool_target=values["preschool_target"]),
        "bulletin_2015.txt": BULLETIN_2015.format(**values),
        "xinhua_2015.txt": XINHUA_2015.format(primary=values["xinhua_primary"], junior=values["xinhua_junior"],
                                              building=values["building"], seats=values["seats"]),
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    # a GB18030 copy of the bulletin: a near-duplicate, never a second voice in a conflict
    (folder / "bulletin_2015_copy.txt").write_bytes(files["bulletin_2015.txt"].encode("gb18030"))
    return folder


def reconciled(database_url: str, folder: Path) -> list[FindingRow]:
    engine = open_database(database_url)
    try:
        summary = ingest_paths(engine, [folder], jobs=1)
        assert not summary.failed
        reconcile(engine)
        with Session(engine) as session:
            return list(session.scalars(select(FindingRow).order_by(FindingRow.id)))
    finally:
        engine.dispose()


def planted_values() -> dict[str, object]:
    return {**CONSISTENT, **{key: value for key, (value, _) in PLANTED.items()}}


def test_every_planted_problem_is_found_and_nothing_else(database_url: str, tmp_path: Path) -> None:
    findings = reconciled(database_url, write_archive(tmp_path / "planted", planted_values()))
    # the plan's two targets meet or miss in both 2015 summaries (the bulletin's GB18030
    # copy is a near-duplicate and counts once)
    expected = Counter({"arithmetic": 6, "implausible": 3, "conflict": 2, "target_met": 2,
                        "target_missed": 2})
    assert Counter(f.kind for f in findings) == expected, [f.message for f in findings]
    for key, (_, (kind, figure)) in PLANTED.items():
        assert any(f.kind == kind and figure in f.message for f in findings), (key, kind, figure)
    assert len(PLANTED) >= 12


def test_the_consistent_archive_of_the_same_size_yields_no_finding(database_url: str, tmp_path: Path) -> None:
    assert reconciled(database_url, write_archive(tmp_path / "consistent", CONSISTENT)) == []


def test_the_samples_give_their_two_real_inconsistencies_and_nothing_else(database_url: str,
                                                                         sample_paths: list[Path]) -> None:
    findings = reconciled(database_url, sample_paths[0].parent)
    assert [f.kind for f in findings] == ["arithmetic", "arithmetic"], [f.message for f in findings]
    retention, candidates = sorted(findings, key=lambda f: str(f.details["check"]))
    assert retention.details["printed"] == "99.04" and retention.details["computed"] == "99.94"
    assert "初中生报到入学12275人,流失7人,巩固率99.04%" in retention.message
    # 一本上线283人 / 7.32%, 二本上线978人 / 24.96%, 本科上线1769人 / 45.81%: 3866, 3918, 3862 candidates
    assert candidates.details["check"] == "shared_denominator"
    assert candidates.details["implied"] == [[3864, 3868], [3918, 3919], [3862, 3862]]
    assert len(candidates.claim_ids) == 6 and "一本上线283人,占考生人数的7.32%" in candidates.message
    assert not any("10856" in f.message or "8506" in f.message for f in findings)


def test_reconcile_twice_gives_the_same_findings_and_keeps_their_status(database_url: str,
                                                                        tmp_path: Path) -> None:
    folder = write_archive(tmp_path / "planted", planted_values())
    first = reconciled(database_url, folder)
    engine = open_database(database_url)
    try:
        set_status(engine, first[0].id, "dismissed")
        summary = reconcile(engine)
        with Session(engine) as session:
            again = list(session.scalars(select(FindingRow).order_by(FindingRow.id)))
    finally:
        engine.dispose()
    assert summary.added == 0 and summary.removed == 0
    assert [(f.id, f.fingerprint) for f in again] == [(f.id, f.fingerprint) for f in first]
    assert again[0].status == "dismissed" and {f.status for f in again[1:]} == {"open"}


def test_findings_command_filters_by_kind_and_writes_json(database_url: str, tmp_path: Path) -> None:
    folder = write_archive(tmp_path / "planted", planted_values())
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(folder), "--db", database_url, "--quiet"]).exit_code == 0
    result = runner.invoke(main, ["reconcile", "--db", database_url])
    assert result.exit_code == 0, result.output
    assert "near-duplicates: 1 reports linked" in result.output
    listed = runner.invoke(main, ["findings", "--kind", "conflict", "--format", "json", "--db", database_url])
    rows = json.loads(listed.output)
    assert {row["kind"] for row in rows} == {"conflict"} and len(rows) == 2
    dismissed = runner.invoke(main, ["findings", "--db", database_url, "dismiss", str(rows[0]["id"])])
    assert dismissed.exit_code == 0 and "dismissed" in dismissed.output
    missing = runner.invoke(main, ["findings", "--db", database_url, "accept", "9999"])
    assert missing.exit_code == 1 and "no finding with id 9999" in missing.output


@pytest.mark.parametrize(("text", "decimals"), [("99.04%", 2), ("98%", 0), ("98.50%", 2), ("1.2亿元", 1),
                                                ("12,275人", 0)])
def test_decimals_are_read_as_printed(text: str, decimals: int) -> None:
    assert decimals_printed(text) == decimals


def fact(text: str, value: str, qualifier: str = "exact") -> ClaimFact:
    return ClaimFact(id=1, report_id=1, indicator="retention_rate", value=Decimal(value), unit="%",
                     qualifier=qualifier, modality="actual", level=None, start=0, end=len(text), text=text,
                     sentence=text, sentence_start=0)


@pytest.mark.parametrize(("text", "value", "qualifier", "low", "high"), [
    ("99.04%", "99.04", "exact", "99.035", "99.045"),
    ("98%", "98", "exact", "97.5", "98.5"),
    ("93%", "93", "at_least", "92.5", "Infinity"),
    ("1.5%", "1.5", "at_most", "-Infinity", "1.55"),
])
def test_a_printed_figure_allows_its_rounding_and_its_qualifier(text: str, value: str, qualifier: str,
                                                                 low: str, high: str) -> None:
    assert printed_interval(fact(text, value, qualifier)) == (Decimal(low), Decimal(high))
