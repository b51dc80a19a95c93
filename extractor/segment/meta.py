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

from extractor.text.patterns import Match, Pattern, alternation, compile_pattern
from extractor.vocab.segmentation import segmentation_data

Kind = Literal["summary", "plan", "summary_plan"]

_CHINESE_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")


@dataclass(frozen=True)
class ReportMeta:
    """What a report says about itself (the metadata fields of models.records.Report)."""

    kind: Kind = "summary"
    year: int | None = None
    year_masked: bool = False
    year_alt: int | None = None
    region: str | None = None
    region_masked: bool = False
    issuer: str | None = None
    period: str | None = None

    def fields(self) -> dict[str, Any]:
        return dict(vars(self))  # flat values: no deep copy (asdict) needed


@dataclass(frozen=True)
class MetaCues:
    """The compiled metadata cues of segmentation.yaml."""

    summary_words: Pattern
    plan_words: Pattern
    plan_heading: Pattern
    summary_heading: Pattern
    section_max: int
    year: Pattern
    masked_year: Pattern  # the masked alternative of `year` alone
    year_range: tuple[int, int]
    opening_chars: int
    paragraph_min: int
    periods: Pattern
    period_month: Pattern
    period_aliases: dict[str, str]
    self_reference: Pattern
    region: Pattern
    title_region: Pattern
    generic_area: Pattern
    not_in_name: Pattern
    name_use: Pattern  # words after a place name used as one (教育, 区)
    name_openers: frozenset[str]
    name_share: float
    stem: Pattern
    stem_min: int
    generic_stems: frozenset[str]
    masked_area: Pattern
    masked_stem: Pattern
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
    suffixes = alternation(d.region_suffixes)
    not_after = alternation(d.not_after_suffix)
    name = r"(?P<name>\p{Han}{2,4}?)"  # in a lookbehind: the scan looks for suffixes only
    section = d.issuer_section
    bodies = {k: v for k, v in d.issuer_bodies.items() if v != "政府"}
    governments = {k: v for k, v in d.issuer_bodies.items() if v == "政府"} | {"政府": "政府"}
    return MetaCues(
        summary_words=compile_pattern(alternation(d.summary_words)),
        plan_words=compile_pattern(alternation(d.plan_words)),
        plan_heading=compile_pattern(rf"{heading}{plan_section}[。:]?[ \t]*"),
        summary_heading=compile_pattern(rf"{heading}{d.summary_section}[。:]?[ \t]*"),
        section_max=d.section_heading_max,
        year=compile_pattern(rf"(?P<digits>{d.year_digits})|(?P<chinese>{d.year_chinese})"
                             rf"|(?P<masked>{d.year_masked})", scans_texts=True),
        masked_year=compile_pattern(d.year_masked, scans_texts=True),
        year_range=d.year_range,
        opening_chars=d.opening_chars,
        paragraph_min=d.paragraph_min,
        periods=compile_pattern(alternation(d.periods)),
        period_month=compile_pattern(d.period_month),
        period_aliases=d.period_aliases,
        self_reference=compile_pattern(alternation(d.self_prefixes) + "(?P<level>"
                                       + alternation(d.level_suffixes) + ")", scans_texts=True),
        region=compile_pattern(rf"(?<=(?:^|{d.region_left}){name})(?P<suffix>{suffixes})(?!{not_after})",
                             regex.MULTILINE),
        title_region=compile_pattern(rf"(?<=(?:^|年|{d.region_left}){name})(?P<suffix>{suffixes})(?!{not_after})"),
        generic_area=compile_pattern(alternation(d.generic_areas) + "$"),
        not_in_name=compile_pattern(d.not_in_name),
        name_use=compile_pattern(alternation([regex.escape(w) for w in d.name_followers])),
        name_openers=frozenset(d.name_openers),
        name_share=d.name_share,
        stem=compile_pattern(r"(?P<stem>\p{Han}{2})(?:教育|教化)", scans_texts=True),
        stem_min=d.stem_min,
        generic_stems=frozenset(d.generic_stems),
        masked_area=compile_pattern(d.masked_area, scans_texts=True),
        masked_stem=compile_pattern(d.masked_stem, scans_texts=True),
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


def describe(title: str, body: str) -> ReportMeta:
    """The metadata of one report, from its title and its body (view text).

    >>> m = describe("成武县教育局二〇一一年工作计划要点", "一、指导思想\\n以科学发展观为指导,促进全县教育。")
    >>> (m.kind, m.year, m.region, m.issuer)
    ('plan', 2011, '成武县', '县教育局')
    """
    c = meta_cues()
    opening = opening_of(body, c)
    year, year_masked, year_alt = year_of(title, opening, body, c)
    region, region_masked = region_of(title, body, level_of(body, c), c)
    return ReportMeta(
        kind=kind_of(title, body, c),
        year=year,
        year_masked=year_masked,
        year_alt=year_alt,
        region=region,
        region_masked=region_masked,
        issuer=issuer_of(title, opening, c),
        period=period_of(title, opening, c),
    )


_LINE = regex.compile(r"[^\n]+")


def opening_of(body: str, c: MetaCues) -> str:
    """The body up to the end of its first paragraph (at most `opening_chars` into it)."""
    for m in _LINE.finditer(body):
        if len(m.group().strip()) >= c.paragraph_min // 2:
            return body[: min(m.end(), m.start() + c.opening_chars)]
    return body[: c.opening_chars]


# ---------------------------------------------------------------- kind

def kind_of(title: str, body: str, c: MetaCues) -> Kind:
    """summary / plan / summary_plan from the title's words, then the body's section headings.

    >>> kind_of("区教育局上半年工作总结及2018年工作计划", "", meta_cues())
    'summary_plan'
    >>> kind_of("教育局工作总结", "一、上半年主要工作\\n二、下半年工作思路\\n", meta_cues())
    'summary_plan'
    """
    summary = c.summary_words.search(title) is not None
    plan = c.plan_words.search(title) is not None
    if summary and plan:
        return "summary_plan"
    short_lines = [line for line in body.split("\n") if len(line) <= c.section_max]
    plan_section = has_section(short_lines, c.plan_heading)
    summary_section = has_section(short_lines, c.summary_heading)
    if plan:
        return "summary_plan" if summary_section else "plan"
    if summary:
        return "summary_plan" if plan_section else "summary"
    if plan_section:
        return "summary_plan" if summary_section else "plan"
    return "summary"


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


def _first_year(text: str, c: MetaCues) -> tuple[int | None, bool] | None:
    """(year, masked) of the first year token in `text`, or None when it has none."""
    for m in c.year.finditer(text):
        year = _year_value(m, c)
        if year is not None or m.group("masked"):
            return year, year is None
    return None


def year_of(title: str, opening: str, body: str, c: MetaCues) -> tuple[int | None, bool, int | None]:
    """(year, year_masked, year_alt): the body's own statement first, the title's recorded
    as the alternative when they differ; a masked body year leaves the year null.

    >>> year_of("2016年11月教育局宣传工作总结", "XX年,我区教育工作…", "", meta_cues())
    (None, True, 2016)
    >>> year_of("篇二:成武县教育局二〇一一年工作计划要点", "以科学发展观为指导", "", meta_cues())
    (2011, False, None)
    """
    titled = _first_year(title, c)
    title_year = titled[0] if titled else None
    stated = _first_year(opening, c)
    if stated is None:
        masked = bool(titled and titled[1]) or c.masked_year.search(body) is not None
        return (None, True, title_year) if masked else (title_year, False, None)
    year, masked = stated
    if masked:
        return None, True, title_year
    return year, False, title_year if title_year not in (None, year) else None


# ---------------------------------------------------------------- period

def period_of(title: str, opening: str, c: MetaCues) -> str | None:
    """上半年 / 全年 / a month, from the title, else from the start of the opening."""
    m = c.periods.search(title) or c.period_month.search(title) or c.periods.search(opening[:30])
    if m is None:
        return None
    return c.period_aliases.get(m.group(), m.group())


# ---------------------------------------------------------------- region

def level_of(body: str, c: MetaCues) -> str | None:
    """The level a body speaks of itself at (全区, 我县, 本市 -> 区, 县, 市).

    >>> level_of("全区教育系统……我区……全市", meta_cues())
    '区'
    """
    counts = Counter(c.self_reference.findall(body))  # the pattern's one group: the level
    return counts.most_common(1)[0][0] if counts else None


def _level_char(suffix: str) -> str:
    return suffix[-1]


def _is_name(name: str, suffix: str, c: MetaCues) -> bool:
    return not c.not_in_name.search(name) and not c.generic_area.search(name + suffix)


def region_of(title: str, body: str, level: str | None, c: MetaCues) -> tuple[str | None, bool]:
    """(region, region_masked): the title's area, else the body's best named area at the
    report's level, else a masked one (xx区, 某市辖区, xx教育), else a bare place stem.

    >>> region_of("", "举行了娄星区亲子读经典展演。促进娄星整体教育,实现娄星教育发展", "区", meta_cues())
    ('娄星区', False)
    >>> region_of("某市辖区教育和体育局关于2024年工作年度总结", "", "区", meta_cues())
    (None, True)
    """
    if c.masked_area.search(title):
        return None, True
    for m in c.title_region.finditer(title):
        if _is_name(m.group("name"), m.group("suffix"), c):
            return m.group("name") + m.group("suffix"), False
    named = _body_region(body, level, c)
    if named:
        return named, False
    if _masked_in_body(body, level, c):
        return None, True
    stem = _place_stem(body, c)
    return (stem + (level or ""), False) if stem else (None, False)


def _body_region(body: str, level: str | None, c: MetaCues) -> str | None:
    """The most used area name of the body, at the report's level."""
    found: Counter[str] = Counter()
    names: dict[str, str] = {}
    strong: set[str] = set()
    for m in c.region.finditer(body):
        name, suffix = m.group("name"), m.group("suffix")
        if (level and _level_char(suffix) != level) or not _is_name(name, suffix, c):
            continue
        found[name + suffix] += 1
        names[name + suffix] = name
        if body[m.start("name") - 1:m.start("name")] in c.name_openers:
            strong.add(name + suffix)
    ranked = sorted(found, key=lambda n: (n in strong, found[n]), reverse=True)
    for full in ranked:
        if full in strong or _used_as_name(body, names[full], full[len(names[full]):], c):
            return full
    return None


def _used_as_name(body: str, stem: str, suffix: str, c: MetaCues) -> bool:
    """Most uses of the name's stem are as a name (娄星区, 娄星教育), not as a word."""
    total = body.count(stem)
    return total >= 2 and _uses_as_name(body, stem, c, suffix) / total >= c.name_share


def _uses_as_name(body: str, stem: str, c: MetaCues, suffix: str = "") -> int:
    """How often `stem` is followed by `suffix` or by a name follower (区, 教育...)."""
    uses, at = 0, body.find(stem)
    while at >= 0:
        after = at + len(stem)
        if (suffix and body.startswith(suffix, after)) or c.name_use.match(body, after):
            uses += 1
        at = body.find(stem, after)
    return uses


def _masked_in_body(body: str, level: str | None, c: MetaCues) -> bool:
    """A masked area at the report's level, or a masked place's education (xx教育)."""
    if c.masked_stem.search(body):
        return True
    return any(level is None or _level_char(m.group("suffix")) == level for m in c.masked_area.finditer(body))


_ADMINISTRATIVE = regex.compile("[省市区县]")  # a stem holding one is a full name, not a stem


def _place_stem(body: str, c: MetaCues) -> str | None:
    """A bare place stem used as a name (新都教化, “魅力新华”), when nothing better names one."""
    stems = Counter(m.group("stem") for m in c.stem.finditer(body))
    best: tuple[int, str] | None = None
    for stem in stems:
        if stem in c.generic_stems or c.not_in_name.search(stem) or _ADMINISTRATIVE.search(stem):
            continue
        uses = _uses_as_name(body, stem, c)
        named = uses >= c.stem_min and uses / body.count(stem) >= c.name_share
        if named and (best is None or uses > best[0]):
            best = (uses, stem)
    return best[1] if best else None


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
