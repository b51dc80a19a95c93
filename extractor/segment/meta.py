"""Report metadata: kind, year, region, issuer and period from a title and a body.

Both come from the matching view (simplified, half-width). The title says what the
site or the author called the report; the body's opening (its first paragraph) says
which year it covers in its own words, and the body names the area it speaks for. Cue
words and shapes live in `extractor/data/segmentation.yaml`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

import regex

from extractor.segment.regions import body_region, choose, gazetteer, head_region
from extractor.text.patterns import Match, Pattern, alternation, compile_pattern
from extractor.vocab.lexicon import lexicon_data
from extractor.vocab.segmentation import segmentation_data

Kind = Literal["summary", "plan", "summary_plan"]

_CHINESE_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")


@dataclass(frozen=True)
class ReportMeta:
    """What a report says about itself (the metadata fields of models.records.Report)."""

    kind: Kind = "summary"
    kind_open: bool = True  # no title word or section fixed the kind: the content may
    year: int | None = None
    year_masked: bool = False
    year_alt: int | None = None
    region: str | None = None
    region_masked: bool = False
    region_name: str | None = None
    region_code: str | None = None
    region_level: str | None = None
    province: str | None = None
    province_code: str | None = None
    genre: str | None = None
    issuer: str | None = None
    period: str | None = None

    def fields(self) -> dict[str, Any]:
        """The Report fields (flat values: no deep copy, as asdict would make)."""
        fields = dict(vars(self))
        del fields["kind_open"]
        return fields


@dataclass(frozen=True)
class MetaCues:
    """The compiled metadata cues of segmentation.yaml."""

    summary_words: Pattern
    plan_words: Pattern
    speech_words: Pattern
    progress_words: Pattern  # an account of progress: a review beside a plan word
    done_event: Pattern  # a news title's event done (新校区建成投用), no future word before it
    programme_names: Pattern  # a programme's name holding a plan word (营养改善计划): no kind
    review_and_plan_words: Pattern
    plan_documents: Pattern  # a project's documents before it is built (可行性研究报告): plans
    plan_heading: Pattern
    run_in_heading: Pattern  # match: a numbered heading opening its paragraph's line, up to its 。
    weak_plan_heading: Pattern  # a plan's heading only after a review's (二、重点工作)
    plan_paragraph: Pattern
    plan_paragraph_openings: tuple[str, ...]  # a cheap test before the pattern
    summary_heading: Pattern
    year_heading: Pattern  # a section heading naming a year's work (group year)
    section_max: int
    year: Pattern
    title_covered_year: Pattern  # 2022年度 in a title
    period_reviewed: Pattern  # search: a five-year plan's period reviewed in a title (“十三五”回顾)
    title_span: Pattern  # search: a span of years in a title (1949—2005)
    title_bare_year: Pattern  # search in a title's first line: 2023 with no 年 (数读2023丨…)
    span_review: Pattern  # with a span in a title: figures of its years (中考情况统计表)
    period_last_years: dict[str, int]  # a five-year plan's last year
    bound_year: Pattern  # 2023年为: a year a figure is bound to
    series_opening_year: Pattern  # `match`: a year opening a sentence, binding its first figures
    masked_year: Pattern  # the masked alternative of `year` alone
    year_range: tuple[int, int]
    opening_chars: int
    opening_addressees: Pattern  # fullmatch: a line of addressees, no part of the opening
    signature_trailer: Pattern  # fullmatch: a contact or copy-to line after the signature
    signer: Pattern  # search: a congress, CPPCC or inspection group signing
    date_stamp: Pattern  # 2022-09-08 in a page's header (group year)
    paragraph_min: int
    periods: Pattern
    period_month: Pattern
    period_aliases: dict[str, str]
    self_reference: Pattern
    masked_area: Pattern
    township_title: Pattern  # match: a title opening on a township's name, its issuer's
    genres: dict[str, tuple[Pattern | None, Pattern | None]]  # genre -> (title words, opening words)
    genre_opening_chars: int
    document_year: Pattern
    opening_year: Pattern
    opening_year_chars: int
    review_year_heading: Pattern  # match: a numbered heading reviewing a year (一、2024年工作回顾)
    since_year_after: Pattern  # `match` right after a year's digits
    dated_year_after: Pattern  # `match` right after a year's digits: a date's (年5月16日)
    quoted_document: Pattern
    basis_document: Pattern  # a document a text acts on (根据《…》)
    since_year_before: tuple[str, ...]
    founding_year_before: tuple[str, ...]
    compared_year_before: tuple[str, ...]
    horizon_year_before: Pattern  # `search` up to a year: a goal's year (到2025年)
    masked_stem: Pattern
    issued_byline: Pattern  # fullmatch: an issuer and the date it issued on (南陵县教育局(2024年1月))
    bodies: dict[str, str]
    governments: dict[str, str]
    body: Pattern
    government: Pattern
    title_section: Pattern
    opening_section: Pattern



@lru_cache(maxsize=1)
def meta_cues() -> MetaCues:
    d = segmentation_data()
    heading = r"[ \t]*(?:" + d.heading + r")?[ \t]*[^\n。,;!?]{0,30}?"
    plan_section = alternation(d.plan_section_words)
    section = d.issuer_section
    bodies = {k: v for k, v in d.issuer_bodies.items() if v != "政府"}
    governments = {k: v for k, v in d.issuer_bodies.items() if v == "政府"} | {"政府": "政府"}
    return MetaCues(
        summary_words=compile_pattern(alternation(d.summary_words)),
        plan_words=compile_pattern(alternation(d.plan_words)),
        speech_words=compile_pattern(alternation(d.speech_words)),
        progress_words=compile_pattern(alternation(d.progress_words)),
        done_event=compile_pattern(rf"(?<!(?:{alternation(d.done_event_not_after)})[^\n,，;；]{{0,8}})"
                                   rf"(?:{alternation(d.done_event_words)})(?!后)"),
        # (and an office's name: 河北省教育厅发展规划处 plans nothing)
        programme_names=compile_pattern(alternation([*lexicon_data().programme_names,
                                                     *lexicon_data().office_names, d.funded_programme])),
        review_and_plan_words=compile_pattern(alternation(d.review_and_plan_words)),
        plan_documents=compile_pattern(alternation(d.plan_documents)),
        plan_heading=compile_pattern(rf"{heading}{plan_section}[。:]?[ \t]*"),
        run_in_heading=compile_pattern(rf"[ \t]*(?:{d.heading})[ \t]*[^\n。,;!?]{{1,30}}?。"),
        weak_plan_heading=compile_pattern(rf"{heading}{alternation(d.weak_plan_section_words)}[。:]?[ \t]*"),
        plan_paragraph=compile_pattern(rf"(?m)^[ \t]*(?:{alternation(d.plan_paragraph_openings)})[,，]?"
                                       rf"[^\n。]{{0,12}}?(?:{alternation(d.plan_paragraph_verbs)})"),
        plan_paragraph_openings=tuple(d.plan_paragraph_openings),
        summary_heading=compile_pattern(rf"{heading}{d.summary_section}[。:]?[ \t]*"),
        year_heading=compile_pattern(rf"{heading}{d.year_section}[。:]?[ \t]*"),
        section_max=d.section_heading_max,
        year=compile_pattern(rf"(?P<digits>{d.year_digits})|(?P<chinese>{d.year_chinese})"
                             rf"|(?P<masked>{d.year_masked})", scans_texts=True),
        masked_year=compile_pattern(d.year_masked, scans_texts=True),
        year_range=d.year_range,
        opening_chars=d.opening_chars,
        opening_addressees=compile_pattern(d.opening_addressees),
        signature_trailer=compile_pattern(d.signature_trailer),
        signer=compile_pattern(alternation(d.signature_bodies)),
        date_stamp=compile_pattern(d.date_stamp),
        paragraph_min=d.paragraph_min,
        periods=compile_pattern(alternation(d.periods)),
        period_month=compile_pattern(d.period_month),
        period_aliases=d.period_aliases,
        self_reference=compile_pattern(alternation(d.self_prefixes) + "(?P<level>"
                                       + alternation(d.level_suffixes) + ")", scans_texts=True),
        masked_area=compile_pattern(d.masked_area, scans_texts=True),
        township_title=compile_pattern(d.township_title),
        masked_stem=compile_pattern(d.masked_stem, scans_texts=True),
        genres={g.genre: (compile_pattern(alternation(g.title_words)) if g.title_words else None,
                          compile_pattern(alternation(g.opening_words)) if g.opening_words else None)
                for g in d.genres},
        genre_opening_chars=d.genre_opening_chars,
        title_covered_year=compile_pattern(d.title_covered_year),
        period_reviewed=compile_pattern(rf"(?P<period>{alternation(list(lexicon_data().plan_periods))})"
                                        rf"{d.period_reviewed_after}"),
        period_last_years=dict(lexicon_data().plan_periods),
        title_span=compile_pattern(d.title_span),
        title_bare_year=compile_pattern(d.title_bare_year),
        span_review=compile_pattern(alternation(d.span_review_words)),
        bound_year=compile_pattern(d.bound_year),
        series_opening_year=compile_pattern(d.series_opening_year),
        document_year=compile_pattern(d.document_year, scans_texts=True),
        opening_year=compile_pattern(d.opening_year, regex.MULTILINE),
        opening_year_chars=d.opening_year_chars,
        review_year_heading=compile_pattern(d.review_year_heading),
        issued_byline=compile_pattern(d.issued_byline),
        since_year_after=compile_pattern(d.since_year_after),
        dated_year_after=compile_pattern(d.dated_year_after),
        quoted_document=compile_pattern(d.quoted_document),
        basis_document=compile_pattern(f"(?<=(?:{alternation(d.basis_words)})[ \\t]*){d.quoted_document}"),
        since_year_before=tuple(d.since_year_before),
        founding_year_before=tuple(d.founding_year_before),
        compared_year_before=tuple(d.compared_year_before),
        horizon_year_before=compile_pattern(d.horizon_year_before),
        bodies=bodies,
        governments=governments,
        body=_issuer_pattern(bodies),
        government=_issuer_pattern(governments),
        title_section=compile_pattern(rf"(?<=局)(?P<section>{section})"),
        opening_section=compile_pattern(
            rf"^\s*(?P<section>{section})(?={alternation(d.issuer_section_openers)})"),
    )


def _issuer_pattern(names: dict[str, str]) -> Pattern:
    """A body's name with the level character written before it (区教育局, 市政府)."""
    return compile_pattern(r"(?P<level>[省市区县州旗])?(?P<body>" + alternation(list(names)) + ")")


