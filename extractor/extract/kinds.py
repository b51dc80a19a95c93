"""A report's kind from its figures, where no title word or section heading fixed it.

A news item on seats to come (今年同安将新增7860个学位) or a programme's plan restated with
its progress says so only in its figures: when most of the figures whose modality the
text cues are targets, the report is a plan, and its uncued figures are targets too.
Only the figures inside its body vote (not the headlines of a related-article list after
it: 今年将新增学位… made a news item of results a plan).
"""

from __future__ import annotations

from collections import Counter

from extractor.models.records import Claim
from extractor.segment.split import Segmentation
from extractor.text.patterns import Pattern
from extractor.vocab.numbers import numbers_data


def settle_open_kinds(segmentation: Segmentation, claims: list[Claim], uncued: set[int],
                      plan_share: float, reported: frozenset[str], uncued_per_target: int,
                      abstaining: set[int], next_step: Pattern) -> list[Claim]:
    """Make plans of the open-kind reports whose cued figures are more than `plan_share`
    targets, and whose uncued figures are at most `uncued_per_target` times their targets
    (updating the reports in place); the claims, with the uncued figures of those reports
    made targets. `uncued` holds the id() of the claims no cue gave a modality; an uncued
    figure of a `reported` indicator (an exam's results) votes actual, and so does one before
    the report's first figure in a sentence `next_step` opens (下一步,…计划总投资1.6亿元: what
    was told before is what was done); the claims in `abstaining` (a target named as a
    standard: 低于省定1.5%的控制目标) do not vote.
    """
    cued: dict[int, Counter[str]] = {index: Counter() for index in segmentation.open_kinds}
    bodies = {report.index: (report.start, report.end) for report in segmentation.reports}
    next_steps = _next_steps(claims, next_step)
    previous: Claim | None = None
    for claim in claims:
        if claim.report_index not in cued:
            continue
        start, end = bodies[claim.report_index]
        if not start <= claim.start < end:
            continue  # a related article's headline after the body votes for no kind
        low, previous = previous, claim
        if low is not None and _range_ends(low, claim):
            continue  # 计划投资50亿元至60亿元: one figure, one vote
        if id(claim) in abstaining:
            continue
        if id(claim) not in uncued:
            cued[claim.report_index][claim.modality] += 1
        elif claim.indicator in reported or claim.start < next_steps.get(claim.report_index, -1):
            cued[claim.report_index]["actual"] += 1
        else:
            cued[claim.report_index]["uncued"] += 1
    reviewing = {report.index for report in segmentation.reports if report.kind == "summary_plan"}
    plans = {index for index, counts in cued.items()
             if counts["target"] > plan_share * (counts["target"] + counts["actual"])
             and counts["uncued"] <= uncued_per_target * counts["target"]
             and not (index in reviewing and counts["actual"] + counts["uncued"])}
    if not plans:
        return claims
    for report in segmentation.reports:
        if report.index in plans:
            report.kind = "plan"
    return [claim.model_copy(update={"modality": "target"})
            if claim.report_index in plans and id(claim) in uncued else claim
            for claim in claims]


def _next_steps(claims: list[Claim], next_step: Pattern) -> dict[int, int]:
    """Each report's first figure (its offset) in a sentence opening on its next steps."""
    firsts: dict[int, int] = {}
    for claim in claims:
        if claim.sentence and next_step.match(claim.sentence) and claim.report_index not in firsts:
            firsts[claim.report_index] = claim.start
    return firsts


def _range_ends(low: Claim, high: Claim) -> bool:
    """Whether two claims are the ends of one range (50亿元至60亿元, 2万至3万个): of one
    indicator in one sentence, only a range's joiner between them."""
    if low.indicator != high.indicator or low.sentence_start != high.sentence_start or not low.sentence:
        return False
    between = low.sentence[low.end - low.sentence_start:high.start - high.sentence_start].strip()
    return between in numbers_data().range_low_joiners
