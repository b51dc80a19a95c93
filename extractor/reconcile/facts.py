"""What the checks read and write: stored claims and reports as plain facts, findings,
and the arithmetic of printed figures (their rounding, their qualifiers)."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from extractor.extract.tokens import canonical
from extractor.vocab.reconcile import reconcile_rules

INFINITY = Decimal("Infinity")
_NUMBER = re.compile(r"\d[\d,，]*(?:\.(\d+))?")
Interval = tuple[Decimal, Decimal]


@dataclass(frozen=True)
class ClaimFact:
    id: int
    report_id: int
    indicator: str
    value: Decimal | None
    unit: str
    qualifier: str
    modality: str
    level: str | None
    start: int
    end: int
    text: str
    sentence: str
    sentence_start: int
    year: int | None = None

    @cached_property
    def offset(self) -> int:
        """Where the claim's text starts in its sentence: the occurrence nearest to its
        stored offset (a sentence stored trimmed starts later than `sentence_start`)."""
        expected = self.start - self.sentence_start
        found = [m.start() for m in re.finditer(re.escape(self.text), self.sentence)] if self.text else []
        if not found:
            return max(0, min(expected, len(self.sentence)))
        return min(found, key=lambda at: (abs(at - expected), at))

    @property
    def offset_end(self) -> int:
        return self.offset + len(self.text)


@dataclass(frozen=True)
class ReportFact:
    id: int
    document: str
    title: str
    kind: str
    year: int | None
    year_alt: int | None
    region: str | None
    canonical: bool
    region_level: str | None = None
    province: str | None = None

    @property
    def label(self) -> str:
        """How a finding names the report: its title and file."""
        return f"{self.title or '(untitled)'}, {self.document}"


@dataclass
class Facts:
    claims: list[ClaimFact]
    reports: dict[int, ReportFact]


@dataclass(frozen=True)
class Finding:
    kind: str
    message: str
    claim_ids: tuple[int, ...]
    report_ids: tuple[int, ...]
    details: dict[str, object] = field(hash=False)

    @property
    def severity(self) -> str:
        return reconcile_rules().severity[self.kind]  # type: ignore[index]  # every kind has one (checked at load)

    @property
    def fingerprint(self) -> str:
        """Stable across runs: the kind, the claims involved and their values."""
        key = json.dumps([self.kind, sorted(self.claim_ids), self.details.get("values")], default=str)
        return hashlib.sha256(key.encode()).hexdigest()


# ---------------------------------------------------------------- printed figures

def decimals_printed(text: str) -> int:
    """Digits after the point as printed (99.04% -> 2, 98% -> 0), which the stored
    value loses for trailing zeros."""
    m = _NUMBER.search(text)
    return len(m.group(1)) if m and m.group(1) else 0


def printed_number(text: str) -> Decimal | None:
    """The number as printed, before its scale and unit (1.2亿元 -> 1.2, 12,275人 -> 12275)."""
    m = _NUMBER.search(text)
    if m is None:
        return None
    return Decimal(m.group().replace(",", "").replace("，", ""))


def rounding(claim: ClaimFact) -> Decimal:
    """Half the last printed digit, in the stored unit: 99.04% -> 0.005, 1.2万人 -> 500,
    4800元 stored as 0.48万元 -> 0.00005. A whole count of people or things printed
    without a scale is exact (283人 is 283)."""
    assert claim.value is not None
    printed = printed_number(claim.text)
    scale = claim.value / printed if printed else Decimal(1)
    decimals = decimals_printed(claim.text)
    if decimals == 0 and scale == 1 and claim.unit in reconcile_rules().total_units and claim.unit != "万元":
        return Decimal(0)
    return Decimal(5) / Decimal(10) ** (decimals + 1) * abs(scale)


def printed_interval(claim: ClaimFact) -> Interval:
    """The true values a printed figure allows: its rounding, widened by its qualifier."""
    assert claim.value is not None
    half = rounding(claim)
    low, high = claim.value - half, claim.value + half
    if claim.qualifier == "at_least":
        return low, INFINITY
    if claim.qualifier == "at_most":
        return -INFINITY, high
    if claim.qualifier == "approx":
        spread = abs(claim.value) * reconcile_rules().approx_share
        return low - spread, high + spread
    return low, high


def overlap(a: Interval, b: Interval) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def show(value: Decimal) -> str:
    """A computed figure to two decimals: 99.9429 -> 99.94, 21000.00 -> 21000."""
    return plain(value.quantize(Decimal("0.01")))


def plain(value: Decimal | None) -> str:
    """A stored value as written, without the database's trailing zeros: 99.040000 -> 99.04."""
    return "" if value is None else f"{canonical(value):f}"


def claim_refs(claims: list[ClaimFact]) -> str:
    """The claims a message links to: (claims #10, #8, #9)."""
    return f"(claim{'s' if len(claims) > 1 else ''} {', '.join(f'#{c.id}' for c in claims)})"
