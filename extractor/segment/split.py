"""Segment stage: a document -> its reports and its boilerplate regions.

One file may hold several reports (a site's compilation with `| 返回目录` separators,
篇一/篇二, a "更多…推荐" list of further articles) wrapped in web page chrome. The
matching view is cut into lines and each line gets a class from the cues of
`extractor/data/segmentation.yaml` (separator, list head, boilerplate, title, heading,
paragraph ...). One pass over the classes then opens a report at the first paragraph
after a title or separator, and closes it at the next title, separator or list; what is
in no report is boilerplate. Working on the view makes a traditional copy split the same;
every offset handed back is in the original text, while titles (like all metadata) are
given as the view has them: simplified and half-width.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from extractor.models.records import Report
from extractor.segment.meta import ReportMeta, describe
from extractor.text.normalize import MatchingView
from extractor.text.patterns import Match, Pattern, alternation, compile_pattern
from extractor.text.spans import SpanSet, line_contents, merge_spans
from extractor.vocab.segmentation import segmentation_data

# line classes, in the order they are tried
SEP, LIST, BOILER, HEADING, TITLE, SITE, CLOSE, SALUTE, PARA, WEAK = (
    "sep", "list", "boiler", "heading", "title", "site", "close", "salute", "para", "weak")
# the classes that decide what a title line is followed by
SIGNIFICANT = frozenset({SEP, LIST, TITLE, PARA})


@dataclass
class Segmentation:
    """Reports (in file order) and boilerplate spans, in original offsets."""

    reports: list[Report]
    boilerplate: list[tuple[int, int]] = field(default_factory=list)
    # the reports whose kind no title word or section heading fixed (the claims stage
    # may make them plans by their figures: extract/kinds.py)
    open_kinds: frozenset[int] = frozenset()
    _starts: list[int] = field(init=False, repr=False)
    _spans: list[tuple[int, int]] = field(init=False, repr=False)
    _span_starts: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._starts = [r.start for r in self.reports]
        self._spans = merge_spans(self.boilerplate)
        self._span_starts = [start for start, _ in self._spans]

    def report_at(self, offset: int) -> Report | None:
        """The report whose body holds `offset`, or None (boilerplate, outside any report)."""
        i = bisect_right(self._starts, offset) - 1
        if i < 0 or offset >= self.reports[i].end:
            return None
        j = bisect_right(self._span_starts, offset) - 1
        if j >= 0 and offset < self._spans[j][1]:
            return None
        return self.reports[i]

    def report_near(self, offset: int) -> Report:
        """The report `offset` lies in, else the last one before it, else the first: where a
        number in a headline, a related-article list or other page furniture belongs."""
        i = bisect_right(self._starts, offset) - 1
        return self.reports[max(i, 0)]


@dataclass(frozen=True)
class Cues:
    """The compiled cues of segmentation.yaml."""

    separators: list[Pattern]
    list_head: Pattern
    related_list_head: Pattern  # fullmatch: a related-article list's head (往期推荐), no comments'
    chrome: Pattern
    boilerplate: Pattern
    site: Pattern
    site_max: int
    blurb: Pattern
    short_max: int
    prose_min: int
    sentence_end: Pattern
    inline: list[Pattern]
    heading: Pattern
    title: Pattern
    decorations: Pattern
    salutation: Pattern
    closing: Pattern
    paragraph_punct: Pattern
    paragraph_min: int
    paragraph_long: int
    list_item_max: int
    title_issuer: Pattern
    inline_title: Pattern
    compilation: Pattern
    separator_number: Pattern  # 1、 before a separator's title
    attachment_line: Pattern  # a line marking an attachment (附件, 附件2:)
    labelled_title: Pattern  # a title under a label (诉求标题:…; group title)
    numbered_title: Pattern  # 1. before a compilation's title (group section: 一、, 第一部分)
    bracketed_headline: Pattern  # fullmatch: a post's headline line 【…】 (group title)
    decoration_line: Pattern  # fullmatch: a line of emoji or symbols only
    marked_byline: Pattern  # match: a post's byline marked 原创 (its account)
    bracketed_reach: int  # how many lines above the first paragraph it may stand
    numbered_title_punct: Pattern  # in the rest of such a line: a list's item, no title
    section_title_year: Pattern  # what a title numbered as a section names besides
    title_noun: Pattern
    download_title: Pattern
    headline_min_han: int
    dated_line_prefix: Pattern
    dated_line_suffix: Pattern
    dated_line_issuer: Pattern  # match: an issuer's words before a date line's date
    dated_line_source: Pattern  # fullmatch: the body named after a date and a time
    page_break: Pattern  # search: a page's number on a line of its own (— 2 —)
    headline_tag: Pattern  # match: a message's type in brackets opening its title (【建言】)
    date_stamp: Pattern  # search: a date in figures (2024-05-28)
    headline_max: int
    headline_punct: Pattern
    headline_exclaimed: Pattern
    headline_exclaimed_punct: Pattern
    byline_punct: Pattern
    dateline: Pattern
    short_run_min: int
    key_value: Pattern
    byline_lines: int
    source_field: Pattern  # search: a page's source field (来源:岚皋县教育体育局)
    issuer_line: Pattern  # a line naming who issues the title under it
    title_year_opening: Pattern  # `match` at a title's start: the year it opens on (2019年)
    subtitle: Pattern  # `match` at a title line's start: a subtitle (——在…会议上的发言)
    issue_line: Pattern  # a newsletter's issue number (2024年第5期): the line above is its name
    masthead_max: int



def _whole_line(pattern: str) -> Pattern:
    """A pattern for `fullmatch` on a stripped line."""
    return compile_pattern("(?:" + pattern + ")")


@lru_cache(maxsize=1)
def cues() -> Cues:
    d = segmentation_data()
    nouns = alternation(d.title_nouns)
    decorations = alternation(d.title_decorations)
    chrome = alternation(d.chrome_words)
    sep_chars = d.chrome_separators
    title_body = rf"[^\s。!?;:,][^\n。!?;:,]{{0,{d.title_max}}}?{nouns}(?:{d.title_year_tail})?"
    return Cues(
        separators=[_whole_line(p) for p in d.separators],
        list_head=_whole_line(alternation([*d.related_list_heads, *d.comment_heads])),
        related_list_head=_whole_line(alternation(d.related_list_heads)),
        chrome=_whole_line(rf"(?:{d.dated_line_prefix})?{sep_chars}*(?:{chrome}{sep_chars}*)+"),
        boilerplate=_whole_line(alternation(d.boilerplate_lines)),
        site=_whole_line(alternation(d.site_lines)),
        site_max=d.site_line_max,
        blurb=compile_pattern(alternation(d.blurb_words), scans_texts=True),
        short_max=d.short_line_max,
        prose_min=d.prose_min,
        sentence_end=compile_pattern(d.sentence_end),
        inline=[compile_pattern(p, scans_texts=True) for p in d.inline_boilerplate],
        heading=compile_pattern(r"[^\S\n]*" + d.heading),
        title=_whole_line(rf"{d.title_prefix}?(?:{d.title_lead})?[^\S\n]*(?!{d.table_caption})(?P<title>{title_body})"
                          rf"(?:{decorations}|[ \t])*"),
        decorations=compile_pattern(rf"(?:{decorations}|[ \t])+$"),
        salutation=compile_pattern(f"{d.salutation}|{d.opening_addressees}"),
        closing=compile_pattern(d.closing),
        paragraph_punct=compile_pattern(d.paragraph_punct),
        paragraph_min=d.paragraph_min,
        paragraph_long=d.paragraph_long,
        list_item_max=d.list_item_max,
        title_issuer=compile_pattern(alternation(d.title_issuer_words)),
        inline_title=compile_pattern(d.inline_title.replace("{nouns}", nouns)
                                     .replace("{decorations}", decorations)),
        compilation=compile_pattern(d.compilation_title),
        separator_number=compile_pattern(d.separator_title_number),
        attachment_line=compile_pattern(d.attachment_line),
        labelled_title=compile_pattern(d.labelled_title),
        numbered_title=compile_pattern(d.numbered_title),
        bracketed_headline=compile_pattern(d.bracketed_headline),
        decoration_line=compile_pattern(d.decoration_line),
        marked_byline=compile_pattern(d.marked_byline),
        bracketed_reach=d.bracketed_reach,
        numbered_title_punct=compile_pattern(d.numbered_title_punct),
        section_title_year=compile_pattern(d.section_title_year),
        title_noun=compile_pattern(nouns),
        download_title=compile_pattern(d.download_title),
        headline_min_han=d.headline_min_han,
        dated_line_prefix=compile_pattern(d.dated_line_prefix),
        dated_line_suffix=compile_pattern(d.dated_line_suffix),
        dated_line_issuer=compile_pattern(d.dated_line_issuer),
        dated_line_source=compile_pattern(d.dated_line_source),
        page_break=compile_pattern(d.page_break),
        headline_tag=compile_pattern(d.headline_tag),
        date_stamp=compile_pattern(d.date_stamp),
        headline_max=d.headline_max,
        headline_punct=compile_pattern(d.headline_punct),
        headline_exclaimed=compile_pattern(d.headline_exclaimed),
        headline_exclaimed_punct=compile_pattern(d.headline_exclaimed_punct),
        byline_punct=compile_pattern(d.byline_punct),
        dateline=_whole_line(d.dateline),
        short_run_min=d.short_run_min,
        key_value=compile_pattern(d.key_value_line),
        byline_lines=d.byline_lines,
        source_field=compile_pattern(d.source_field),
        subtitle=compile_pattern(d.title_prefix),
        issue_line=_whole_line(d.issue_line),
        masthead_max=d.masthead_max,
        issuer_line=_whole_line(rf"[^\s。;,:!?][^\n。;,:!?]{{0,{d.issuer_line_max - 2}}}"
                                rf"(?:{alternation(d.title_issuer_words)})"),
        title_year_opening=compile_pattern(d.title_year_opening),
    )


@dataclass(slots=True)
class Line:
    """One non-blank line of the view: its stripped span, class and title (if any)."""

    start: int
    end: int
    cls: str
    title: str | None = None


@dataclass
class Draft:
    """A report being built, in view offsets."""

    start: int
    end: int
    title: str
    byline: str = ""  # the short lines between the title and the body (临泽县教育局)
    dated: str = ""  # a date line between them ((2022年11月8日)): the year when nothing else states one


def segment(text: str, view: MatchingView, doc: str) -> Segmentation:
    """Split `text` into reports; `view` is its matching view."""
    c = cues()
    lines = classify_lines(view.text, c)
    def page_broken(start: int, end: int) -> bool:  # (the view leaves a PDF's page numbers out)
        first = view.original_span(start - 1, start)[1] if start > 0 else 0
        last = view.original_span(end, end + 1)[0]
        return c.page_break.search(text, first, last) is not None

    drafts, used_titles = split_lines(view.text, lines, c, page_broken)
    if not drafts:
        drafts = [Draft(0, len(view.text), "")]
    spans = boilerplate_spans(view.text, lines, drafts, used_titles, c)
    page_header = _page_header(view.text, lines, drafts[0].start)
    described = [(d, describe(d.title, view.text[d.start:d.end], d.byline, d.dated,
                              page_header if i == 0 else ""))
                 for i, d in enumerate(drafts)]
    reports = [_report(text, view, doc, i, d, meta) for i, (d, meta) in enumerate(described)]
    boilerplate = [view.original_span(s, e) for s, e in spans if e > s]
    open_kinds = frozenset(i for i, (_, meta) in enumerate(described) if meta.kind_open)
    return Segmentation(reports, boilerplate, open_kinds)


def related_lists(text: str) -> SpanSet:
    """The related-article lists of a text: the lines after a list head (相关文章, 往期推荐)
    up to the next blank line, one headline a line, each another page's.

    >>> text = "正文新增学位300个。\\n\\n往期推荐\\n某县投资3亿元建设商业综合体\\n某县新增学位2000个\\n\\n附"
    >>> lists = related_lists(text)
    >>> [lists.holds(text.index(word)) for word in ("300个", "3亿元", "2000个", "附")]
    [False, True, True, False]
    """
    c = cues()
    starts: list[int] = []
    ends: list[int] = []
    open_end: int | None = None  # the end of the open list's last line
    for start, end in line_contents(text):
        if open_end is not None:
            if text.count("\n", open_end, start) <= 1:
                open_end = end
                continue
            ends.append(open_end)  # a blank line closes it
            open_end = None
        if c.related_list_head.fullmatch(text, start, end):
            starts.append(end)
            open_end = end
    if open_end is not None:
        ends.append(open_end)
    return SpanSet(starts, ends)


def _page_header(text: str, lines: list[Line], first_start: int) -> str:
    """The boilerplate lines before the first report (来源:毕节市七星关区教育局 | 2022-09-08 |
    阅读:982): their date gives the first report's year when nothing else states one."""
    return "\n".join(text[line.start:line.end] for line in lines
                     if line.start < first_start and line.cls == BOILER)


