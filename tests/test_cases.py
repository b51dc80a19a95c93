"""Sentences and the claims the contract expects from them, in files by provenance.

tests/cases/ holds one file per provenance, as price-parser keeps its example lists:
- seeds.yaml: sentences of the development seeds (data/samples), with their gold claims;
- dev2.yaml: sentences of the thirty dev2 texts (tests/data/dev2), with their gold claims;
- wording.yaml: real-style sentences written to cover wordings, grouped by indicator, with the
  negatives (sentences that must yield no scored claim) at the end; the decisions taken where
  the contract is ambiguous are listed at the top of that file;
- bugs.yaml: sentences of bugs found, kept so they stay fixed.

Each case is one ``pytest.param`` with its provenance and id. A case runs
``extract_text(sentence, kind=kind)`` (``education_report`` when the case says whether an
education body wrote it, ``year`` when it gives the report's year), keeps the claims with a scored indicator, and compares them in text
order with the expected ones on indicator, value, text, qualifier, modality and level (a null
value stands for a masked token). A case the extractor still gets wrong says why in
``known_failure`` and is a strict xfail: fixing it flips the test.

The tables themselves are checked too: unique kebab-case ids, known keys and values, every
``text`` standing in its sentence in the listed order; the wording table's size and that none
of its sentences is copied from the seeds.
"""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CASES_DIR = ROOT / "tests" / "cases"
PROVENANCES = ("seeds", "dev2", "wording", "bugs")  # one file each: tests/cases/<provenance>.yaml
SEEDS = ROOT / "data" / "samples"  # the seed files

SCORED = frozenset({"degree_seats", "retention_rate", "admission_rate", "admitted_count",
                    "enrollment_rate", "dropout_rate", "dropout_count", "investment", "funding"})
KINDS = frozenset({"summary", "plan", "summary_plan"})
QUALIFIERS = frozenset({"exact", "approx", "at_least", "at_most"})
MODALITIES = frozenset({"actual", "target"})
LEVELS = frozenset({"学前", "小学", "初中", "高中", "中职", "义务教育", "高等"})

CASE_REQUIRED = ("id", "sentence", "expect")
CASE_OPTIONAL = ("kind", "note", "known_failure", "education_report", "year")
CLAIM_FIELDS = ("indicator", "value", "text", "qualifier", "modality", "level")
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

MIN_CASES = 300
MIN_NEGATIVES = 80


class CaseError(ValueError):
    """A malformed case in the wording table."""


def _check_claim(file: str, case_id: str, number: int, claim: Any) -> dict[str, Any]:
    where = f"{file}: case {case_id!r}, claim {number}"
    if not isinstance(claim, dict):
        raise CaseError(f"{where}: expected a mapping, got {claim!r}")
    missing = [k for k in CLAIM_FIELDS if k not in claim]
    unknown = sorted(set(claim) - set(CLAIM_FIELDS))
    if missing or unknown:
        raise CaseError(f"{where}: missing fields {missing}, unknown fields {unknown}")
    value = claim["value"]
    problems = []
    if claim["indicator"] not in SCORED:
        problems.append(f"indicator {claim['indicator']!r} is not a scored code")
    if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
        problems.append(f"value {value!r} is neither a number nor null")
    if not isinstance(claim["text"], str) or not claim["text"]:
        problems.append(f"text {claim['text']!r} is not a non-empty string")
    if claim["qualifier"] not in QUALIFIERS:
        problems.append(f"qualifier {claim['qualifier']!r} not in {sorted(QUALIFIERS)}")
    if claim["modality"] not in MODALITIES:
        problems.append(f"modality {claim['modality']!r} not in {sorted(MODALITIES)}")
    if claim["level"] is not None and claim["level"] not in LEVELS:
        problems.append(f"level {claim['level']!r} not in {sorted(LEVELS)} or null")
    if problems:
        raise CaseError(f"{where}: " + "; ".join(problems))
    return {**claim, "value": None if value is None else float(value)}


def check_case(file: str, raw: Any, index: int) -> dict[str, Any]:
    """The case with its defaults filled in, or a CaseError naming the file and the case."""
    if not isinstance(raw, dict):
        raise CaseError(f"{file}: entry {index} is not a mapping: {raw!r}")
    case_id = raw.get("id", f"<entry {index}>")
    missing = [k for k in CASE_REQUIRED if k not in raw]
    unknown = sorted(set(raw) - set(CASE_REQUIRED) - set(CASE_OPTIONAL))
    if missing or unknown:
        raise CaseError(f"{file}: case {case_id!r}: missing keys {missing}, unknown keys {unknown}")
    if not isinstance(case_id, str) or not ID_PATTERN.fullmatch(case_id):
        raise CaseError(f"{file}: case id {case_id!r} is not kebab-case")
    if not isinstance(raw["sentence"], str) or not raw["sentence"].strip():
        raise CaseError(f"{file}: case {case_id!r}: empty sentence")
    kind = raw.get("kind", "summary")
    if kind not in KINDS:
        raise CaseError(f"{file}: case {case_id!r}: kind {kind!r} not in {sorted(KINDS)}")
    if not isinstance(raw["expect"], list):
        raise CaseError(f"{file}: case {case_id!r}: expect must be a list ([] for a negative)")
    expect = [_check_claim(file, case_id, n, claim) for n, claim in enumerate(raw["expect"], 1)]
    education_report = raw.get("education_report")
    if education_report is not None and not isinstance(education_report, bool):
        raise CaseError(f"{file}: case {case_id!r}: education_report must be true or false")
    year = raw.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise CaseError(f"{file}: case {case_id!r}: year must be a year (an integer)")
    return {"id": case_id, "sentence": raw["sentence"], "kind": kind, "expect": expect,
            "note": raw.get("note", ""), "known_failure": raw.get("known_failure"),
            "education_report": education_report, "year": year}