def describe(title: str, body: str, byline: str = "", dated: str = "", stamped: str = "") -> ReportMeta:
    """The metadata of one report, from its title, its body (view text) and the byline
    between them (read with the title for the year, the region and the issuer: ——2024年
    1月8日在沭阳县…会议上); a date line between them ((2022年11月8日), (一九九八年十月))
    gives the year when neither title nor opening states one, before a year opening a
    sentence of the body (1997年全县国内生产总值…), as does a date stamp in the body's first line
    (a byline: 记者 李明 2023-07-12 09:36:15 来源:…); a page's date stamp above its headline
    (`stamped`) when nothing else does.

    >>> m = describe("成武县教育局二〇一一年工作计划要点", "一、指导思想\\n以科学发展观为指导,促进全县教育。")
    >>> (m.kind, m.year, m.region, m.issuer)
    ('plan', 2011, '成武县', '县教育局')
    >>> m = describe("关于2023年上半年教育工作的汇报", "今年以来,我局紧紧围绕中心工作。", "临泽县教育局")
    >>> (m.region, m.issuer)
    ('临泽县', '县教育局')
    """
    c = meta_cues()
    head = f"{title}\n{byline}" if byline else title
    if byline and (issued := c.issued_byline.fullmatch(byline)):
        # 南陵县教育局(2024年1月) under a title naming no year: the date, no year it covers
        # (the body's opening says it: 2023年,我县实施…), dated as a date line under the title is
        dated, head = dated or byline, f"{title}\n{issued['issuer']}"
    opening = opening_of(body, c)
    own_date = _dated_year(dated, c) if dated else None  # a speech dated under its title and subtitle
    newline = body.find("\n")
    first_line_end = len(body) if newline < 0 else newline
    if own_date is None and (stamp := c.date_stamp.search(body, 0, first_line_end) or (
            c.date_stamp.search(byline) if byline else None)):
        # a byline opening the body (来源:… 2021-03-09 字号:大 中 小) or under the title
        # (汝州市教育体育局 2023-08-04)
        own_date = int(stamp.group("year"))
    page_date = _dated_year(stamped, c) if stamped else None
    year, year_masked, year_alt = year_of(head, opening, body, c, own_date, since=page_date is None)
    if year is None and not year_masked and page_date is not None:
        year = page_date  # a page's date above its headline (before a year a period starts from)
    if year is None and not year_masked and (dated or byline) and c.masked_year.search(f"{byline}\n{dated}"):
        year_masked = True  # xx县人民政府 / 20xx年x月 under the title: its own year, masked
    kind, kind_open = kind_of(title, body, c, year)
    if kind == "plan" and year is not None and year_alt is not None and year_alt > year \
            and not c.title_covered_year.search(head):  # (2021—2025年) in a title states its year
        year, year_alt = year_alt, year  # a plan's body opens on the year before the one it plans
    return ReportMeta(
        kind=kind,
        kind_open=kind_open,
        year=year,
        year_masked=year_masked,
        year_alt=year_alt,
        **region_of(head, opening, body, level_of(body, c), c),
        genre=genre_of(title, opening, c),
        issuer=issuer_of(head, opening, c),
        period=period_of(title, opening, c),
    )


