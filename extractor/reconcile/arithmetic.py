"""Arithmetic within a report: a rate against its counts, a total against its parts, and
counts whose shares of one named whole imply different wholes."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from extractor.reconcile.facts import (
    ClaimFact,
    Facts,
    Finding,
    Interval,
    claim_refs,
    overlap,
    plain,
    printed_interval,
    show,
)
from extractor.reconcile.wording import by_sentence, depth, kind_of, lead_in, quote
from extractor.vocab.catalog import load_catalog
from extractor.vocab.reconcile import RateCheck, reconcile_rules

PUNCTUATION = ",，、:： "


def _valued(facts: Facts) -> Iterator[ClaimFact]:
    return (c for c in facts.claims if c.value is not None)


@dataclass
class Sentence:
    """The claims of one sentence with what their words say about them."""

    claims: list[ClaimFact]
    leads: dict[int, str]
    kinds: dict[int, str | None]

    @classmethod
    def of(cls, claims: list[ClaimFact]) -> Sentence:
        leads = {c.id: lead_in(c, claims) for c in claims}
        return cls(claims, leads, {c.id: kind_of(c, leads[c.id]) for c in claims})


def sentences(facts: Facts) -> Iterator[Sentence]:
    for claims in by_sentence(_valued(facts)).values():
        yield Sentence.of(claims)


# ---------------------------------------------------------------- a rate and its counts

def rate_findings(facts: Facts) -> Iterator[Finding]:
    """A rate printed next to its counts that the counts do not give."""
    for sentence in sentences(facts):
        for check in reconcile_rules().rate_checks:
            for rate in (c for c in sentence.claims if c.indicator == check.rate):
                finding = _check_rate(check, rate, sentence)
                if finding is not None:
                    yield finding


def _operand(sentence: Sentence, rate: ClaimFact, indicator: str | None) -> ClaimFact | None:
    """The nearest plain claim of `indicator` before `rate` at its level (or at none named, on
    either side: 4200名高三毕业学生参加了高考,一本上线283人,占考生人数的6.74%), and after any
    earlier claim of the rate's own indicator (which has its own operands)."""
    if indicator is None:
        return None
    earlier = [c for c in sentence.claims if c.offset < rate.offset]
    fence = max((c.offset for c in earlier if c.indicator == rate.indicator), default=-1)
    found = [c for c in earlier if c.indicator == indicator and c.offset > fence
             and (c.level == rate.level or None in (c.level, rate.level)) and sentence.kinds[c.id] is None]
    return found[-1] if found else None


def _check_rate(check: RateCheck, rate: ClaimFact, sentence: Sentence) -> Finding | None:
    base = _operand(sentence, rate, check.base)
    other = _operand(sentence, rate, check.loss if check.formula == "retained" else check.part)
    if base is None or other is None or any(c.qualifier != "exact" for c in (base, other)):
        return None
    assert base.value is not None and other.value is not None and rate.value is not None
    if base.value <= 0:
        return None
    kept = base.value - other.value if check.formula == "retained" else other.value
    computed = kept / base.value * 100
    low, high = printed_interval(rate)
    if low <= computed <= high:
        return None
    formula = (f"({plain(base.value)} - {plain(other.value)}) / {plain(base.value)}"
               if check.formula == "retained" else f"{plain(other.value)} / {plain(base.value)}")
    claims = [rate, base, other]
    return Finding(
        kind="arithmetic",
        message=f"the rate {rate.text} is not what its counts give, {formula} = {show(computed)}%, "
                f"in \"{quote(claims)}\" {claim_refs(claims)}",
        claim_ids=(rate.id, base.id, other.id),
        report_ids=(rate.report_id,),
        details={"check": check.formula, "printed": plain(rate.value), "computed": show(computed),
                 "values": [plain(rate.value), plain(base.value), plain(other.value)],
                 "sentence": rate.sentence},
    )


# ---------------------------------------------------------------- a total and its parts

def parts_findings(facts: Facts) -> Iterator[Finding]:
    """A total followed by its parts (其中…, or in brackets) that the parts contradict:
    parts adding up to more than the total, or parts covering the whole (城区 and 农村)
    that do not make it."""
    rules = reconcile_rules()
    for sentence in sentences(facts):
        for i, total in enumerate(sentence.claims):
            if total.unit in rules.total_units and sentence.kinds[total.id] not in ("change", "ratio"):
                parts = _parts_of(total, sentence.claims[i + 1:], sentence)
                yield from _check_parts(total, parts, sentence)


