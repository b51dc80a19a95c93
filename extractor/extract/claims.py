"""Extract stage: number tokens in the matching view -> typed, located claims.

For every number token: find its sentence, clause and list; let the rules
(extractor/extract/rules.py) decide what it counts; add level, modality and qualifier
(extractor/extract/attributes.py); map its span back to the original text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

import numpy as np
from pydantic import ValidationError

from extractor.extract.attributes import (
    Headings,
    claim_year,
    default_modality,
    find_headings,
    level_of,
    modality_cue,
    one_stage,
    qualifier_of,
)
from extractor.extract.kinds import settle_open_kinds
from extractor.extract.lexicon import Lexicon, lexicon
from extractor.extract.rules import MONEY_INDICATORS, Decision, Place, classify
from extractor.extract.tables import table_row_ends
from extractor.extract.tokens import NumberToken, damaged_numbers, grammar, tokens_of
from extractor.models.records import Claim, Rejection, Report
from extractor.segment.split import Segmentation, related_lists
from extractor.text.normalize import MatchingView, matching_view, reading_view
from extractor.text.patterns import Pattern, compile_pattern, words
from extractor.text.spans import Boundaries, Span, SpanSet, clause_before, lines_holding
from extractor.vocab.catalog import load_catalog

# the text read before a report's body to tell whether it is an education report
TITLE_WINDOW = 300
TITLE_LINES = 5


@dataclass(frozen=True)
class DocumentContext:
    text: str  # original
    view: MatchingView
    segmentation: Segmentation
    doc: str
    sentences: Boundaries
    clauses: Boundaries
    periods: Boundaries  # sentences with their semicolon-joined parts
    headings: Headings
    education_reports: frozenset[int]
    education_by_share: frozenset[int]  # of them, those only partly about education
    report_levels: dict[int, str | None]  # the stage each report's title names
    explain: bool  # keep the reasons numbers are not taken
    link_lines: SpanSet  # lines holding a link: numbers there are page furniture
    related_lists: SpanSet  # related-article lists (往期推荐 / one headline a line): other pages'
    uncued: set[int] = field(default_factory=set)  # id() of the claims no cue gave a modality
    abstaining: set[int] = field(default_factory=set)  # id() of targets named (…的控制目标): no votes


class Where(NamedTuple):
    """Where a group of tokens stands: its sentence, clause, the start of the clause
    before it and of its sentence with the parts joined to it by semicolons."""

    sentence: Span
    clause: Span
    clause_before_start: int
    period_start: int


def extract_claims(text: str, view: MatchingView, segmentation: Segmentation, doc: str,
                   education_reports: frozenset[int] | None = None,
                   rejections: list[Rejection] | None = None) -> list[Claim]:
    """All claims of one document, in text order.

    `education_reports` names the reports issued by education bodies (all their money is
    about education); by default it is read off the reports' titles. Numbers that are no
    claim are added to `rejections`, with the reason, when a list is given.
    """
    lex = lexicon()
    by_share: frozenset[int] = frozenset()
    if education_reports is None:
        evidence = {r.index: _education_evidence(r, view, lex) for r in segmentation.reports}
        education_reports = frozenset(i for i, e in evidence.items() if e is not None)
        by_share = frozenset(i for i, e in evidence.items() if e == "partly")
    codes = view.codes
    tokens = tokens_of(view.text, codes)
    rows = table_row_ends(view.text, lex)
    ctx = DocumentContext(
        text=text,
        view=view,
        segmentation=segmentation,
        doc=doc,
        sentences=Boundaries.of_codes(codes, lex.sentence_delimiters).with_ends(rows),
        clauses=Boundaries.of_codes(codes, lex.clause_delimiters).outside(*_token_spans(tokens)).with_ends(
            rows),
        periods=Boundaries.of_codes(codes, lex.period_delimiters).with_ends(rows),
        headings=find_headings(view.text, lex, [t.start for t in tokens],
                               lambda at: segmentation.report_at(view.original_span(at, at + 1)[0]) is None,
                               lambda at: _report_year(segmentation, view.original_span(at, at + 1)[0])),
        education_reports=education_reports,
        education_by_share=by_share,
        report_levels={r.index: title_level(r.title, lex) for r in segmentation.reports},
        explain=rejections is not None,
        link_lines=lines_holding(view.text, _furniture_pattern(view.text, lex), stops=lex.link_stretch_stops),
        related_lists=related_lists(view.text),
    )
    claims: list[Claim] = []
    previous_end = 0
    previous_items: dict[str, tuple[int, str, str]] = {}  # by unit: the last list item's end, unit, indicator
    mixed = mixed_lists(view.text, tokens, lex)
    groups = list(group_tokens(view.text, tokens))
    places = group_places(ctx, groups, lex.sentence_reach)
    for group, spans in zip(groups, places, strict=True):
        change = False
        for index in range(len(group.tokens)):
            outcome = _claim_for(ctx, lex, group, index, spans, previous_end, mixed, previous_items)
            change = isinstance(outcome, Claim) and outcome.indicator in lex.change_indicators
            if isinstance(outcome, Claim):
                claims.append(outcome)
                token = group.tokens[index]
                if outcome.indicator in lex.list_indicators:
                    previous_items[token.unit] = (token.end, token.unit, outcome.indicator)
                elif change and token.unit in previous_items:
                    # 新增学位3000个,比上年增加500个,其中小学1800个: the list goes on past the change
                    previous_items[token.unit] = (token.end, token.unit, previous_items[token.unit][2])
            elif outcome is not None and rejections is not None:
                rejections.append(outcome)
        if not change:  # a change (增加800个) hides no words before it from what follows (达到3600个)
            previous_end = group.tokens[-1].end
    if rejections is not None:
        rejections.extend(_damaged(ctx, tokens))
        rejections.sort(key=lambda rejection: rejection.start)
    return settle_open_kinds(segmentation, claims, ctx.uncued, lex.plan_by_targets, lex.reported_indicators,
                             lex.plan_uncued_per_target, ctx.abstaining, lex.next_step)


def _report_year(segmentation: Segmentation, offset: int) -> int | None:
    """The year of the report at `offset` of the original text, if any."""
    report = segmentation.report_at(offset)
    return None if report is None else report.year


def _furniture_pattern(text: str, lex: Lexicon) -> Pattern:
    """The pattern of page furniture's lines: links, and ads or tip buttons where the text
    holds one (a substring test first: the words are rare, a pattern of them slow to scan)."""
    return lex.furniture_line if any(word in text for word in lex.furniture_words) else lex.link_line


def _token_spans(tokens: list[NumberToken]) -> tuple[np.ndarray, np.ndarray]:
    """The tokens' starts and ends (a comma inside one, 12,500万元, ends no clause)."""
    return (np.fromiter((t.start for t in tokens), dtype=np.int64, count=len(tokens)),
            np.fromiter((t.end for t in tokens), dtype=np.int64, count=len(tokens)))