_LINE = regex.compile(r"[^\n]+")


def _dated_year(dated: str, c: MetaCues) -> int | None:
    """The year of a date line (2022年11月8日) or a date stamp (来源:… | 2022-09-08 | 阅读:982).

    >>> _dated_year("来源:毕节市七星关区教育局 | 2022-09-08 | 阅读:982", meta_cues())
    2022
    """
    found = _first_year(dated, c)
    if found is not None and found[0] is not None:
        return found[0]
    stamp = c.date_stamp.search(dated)
    return int(stamp.group("year")) if stamp is not None else None


def opening_of(body: str, c: MetaCues) -> str:
    """The body up to the end of its first paragraph (at most `opening_chars` into it), without
    the addressees a notice opens with (各县(市、区)教育局、财政局: names no issuer of its own).

    >>> opening_of("各县(市、区)教育局、财政局:\\n现下达2023年学生资助补助资金12580万元。\\n", meta_cues())
    '现下达2023年学生资助补助资金12580万元。'
    """
    start = 0
    for m in _LINE.finditer(body):
        line = m.group().strip()
        if c.opening_addressees.fullmatch(line) and not body[start:m.start()].strip():
            start = m.end()  # the addressees, or a salutation (各位代表:)
        elif len(line) >= c.paragraph_min // 2:
            return body[start: min(m.end(), m.start() + c.opening_chars)].lstrip()
    return body[start: start + c.opening_chars].lstrip()