def load_cases(provenance: str) -> list[dict[str, Any]]:
    """The cases of one provenance's file, each knowing where it comes from."""
    file = f"{provenance}.yaml"
    data = yaml.safe_load((CASES_DIR / file).read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise CaseError(f"{file}: the table must be a list of cases")
    return [{**check_case(file, raw, index), "provenance": provenance} for index, raw in enumerate(data)]


BY_PROVENANCE = {provenance: load_cases(provenance) for provenance in PROVENANCES}
CASES = [case for cases in BY_PROVENANCE.values() for case in cases]
WORDING = BY_PROVENANCE["wording"]


# ---- running the extractor ------------------------------------------------------------


def actual_claims(sentence: str, kind: str, education_report: bool | None = None,
                  year: int | None = None) -> list[dict[str, Any]]:
    """The extractor's scored claims of one sentence, in text order."""
    from extractor.extract.claims import extract_text  # imported here: the table checks run without it

    claims = sorted((c for c in extract_text(sentence, kind=kind, education_report=education_report, year=year)
                     if c.indicator in SCORED),
                    key=lambda c: (c.start, c.end))
    return [{"indicator": c.indicator,
             "value": None if c.value is None else float(c.value),
             "text": c.text,
             "qualifier": c.qualifier,
             "modality": c.modality,
             "level": c.level} for c in claims]


def _same_value(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _row(claim: dict[str, Any]) -> str:
    value = "null" if claim["value"] is None else f"{claim['value']:g}"
    return (f"{claim['indicator']:<15} {value:>10}  {claim['text']!r:<14} {claim['qualifier']:<8} "
            f"{claim['modality']:<6} {claim['level'] or 'null'}")


def _diff(case: dict[str, Any], expected: list[dict[str, Any]], got: list[dict[str, Any]]) -> str:
    lines = [f"{case['provenance']} case {case['id']} ({case['kind']}): {case['sentence']}"]
    if case["note"]:
        lines.append(f"note: {case['note']}")
    lines.append("- expected, + extracted:")
    diff = difflib.ndiff([_row(c) for c in expected], [_row(c) for c in got])
    lines.extend(line.rstrip() for line in diff if not line.startswith("?"))
    if not expected and not got:
        lines.append("  (nothing)")
    return "\n".join(lines)


def _param(case: dict[str, Any]) -> Any:
    """A known failure (`known_failure: why`) is a strict xfail: fixing it flips the test."""
    marks = [pytest.mark.xfail(reason=case["known_failure"], strict=True)] if case["known_failure"] else []
    return pytest.param(case, id=f"{case['provenance']}:{case['id']}", marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    expected = case["expect"]
    got = actual_claims(case["sentence"], case["kind"], case["education_report"], case["year"])
    # a value equal within float noise shows as equal, so the diff points at real differences
    got = [{**g, "value": e["value"]} if _same_value(g["value"], e["value"]) else g
           for g, e in zip(got, expected, strict=False)] + got[len(expected):]
    assert got == expected, _diff(case, expected, got)


# ---- the table itself -----------------------------------------------------------------


def test_wording_table_size() -> None:
    negatives = [c for c in WORDING if not c["expect"]]
    assert len(WORDING) >= MIN_CASES, f"{len(WORDING)} cases, want at least {MIN_CASES}"
    assert len(negatives) >= MIN_NEGATIVES, f"{len(negatives)} negatives, want at least {MIN_NEGATIVES}"


def test_ids_unique() -> None:
    repeated = [i for i, n in Counter((c["provenance"], c["id"]) for c in CASES).items() if n > 1]
    assert not repeated, f"repeated case ids: {repeated}"


@pytest.mark.parametrize("provenance", ["seeds", "dev2", "wording"])
def test_every_scored_indicator_is_covered(provenance: str) -> None:
    covered = {e["indicator"] for c in BY_PROVENANCE[provenance] for e in c["expect"]}
    assert covered == SCORED, f"{provenance}: no case for {sorted(SCORED - covered)}"


def test_texts_stand_in_sentence_in_order() -> None:
    problems = []
    for case in CASES:
        position = 0
        for claim in case["expect"]:
            found = case["sentence"].find(claim["text"], position)
            if found < 0:
                where = "at all" if claim["text"] not in case["sentence"] else "after the claim before it"
                problems.append(f"{case['id']}: text {claim['text']!r} not in the sentence {where}")
                break
            position = found + len(claim["text"])
    assert not problems, "\n".join(problems)


def _read_seed(path: Path) -> str:
    data = path.read_bytes()
    for encoding in ("utf-8", "gb18030", "big5"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def test_no_sentence_copied_from_seeds() -> None:
    seeds = {path.name: _read_seed(path) for path in sorted(SEEDS.glob("*")) if path.is_file()}
    copied = [f"{case['id']}: found in {name}" for case in WORDING
              for name, text in seeds.items() if case["sentence"].strip() in text]
    assert not copied, "sentences copied verbatim from the seeds:\n" + "\n".join(copied)