def _report(text: str, view: MatchingView, doc: str, index: int, draft: Draft, meta: ReportMeta) -> Report:
    start, end = view.original_span(draft.start, draft.end) if draft.end > draft.start else (0, 0)
    end = _debris_kept(text, view, draft.end, end)
    return Report(doc=doc, index=index, title=draft.title, start=start, end=end, **meta.fields())


def _debris_kept(text: str, view: MatchingView, view_end: int, end: int) -> int:
    """A report's end past the debris the view left out at the end of its last line
    (…改善办学条件?/p>): the body runs to the line's end in the original."""
    if view.original_offsets is None or end == 0:
        return end
    following = view.original_offsets[view_end] if view_end < len(view.text) else len(text)
    line_end = text.find("\n", end, following)
    return (following if line_end < 0 else line_end) if following > end else end


# ---------------------------------------------------------------- line classes

def classify_lines(text: str, c: Cues) -> list[Line]:
    """Every non-blank line of `text` with its class.

    A line holding a blurb word is boilerplate, one longer than `short_max` a paragraph;
    only the short ones are read against the cue lists.
    """
    blurbs = [m.start() for m in c.blurb.finditer(text)]  # one scan, not one per line
    next_blurb = 0
    lines = []
    for start, end in line_contents(text):
        while next_blurb < len(blurbs) and blurbs[next_blurb] < start:
            next_blurb += 1
        if next_blurb < len(blurbs) and blurbs[next_blurb] < end:
            lines.append(Line(start, end, BOILER))
        elif end - start > c.short_max:
            lines.append(Line(start, end, PARA))
        else:
            lines.append(_classify(text[start:end], start, c))
    _title_mastheads(text, lines, c)
    _attachment_titles(text, lines, c)
    _bylined_titles(text, lines, c)
    _sourced_headlines(text, lines, c)
    return lines