# ---------------------------------------------------------------- kind

def kind_of(title: str, body: str, c: MetaCues, year: int | None = None) -> tuple[Kind, bool]:
    """summary / plan / summary_plan from the title's words, then the body's section
    headings (one naming the work of a year after the report's `year` is a plan's); and
    whether the kind stays open to the content (a speech, or no cue at all).

    >>> kind_of("区教育局上半年工作总结及2018年工作计划", "", meta_cues())
    ('summary_plan', False)
    >>> kind_of("教育局工作总结", "一、上半年主要工作\\n二、下半年工作思路\\n", meta_cues())
    ('summary_plan', False)
    >>> kind_of("副县长在全县教育工作会议上的讲话", "", meta_cues())
    ('summary_plan', True)
    >>> kind_of("同安新增学位7860个", "", meta_cues())
    ('summary', True)
    >>> kind_of("关于西吉县第二高级中学新建项目可行性研究报告的批复", "", meta_cues())
    ('plan', False)
    >>> kind_of("关于城东九年一贯制学校建设项目初步设计及概算的批复", "", meta_cues())
    ('plan', False)
    >>> kind_of("2024年政府工作报告", "一、2024年工作回顾\\n二、2025年主要工作\\n", meta_cues(), 2024)
    ('summary_plan', False)
    >>> kind_of("2026年政府工作报告", "一、2025年工作回顾\\n二、2026年重点任务\\n", meta_cues(), 2026)
    ('summary_plan', False)
    >>> kind_of("白杨市2022年教育工作总结", "二、重点工作\\n(一)项目建设。", meta_cues(), 2022)
    ('summary', False)
    >>> kind_of("白杨市2022年教育工作总结", "一、工作回顾\\n二、重点工作\\n", meta_cues(), 2022)
    ('summary_plan', False)
    >>> kind_of("镇教育办2019年度工作总结", "一、主要成绩\\n四、下一步工作\\n", meta_cues(), 2019)
    ('summary_plan', False)
    >>> kind_of("石桥镇中心校2024年春季学期工作总结", "五、下半年工作打算。下半年将投资150万元改造食堂。\\n",
    ...         meta_cues(), 2024)
    ('summary_plan', False)
    >>> kind_of("市一中新校区建成投用 3000名学子喜迁新居", "", meta_cues())
    ('summary', False)
    >>> kind_of("城南小学将于9月建成投用", "", meta_cues())
    ('summary', True)
    """
    title = c.programme_names.sub("", title)  # …营养改善计划资金专项审计调查结果的公告: no plan
    if c.plan_documents.search(title) is not None:
        return "plan", False  # …新建项目可行性研究报告的批复: 报告 here reviews nothing
    if c.speech_words.search(title) is not None:
        return "summary_plan", True  # 在全县2020年高考总结表彰大会上的讲话: the meeting's 总结 is no kind
    summary = c.summary_words.search(title) is not None
    plan = c.plan_words.search(title) is not None
    if plan and (summary or c.progress_words.search(title) is not None):
        return "summary_plan", False
    # (the short lines, and the headings opening a paragraph's line: 五、下半年工作打算。下半年将…)
    short_lines: list[str] = []
    for line in body.split("\n"):
        short_lines += [line] if len(line) <= c.section_max else []
        short_lines += [run_in.group()[:-1]] if (run_in := c.run_in_heading.match(line)) else []
    plan_section = has_section(short_lines, c.plan_heading) or _plan_after_review(short_lines, c) or (
        any(word in body for word in c.plan_paragraph_openings) and c.plan_paragraph.search(body) is not None)
    plan_section = plan_section or (year is not None and any(
        (m := c.year_heading.fullmatch(line)) and int(m["year"]) > year for line in short_lines))
    summary_section = has_section(short_lines, c.summary_heading)
    if plan:
        return ("summary_plan" if summary_section else "plan"), False
    if summary:
        return ("summary_plan" if plan_section else "summary"), False
    if c.speech_words.search(title) is not None:
        return "summary_plan", True
    if c.review_and_plan_words.search(title) is not None:
        return "summary_plan", False
    if c.done_event.search(title) is not None:  # …新校区建成投用: news of a thing done
        return ("summary_plan" if plan_section else "summary"), False
    if plan_section:  # a plan section closing a bulletin of what was done: its figures decide
        return "summary_plan", not summary_section
    return "summary", not summary_section