def _part_depth(total: ClaimFact, first: ClaimFact) -> int | None:
    """The bracket depth of the parts that follow `total`, or None when the words right
    after it open no parts (a total only where the sentence states one)."""
    rules = reconcile_rules()
    gap = total.sentence[total.offset_end:first.offset].lstrip(PUNCTUATION)
    if gap[:1] and gap[0] in rules.open_brackets:
        return depth(total) + 1
    if any(gap.startswith(marker) for marker in rules.part_markers):
        return depth(total)
    return None


def _family(claim: ClaimFact) -> str:
    spec = load_catalog().get(claim.indicator)
    return spec.family if spec else claim.indicator


def _parts_of(total: ClaimFact, rest: list[ClaimFact], sentence: Sentence) -> list[ClaimFact]:
    """The parts of `total`: the claims after it at the parts' bracket depth, of its kind,
    unit and family (pupils with pupils, money with money), skipping changes and a part's
    own bracketed parts, up to the first claim of another kind or the end of the bracket."""
    level = _part_depth(total, rest[0]) if rest else None
    if level is None:
        return []
    parts: list[ClaimFact] = []
    for claim in rest:
        at = depth(claim)
        if at < level:
            break
        kind = sentence.kinds[claim.id]
        if at > level or kind == "change":
            continue
        if kind != sentence.kinds[total.id] or claim.unit != total.unit or _family(claim) != _family(total):
            break
        parts.append(claim)
    return parts


def _sum(claims: list[ClaimFact]) -> Interval:
    intervals = [printed_interval(c) for c in claims]
    return sum((i[0] for i in intervals), Decimal(0)), sum((i[1] for i in intervals), Decimal(0))


def _runs(total: ClaimFact, parts: list[ClaimFact]) -> list[list[ClaimFact]]:
    """The parts cut into breakdowns: a run that makes the total ends there, and another
    breakdown of the same total may follow (公办53所,民办75所;城区50所,农村78所)."""
    runs: list[list[ClaimFact]] = [[]]
    for part in parts:
        runs[-1].append(part)
        if overlap(_sum(runs[-1]), printed_interval(total)):
            runs.append([])
    return [run for run in runs if run]


def _covers_the_whole(run: list[ClaimFact], sentence: Sentence) -> list[str] | None:
    """The complementary words (城区, 农村) the run's parts name one each, if they do."""
    for words in reconcile_rules().complementary_parts:
        if len(run) != len(words):
            continue
        named = [[w for w in words if w in sentence.leads[c.id]] for c in run]
        if all(len(n) == 1 for n in named) and {n[0] for n in named} == set(words):
            return list(words)
    return None


def _check_parts(total: ClaimFact, parts: list[ClaimFact], sentence: Sentence) -> Iterator[Finding]:
    whole = printed_interval(total)
    for run in _runs(total, parts):
        low, high = _sum(run)
        covering = _covers_the_whole(run, sentence)
        if low > whole[1]:
            problem = (f"the part {run[0].text} exceeds its total {total.text}" if len(run) == 1 else
                       f"the parts {' + '.join(c.text for c in run)} = {show(_added(run))}{total.unit} "
                       f"exceed their total {total.text}")
        elif covering is not None and not overlap((low, high), whole):
            problem = (f"the parts {' + '.join(c.text for c in run)} cover the whole "
                       f"({', '.join(covering)}) but add up to {show(_added(run))}{total.unit}, "
                       f"not the total {total.text}")
        else:
            continue
        claims = [total, *run]
        yield Finding(
            kind="arithmetic",
            message=f"{problem}, in \"{quote(claims)}\" {claim_refs(claims)}",
            claim_ids=tuple(c.id for c in claims),
            report_ids=(total.report_id,),
            details={"check": "parts", "printed": plain(total.value), "computed": plain(_added(run)),
                     "values": [plain(c.value) for c in claims], "sentence": total.sentence},
        )


def _added(claims: list[ClaimFact]) -> Decimal:
    return sum((c.value for c in claims if c.value is not None), Decimal(0))