def group_places(ctx: DocumentContext, groups: list[TokenGroup], reach: int) -> list[Where]:
    """Where each group stands: its sentence, clause, the clause before and its sentence's
    semicolon-joined start, each cut to `reach` characters around the group (every
    look-up around a number stays inside: the cost per number is bounded)."""
    starts = np.fromiter((g.tokens[0].start for g in groups), dtype=np.int64, count=len(groups))
    low = starts - reach
    high = np.fromiter((g.tokens[-1].end for g in groups), dtype=np.int64, count=len(groups)) + reach
    s_start, s_end = ctx.sentences.spans(starts)
    c_start, c_end = ctx.clauses.spans(starts)
    before = clause_before(ctx.clauses, s_start, c_start)
    period = ctx.periods.spans(starts)[0]
    columns = (np.maximum(s_start, low), np.minimum(s_end, high), np.maximum(c_start, low),
               np.minimum(c_end, high), np.maximum(before, low), np.maximum(period, low))
    rows = zip(*(column.tolist() for column in columns), strict=True)
    return [Where((a, b), (c, d), e, f) for a, b, c, d, e, f in rows]


def extract_text(text: str, kind: str = "summary", doc: str = "text",
                 education_report: bool | None = None, year: int | None = None) -> list[Claim]:
    """Claims of a bare text taken as one report of `kind` (for tests and quick use).

    `education_report` says whether an education body wrote it (then all its money is
    about education); by default, whether the text speaks of education at all.

    >>> [(c.indicator, str(c.value), c.level) for c in extract_text("初中生流失7人,巩固率99.04%")]
    [('dropout_count', '7', '初中'), ('retention_rate', '99.04', '初中')]
    """
    view = reading_view(matching_view(text))
    report = Report(doc=doc, index=0, kind=kind, year=year, start=0, end=len(text))
    if education_report is None:
        education_report = lexicon().education.search(view.text) is not None
    education = frozenset({0}) if education_report else frozenset()
    return extract_claims(text, view, Segmentation([report]), doc, education)