def _plan_after_review(lines: list[str], c: MetaCues) -> bool:
    """Whether a plan's heading follows a review's heading (the body's short lines): a weak
    one (一、工作回顾 … 二、重点工作), or one naming a year's work after a review naming an
    earlier year (一、2023年工作回顾 … 二、2024年主要工作: the plan of the year after).

    >>> _plan_after_review(["一、2023年工作回顾", "二、2024年主要工作"], meta_cues())
    True
    >>> _plan_after_review(["二、重点工作", "(一)项目建设"], meta_cues())
    False
    """
    reviewed, reviewed_year = False, None
    for line in lines:
        if reviewed_year is not None and (m := c.year_heading.fullmatch(line)) and (
                int(m["year"]) > reviewed_year):
            return True
        if c.summary_heading.fullmatch(line):
            reviewed = True
            if (found := c.year.search(line)) and found.group("digits"):
                reviewed_year = int(found.group("digits"))
        elif reviewed and c.weak_plan_heading.fullmatch(line):
            return True
    return False


def has_section(lines: list[str], heading: Pattern) -> bool:
    """One of the lines (the body's short ones) shaped like `heading` (which names a
    section word)."""
    return any(heading.fullmatch(line) for line in lines)


# ---------------------------------------------------------------- year

def _year_value(m: Match, c: MetaCues) -> int | None:
    """The year of a year match (None when masked or out of range)."""
    if m.group("masked"):
        return None
    digits = m.group("digits") or m.group("chinese").translate(_CHINESE_DIGITS)
    year = int(digits)
    return year if c.year_range[0] <= year <= c.year_range[1] else None


def _year_covered(title: str, c: MetaCues) -> int | None:
    """The year a title says it covers (2022年度, 2024学年), before a plan's span in brackets
    that names the plan it reports on (…儿童发展规划(2021-2030年)2022年度统计监测报告).

    >>> _year_covered("安庆市儿童发展规划(2021-2030年)2022年度统计监测报告", meta_cues())
    2022
    >>> _year_covered("三年行动计划(2023—2025年)", meta_cues()) is None
    True
    """
    covered = (m.group() for m in c.title_covered_year.finditer(title) if m.group()[0].isdigit())
    first = next(covered, None)
    return int(first[:4]) if first is not None else None


def _span_reviewed(title: str, c: MetaCues) -> int | None:
    """The last year of a span of years a title of a review or a chronicle names (《清河县志
    (1949—2005)》第二十一编 教育, 2016—2020年教育工作总结), or None; not a plan's span.

    >>> _span_reviewed("《清河县志(1949—2005)》第二十一编 教育", meta_cues())
    2005
    >>> _span_reviewed("三年行动计划(2023—2025年)", meta_cues()) is None
    True
    >>> _span_reviewed("西平县2021—2023年中考情况统计表", meta_cues())
    2023
    """
    span = c.title_span.search(title)
    if span is None or c.plan_words.search(title) or not (
            c.summary_words.search(title) or c.span_review.search(title, span.end())):
        return None
    return int(span.group("last"))


def _period_reviewed(title: str, c: MetaCues) -> int | None:
    """The last year of a five-year plan's period a title reviews, or None.

    >>> _period_reviewed("泸溪县“十三五”教育发展回顾", meta_cues())
    2020
    >>> _period_reviewed("关于“十四五”以来教育工作情况的报告", meta_cues()) is None
    True
    """
    reviewed = c.period_reviewed.search(title)
    return c.period_last_years[reviewed.group("period")] if reviewed is not None else None


def _first_year(text: str, c: MetaCues, since: bool = True,
                horizon: bool = False) -> tuple[int | None, bool] | None:
    """(year, masked) of the first year token in `text`, or None when it has none; a year
    inside another document's title (《…实施方案(2021—2025年)》) only when no other is, and
    so a year a period starts from (自2012年…以来) or a founding year, unless not `since`;
    with `horizon` (a body's opening), never a goal's year (到2025年).

    >>> _first_year("自2012年实施营养改善计划以来,现将2023年度实施情况汇报如下", meta_cues())
    (2023, False)
    >>> _first_year("到2025年,学前三年毛入园率达到95%以上", meta_cues(), horizon=True) is None
    True
    """
    fallback = None
    for m in c.year.finditer(text):
        year = _year_value(m, c)
        if (year is None and not m.group("masked")) or _never_covered(text, m, c, horizon):
            continue
        from_since = _since_year(text, m.start(), m.end(), c)
        if not in_document_name(text, m.start()) and not from_since:
            return year, year is None
        if since or not from_since:
            fallback = fallback or (year, year is None)
    return fallback


def _never_covered(text: str, m: Match, c: MetaCues, horizon: bool) -> bool:
    """Whether a year token is never the year a report covers: a founding or compared year
    (学校始建于1952年, 较2020年提高), or with `horizon` a goal's (到2025年,…达到95%)."""
    return text.endswith((*c.founding_year_before, *c.compared_year_before), 0, m.start()) or (
        horizon and c.horizon_year_before.search(text, max(0, m.start() - 4), m.start()) is not None)