def _bylined_titles(text: str, lines: list[Line], c: Cues) -> None:
    """Make a title of a compilation's title numbered as a section and naming its year, but no
    issuer, over its own byline (一、罗渡镇2022年教育工作总结 / 罗渡镇人民政府 / (2022年12月28日)):
    a heading has none."""
    for i, line in enumerate(lines[:-1]):
        content = text[line.start:line.end]
        number = c.numbered_title.match(content) if line.cls == HEADING else None
        if number is None or len(content) > c.short_max or not _bylined(text, lines, i, c):
            continue
        rest = content[number.end():]
        if c.title_noun.search(rest) and c.section_title_year.search(rest) and not (
                c.numbered_title_punct.search(rest)):
            line.cls, line.title = TITLE, rest


def _sourced_headlines(text: str, lines: list[Line], c: Cues) -> None:
    """Make a title of a headline after page furniture (责任编辑:…, a site's menu) over a
    dated line naming its source (2024-06-28 来源:长宁县人民政府网 编辑:赵磊) and a paragraph:
    a portal's page of several articles, each of its own (they were one report)."""
    for i in range(1, len(lines) - 2):
        if lines[i].cls == WEAK and _sourced_headline(text, lines, i, c):
            lines[i].cls, lines[i].title = TITLE, text[lines[i].start:lines[i].end]


def _sourced_headline(text: str, lines: list[Line], i: int, c: Cues) -> bool:
    """Whether line `i` is a headline after page furniture over a dated line naming its
    source and a paragraph (see _sourced_headlines)."""
    if not 0 < i < len(lines) - 2 or lines[i - 1].cls != BOILER or lines[i + 2].cls != PARA:
        return False
    line, dated = lines[i], lines[i + 1]
    return _is_headline(text[line.start:line.end], WEAK, c) and bool(
        c.source_field.search(text, dated.start, dated.end)) and bool(
        c.date_stamp.search(text, dated.start, dated.end))