# ---------------------------------------------------------------- shares of one whole

@dataclass(frozen=True)
class Share:
    """A count and its share of a named whole (一本上线283人,占考生人数的7.32%)."""

    count: ClaimFact
    share: ClaimFact
    whole: str  # what the whole counts (考生)
    name: str  # the whole as printed (考生人数)

    def implied(self) -> tuple[int, int] | None:
        """The whole numbers the count and its printed share allow."""
        count, share = printed_interval(self.count), printed_interval(self.share)
        if share[0] <= 0 or not all(map(math.isfinite, (*count, *share))):
            return None
        return math.ceil(count[0] * 100 / share[1]), math.floor(count[1] * 100 / share[0])


def _whole_named(gap: str) -> tuple[str, str] | bool | None:
    """What the words between a count and a percentage say the share is of: (whole, name),
    True for a bare share word (占17.2%, the whole said before), None for no share."""
    rules = reconcile_rules().shared_denominators
    words = gap.strip(PUNCTUATION)
    word = next((w for w in rules.share_words if words.startswith(w)), None)
    if word is None:
        return None
    name = words[len(word):]
    trimmed = True
    while trimmed:
        trimmed = False
        for filler in sorted(rules.fillers, key=len, reverse=True):
            if filler and name.endswith(filler):
                name, trimmed = name[:-len(filler)], True
                break
    if not name:
        return True
    return (rules.denominators[name], name) if name in rules.denominators else None


def shares_in(sentence: Sentence) -> Iterator[Share]:
    """Each count followed by its share of a named whole; a bare 占 takes the whole named
    before it in the sentence (应届生38564人,占考生总数的82.8%,往届生7984人,占17.2%)."""
    change_indicators = reconcile_rules().change_indicators
    before: tuple[str, str] | None = None
    for count, share in zip(sentence.claims, sentence.claims[1:], strict=False):
        if (count.unit != "人" or share.unit != "%" or share.indicator in change_indicators
                or sentence.kinds[count.id] is not None):
            continue
        named = _whole_named(count.sentence[count.offset_end:share.offset])
        if named is True:
            named = before
        if isinstance(named, tuple):
            before = named
            yield Share(count, share, *named)


def denominator_findings(facts: Facts) -> Iterator[Finding]:
    """Counts printed with their share of one whole, near each other in one report, year
    and school level, whose shares imply wholes that cannot all be true (中考 and 高考
    candidates are told apart by their level)."""
    window = reconcile_rules().shared_denominators.window
    found: dict[tuple[int, str, int | None, str | None], list[Share]] = defaultdict(list)
    for sentence in sentences(facts):
        for share in shares_in(sentence):
            count = share.count
            found[(count.report_id, share.whole, count.year, count.level)].append(share)
    for shares in found.values():
        shares.sort(key=lambda s: s.count.start)
        run: list[Share] = []
        for share in shares:
            if run and share.count.start - run[-1].share.end > window:
                yield from _disagreeing(run)
                run = []
            run.append(share)
        yield from _disagreeing(run)


def _disagreeing(run: list[Share]) -> Iterator[Finding]:
    implied = [(share, share.implied()) for share in run]
    known = [(share, bounds) for share, bounds in implied if bounds is not None]
    if len(known) < 2:
        return
    if max(b[0] for _, b in known) <= min(b[1] for _, b in known):
        return
    claims = [c for share, _ in known for c in (share.count, share.share)]
    said = ", ".join(f"\"{quote([s.count, s.share])}\" gives {_span(b)}" for s, b in known)
    name = known[0][0].name
    yield Finding(
        kind="arithmetic",
        message=f"the shares of one {name} imply different {name}: {said} {claim_refs(claims)}",
        claim_ids=tuple(c.id for c in claims),
        report_ids=(known[0][0].count.report_id,),
        details={"check": "shared_denominator", "whole": known[0][0].whole, "name": name,
                 "implied": [list(b) for _, b in known],
                 "values": [plain(c.value) for c in claims],
                 "quotes": [quote([s.count, s.share]) for s, _ in known]},
    )


def _span(bounds: tuple[int, int]) -> str:
    low, high = bounds
    return str(low) if low == high else f"{low}–{high}" if low < high else f"none ({high}–{low})"
