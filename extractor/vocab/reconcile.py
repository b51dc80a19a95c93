"""What reconciliation compares (extractor/data/reconcile.yaml): rates and their counts,
totals and parts, the direction of targets, tolerances and severities."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Literal

from pydantic import model_validator

from extractor.vocab.catalog import unknown_codes
from extractor.vocab.loader import DataFile, load, require

FILE = "reconcile.yaml"

FindingKind = Literal["arithmetic", "implausible", "conflict", "target_missed", "target_met"]
Severity = Literal["error", "warning", "info"]


class RateCheck(DataFile):
    """A rate and the counts it is computed from (see the comments in the file)."""

    rate: str
    formula: Literal["retained", "share"]
    base: str
    part: str | None = None
    loss: str | None = None

    @model_validator(mode="after")
    def _operands(self) -> RateCheck:
        needed = "loss" if self.formula == "retained" else "part"
        if getattr(self, needed) is None:
            raise ValueError(f"formula {self.formula} needs `{needed}`")
        return self

    def codes(self) -> list[str]:
        return [code for code in (self.rate, self.base, self.part, self.loss) if code is not None]


class ReconcileRules(DataFile):
    """reconcile.yaml, key by key."""

    rate_checks: tuple[RateCheck, ...]
    part_markers: tuple[str, ...]
    total_units: tuple[str, ...]
    lower_is_better: frozenset[str]
    approx_share: Decimal
    severity: dict[FindingKind, Severity]


@lru_cache(maxsize=1)
def reconcile_rules() -> ReconcileRules:
    """reconcile.yaml, validated: codes in the catalog, a severity for every finding kind."""
    rules = load(FILE, ReconcileRules)
    kinds = FindingKind.__args__  # type: ignore[attr-defined]
    require(FILE, [
        *(problem for i, check in enumerate(rules.rate_checks)
          for problem in unknown_codes(check.codes(), f"rate_checks.{i}")),
        *unknown_codes(sorted(rules.lower_is_better), "lower_is_better"),
        *(f"severity: {kind!r} is required" for kind in kinds if kind not in rules.severity),
    ])
    return rules
