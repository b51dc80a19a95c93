"""What reconciliation compares (extractor/data/reconcile.yaml): rates and their counts,
what a claim counts, totals and parts, shares of one denominator, the direction of
targets, tolerances and severities."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Annotated, Literal

from pydantic import Field, model_validator

from extractor.vocab.catalog import unknown_codes
from extractor.vocab.loader import DataFile, load, require

FILE = "reconcile.yaml"

FindingKind = Literal["arithmetic", "implausible", "conflict", "target_missed", "target_met"]
Severity = Literal["error", "warning", "info"]
ClaimKind = Literal["staff", "change", "ratio"]
Word = Annotated[str, Field(min_length=1)]
Words = tuple[Word, ...]


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


class SharedDenominators(DataFile):
    """Counts printed with their share of a named whole (一本上线283人,占考生人数的7.32%)."""

    share_words: Words = Field(min_length=1)
    denominators: dict[Word, Word] = Field(min_length=1)
    fillers: Words
    window: int = Field(gt=0)


class ReconcileRules(DataFile):
    """reconcile.yaml, key by key."""

    rate_checks: tuple[RateCheck, ...]
    claim_kinds: dict[ClaimKind, Words]
    change_indicators: frozenset[str]
    fall_words: Words
    part_markers: Words
    open_brackets: Word
    close_brackets: Word
    total_units: Words
    complementary_parts: tuple[Annotated[Words, Field(min_length=2)], ...]
    shared_denominators: SharedDenominators
    clause_delimiters: Word
    lower_is_better: frozenset[str]
    approx_share: Decimal
    severity: dict[FindingKind, Severity]

    @model_validator(mode="after")
    def _brackets_pair(self) -> ReconcileRules:
        if len(self.open_brackets) != len(self.close_brackets):
            raise ValueError("open_brackets and close_brackets must pair one to one")
        return self


@lru_cache(maxsize=1)
def reconcile_rules() -> ReconcileRules:
    """reconcile.yaml, validated: codes in the catalog, a severity for every finding kind,
    words for every claim kind."""
    rules = load(FILE, ReconcileRules)
    kinds = FindingKind.__args__  # type: ignore[attr-defined]
    require(FILE, [
        *(problem for i, check in enumerate(rules.rate_checks)
          for problem in unknown_codes(check.codes(), f"rate_checks.{i}")),
        *unknown_codes(sorted(rules.lower_is_better), "lower_is_better"),
        *unknown_codes(sorted(rules.change_indicators), "change_indicators"),
        *(f"severity: {kind!r} is required" for kind in kinds if kind not in rules.severity),
        *(f"claim_kinds: {kind!r} is required" for kind in ClaimKind.__args__  # type: ignore[attr-defined]
          if kind not in rules.claim_kinds),
    ])
    return rules