@dataclass(slots=True, kw_only=True)  # one per list of tokens: see rules.Decision
class TokenGroup:
    """Tokens of one kind in a list (99.5%、98.5%、85%以上) or a range (95%—98%)."""

    tokens: list[NumberToken]
    is_range: bool = False


def group_tokens(text: str, tokens: list[NumberToken]) -> Iterator[TokenGroup]:
    joint_pattern, openings = _joint_pattern(), _joint_openings().lists_and_ranges
    group: list[NumberToken] = []
    is_range = False
    for token in tokens:
        joint = _joint(text, group[-1], token, joint_pattern, openings) if group else None
        if (joint == "list" and not is_range) or (joint == "range" and len(group) == 1):
            group.append(token)
            is_range = joint == "range"
            continue
        if group:
            yield TokenGroup(tokens=group, is_range=is_range)
        group, is_range = [token], False
    if group:
        yield TokenGroup(tokens=group, is_range=is_range)


@lru_cache(maxsize=1)
def _joint_pattern() -> Pattern:
    """What may stand between two items of a list or the two ends of a range: a suffix
    qualifier of the first (85%以上、90%), then a list or a range joiner (at most a blank on
    each side of the range's: a dash alone in a table's cell, 合计\t2222\t—\t126.2, joins none)."""
    lex = lexicon()
    return compile_pattern(rf"(?:{words(grammar().suffix_qualifiers)})?+"
                           rf"(?:\s*(?P<list>{words(lex.list_words)})\s*"
                           rf"|[ ]?(?P<range>{words(lex.range_words)})[ ]?)")


class JointOpenings(NamedTuple):
    """The characters besides whitespace that a joint opens with: a gap between two
    tokens opening with another is no joint, and its pattern need not be tried."""

    lists: frozenset[str]  # a list joint (mixed_lists)
    lists_and_ranges: frozenset[str]  # a list or range joint (_joint_pattern)


@lru_cache(maxsize=1)
def _joint_openings() -> JointOpenings:
    lex = lexicon()
    lists = frozenset(w[0] for w in lex.list_words)
    return JointOpenings(lists, lists | {w[0] for w in (*lex.range_words, *grammar().suffix_qualifiers)})


def _may_join(text: str, start: int, end: int, openings: frozenset[str]) -> bool:
    """Whether the gap text[start:end] may be a joint (a cheap test before the pattern)."""
    return start < end and (text[start] in openings or text[start].isspace())


