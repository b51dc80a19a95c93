"""Reconcile stage, the checks: stored claims in, findings out (no database here).

Each check is a function of `Facts` (claims and reports as loaded by
`extractor.reconcile.run`) returning `Finding`s. What relates to what (a rate and its
counts, the direction of a target, tolerances, severities) is data, in
`extractor/data/reconcile.yaml`; the bounds of each indicator are in `indicators.yaml`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations

from extractor.extract.tokens import canonical
from extractor.vocab.catalog import load_catalog
from extractor.vocab.reconcile import RateCheck, reconcile_rules

INFINITY = Decimal("Infinity")
_DECIMALS = re.compile(r"\d+(?:\.(\d+))?")


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


# ---------------------------------------------------------------- figures

def decimals_printed(text: str) -> int:
    """Digits after the point as printed (99.04% -> 2, 98% -> 0), which the stored
    value loses for trailing zeros."""
    m = _DECIMALS.search(text)
    return len(m.group(1)) if m and m.group(1) else 0


def printed_interval(claim: ClaimFact) -> tuple[Decimal, Decimal]:
    """The true values a printed figure allows: its rounding, widened by its qualifier."""
    assert claim.value is not None
    half = Decimal(5) / Decimal(10) ** (decimals_printed(claim.text) + 1)
    low, high = claim.value - half, claim.value + half
    if claim.qualifier == "at_least":
        return low, INFINITY
    if claim.qualifier == "at_most":
        return -INFINITY, high
    if claim.qualifier == "approx":
        spread = abs(claim.value) * reconcile_rules().approx_share
        return low - spread, high + spread
    return low, high


def overlap(a: tuple[Decimal, Decimal], b: tuple[Decimal, Decimal]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def show(value: Decimal) -> str:
    """A computed figure to two decimals: 99.9429 -> 99.94, 21000.00 -> 21000."""
    return plain(value.quantize(Decimal("0.01")))


def plain(value: Decimal | None) -> str:
    """A stored value as written, without the database's trailing zeros: 99.040000 -> 99.04."""
    return "" if value is None else f"{canonical(value):f}"


# ---------------------------------------------------------------- arithmetic

def by_sentence(claims: Iterable[ClaimFact]) -> dict[tuple[int, int], list[ClaimFact]]:
    groups: dict[tuple[int, int], list[ClaimFact]] = defaultdict(list)
    for claim in claims:
        groups[(claim.report_id, claim.sentence_start)].append(claim)
    for group in groups.values():
        group.sort(key=lambda c: c.start)
    return groups


def rate_findings(facts: Facts) -> Iterator[Finding]:
    """A rate printed next to its counts that the counts do not give."""
    for sentence in by_sentence(c for c in facts.claims if c.value is not None).values():
        for check in reconcile_rules().rate_checks:
            for rate in (c for c in sentence if c.indicator == check.rate):
                finding = _check_rate(check, rate, sentence)
                if finding is not None:
                    yield finding


def _operand(sentence: list[ClaimFact], rate: ClaimFact, indicator: str | None) -> ClaimFact | None:
    """The nearest claim of `indicator` before `rate` at its level, and after any earlier
    claim of the rate's own indicator (which has its own operands)."""
    if indicator is None:
        return None
    earlier = [c for c in sentence if c.start < rate.start]
    fence = max((c.start for c in earlier if c.indicator == rate.indicator), default=-1)
    found = [c for c in earlier if c.indicator == indicator and c.level == rate.level and c.start > fence]
    return found[-1] if found else None


