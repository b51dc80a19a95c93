"""Values outside what is plausible for their indicator, unit and the scale of their
report's region (extractor/data/plausibility.yaml); a change is judged as a change."""

from __future__ import annotations

from collections.abc import Iterator

from extractor.reconcile.arithmetic import Sentence, sentences
from extractor.reconcile.facts import (
    ClaimFact,
    Facts,
    Finding,
    claim_refs,
    overlap,
    plain,
    printed_interval,
)
from extractor.reconcile.wording import quote
from extractor.vocab.divisions import Level
from extractor.vocab.plausibility import LEVELS, BoundRule, plausibility
from extractor.vocab.reconcile import reconcile_rules

RATE_UNITS = ("%", "百分点")


def judged_as(claim: ClaimFact, kind: str | None) -> str:
    """The indicator whose bounds judge the claim: its own, or a change's when its words
    say it is one (比上年增加1527人 stored as a count)."""
    if kind != "change" or claim.indicator in reconcile_rules().change_indicators:
        return claim.indicator
    return "rate_change" if claim.unit in RATE_UNITS else "amount_change"


def bound_findings(facts: Facts) -> Iterator[Finding]:
    """A value its indicator cannot plausibly take at its report's scale (a rate above
    100, a county's pupils in 亿, no school place added)."""
    for sentence in sentences(facts):
        for claim in sentence.claims:
            finding = _judge(claim, sentence, _level(facts, claim))
            if finding is not None:
                yield finding


def _level(facts: Facts, claim: ClaimFact) -> Level | None:
    report = facts.reports.get(claim.report_id)
    level = report.region_level if report else None
    return next((known for known in LEVELS if known == level), None)


def _judge(claim: ClaimFact, sentence: Sentence, level: Level | None) -> Finding | None:
    indicator = judged_as(claim, sentence.kinds[claim.id])
    table = plausibility()
    rule = table.rule_for(indicator, claim.unit, sentence.leads[claim.id])
    if rule is None:
        return None
    scale = table.scale_of(level, claim.sentence[:claim.offset])
    low, high = rule.bounds(scale)
    fall = _is_fall(claim, sentence, indicator)
    low_printed, high_printed = printed_interval(claim)
    if overlap((-high_printed, -low_printed) if fall else (low_printed, high_printed), (low, high)):
        return None
    what = f"{claim.text} (a fall, so -{plain(claim.value)})" if fall else claim.text
    return Finding(
        kind="implausible",
        message=f"{what} is outside the plausible range {plain(low)} to {plain(high)}{claim.unit} "
                f"of {indicator}{_scope(rule, level, scale)}, in \"{quote([claim])}\" {claim_refs([claim])}",
        claim_ids=(claim.id,),
        report_ids=(claim.report_id,),
        details={"bounds": [plain(low), plain(high)], "judged_as": indicator,
                 "level": scale, "values": [plain(claim.value)], "sentence": claim.sentence},
    )


def _is_fall(claim: ClaimFact, sentence: Sentence, indicator: str) -> bool:
    """A change whose words say it is a fall (下降11.43%): stored positive, judged negative."""
    rules, lead = reconcile_rules(), sentence.leads[claim.id]
    return indicator in rules.change_indicators and any(word in lead for word in rules.fall_words)


def _scope(rule: BoundRule, level: Level | None, scale: Level) -> str:
    if rule.by_level is None:
        return ""
    if level is None:
        return f" (the report's region level is not known: judged at the {scale} scale)"
    if scale != level:
        return f" at the {scale} scale its sentence names (in a {level}-level report)"
    return f" in a {level}-level report"