def _joint(text: str, a: NumberToken, b: NumberToken, joint_pattern: Pattern,
           openings: frozenset[str]) -> str | None:
    """How two neighbouring tokens are joined: "list", "range" or not at all (None)."""
    if a.unit_class != b.unit_class or not _may_join(text, a.end, b.start, openings):
        return None
    m = joint_pattern.fullmatch(text, a.end, b.start)
    return m.lastgroup if m is not None else None


def mixed_lists(text: str, tokens: list[NumberToken], lex: Lexicon) -> dict[int, tuple[int, int]]:
    """Lists joined by 、/和 whose items have different units (3120人、67.8%): for each item,
    keyed by its start, its index in the list and the list's size."""
    places: dict[int, tuple[int, int]] = {}
    run: list[NumberToken] = []
    openings = _joint_openings().lists
    for token in [*tokens, None]:
        if (token is not None and run and _may_join(text, run[-1].end, token.start, openings)
                and lex.list_joiner.fullmatch(text, run[-1].end, token.start)):
            run.append(token)
            continue
        if len({t.unit_class for t in run}) > 1:
            places.update({t.start: (i, len(run)) for i, t in enumerate(run)})
        run = [token] if token is not None else []
    return places


def _claim_for(ctx: DocumentContext, lex: Lexicon, group: TokenGroup, index: int,
               spans: Where, previous_end: int, mixed: dict[int, tuple[int, int]],
               previous_items: dict[str, tuple[int, str, str]]) -> Claim | Rejection | None:
    """The claim of the group's `index`-th token; `spans` are the group's sentence, clause
    and the start of the clause before."""
    token = group.tokens[index]
    start, end = ctx.view.original_span(token.start, token.end)
    sentence, clause, clause_before, period_start = spans
    report = ctx.segmentation.report_near(start)
    # (a number in a related-article list is another page's: the report's prior and stage are not its)
    own = not ctx.related_lists.holds(token.start)
    place = Place(text=ctx.view.text, token=token, sentence=sentence, clause=clause,
                  clause_before_start=clause_before, group=group.tokens, index=index,
                  is_range=group.is_range, mixed=mixed.get(token.start), left_limit=previous_end,
                  education_report=own and report.index in ctx.education_reports,
                  education_by_share=own and report.index in ctx.education_by_share,
                  previous_item=previous_items.get(token.unit),
                  period_start=period_start,
                  report_level=ctx.report_levels.get(report.index) if own else None,
                  on_link_line=ctx.link_lines.holds(token.start))
    decision = classify(place, lex)
    if decision.indicator is None:
        return _rejection(ctx, sentence, start, end, decision.rule)
    return _build(ctx, lex, place, decision, report, start, end)


def _damaged(ctx: DocumentContext, tokens: list[NumberToken]) -> Iterator[Rejection]:
    """Numbers before a unit whose digits no token reads (1..5万元), as rejections."""
    for start, end in damaged_numbers(ctx.view.text, tokens):
        (s_start,), (s_end,) = ctx.sentences.spans(np.array([start]))
        sentence = (int(s_start), int(s_end))
        if (rejection := _rejection(ctx, sentence, *ctx.view.original_span(start, end), "damaged number")):
            yield rejection


def _sentence_span(ctx: DocumentContext, sentence: tuple[int, int],
                   token: tuple[int, int]) -> tuple[int, int]:
    """The sentence's span in the original text, its leading and trailing blanks left out
    (so that `sentence_start` is where the stored sentence starts), and stretched over the
    whole token (a number alone on its line, its unit on the next: 零\n万元)."""
    start, end = ctx.view.original_span(sentence[0], max(sentence[1], sentence[0] + 1))
    while start < end and ctx.text[start].isspace():
        start += 1
    while end > start and ctx.text[end - 1].isspace():
        end -= 1
    return min(start, token[0]), max(end, token[1])


def _rejection(ctx: DocumentContext, sentence: tuple[int, int], start: int, end: int,
               reason: str) -> Rejection | None:
    if not ctx.explain:
        return None
    s_start, s_end = _sentence_span(ctx, sentence, (start, end))
    return Rejection(ctx.doc, ctx.text[start:end], start, end, reason, ctx.text[s_start:s_end])