def _check_rate(check: RateCheck, rate: ClaimFact, sentence: list[ClaimFact]) -> Finding | None:
    base = _operand(sentence, rate, check.base)
    other = _operand(sentence, rate, check.loss if check.formula == "retained" else check.part)
    operands = [c for c in (base, other) if c is not None]
    if base is None or other is None or any(c.qualifier != "exact" for c in operands):
        return None
    assert base.value is not None and other.value is not None and rate.value is not None
    if base.value <= 0:
        return None
    kept = base.value - other.value if check.formula == "retained" else other.value
    computed = kept / base.value * 100
    low, high = printed_interval(rate)
    if low <= computed <= high:
        return None
    formula = (f"({base.text}-{other.text})/{base.text}" if check.formula == "retained"
               else f"{other.text}/{base.text}")
    return Finding(
        kind="arithmetic",
        message=f"{rate.indicator} printed {rate.text} but {formula} = {show(computed)}%",
        claim_ids=(rate.id, base.id, other.id),
        report_ids=(rate.report_id,),
        details={"check": check.formula, "printed": plain(rate.value), "computed": show(computed),
                 "values": [plain(rate.value), plain(base.value), plain(other.value)],
                 "sentence": rate.sentence},
    )


def parts_findings(facts: Facts) -> Iterator[Finding]:
    """A total followed by 其中 and its parts, where the parts cannot add up to it."""
    rules = reconcile_rules()
    for sentence in by_sentence(c for c in facts.claims if c.value is not None).values():
        for i, total in enumerate(sentence):
            if total.unit not in rules.total_units:
                continue
            parts = _parts_of(total, sentence[i + 1:], rules.part_markers)
            finding = _check_parts(total, parts)
            if finding is not None:
                yield finding


def _parts_of(total: ClaimFact, rest: list[ClaimFact], markers: tuple[str, ...]) -> list[ClaimFact]:
    """The claims after `total` and a part marker right after it, in its unit, up to the
    next claim in another unit."""
    if not rest:
        return []
    offset = total.end - total.sentence_start
    gap = total.sentence[offset:rest[0].start - total.sentence_start]
    if not any(gap.lstrip(",，、:： ").startswith(m) for m in markers):
        return []
    parts: list[ClaimFact] = []
    for claim in rest:
        if claim.unit != total.unit:
            break
        parts.append(claim)
    return parts


def _check_parts(total: ClaimFact, parts: list[ClaimFact]) -> Finding | None:
    if not parts or any(c.qualifier != "exact" for c in [total, *parts]):
        return None
    assert total.value is not None
    added = sum((c.value for c in parts if c.value is not None), Decimal(0))
    # one part may leave others unsaid; two or more listed after 其中 should make the total
    if added <= total.value and (len(parts) < 2 or added == total.value):
        return None
    return Finding(
        kind="arithmetic",
        message=f"total {total.text} but its parts {' + '.join(c.text for c in parts)} = "
                f"{show(added)}{total.unit}",
        claim_ids=(total.id, *(c.id for c in parts)),
        report_ids=(total.report_id,),
        details={"check": "parts", "printed": plain(total.value), "computed": plain(added),
                 "values": [plain(total.value), *(plain(c.value) for c in parts)],
                 "sentence": total.sentence},
    )


# ---------------------------------------------------------------- bounds

def bound_findings(facts: Facts) -> Iterator[Finding]:
    """A value outside its indicator's plausible bounds (a rate above 100, a negative count)."""
    catalog = load_catalog()
    for claim in facts.claims:
        spec = catalog.get(claim.indicator)
        if claim.value is None or spec is None:
            continue
        low, high = spec.bounds
        if low <= claim.value <= high:
            continue
        yield Finding(
            kind="implausible",
            message=f"{claim.indicator} {claim.text} is outside its plausible range "
                    f"[{show(low)}, {show(high)}] {spec.unit}",
            claim_ids=(claim.id,),
            report_ids=(claim.report_id,),
            details={"bounds": [plain(low), plain(high)], "values": [plain(claim.value)],
                     "sentence": claim.sentence},
        )


# ---------------------------------------------------------------- across reports

def _comparable(facts: Facts, modality: str) -> Iterator[tuple[ClaimFact, ReportFact]]:
    for claim in facts.claims:
        report = facts.reports[claim.report_id]
        if (claim.value is not None and claim.modality == modality and report.canonical
                and report.region and report.year):
            yield claim, report


