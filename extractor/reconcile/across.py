"""Across reports: the same figure given differently by two reports, and a plan's target
against the summary's actual."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from itertools import combinations

from extractor.reconcile.facts import (
    ClaimFact,
    Facts,
    Finding,
    ReportFact,
    claim_refs,
    overlap,
    plain,
    printed_interval,
)
from extractor.reconcile.wording import quote
from extractor.vocab.reconcile import reconcile_rules


def _comparable(facts: Facts, modality: str) -> Iterator[tuple[ClaimFact, ReportFact]]:
    for claim in facts.claims:
        report = facts.reports[claim.report_id]
        if (claim.value is not None and claim.modality == modality and report.canonical
                and report.region and year_of(claim, report)):
            yield claim, report


def year_of(claim: ClaimFact, report: ReportFact) -> int | None:
    """The year a claim is about: its own (a year in its clause, 2015年全区入学率…) when it
    differs from its report's, else a plan's year for a target of a summary_plan (its
    second year), else its report's year."""
    if claim.year is not None and claim.year != report.year:
        return claim.year
    if claim.modality == "target" and report.kind == "summary_plan" and report.year_alt:
        return report.year_alt
    return report.year


def _what(claim: ClaimFact) -> str:
    """The indicator and school level a finding names: enrollment_rate 学前."""
    return f"{claim.indicator} {claim.level}" if claim.level else claim.indicator


def _said(claims: list[ClaimFact]) -> str:
    return "; ".join(f"\"{quote([c])}\"" for c in claims)


def conflict_findings(facts: Facts) -> Iterator[Finding]:
    """The same indicator, region, year and level with incompatible values in two reports
    that are not copies of each other."""
    groups: dict[tuple[object, ...], dict[int, list[ClaimFact]]] = defaultdict(lambda: defaultdict(list))
    for claim, report in _comparable(facts, "actual"):
        key = (claim.indicator, report.region, year_of(claim, report), claim.level, claim.unit)
        groups[key][report.id].append(claim)
    for (indicator, region, year, level, _), per_report in groups.items():
        for (a_id, a_claims), (b_id, b_claims) in combinations(sorted(per_report.items()), 2):
            if _compatible(a_claims, b_claims):
                continue
            claims = [*a_claims, *b_claims]
            a, b = facts.reports[a_id], facts.reports[b_id]
            yield Finding(
                kind="conflict",
                message=f"{_what(a_claims[0])} of {region} {year} is "
                        f"{', '.join(c.text for c in a_claims)} in {a.label} ({_said(a_claims)}) but "
                        f"{', '.join(c.text for c in b_claims)} in {b.label} ({_said(b_claims)}) "
                        f"{claim_refs(claims)}",
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
            actuals[(claim.indicator, report.region, year_of(claim, report), claim.level, claim.unit)].append(
                (claim, report))
    for target, plan in _comparable(facts, "target"):
        year = year_of(target, plan)
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
    return Finding(
        kind="target_met" if met else "target_missed",
        message=f"the target {target.text} for {_what(target)} "
                f"of {plan.region} {year} in {plan.label} (\"{quote([target])}\") was "
                f"{'met' if met else 'missed'}: the actual is {actual.text} in {summary.label} "
                f"(\"{quote([actual])}\") {claim_refs([target, actual])}",
        claim_ids=(target.id, actual.id),
        report_ids=(plan.id, summary.id),
        details={"target": plain(target.value), "actual": plain(actual.value), "direction":
                 "lower" if lower else "higher", "values": [plain(target.value), plain(actual.value)]},
    )