def _bylined(text: str, lines: list[Line], i: int, c: Cues) -> bool:
    """Whether line `i` stands over a byline of its own: a line naming an issuer alone
    (罗渡镇人民政府), or with a date (宁乡市教育局 2023-03-01), or a date line, before the next
    paragraph."""
    after = lines[i + 1] if i + 1 < len(lines) else None
    if after is None:
        return False
    if after.cls == WEAK and c.issuer_line.fullmatch(text, after.start, after.end):
        return True
    if after.cls == WEAK and _dated_boilerplate(text, after, c):
        return True  # 宁乡市教育局 2023-03-01: its issuer and date
    return c.dateline.fullmatch(text, after.start, after.end) is not None


def _attachment_titles(text: str, lines: list[Line], c: Cues) -> None:
    """Make no title of an attachment's (附件 / 2024年…资金分配表 under a notice): it belongs to
    the report it is attached to."""
    for above, line in pairwise(lines):
        if line.cls == TITLE and c.attachment_line.fullmatch(text, above.start, above.end):
            line.cls, line.title = WEAK, None


def _title_mastheads(text: str, lines: list[Line], c: Cues) -> None:
    """Make a title of a newsletter's name: a short line of text right above an issue line
    (教育动态 / 2024年第5期(总第186期)); its items' headlines below were taken for the title."""
    for above, line in pairwise(lines):
        if (above.cls == WEAK and above.end - above.start <= c.masthead_max
                and c.issue_line.fullmatch(text, line.start, line.end)):
            above.cls, above.title = TITLE, text[above.start:above.end]


def _classify(content: str, start: int, c: Cues) -> Line:
    """A short line's class, blurbs aside: cue lists first, then its shape."""
    line = Line(start, start + len(content), PARA)
    if labelled := c.labelled_title.fullmatch(content):
        line.cls, line.title = TITLE, _group(labelled, "title")  # 诉求标题:…: a message board's
    elif _is_prose(content, c):
        return line
    elif sep := next((m for p in c.separators if (m := p.fullmatch(content))), None):
        line.cls, line.title = SEP, _group(sep, "title")
    elif c.list_head.fullmatch(content):
        line.cls = LIST
    elif c.boilerplate.fullmatch(content) or c.chrome.fullmatch(content):
        line.cls = BOILER
    elif (numbered := _numbered_title(content, c)) is not None:
        line.cls, line.title = TITLE, numbered
    else:
        title = c.title.fullmatch(content)
        line.cls = _text_class(content, title is not None, c.site.fullmatch(content) is not None, c)
        line.title = title.group("title") if line.cls == TITLE and title else None
    return line


def _numbered_title(content: str, c: Cues) -> str | None:
    """A compilation's title numbered as an item, without its number (1.县人民政府2022年工作报告
    (教育部分节选)), or None: no title noun, no issuer named (1.加大投入), a clause's punctuation
    (a list's item) or a paragraph; numbered as a section (一、, 第一部分), no year named either
    (四、处理意见).

    >>> lines = ("2.区教体局2022年工作总结", "1.2023年工作计划", "一、滨江学区2023年上半年工作总结",
    ...          "四、处理意见", "1.少数学校整改不及时,6份整改通知书逾期未整改;")
    >>> [_numbered_title(line, cues()) for line in lines]
    ['区教体局2022年工作总结', None, '滨江学区2023年上半年工作总结', None, None]
    """
    number = c.numbered_title.match(content)
    if number is None or len(content) > c.short_max or _is_paragraph(content, c):
        return None
    rest = content[number.end():]
    if c.numbered_title_punct.search(rest):
        return None
    if number.group("section") and not c.section_title_year.search(rest):
        return None
    return rest if c.title_noun.search(rest) and c.title_issuer.search(rest) else None


def _group(m: Match, name: str) -> str | None:
    """A named group's stripped text; None when the pattern lacks it or it is empty."""
    value = m.groupdict().get(name)
    return (value.strip() or None) if value else None


def _is_prose(content: str, c: Cues) -> bool:
    """A longer line with a sentence ending inside it: no cue line is shaped so."""
    if len(content) < c.prose_min:
        return False
    inner = c.sentence_end.search(content)
    return inner is not None and inner.end() < len(content)


def _is_paragraph(content: str, c: Cues) -> bool:
    """A sentence-ending line, or a long punctuated one, or a very long one."""
    if c.sentence_end.fullmatch(content[-1]) or len(content) >= c.paragraph_long:
        return True
    return len(content) >= c.paragraph_min and c.paragraph_punct.search(content) is not None


def _text_class(content: str, title: bool, site: bool, c: Cues) -> str:
    """The class of a line that no separator, list or boilerplate cue claims."""
    paragraph = _is_paragraph(content, c)
    if c.heading.match(content):
        return PARA if paragraph else HEADING
    if title:
        return TITLE
    if paragraph:
        return PARA
    if site and len(content) <= c.site_max:
        return SITE
    if c.closing.fullmatch(content):
        return CLOSE
    if c.salutation.fullmatch(content):
        return SALUTE
    return WEAK


# ---------------------------------------------------------------- the split

def _next_significant(lines: list[Line]) -> list[str | None]:
    """For each line, the class of the next separator, list head, title or paragraph."""
    out: list[str | None] = [None] * len(lines)
    following: str | None = None
    for i in range(len(lines) - 1, -1, -1):
        out[i] = following
        if lines[i].cls in SIGNIFICANT:
            following = lines[i].cls
    return out


def _no_page_break(start: int, end: int) -> bool:
    return False