def conflict_findings(facts: Facts) -> Iterator[Finding]:
    """The same indicator, region, year and level with incompatible values in two reports
    that are not copies of each other."""
    groups: dict[tuple[object, ...], dict[int, list[ClaimFact]]] = defaultdict(lambda: defaultdict(list))
    for claim, report in _comparable(facts, "actual"):
        key = (claim.indicator, report.region, report.year, claim.level, claim.unit)
        groups[key][report.id].append(claim)
    for (indicator, region, year, level, _), per_report in groups.items():
        for (a_id, a_claims), (b_id, b_claims) in combinations(sorted(per_report.items()), 2):
            if _compatible(a_claims, b_claims):
                continue
            claims = [*a_claims, *b_claims]
            yield Finding(
                kind="conflict",
                message=f"{indicator} of {region} {year}{f' {level}' if level else ''}: "
                        f"{', '.join(c.text for c in a_claims)} in report {a_id} against "
                        f"{', '.join(c.text for c in b_claims)} in report {b_id}",
                claim_ids=tuple(c.id for c in claims),
                report_ids=(a_id, b_id),
                details={"indicator": indicator, "region": region, "year": year, "level": level,
                         "values": [plain(c.value) for c in claims]},
            )


def _compatible(a: list[ClaimFact], b: list[ClaimFact]) -> bool:
    """Some value of one report agrees with some value of the other (a report may give
    several figures of one indicator, for different groups)."""
    return any(overlap(printed_interval(x), printed_interval(y)) for x in a for y in b)


def target_findings(facts: Facts) -> Iterator[Finding]:
    """A plan's target against a summary's actual for the same region, year, indicator
    and level: met or missed."""
    actuals: dict[tuple[object, ...], list[tuple[ClaimFact, ReportFact]]] = defaultdict(list)
    for claim, report in _comparable(facts, "actual"):
        if report.kind in ("summary", "summary_plan"):
            actuals[(claim.indicator, report.region, report.year, claim.level, claim.unit)].append(
                (claim, report))
    for target, plan in _comparable(facts, "target"):
        year = plan.year_alt if plan.kind == "summary_plan" and plan.year_alt else plan.year
        key = (target.indicator, plan.region, year, target.level, target.unit)
        for actual, summary in actuals.get(key, []):
            if summary.id == plan.id:
                continue
            yield _target_outcome(target, plan, actual, summary, year)


def _target_outcome(target: ClaimFact, plan: ReportFact, actual: ClaimFact, summary: ReportFact,
                    year: int | None) -> Finding:
    assert target.value is not None and actual.value is not None
    lower = target.indicator in reconcile_rules().lower_is_better or target.qualifier == "at_most"
    low, high = printed_interval(actual)
    met = low <= target.value if lower else high >= target.value
    kind = "target_met" if met else "target_missed"
    return Finding(
        kind=kind,
        message=f"{target.indicator}{' ' + target.level if target.level else ''} of {plan.region} {year}: "
                f"target {target.text} ({plan.title}), actual {actual.text} ({summary.title})"
                f" — {'met' if met else 'missed'}",
        claim_ids=(target.id, actual.id),
        report_ids=(plan.id, summary.id),
        details={"target": plain(target.value), "actual": plain(actual.value), "direction":
                 "lower" if lower else "higher", "values": [plain(target.value), plain(actual.value)]},
    )


CHECKS = (rate_findings, parts_findings, bound_findings, conflict_findings, target_findings)


def all_findings(facts: Facts) -> list[Finding]:
    """Every check's findings, one per fingerprint, in a stable order."""
    unique: dict[str, Finding] = {}
    for check in CHECKS:
        for finding in check(facts):
            unique.setdefault(finding.fingerprint, finding)
    return sorted(unique.values(), key=lambda f: (f.kind, f.report_ids, f.claim_ids))