def in_document_name(text: str, at: int) -> bool:
    """Whether text[at] stands inside the name of a document (《…实施方案(2021—2025年)》).

    >>> in_document_name("贯彻《义务教育法》,全县…", 4), in_document_name("贯彻《义务教育法》,全县…", 11)
    (True, False)
    """
    return text.count("《", 0, at) > text.count("》", 0, at)


def _since_year(text: str, start: int, end: int, c: MetaCues) -> bool:
    """Whether the year whose digits are text[start:end] is the one a period starts from
    (2020年以来, 自2012年, 从2019年9月起)."""
    return (text.endswith(c.since_year_before, 0, start)
            or c.since_year_after.match(text, end) is not None)


def year_of(title: str, opening: str, body: str, c: MetaCues,
            dated: int | None = None, since: bool = True) -> tuple[int | None, bool, int | None]:
    """(year, year_masked, year_alt): the body's own statement first when a year opens it as
    its time (2018年,我县…), else the title's, the other recorded as the alternative when
    they differ; a masked body year leaves the year null. With
    neither, the year of a date line under the title (`dated`), else one the body implies
    (a year a period starts from, 2020年以来, only with `since`: no page's date above).

    >>> year_of("2016年11月教育局宣传工作总结", "XX年,我区教育工作…", "", meta_cues())
    (None, True, 2016)
    >>> year_of("篇二:成武县教育局二〇一一年工作计划要点", "以科学发展观为指导", "", meta_cues())
    (2011, False, None)
    >>> year_of("关于2022年度教育资金审计情况的报告", "根据县委2023年度审计项目计划", "", meta_cues())
    (2022, False, 2023)
    """
    titled = _first_year(title, c)
    # (a past five-year plan's period reviewed by a title naming no year, before a byline's date)
    reviewed = _period_reviewed(title, c) if _first_year(title.partition("\n")[0], c) is None else None
    spanned = _span_reviewed(title, c)  # 《清河县志(1949—2005)》: a chronicle covers its span to its end
    title_year = _year_covered(title, c) or reviewed or spanned or (titled[0] if titled else None)
    if title_year is None and titled is None and (bare := c.title_bare_year.search(title.partition("\n")[0])):
        title_year = int(bare.group())  # 数读2023丨青川教育这一年: a headline's year written bare
    # 我校创办于1958年 under a 2024 title; 到2025年,… opening an untitled body
    # (a year a period starts from, 2020年以来, only when neither the title nor a date line gives one)
    stated = _first_year(opening, c, since=since and title_year is None and dated is None,
                         horizon=title_year is None)
    if stated is None:
        masked = bool(titled and titled[1]) or c.masked_year.search(body) is not None
        if masked:
            return None, True, title_year
        return title_year or dated or _implied_year(title, opening, body, c, since), False, None
    year, masked = stated
    if masked:
        return None, True, title_year
    if not title and year is not None:  # 毛入园率2021年为86%,…,2023年为90.6% opening an untitled text
        year = _last_of_a_series(opening, year, c)
    own = _first_year(title, c, since=False)  # (not 2012年以来…实施情况: a period's start)
    adverbial = c.opening_year.match(opening.lstrip())  # 2018年,我县教育工作…: the body's own year
    if adverbial is not None and title_year is not None and year is not None and title_year > year \
            and c.review_year_heading.match(opening.lstrip()):
        adverbial = None  # 2025年…政府工作报告 opening on 一、2024年工作回顾: the year before reviewed
    if title_year is not None and title_year != year and (c.title_covered_year.search(title) or spanned or (
            own is not None and own[0] == title_year and adverbial is None)):
        # 关于2022年度…审计情况的报告 opening on the audit of 2023; …2023年学前教育工作总结 opening on
        # 比2022年增加300个 or on a series from 2021: the title says the year it covers
        return title_year, False, year
    return year, False, title_year if title_year not in (None, year) else None


def _later_year(text: str, since: int, c: MetaCues) -> int | None:
    """The first year in `text` after `since`, a year a period starts from, that figures are
    bound to (2021年以来,争取资金6500万元…,2022年下达补助资金2186万元 -> 2022): not a goal's
    (到2025年), a compared one's, another period's start or a date's (2023年5月16日, a letter's).

    >>> _later_year("由4元提高到5元,2022年下达资金2186万元。到2025年,巩固率达到98%。2023年5月16日", 2021,
    ...             meta_cues())
    2022
    """
    for m in c.year.finditer(text):
        year = _year_value(m, c)
        if year is None or year <= since or c.dated_year_after.match(text, m.end()) or _never_covered(
                text, m, c, horizon=True) or _since_year(text, m.start(), m.end(), c) or in_document_name(
                text, m.start()):
            continue
        return year
    return None