def split_lines(text: str, lines: list[Line], c: Cues,
                page_broken: Callable[[int, int], bool] = _no_page_break) -> tuple[list[Draft], set[int]]:
    """Reports as view ranges, and the indices of the lines used as their titles;
    `page_broken(start, end)` says whether a page break stands between two view offsets."""
    following = _next_significant(lines)
    names = _TitleCleaner.for_document(text, lines, c)
    drafts: list[Draft] = []
    used: set[int] = set()
    current: Draft | None = None
    pending: tuple[str, int] | None = None
    in_list = False
    for i, line in enumerate(lines):
        if line.cls in (SEP, LIST):
            headline = _lone_headline(text, lines, drafts, current, i, c) if line.cls == SEP else None
            if headline is not None and drafts:  # a post's headline above its header: the next report's title
                drafts.pop()
            current, in_list = None, line.cls == LIST
            pending = (line.title, i) if line.cls == SEP and line.title else headline
        elif line.cls == TITLE and in_list:
            continue  # an item of a related-article list (相关推荐: / 教育局控辍保学实施方案): no title
        elif line.cls == TITLE and current is not None and current.title and line.title == current.title \
                and page_broken(current.start, line.start):
            continue  # a page's running header repeating the report's title in a PDF's paged text
        elif line.cls == TITLE and (current is None or _starts_next(line, following[i], c) or (
                following[i] == PARA and _bylined(text, lines, i, c)) or (
                _sourced_headline(text, lines, i, c))):
            if following[i] == PARA:
                current = None
            if not _subtitle_of(pending, text, line, i, c):
                pending = (line.title or "", i)
        elif line.cls == PARA:
            if in_list and line.end - line.start < c.list_item_max:
                pending = None
                continue
            in_list = False
            if current is None:
                current = _open(text, lines, i, pending, names, c, first=not drafts)
                if pending is not None and lines[pending[1]].cls == TITLE:
                    used.add(pending[1])
                drafts.append(current)
                pending = None
            current.end = line.end
        elif line.cls == CLOSE and current is not None:
            current.end = line.end
    if drafts:
        _open_at_short_lines(text, lines, drafts[0], c)
    if drafts and not drafts[0].title:
        _headline_over_dateline(text, lines, drafts[0], used, c)
    if drafts and not drafts[0].title:
        _bracketed_headline(text, lines, drafts[0], used, c)
    if drafts and not drafts[0].title:
        _title_by_headline(text, lines, drafts, used, c)
    if current is not None:
        _run_to_the_cut(lines, current, used)
    return drafts, used


def _subtitle_of(pending: tuple[str, int] | None, text: str, line: Line, i: int, c: Cues) -> bool:
    """Whether title line `i`, opening with a dash, is the subtitle of the title just above
    it (…实施情况汇报 / ——在全市…推进会上的发言): the title stays the one above."""
    return pending is not None and pending[1] == i - 1 and c.subtitle.match(text, line.start) is not None


def _lone_headline(text: str, lines: list[Line], drafts: list[Draft], current: Draft | None, i: int,
                   c: Cues) -> tuple[str, int] | None:
    """The line just before the page's first post header (柏溪县教育和体育局 2024-01-12 07:50
    发表于四川) when it is all of the report open there and shaped as a headline (short, no
    sentence ending: 📢数读2023丨柏溪教育这一年,答卷请查收!): the post's title, with its line's
    index. (A forum's one-line post before the next post's header stays a post.)"""
    if lines[i].title or i == 0 or any(line.cls == SEP for line in lines[:i - 1]):
        return None
    before = lines[i - 1]
    content = text[before.start:before.end]
    if current is None and not drafts:  # a headline line above the header, no report open yet
        return (content, i - 1) if _is_headline(content, before.cls, c) else None
    if current is None or len(drafts) != 1 or drafts[0] is not current:
        return None
    if (current.start, current.end) != (before.start, before.end) or len(content) > c.headline_max:
        return None
    return None if content.endswith(("。", ".")) else (content, i - 1)


# the lines a report still open at the end of a text runs over: a copy cut short ends in
# a dangling heading or half a sentence (卫生事业向前奋进。全县拥有), still the report's
_DANGLING = frozenset({WEAK, HEADING, TITLE})


def _run_to_the_cut(lines: list[Line], last: Draft, titles: set[int]) -> None:
    """Extend the report open at the text's end over the short lines that follow it (up
    to a line used as a title)."""
    first = bisect_right([line.start for line in lines], last.end)
    for i in range(first, len(lines)):
        if lines[i].cls not in _DANGLING or i in titles:
            return
        last.end = lines[i].end


def _open_at_short_lines(text: str, lines: list[Line], first: Draft, c: Cues) -> None:
    """A page set in short lines (an infographic's text: 今年秋季开学 / 全市义务教育阶段
    学校中 / 新建有6所…) has its first paragraph late: the first report opens at the run
    of at least `short_run_min` short lines just before it (no title, no key: value line)."""
    i = _line_at(lines, first.start)
    j = i
    while j > 0 and lines[j - 1].cls == WEAK and not c.key_value.match(text, lines[j - 1].start):
        j -= 1
    if i - j >= c.short_run_min:
        first.start = lines[j].start


def _line_at(lines: list[Line], offset: int) -> int:
    """The index of the last line starting at or before `offset` (-1 when none does)."""
    return bisect_right([line.start for line in lines], offset) - 1


