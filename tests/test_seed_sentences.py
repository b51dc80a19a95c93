"""Real sentences of the development seeds, one case each (tests/cases/seed_sentences.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from extractor.extract.claims import extract_text

CASES_FILE = Path(__file__).parent / "cases" / "seed_sentences.yaml"
SCORED = {"degree_seats", "retention_rate", "admission_rate", "admitted_count", "enrollment_rate",
          "dropout_rate", "dropout_count", "investment", "funding"}
FIELDS = ("indicator", "value", "text", "qualifier", "modality", "level")


def load_cases() -> list[dict[str, Any]]:
    return yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))


def actual_claims(sentence: str, kind: str, education_report: bool | None) -> list[dict[str, Any]]:
    rows = []
    for claim in extract_text(sentence, kind=kind, education_report=education_report):
        if claim.indicator in SCORED:
            value = None if claim.value is None else float(claim.value)
            rows.append(dict(zip(FIELDS, (claim.indicator, value, claim.text, claim.qualifier,
                                          claim.modality, claim.level), strict=True)))
    return rows


CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_seed_sentence(case: dict[str, Any]) -> None:
    expected = [{k: (float(v) if k == "value" and v is not None else v) for k, v in e.items()}
                for e in case["expect"]]
    got = actual_claims(case["sentence"], case.get("kind", "summary"), case.get("education_report"))
    assert got == expected


def test_every_scored_indicator_has_a_seed_sentence() -> None:
    covered = {e["indicator"] for case in CASES for e in case["expect"]}
    assert covered == SCORED
