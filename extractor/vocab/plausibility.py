"""Plausible values by indicator, unit and scale (extractor/data/plausibility.yaml)."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Annotated, get_args

from pydantic import Field, model_validator

from extractor.vocab.catalog import load_catalog, unknown_codes
from extractor.vocab.divisions import Level
from extractor.vocab.loader import DataFile, load, require

FILE = "plausibility.yaml"

Range = tuple[Decimal, Decimal]
LEVELS: tuple[Level, ...] = get_args(Level)


class BoundRule(DataFile):
    """One rule: the claims it fits (indicator, unit, lead-in words) and their plausible range."""

    indicator: str
    unit: str | None = None
    words: tuple[Annotated[str, Field(min_length=1)], ...] = ()
    range: Range | None = None
    by_level: dict[Level, Range] | None = None

    @model_validator(mode="after")
    def _one_range_per_level(self) -> BoundRule:
        if (self.range is None) == (self.by_level is None):
            raise ValueError("give either `range` or `by_level`")
        if self.by_level is not None and (missing := [lv for lv in LEVELS if lv not in self.by_level]):
            raise ValueError(f"by_level lacks {', '.join(missing)}")
        for low, high in [self.range] if self.range else (self.by_level or {}).values():
            if low > high:
                raise ValueError(f"range [{low}, {high}] is upside down")
        return self

    def fits(self, indicator: str, unit: str, lead_in: str) -> bool:
        return (self.indicator == indicator and self.unit in (None, unit)
                and (not self.words or any(word in lead_in for word in self.words)))

    def bounds(self, level: Level) -> Range:
        if self.range is not None:
            return self.range
        assert self.by_level is not None  # one of the two (checked at load)
        return self.by_level[level]


class Plausibility(DataFile):
    """plausibility.yaml, key by key."""

    unknown_level: Level
    scale_words: dict[Level, tuple[Annotated[str, Field(min_length=1)], ...]]
    rules: tuple[BoundRule, ...]

    def scale_of(self, report_level: Level | None, before: str) -> Level:
        """The scale a figure is judged at: its report's level, widened by the words
        before it (全国, 全省…); a report of no known level is judged at `unknown_level`."""
        said = [level for level, words in self.scale_words.items() if any(w in before for w in words)]
        known = [level for level in (report_level, *said) if level is not None]
        return min(known, key=LEVELS.index) if known else self.unknown_level

    def rule_for(self, indicator: str, unit: str, lead_in: str) -> BoundRule | None:
        return next((rule for rule in self.rules if rule.fits(indicator, unit, lead_in)), None)


@lru_cache(maxsize=1)
def plausibility() -> Plausibility:
    """plausibility.yaml, validated: known indicator codes, and a default rule for each."""
    data = load(FILE, Plausibility)
    defaults = {rule.indicator for rule in data.rules if rule.unit is None and not rule.words}
    require(FILE, [
        *unknown_codes([rule.indicator for rule in data.rules], "rules"),
        *(f"rules: {code!r} has no rule without unit and words" for code in load_catalog()
          if code not in defaults),
    ])
    return data