def _build(ctx: DocumentContext, lex: Lexicon, place: Place, decision: Decision, report: Report,
           start: int, end: int) -> Claim | Rejection | None:
    token = place.token
    assert decision.indicator is not None
    s_start, s_end = _sentence_span(ctx, place.sentence, (start, end))
    report_view_start = ctx.view.view_offset(report.start)
    later = max((y for y in (report.year, report.year_alt) if y is not None), default=None)
    cue = modality_cue(place, lex, ctx.headings, report_view_start, report.year, later,
                       ctx.view.view_offset(report.end), plan=report.kind == "plan")
    if decision.rule in RESULT_RULES and lex.target_cue.search(
            place.text, place.clause[0], token.start) is None:
        cue = "actual"  # 目标6000个,完成4850个: what was done against the target before it
    year = claim_year(place, lex, _section_year(ctx, place, report_view_start, report.year))
    if cue is None and year is not None and report.year is not None and year != report.year:
        # 学校2023年中考…录取率达到62.5% in a plan for 2024: a past fact; 建议在2025年投资1.2亿元
        # in a summary of 2024: a future one
        cue = "actual" if year < report.year else "target"
    ceiling = load_catalog()[decision.indicator].ceiling
    if ceiling is not None and token.value is not None and token.value > ceiling:
        return _rejection(ctx, place.sentence, start, end,
                          f"above {ceiling}, no share of a whole (录取人数/计划数 101.9%: a ratio to a plan)")
    modality = cue or default_modality(report.kind)
    if modality == "actual" and _unmet_need(place, lex, decision):
        return _rejection(ctx, place.sentence, start, end,
                          "money needed (需维修资金), none spent, and no plan states it")
    try:
        claim = Claim(
            doc=ctx.doc,
            report_index=report.index,
            indicator=decision.indicator,
            value=token.value,
            unit=_claim_unit(token.unit, decision.indicator),
            qualifier=qualifier_of(place),
            placeholder=token.placeholder,
            modality=modality,
            year=year,
            level=level_of(place, lex, decision),
            start=start,
            end=end,
            text=ctx.text[start:end],
            sentence=ctx.text[s_start:s_end],
            sentence_start=s_start,
            rule=decision.rule,
            trigger=decision.trigger,
        )
    except ValidationError as exc:  # a value that cannot be right for its unit
        reasons = "; ".join(str(e["msg"]) for e in exc.errors())
        return _rejection(ctx, place.sentence, start, end, f"invalid claim: {reasons}")
    if cue is None:
        ctx.uncued.add(id(claim))
    elif (named := lex.target_after.match(ctx.text, place.group[-1].end)) and not named.group().startswith(
            lex.will_object_cue):  # (not …3.6亿元将用于…, a use to come)
        ctx.abstaining.add(id(claim))  # 低于省定1.5%的控制目标: a standard named, no plan stated
    elif cue == "target" and lex.prospective_cue.search(place.text, place.clause[0], token.start):
        ctx.abstaining.add(id(claim))  # 建成后可提供学位1350个: what a work will hold, no plan's vote
    elif lex.bracketed_target_before.search(ctx.text, max(0, start - 16), start) or (
            lex.target_value_before.search(ctx.text, max(0, start - 4), start)):
        ctx.abstaining.add(id(claim))  # 88.5%(目标为90%), 较年初目标98%: a figure's target beside it
    return claim


RESULT_RULES = frozenset({"result-of-target", "money-result-of-target"})  # a figure reached against a target


def _unmet_need(place: Place, lex: Lexicon, decision: Decision) -> bool:
    """Whether a sum is money its clause says is needed (需维修资金约3000万元) and its sentence
    does not say is provided (由区财政全额保障)."""
    return decision.indicator in MONEY_INDICATORS and lex.money_needed.search(
        place.text, place.clause[0], place.token.start) is not None and not lex.need_met.search(
        place.text, *place.sentence)