def _headline_over_dateline(text: str, lines: list[Line], first: Draft, used: set[int], c: Cues) -> None:
    """A news page opening on its headline, a date and source line under it (青山区:“家门口的好学校”
    越来越多 今年秋季新增学位约1.2万个 / 2023-09-02 08:45:21 来源:青山日报), perhaps under a
    breadcrumb: the headline, read as the first paragraph for its figure, is the title; the
    report opens at the date line (its year the page's, before a year the body compares with).
    A post's byline may stand above the headline instead (原创 …账号… 2024-02-28 19:00 江苏), its
    date the report's; calls to follow and lines of decoration are passed over."""
    top = next((k for k, line in enumerate(lines) if line.cls != BOILER), len(lines))  # under a breadcrumb
    if len(lines) < top + 2:
        return
    above = lines[top - 1] if top else None
    dated_above = above is not None and c.date_stamp.search(text, above.start, above.end) is not None
    # (its issuer on a line of its own above the date: 文昌市2022年…之高考篇 / 文昌市教育局 / 2023年1月12日)
    issued = not dated_above and len(lines) > top + 2 and lines[top + 1].cls == WEAK and bool(
        c.issuer_line.fullmatch(text, lines[top + 1].start, lines[top + 1].end)) and _dated_boilerplate(
        text, lines[top + 2], c)
    # (a post's calls to follow and its decoration between: 点击蓝字 关注我们 / 🎉🎉🎉)
    skip = 1 if dated_above else 3 if issued else 2
    body = next((k for k in range(top + skip, len(lines)) if lines[k].cls != BOILER
                 and not c.decoration_line.fullmatch(text, lines[k].start, lines[k].end)), len(lines))
    opening = _line_at(lines, first.start)
    if opening not in (top, body):  # (the report opening on it, or after the byline, boilerplate)
        return
    if lines[top].cls not in (PARA, WEAK) or body == len(lines) or lines[body].cls != PARA:
        return
    if not dated_above and not issued and not (
            _dated_boilerplate(text, lines[top + 1], c) or lines[top + 1].cls == BOILER):
        return
    headline = text[lines[top].start:lines[top].end]
    if _is_headline(headline, WEAK, c):
        first.title = headline
        if opening == top:
            first.start = lines[top + 1].start
        # the date: the byline above, or the lines passed over under it (茂名日报 2023年11月20日 第03版)
        passed = lines[top + 1:body] if opening == body else []
        dating = [above] if dated_above and above is not None else passed
        first.dated = first.dated or "\n".join(text[line.start:line.end] for line in dating)
        # (a post's byline marked 原创 names its account: 原创 宜君县教育体育局 宜君教体 2023-06-25 …)
        marked = (c.marked_byline.match(text, line.start, line.end) for line in dating)
        first.byline = first.byline or next((m["account"] for m in marked if m is not None), "") or (
            text[lines[top + 1].start:lines[top + 1].end] if issued else "")
        used.add(top)


def _bracketed_headline(text: str, lines: list[Line], first: Draft, used: set[int], c: Cues) -> None:
    """A post opening on its headline in brackets on a line of its own (【喜报!青阳县2023年高考再创
    佳绩】 under the account's name and the post's time): the title, without its brackets; the
    report opens after it when the headline was read as its first paragraph. The headline may
    stand up to `bracketed_reach` short or boilerplate lines above the first paragraph (a call
    to read on, 一起来看看吧👇; a section's heading, 过去一年,我们这样干👇)."""
    i = _line_at(lines, first.start)
    for j in range(i, max(-1, i - 1 - c.bracketed_reach), -1):
        if j < i and lines[j].cls not in (WEAK, BOILER):
            return
        headline = c.bracketed_headline.fullmatch(text, lines[j].start, lines[j].end)
        if headline is not None:
            if j == i and j + 1 < len(lines):
                first.start = lines[j + 1].start
            first.title = headline.group("title").strip()
            used.add(j)
            return


def _title_by_headline(text: str, lines: list[Line], drafts: list[Draft], used: set[int],
                       c: Cues) -> None:
    """An untitled first report takes the headline just before it, or (a page copied body
    first) a lone report the title or headline closing the document (its 来源:… and
    toolbar lines passed over for a title)."""
    first = drafts[0]
    before = bisect_right([line.end for line in lines], first.start) - 1
    under = before  # the lines passed over under the headline, its date among them
    while before > 0 and (lines[before].cls in (BOILER, SITE) or _dated_boilerplate(text, lines[before], c)
                          or c.subtitle.match(text, lines[before].start, lines[before].end)
                          or _message_field(text, lines[before], c)
                          or c.decoration_line.fullmatch(text, lines[before].start, lines[before].end)):
        before -= 1  # 发布时间:… 来源:… (2024年1月10日) 2023-08-21 10:15 来源:…; ——一位…的回忆; 留言对象:…
    if before > 0 and lines[before].cls == WEAK and c.issuer_line.fullmatch(
            text, lines[before].start, lines[before].end) and _is_headline(
            text[lines[before - 1].start:lines[before - 1].end], lines[before - 1].cls, c):
        before -= 1  # the issuer under its headline (安平县2025年十件民生实事 / 安平县人民政府 / 发布日期:…)
        first.byline = first.byline or text[lines[before + 1].start:lines[before + 1].end]
    candidates = [before] if before >= 0 else []
    if len(drafts) == 1 and lines and lines[-1].start >= first.end and before < 0:
        last = len(lines) - 1
        while last > 0 and lines[last].cls == BOILER and lines[last - 1].start >= first.end:
            last -= 1  # 来源:… 【打印本页】 under a title closing the page
        if lines[last].cls == TITLE:  # a title (…工作总结) closing a page copied body first
            first.title = lines[last].title or text[lines[last].start:lines[last].end]
            used.add(last)
            return
        candidates.append(len(lines) - 1)
    if _title_over_its_dateline(text, lines, before, c):
        candidates.insert(0, 0)  # before any headline-shaped line under it
    for i in candidates:
        if _is_headline(text[lines[i].start:lines[i].end], lines[i].cls, c):
            first.title = text[lines[i].start:lines[i].end]
            used.add(i)
            if i == before and not first.dated:  # 茂名日报 2023年11月20日 第03版: the page's year
                first.dated = "\n".join(text[line.start:line.end] for line in lines[before + 1:under + 1])
            return