def _last_of_a_series(opening: str, year: int, c: MetaCues) -> int:
    """The last year of the series of years figures are bound to in the opening's first
    sentence when `year` is one of them, the year opening it too (2021年为86%,2022年为88%,2023年为
    90.6% -> 2023; 2022年全镇一本上线11人,2023年为15人 -> 2023), else `year`.

    >>> _last_of_a_series("全县毛入园率在2022年为88%,2023年为90.6%。2020年以来…", 2022, meta_cues())
    2023
    >>> _last_of_a_series("2022年全镇一本上线11人,2023年为15人。", 2022, meta_cues())
    2023
    """
    end = opening.find("。")
    first_sentence = opening if end < 0 else opening[:end]
    bound = [int(m.group("year")) for m in c.bound_year.finditer(first_sentence)]
    if (opened := c.series_opening_year.match(first_sentence)) and int(opened.group("year")) == year:
        bound.append(year)  # (the year the sentence opens on binds its first figures)
    return max(bound) if len(bound) > 1 and year in bound else year


def _implied_year(title: str, opening: str, body: str, c: MetaCues, since_ok: bool = True) -> int | None:
    """A year neither title nor opening states: a document number's (杭政函〔2005〕39号) or
    a dated header's, else a year opening a sentence of the body's first lines (据了解,
    2013年,龙岗…).

    >>> _implied_year("若干意见(试行)", "(杭政函〔2005〕39号)各区、县(市)人民政府:", "", meta_cues())
    2005
    >>> _implied_year("投入4亿 7校新开张", "导语:9月1日开学第一天", "据了解,2013年,龙岗继续推出", meta_cues())
    2013
    """
    head = f"{title}\n{opening}\n{body[:c.opening_year_chars]}"
    since = None  # a year a period starts from (2020年以来), when no other opens a sentence
    for pattern in (c.document_year, c.opening_year):
        for m in pattern.finditer(head):
            found = int(next(g for g in m.groups() if g))
            if not c.year_range[0] <= found <= c.year_range[1]:
                continue
            if pattern is c.opening_year and _since_year(head, m.start("year"), m.end("year"), c):
                since = since or found
                continue
            return found
    if since is None or not since_ok:
        return None
    return _later_year(head, since, c) or since  # 2021年以来,… then 2022年下达…: the year figures are of


# ---------------------------------------------------------------- period

def period_of(title: str, opening: str, c: MetaCues) -> str | None:
    """上半年 / 全年 / a month, from the title, else from the start of the opening."""
    m = c.periods.search(title) or c.period_month.search(title) or c.periods.search(opening[:30])
    if m is None:
        return None
    return c.period_aliases.get(m.group(), m.group())


# ---------------------------------------------------------------- genre

def genre_of(title: str, opening: str, c: MetaCues) -> str | None:
    """What kind of text a report is, finer than its kind: the first genre whose title
    words the title holds, else whose opening words open the body (本报讯, 记者), else None.

    >>> genre_of("某县长在全县教育高质量发展大会上的讲话", "同志们:", meta_cues())
    'speech'
    >>> genre_of("", "海西晨报讯(记者 陈雅玲)昨日", meta_cues())
    'news'
    """
    for genre, (titled, _) in c.genres.items():
        if titled is not None and titled.search(title):
            return genre
    head = opening[:c.genre_opening_chars]
    for genre, (_, opened) in c.genres.items():
        if opened is not None and opened.search(head):
            return genre
    return None


# ---------------------------------------------------------------- region

def level_of(body: str, c: MetaCues) -> str | None:
    """The level a body speaks of itself at (全区, 我县, 本市 -> 区, 县, 市).

    >>> level_of("全区教育系统……我区……全市", meta_cues())
    '区'
    """
    counts = Counter(c.self_reference.findall(body))  # the pattern's one group: the level
    return counts.most_common(1)[0][0] if counts else None