def _section_year(ctx: DocumentContext, place: Place, report_view_start: int,
                  report_year: int | None) -> int | None:
    """The year a claim's section is about, when its heading names one (二、2024年工作打算),
    else its report's: a claim's year when its sentence names none."""
    heading_year = ctx.headings.year_at(place.group[0].start, report_view_start)
    return report_year if heading_year is None else heading_year


def title_level(title: str, lex: Lexicon) -> str | None:
    """The one stage a report's title names (县实验幼儿园…工作总结 -> 学前), in each of its
    topics if it joins several (…开学暨义务教育均衡发展工作会议: none), else None; a law's
    name (《义务教育法》) names none, nor does a headline stating a rate (the rate's) or where
    pupils were admitted (被清华北大录取: theirs).

    >>> from extractor.extract.lexicon import lexicon
    >>> titles = ("泉州市公办幼儿园建设项目1-4月进展情况", "教育局工作总结",
    ...           "春季学期开学暨义务教育均衡发展工作会议讲话", "关于全市义务教育优质均衡发展情况的调研报告",
    ...           "关于检查《中华人民共和国高等教育法》实施情况的报告", "县职业教育中心2023年工作总结",
    ...           "汉滨区2024年中考成绩揭晓,普通高中录取率达58.5%", "喜报!利县一中7人被清华北大录取")
    >>> [title_level(t, lexicon()) for t in titles]
    ['学前', None, None, '义务教育', None, '中职', None, None]
    """
    if lex.title_rate.search(title):
        return None
    levels = {one_stage(part, lex) for part in lex.title_joiner.split(title)}
    return levels.pop() if len(levels) == 1 else None


def _education_evidence(report: Report, view: MatchingView, lex: Lexicon) -> str | None:
    """How far the report is about education: "wholly" for an education body's report, by
    its title (or, without one, its first title-like lines), or a text about education
    nearly throughout; "partly" for one partly about education (see education_share: a
    township's summary); None when it is not."""
    start = view.view_offset(report.start)
    if report.title:
        titled = lex.education_report.search(report.title) is not None
    else:
        lines = [line for line in view.text[start:start + TITLE_WINDOW].split("\n") if line.strip()]
        titled = any(lex.report_title.search(line) and lex.education_report.search(line)
                     for line in lines[:TITLE_LINES])
    body = view.text[start:view.view_offset(report.end)]
    if titled or (report.issuer and lex.education_report.search(report.issuer) and not (
            report.title and lex.non_education.search(report.title))):
        # (its issuer's line under a title naming no education: 南陵县教育局(2024年1月); not one
        # naming something else, 婴幼儿照护服务工作要点 by a health commission and a bureau)
        return "wholly"
    share = education_share(body, lex)
    if share >= lex.education_text_full_share:
        return "wholly"  # a yearbook's education chapter, a news page: as an education body's
    return "partly" if share >= lex.education_text_share else None


def education_share(body: str, lex: Lexicon) -> float:
    """The share of a text's sentences that name something of education.

    >>> from extractor.extract.lexicon import lexicon
    >>> education_share("全县新增学位3000个。地区生产总值增长6%。农业稳定。", lexicon())
    0.5
    """
    sentences = [s for s in lex.sentence_end.split(body) if len(s.strip()) >= lex.education_sentence_min
                 or lex.education.search(s)]
    if not sentences:
        return 0.0
    return sum(1 for s in sentences if lex.education.search(s)) / len(sentences)


def _claim_unit(unit: str, indicator: str) -> str:
    """The token's unit, or the catalog's person unit for persons counted in 个 (spoken:
    初中辍学的是五个 -> 5 人)."""
    if unit != "个":
        return unit
    return "人" if load_catalog()[indicator].unit == "人" else unit