def _message_field(text: str, line: Line, c: Cues) -> bool:
    """A message board's field under its title (留言对象:郸城县委书记, 留言时间:2023-07-14): a key:
    value line, not a download page's bulleted metadata (- 格式:doc), under which the file's name
    is no title."""
    bulleted = text[line.start] in "-•·"
    return line.cls == WEAK and not bulleted and c.key_value.match(text, line.start) is not None


def _title_over_its_dateline(text: str, lines: list[Line], before: int, c: Cues) -> bool:
    """Whether the page opens on a line and its date line (浏阳市2021年专项债券项目存续期信息披露
    (2023年度) / 发布机构:浏阳市财政局 发布日期:2024-05-28) above headings and key: value lines
    only (项目名称:…), down to line `before`, the last before the first report."""
    if before < 2:
        return False
    dated = lines[1].cls == BOILER and c.date_stamp.search(text, lines[1].start, lines[1].end)
    if not (dated or _dated_boilerplate(text, lines[1], c)):
        return False
    return all(line.cls in (HEADING, BOILER) or (line.cls == WEAK and c.key_value.match(text, line.start))
               for line in lines[2:before + 1])


def _dated_boilerplate(text: str, line: Line, c: Cues) -> bool:
    """A date line, a date and time before a boilerplate line's words (2023-08-21 10:15:06 来源:…),
    perhaps after its issuer (江北区财政局 2022-08-09 浏览次数:1283), or an issuer and a date
    (新化县学生资助管理中心 2024年6月12日)."""
    span = (line.start, line.end)
    if c.dateline.fullmatch(text, *span) or c.dated_line_suffix.search(text, *span):
        return True
    issuer = c.dated_line_issuer.match(text, *span)
    for start in (line.start, issuer.end()) if issuer is not None else (line.start,):
        dated = c.dated_line_prefix.match(text, start, line.end)
        if dated is not None and c.boilerplate.fullmatch(text, dated.end(), line.end) is not None:
            return True
        if dated is not None and ":" in dated.group() and c.dated_line_source.fullmatch(
                text, dated.end(), line.end):
            return True  # 2018-09-20 10:35  郧西县教育局
    return False


_HAN = compile_pattern(r"\p{Han}")


def _is_headline(content: str, cls: str, c: Cues) -> bool:
    """A short unpunctuated line of enough Han characters that is not a date line.

    >>> lines = ("2017年光山县高考再创辉煌", "2015年2月6日星期五", "卫生事业向前奋进。全县拥有",
    ...          "喜报!我县2023年高考再创佳绩", "(2024年1月10日)", "好消息!秋季开学,鄞州新增学位4860个!",
    ...          "全县共新增学位4860个,其中")
    >>> [_is_headline(line, WEAK, cues()) for line in lines]
    [True, False, False, True, False, True, False]
    """
    if cls != WEAK or len(content) > c.headline_max or c.dateline.fullmatch(content):
        return False
    exclaimed = c.headline_exclaimed.search(content) or c.headline_tag.match(content)
    punct = c.headline_exclaimed_punct if exclaimed else c.headline_punct
    if punct.search(content):  # a sentence cut short, not a headline
        return False
    return len(_HAN.findall(content)) >= c.headline_min_han


def _starts_next(line: Line, following: str | None, c: Cues) -> bool:
    """A title inside a report starts the next one: a paragraph follows and it names an issuer."""
    return following == PARA and c.title_issuer.search(line.title or "") is not None


def _after_salutation(lines: list[Line], i: int) -> bool:
    """Whether line `i` is a short line right after a salutation (李xx委员: / 您提出的《…提案》
    收悉,现答复如下:): the letter's opening, part of its body."""
    return i > 0 and lines[i].cls == WEAK and lines[i - 1].cls == SALUTE


def _open(text: str, lines: list[Line], i: int, pending: tuple[str, int] | None,
          names: _TitleCleaner, c: Cues, first: bool) -> Draft:
    """A report opening at paragraph line `i` (with the headings just before it)."""
    j = i
    while j > 0 and (lines[j - 1].cls in (HEADING, SALUTE) or _after_salutation(lines, j - 1)):
        j -= 1
    if pending is not None:
        j = _tables_under_headings(lines, j, pending[1])
    start, inline = lines[j].start, None
    if j == i:
        m = c.inline_title.match(text, lines[i].start, lines[i].end)
        if m is not None:
            start, inline = m.end(), m.group("title")
    if pending is not None:
        title_line = lines[pending[1]]
        # (the lines under a separator's title too: 篇二:…工作总结 / 临湘市教育局)
        between = lines[pending[1] + 1:j] if title_line.cls in (TITLE, SEP) else []
        byline = _byline(text, between, c) if between else ""
        # (a newsletter's issue line dates it: 2023年第4期(总第48期) over a print date in 2024)
        dated = "\n".join(text[line.start:line.end] for line in between
                          if (line.cls == CLOSE and c.dateline.fullmatch(text, line.start, line.end))
                          or c.issue_line.fullmatch(text, line.start, line.end))
        title = names.clean(pending[0], separator=title_line.cls == SEP)
        if title_line.cls == TITLE:
            title = _issuer_above(text, lines, pending[1], c) + title
        return Draft(start, lines[i].end, title, byline, dated)
    found = names.download if first and names.download else inline
    return Draft(start, lines[i].end, names.clean(found or ""))