def region_of(title: str, opening: str, body: str, level: str | None, c: MetaCues) -> dict[str, Any]:
    """The report's region fields: a masked area in the title, else the gazetteer's region
    of the title, else a masked area opening the body (***县人民政府:), else the gazetteer's
    region of title and opening (extractor/segment/regions.py), else a masked area at the
    report's level in the body (a text masking its own names: 赴江苏无锡挂职 names another
    place), else the region of the whole body. A name passing in the body is no region.

    >>> region_of("2017年光山县高考再创辉煌", "激情六月", "", None, meta_cues())["region_code"]
    '411522'
    >>> region_of("某市辖区教育和体育局关于2024年工作年度总结", "", "", "区", meta_cues())["region_masked"]
    True
    >>> region_of("X县实验学校2024年工作要点", "", "", None, meta_cues())["region_masked"]
    True
    >>> region_of("○○县教育局二〇二四年工作计划", "", "", None, meta_cues())["region_masked"]
    True
    >>> region_of("白石镇人民政府2024年工作总结", "", "", "镇", meta_cues())["region"]
    '白石镇'
    >>> region_of("高中阶段教育发展统计公报", "全省高中段教育", "", "省", meta_cues()).get("region") is None
    True
    >>> region_of("关于检查《浙江省义务教育条例》实施情况的报告", "", "", None, meta_cues())
    {'region_masked': False}
    """
    title = _without_quoted_documents(title, c)
    if c.masked_area.search(title):
        return {"region_masked": True}
    title_names = gazetteer().find(title)
    if choose(title_names, national=True) is None and _masked_in_body(opening, level, c):
        return {"region_masked": True}
    if not title_names and (township := c.township_title.match(title)) is not None:
        name = township.group("name")  # 白石镇人民政府2024年工作总结: a township's, no gazetteer's
        return {"region": name, "region_name": name, "region_level": "township"}
    # the places named in the documents a text acts on (根据《衡水市财政局关于…的通知》) are
    # higher bodies', not its own (出台了《兴山县…暂行规定》 names the report's county); a mask
    # there masks the text's own names too (根据《2022年xx市人民政府…工作方案》要求)
    acting_on = c.basis_document.sub
    choice = head_region(title, acting_on(_blanked, opening), level, title_names)
    if choice is None and (signed := _signature(body, c)):
        choice = head_region(signed, "", level)  # 湘阴县教育局 / 2020年12月20日 closing the body
    if choice is None:
        if _masked_in_body(body, level, c):  # a text masking its own names: the names left are others'
            return {"region_masked": True}
        choice = body_region(acting_on(_blanked, body), level)
    if choice is None:
        return {"region_masked": False}
    division = choice.division
    return {"region": choice.written, "region_name": choice.name,
            "region_code": division.code if division else None,
            "region_level": division.level if division else None,
            "province": division.province if division else None,
            "province_code": division.province_code if division else None}


SIGNATURE_LINES = 3  # the last lines of a body read for its signature
SIGNATURE_MAX = 30  # a signature line's longest


def _signature(body: str, c: MetaCues) -> str:
    """The body's closing signature: of its last lines, the short unpunctuated ones naming an
    education body, a government, a congress or an inspection group (湘阴县教育局 over
    2020年12月20日).

    >>> _signature("全年新增学位1200个。\\n湘阴县教育局\\n2020年12月20日\\n", meta_cues())
    '湘阴县教育局'
    >>> _signature("全年新增学位1200个。\\n镇雄县教育体育局\\n2022年7月29日\\n"
    ...            "(联系人:陈xx,联系电话:0870-1234567)\\n抄送:县人大常委会选工委", meta_cues())
    '镇雄县教育体育局'
    >>> _signature("全县义务教育巩固率达到96.5%。\\n凤阳县人大常委会执法检查组\\n2022年11月2日", meta_cues())
    '凤阳县人大常委会执法检查组'
    """
    lines = [line.strip() for line in body.strip().split("\n")]
    while lines and c.signature_trailer.fullmatch(lines[-1]):
        lines.pop()  # (联系人:…) 抄送:… after the signature and its date
    lines = lines[-SIGNATURE_LINES:]
    return "\n".join(line for line in lines if len(line) <= SIGNATURE_MAX and not _PUNCTUATED.search(line)
                     and (c.body.search(line) or c.government.search(line) or c.signer.search(line)))


_PUNCTUATED = regex.compile("[。,;:!?，；：！？]")


def _without_quoted_documents(title: str, c: MetaCues) -> str:
    """The title with the documents it names (《…条例》) blanked, unless it is one whole."""
    if title.startswith("《") and title.endswith("》"):
        return title
    return c.quoted_document.sub(_blanked, title)


def _blanked(m: Match) -> str:
    """A match's text as blanks of its length (offsets stay)."""
    return " " * len(m.group())


def _level_char(suffix: str) -> str:
    return suffix[-1]


def _masked_in_body(body: str, level: str | None, c: MetaCues) -> bool:
    """A masked area at the report's level (xx区 in 全区…), or a masked place's education
    (xx教育)."""
    if c.masked_stem.search(body):
        return True
    return any(level is None or _level_char(m.group("suffix")) == level for m in c.masked_area.finditer(body))


# ---------------------------------------------------------------- issuer

def issuer_of(title: str, opening: str, c: MetaCues) -> str | None:
    """The issuing body: a section (人事科, 基教科), else the education body the opening or
    the title names (区教育局, 教体局), else the government a title names (市政府).

    >>> issuer_of("2016年11月教育局人事科工作总结", "xx年,紧紧围绕…", meta_cues())
    '人事科'
    >>> issuer_of("2014年教育局工作计划", "2014年市教育局工作思路是", meta_cues())
    '市教育局'
    """
    for m in (c.title_section.search(title), c.opening_section.search(opening)):
        if m is not None:
            return m.group("section")
    for pattern, names, text in ((c.body, c.bodies, opening), (c.body, c.bodies, title),
                                 (c.government, c.governments, title)):
        m = pattern.search(text)
        if m is not None:
            return (m.group("level") or "") + names[m.group("body")]
    return None