def _tables_under_headings(lines: list[Line], j: int, title_index: int) -> int:
    """The first line of the sections a report's first paragraph (line `j`) closes, when
    numbered headings over tables' rows stand between it and its title (一、各级各类学校
    基本情况 / 表1 … / 幼儿园    268    11562 / 二、主要发展指标 / …: a statistics brief's
    tables are its body); else `j`."""
    first = j
    k = j
    while k > title_index + 1 and lines[k - 1].cls in (HEADING, WEAK):
        k -= 1
        if lines[k].cls == HEADING:
            first = k
    return first


def _issuer_above(text: str, lines: list[Line], title_index: int, c: Cues) -> str:
    """The line right above a title line when it names the title's issuer alone (江苏经贸职业技术学院
    over 高等职业教育质量年度报告(2024)): the title's first line; else "", as above a compilation's
    numbered title (东湖区教育体育局 over 一、滨江学区…工作总结: the compilation's issuer)."""
    title = lines[title_index]
    if title_index == 0 or lines[title_index - 1].cls != WEAK or (
            title.title and not text.startswith(title.title, title.start)):
        return ""
    above = lines[title_index - 1]
    if not c.issuer_line.fullmatch(text, above.start, above.end):
        return ""
    issuer = text[above.start:above.end].strip()
    opening = c.title_year_opening.match(text, title.start, title.end)
    if text.startswith(issuer[:ISSUER_PLACE_CHARS], title.start if opening is None else opening.end()):
        return ""  # a title opening on the issuer's place (兴山县人民政府 / 兴山县2024年政府工作报告)
    return issuer


ISSUER_PLACE_CHARS = 2  # an issuer's first characters, its place's name (兴山 of 兴山县人民政府)


def _byline(text: str, between: list[Line], c: Cues) -> str:
    """The lines under a title naming who wrote it (临泽县教育局, 县委书记 张三): at most
    `byline_lines` short unpunctuated lines of text (no sentence cut short). Passed over:
    boilerplate (来源:…, dates), the addressees' line (ending in a colon: 各县(市、区)教育局:,
    which names no author; under a document number, 黔南发改收费〔2023〕56号, it voided the
    number's line too) and a newsletter's issue line (2024年第5期)."""
    kept = [text[line.start:line.end] for line in between
            if line.cls == WEAK and not text.endswith(":", line.start, line.end)
            and not c.issue_line.fullmatch(text, line.start, line.end)]
    if not kept:
        return _issuing_source(text, between, c)
    if len(kept) > c.byline_lines or any(c.byline_punct.search(line) for line in kept):
        return ""
    return "\n".join(kept)


def _issuing_source(text: str, between: list[Line], c: Cues) -> str:
    """The issuing body a page's source field under the title names (来源:岚皋县教育体育局), as
    its byline; "" for a newspaper's or a site's (来源:岳阳日报) or none."""
    for line in between:
        if line.cls == BOILER and (m := c.source_field.search(text, line.start, line.end)) is not None:
            source = m.group("source")
            return source if c.issuer_line.fullmatch(source) else ""
    return ""


@dataclass
class _TitleCleaner:
    """Cuts a site's decorations and compilation name off a title."""

    cues: Cues
    suffix: str | None
    download: str | None

    @classmethod
    def for_document(cls, text: str, lines: list[Line], c: Cues) -> _TitleCleaner:
        suffix, download = None, None
        for line in lines:
            content = text[line.start:line.end]
            if line.cls == BOILER and download is None and (m := c.download_title.search(content)):
                download = m.group("title")
            if line.cls == BOILER and suffix is None and (m := c.compilation.fullmatch(content)):
                suffix = c.decorations.sub("", m.group("name")) or None
        if suffix is None:
            suffix = _common_suffix([c.decorations.sub("", line.title or "")
                                     for line in lines if line.cls == SEP and line.title])
        return cls(c, suffix, download)

    def clean(self, title: str, separator: bool = False) -> str:
        """The title without decorations; a separator's title also without the site's
        compilation name, when what is left still ends like a title."""
        title = self.cues.decorations.sub("", title.strip())
        if separator and (number := self.cues.separator_number.match(title)) and number.end() < len(title):
            title = title[number.end():]  # 1、桐梓县教育局2022年工作总结 | 返回目录
        if separator and self.suffix and title.endswith(self.suffix):
            rest = self.cues.decorations.sub("", title[: -len(self.suffix)])
            if self.cues.title.fullmatch(rest):
                return rest
        return title


def _common_suffix(titles: list[str], shortest: int = 4) -> str | None:
    """The ending all separator titles share (a site's compilation name), if long enough."""
    if len(titles) < 2:
        return None
    first = titles[0]
    n = 0
    while n < len(first) and all(len(t) > n and t[-1 - n] == first[-1 - n] for t in titles):
        n += 1
    return first[len(first) - n:] if n >= shortest else None


# ---------------------------------------------------------------- boilerplate

def boilerplate_spans(text: str, lines: list[Line], drafts: list[Draft], used_titles: set[int],
                      c: Cues) -> list[tuple[int, int]]:
    """View spans of boilerplate: lines outside every report (titles aside), chrome and
    watermarks inside reports."""
    starts = [d.start for d in drafts]
    spans: list[tuple[int, int]] = []
    for i, line in enumerate(lines):
        k = bisect_right(starts, line.end - 1) - 1
        inside = k >= 0 and line.start < drafts[k].end
        if (inside and line.cls == BOILER) or not (inside or i in used_titles):
            spans.append((line.start, line.end))
    for pattern in c.inline:
        for m in pattern.finditer(text):
            k = bisect_right(starts, m.start()) - 1
            if k >= 0 and m.start() < drafts[k].end:
                spans.append((m.start(), m.end()))
    return _join_blank_gaps(text, merge_spans(spans))


def _join_blank_gaps(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Neighbouring spans with only blanks between them made one."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and not text[joined[-1][1]:start].strip():
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined
