"""Normalize stage: the matching view of a decoded text.

The view is what the rules read: traditional characters made simplified (OpenCC),
full-width digits, letters and punctuation made half-width, and page counters that a
document dump spliced into sentences and conversion debris (pinyin after each character,
HTML tag remnants) cut out. Every character of the view remembers
its offset in the decoded original, so claims always report original offsets.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

import numpy as np
import opencc
import regex

from extractor.text.codepoints import CharacterSet, CodeMap, code_points
from extractor.text.han import CJK_UNIFIED, HAN_RANGES, class_body
from extractor.text.patterns import Pattern, alternation, compile_pattern, words
from extractor.text.spans import line_contents, merge_spans
from extractor.vocab.normalize import normalize_data
from extractor.vocab.numbers import numbers_data
from extractor.vocab.segmentation import segmentation_data

# full-width ASCII block U+FF01..U+FF5E -> U+0021..U+007E; ideographic space -> space;
# the circle often typed for 〇 in years (二○一一) -> 〇
_HALF_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_HALF_WIDTH.update({0x3000: 0x20, 0x25CB: 0x3007, 0x25EF: 0x3007, 0xFFE5: 0xA5})
# a lone carriage return (an old Mac line end) is a line break; a no-break space a space;
# the signs templates mask digits with besides x (××%, □□□个) are x
_HALF_WIDTH.update({0x0D: 0x0A, 0xA0: 0x20, 0xD7: ord("x"), 0x25A1: ord("x")})
# the typographic spaces (en, em, thin, narrow no-break: 92.5\u2009%) are spaces; the small
# percent sign (92.5﹪) is the percent sign
_HALF_WIDTH.update({cp: 0x20 for cp in (*range(0x2002, 0x200B), 0x202F, 0x205F)})
_HALF_WIDTH.update({0xFE6A: ord("%")})

# "…模式“x+\n2、x+x”帮扶…": a docx dump's page counter at the start of a line that
# continues the previous line's sentence (the previous line ends in no punctuation);
# blanks around the line break (an indent, trailing spaces) go with the counter
# (the newline first, so the standard engine finds candidates by a fast literal scan)
_PAGE_COUNTER = re.compile(r"\n[ \t\u3000]*(\d{1,3})、(?=\S)")
_LINE_BLANKS = " \t\u3000"
# (what may not end the line before: a line's blanks are walked over first, see _blanks_start)
_NOT_BEFORE_COUNTER = frozenset("\n\r\x0b\x0c\xa0。！？；：，、.!?;:\"”’）)】》")


@dataclass(frozen=True)
class MatchingView:
    """Normalized text plus, for each of its characters, the offset in the original.

    `original_offsets` is None when nothing was cut out: then view and original offsets
    are the same, and no table is built.
    """

    text: str
    original_offsets: array[int] | None  # len(text) + 1 entries; the last is the original's end
    # the text's code points (codepoints.code_points), made once for every stage that scans them
    codes: np.ndarray = field(repr=False, compare=False)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the view back to the original text.

        >>> view = build_view("鞏固率９９％")
        >>> view.text
        '巩固率99%'
        >>> view.original_span(3, 6)
        (3, 6)
        """
        if start >= end:
            raise ValueError(f"empty span {start}:{end}")
        if self.original_offsets is None:
            return start, end
        return self.original_offsets[start], self.original_offsets[end - 1] + 1

    def without(self, spans: list[tuple[int, int]]) -> MatchingView:
        """This view with the sorted, disjoint `spans` of its text left out (offsets and
        code points sliced, nothing converted again).

        >>> shorter = matching_view("职业高\\n中生").without([(3, 4)])
        >>> shorter.text, shorter.original_span(3, 5), [chr(c) for c in shorter.codes]
        ('职业高中生', (4, 6), ['职', '业', '高', '中', '生'])
        """
        kept = [(cursor, start) for cursor, start in zip([0, *(end for _, end in spans)],
                                                          [start for start, _ in spans] + [len(self.text)],
                                                          strict=True) if start > cursor]
        text = "".join(self.text[a:b] for a, b in kept)
        offsets = array("l")
        kind = np.dtype(f"i{offsets.itemsize}")  # the array's own integers, copied as bytes
        if self.original_offsets is None:
            parts = [np.arange(a, b, dtype=kind) for a, b in kept] + [np.array([len(self.text)], dtype=kind)]
        else:
            source = np.frombuffer(self.original_offsets, dtype=kind)
            parts = [source[a:b] for a, b in kept] + [source[-1:]]
        offsets.frombytes(np.concatenate(parts).tobytes())
        codes = np.concatenate([self.codes[a:b] for a, b in kept]) if kept else self.codes[:0]
        return MatchingView(text, offsets, codes)

    def view_offset(self, original: int) -> int:
        """The first view position at or after an original offset."""
        if self.original_offsets is None:
            return min(original, len(self.text))
        return bisect_left(self.original_offsets, original)


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")




@lru_cache(maxsize=1)
def _traditional() -> CharacterSet:
    """The characters t2s changes on their own.

    A text with none of them is already simplified (t2s phrases are traditional
    phrases), so OpenCC, the costliest step of the view, can be skipped.
    """
    chars = [chr(cp) for low, high in HAN_RANGES for cp in range(low, high + 1)]  # what OpenCC converts
    converted = _t2s().convert("\n".join(chars)).split("\n")
    kept = set(normalize_data().simplified_too)
    return CharacterSet(ch for ch, new in zip(chars, converted, strict=True) if ch != new and ch not in kept)


def _simplified(text: str, codes: np.ndarray) -> str:
    """Traditional -> simplified, keeping the length (and so every offset); `codes` are
    the text's code points."""
    if not _traditional().mask_of(codes).any():
        return text
    converted: str = _t2s().convert(text)
    if len(converted) == len(text):
        return _keep_simplified(text, converted)
    # a phrase conversion changed the length: convert line by line, and the lines it
    # still changes character by character
    return "".join(_same_length(line) for line in text.splitlines(keepends=True))


def _keep_simplified(text: str, converted: str) -> str:
    """`converted` with the characters simplified Chinese writes too put back (乾县, not 干县).

    >>> _keep_simplified("乾縣教育局", "干县教育局")
    '乾县教育局'
    """
    kept = normalize_data().simplified_too
    if not any(ch in text for ch in kept):
        return converted
    return "".join(old if old in kept else new for old, new in zip(text, converted, strict=True))


def _same_length(line: str) -> str:
    converted: str = _t2s().convert(line)
    if len(converted) == len(line):
        return _keep_simplified(line, converted)
    chars = [ch for ch in line if ch != "\n"]
    singles = _t2s().convert("\n".join(chars)).split("\n")
    if len(singles) != len(chars):  # a conversion across the separators: leave the line
        return line
    kept = normalize_data().simplified_too
    out = iter(one if len(one) == 1 and ch not in kept else ch
               for ch, one in zip(chars, singles, strict=True))
    return "".join(ch if ch == "\n" else next(out) for ch in line)


# Every full-width character, the comma, semicolon, colon, ! and ? included (the data's
# patterns name the half-width forms; 。 and 、 have none and stay)
_TO_HALF_WIDTH = CodeMap(_HALF_WIDTH)


def find_debris(original: str) -> list[tuple[int, int]]:
    """Spans of the original that the matching view leaves out: page counters spliced into
    sentences, and the conversion debris of extractor/data/normalize.yaml.

    >>> text = "學(xué)位數(shù)4.5萬個(gè),支付专项资?/p>\\n1304"
    >>> [text[a:b] for a, b in find_debris(text)]
    ['(xué)', '(shù)', '(gè)', '?/p>']
    """
    spans = find_page_splices(original)
    found: set[str] = set()
    for name, pattern, at_least, after, requires in _debris_patterns():
        if after is not None and found.isdisjoint(after):
            continue
        if requires is not None and requires not in original:
            continue
        matches = [m.span() for m in pattern.finditer(original)]
        if len(matches) >= at_least:
            spans.extend(matches)
            found.add(name)
    return sorted(spans)


@lru_cache(maxsize=1)
def _debris_patterns() -> list[tuple[str, Pattern, int, list[str] | None, str | None]]:
    return [(d.name, compile_pattern(d.pattern, scans_texts=True), d.at_least, d.after, d.requires)
            for d in normalize_data().debris]


def matching_view(original: str) -> MatchingView:
    """The matching view of a decoded text, its debris cut out (what every stage reads).

    >>> view = matching_view("學(xué)位數(shù)4.5萬個")
    >>> view.text, view.original_span(3, 8)
    ('学位数4.5万个', (13, 18))
    >>> view = matching_view("新增学位\\r\\n3000个")
    >>> view.text, view.original_span(5, 10)
    ('新增学位\\n3000个', (6, 11))
    """
    invisible = _invisible_spans(original)
    if not invisible and "\r" not in original:
        return build_view(original, find_debris(original))
    # debris (a page counter after a line break) is found in what is left, where every
    # line ends in one LF
    lines = build_view(original, invisible)
    debris = find_debris(lines.text)
    return lines.without(debris) if debris else lines


def _invisible_spans(original: str) -> list[tuple[int, int]]:
    """What the view drops before anything else: each CR before a LF (Windows line ends;
    a lone CR, an old Mac line end, reads as a LF: see _HALF_WIDTH), so that every line
    rule sees one LF; the zero-width characters web copies hide between characters; and
    in a letter-spaced text (PDF text with a space after every character: 新 增 学 位 3 2 0 0
    个) each single space between two characters.

    >>> text = "全 县 新 增 学 位 3 2 0 0 个 , x x 市  2021 年"
    >>> view = build_view(text, _invisible_spans(text))
    >>> view.text, view.original_span(6, 10)
    ('全县新增学位3200个,xx市  2021年', (12, 19))
    """
    spans = ([m.span() for m in _INVISIBLE.finditer(original)]
             if any(ch in original for ch in _INVISIBLE_CHARACTERS) else [])
    if _letter_spaced(original):
        spans = sorted(spans + [(i, i + 1) for i in _letter_spaces(original)])
    else:
        if _digits_spaced(original):  # digits spaced one by one in a line (达7 2 . 6 %, OCR text): one number
            runs = list(_SPACED_DIGITS.finditer(original))
            if len(runs) >= normalize_data().spaced_digits_text_min:  # (a text spaced so: 9 9.6％ too)
                runs += _short_spaced_digits().finditer(original)
            blanks = {(i, i + 1) for run in runs for i in range(run.start() + 1, run.end(), 2)}
            spans = sorted({*spans, *blanks})
        if (spaced := _spaced_line_blanks(original)):  # a title set letter-spaced (政 府 工 作 报 告)
            spans = sorted(spans + spaced)
    return spans


def _spaced_line_blanks(text: str) -> list[tuple[int, int]]:
    """The blanks between the characters of a line that is three Han characters or more,
    each standing alone (政 府 工 作 报 告, 工　作　总　结: a title set letter-spaced).

    >>> text = "政 府 工 作 报 告\\n各位代表: 现在 我代表"
    >>> build_view(text, _spaced_line_blanks(text)).text
    '政府工作报告\\n各位代表: 现在 我代表'
    """
    return [m.span() for line in _SPACED_LINE.finditer(text) for m in _BLANK_RUN.finditer(text, *line.span())]


# zero-width space, non-joiner, joiner, word joiner, a byte order mark inside a text, and
# a soft hyphen (a hyphenation point no reader sees: 3\xad200个)
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE_CHARACTERS = "\r" + _ZERO_WIDTH
_INVISIBLE = re.compile(f"\\r(?=\\n)|[{_ZERO_WIDTH}]+")
_SPACE_BETWEEN_HAN = compile_pattern(r"\p{Han}[ \u3000](?=\p{Han})")
_HAN_CHARACTER = compile_pattern(r"\p{Han}")
_SINGLE_SPACE = re.compile(r"(?<=\S)[ \u3000](?=\S)")
_SPACED_DIGITS = re.compile(r"(?<![\d.．])[\d.．](?: [\d.．]){2,}(?![\d.．])")
_DIGIT_OR_POINT = frozenset("0123456789.０１２３４５６７８９．")
_HAN_CLASS = f"[{class_body((CJK_UNIFIED,))}]"  # re, not regex: one pass over every text, and re is faster
_SPACED_LINE = re.compile(rf"(?m)^[ \t\u3000]*{_HAN_CLASS}(?:[ \u3000]{{1,3}}{_HAN_CLASS}){{2,}}"
                          rf"(?=[ \t\u3000]*$)")
_BLANK_RUN = re.compile(rf"(?<={_HAN_CLASS})[ \u3000]+(?={_HAN_CLASS})")


@lru_cache(maxsize=1)
def _short_spaced_digits() -> re.Pattern[str]:
    """Two or more digits spaced one by one before the rest of a number and its unit (9 9.6％)."""
    return re.compile(normalize_data().short_spaced_digits)


def _digits_spaced(text: str) -> bool:
    """Whether a blank stands between two digits or points anywhere (a cheap test before
    _SPACED_DIGITS: most texts have few blanks, and none of them so)."""
    at = text.find(" ")
    while at != -1:
        if 0 < at < len(text) - 1 and text[at - 1] in _DIGIT_OR_POINT and text[at + 1] in _DIGIT_OR_POINT:
            return True
        at = text.find(" ", at + 1)
    return False


def _letter_spaced(text: str) -> bool:
    """Whether a text has a space after `letter_spaced_share` of its Han characters or
    more, each followed by another (a PDF's letter-spaced text)."""
    share = normalize_data().letter_spaced_share
    spaces = text.count(" ") + text.count("\u3000")
    if spaces < share * len(text) / 2:  # most texts: far too few spaces to look further
        return False
    han = len(_HAN_CHARACTER.findall(text))
    return han > 0 and len(_SPACE_BETWEEN_HAN.findall(text)) >= share * han


def _letter_spaces(text: str) -> list[int]:
    """The single spaces between two characters (x x 市 is a masked xx市 too)."""
    return [m.start() for m in _SINGLE_SPACE.finditer(text)]


def reading_view(view: MatchingView) -> MatchingView:
    """The view claims are read in (see views_of).

    >>> text = "普通小学生均支出为 xx 元,职业高\\n中生均支出为 xx 元。"
    >>> reading_view(matching_view(text)).text
    '普通小学生均支出为 xx 元,职业高中生均支出为 xx 元。'
    """
    return views_of(view).reading


class Views(NamedTuple):
    """The three views of one text (see views_of)."""

    matching: MatchingView
    reading: MatchingView
    segmenting: MatchingView


def views_of(view: MatchingView) -> Views:
    """A matching view with the views made from it, its soft line breaks read once:

    - reading: claims are read in it; the matching view with the line breaks inside
      sentences dropped (see line_breaks), the matching view itself when there are none;
    - segmenting: reports are split in it; the reading view when the text is hard-wrapped
      (its sentences break at `hard_wrapped_share` of its lines or more, as a PDF copy's do,
      and so do its titles), else the matching view, where a headline stays a line of its own.

    >>> def lines(text):
    ...     return views_of(matching_view(text)).segmenting.text.split("\\n")
    >>> lines("XX\\n年春季学期开学暨义务教育均衡发展\\n工作会议讲话\\n"
    ...       "全县教育系统以办人民满意的教育为宗旨,以教育\\n均衡发展为重点。")[0]
    'XX年春季学期开学暨义务教育均衡发展工作会议讲话'
    >>> lines("2017年光山县高考再创辉煌\\n激情六月,高考大捷。万众瞩目的高考成绩已经揭晓。")[0]
    '2017年光山县高考再创辉煌'
    """
    headers = running_headers(view.text)
    if headers:
        view = view.without(headers)
    breaks = line_breaks(view.text)
    if not breaks.every:
        return Views(view, _without_number_blanks(view), view)
    reading = view.without(breaks.every)
    # a page set in phrases (breaks in phrase runs only) is no PDF copy
    wrapped = len(breaks.in_sentences) >= _unwrap_rules().hard_wrapped_share * breaks.lines
    return Views(view, _without_number_blanks(reading), reading if wrapped else view)


def _without_number_blanks(view: MatchingView) -> MatchingView:
    """The view without the blanks an editor set between a Han character and a number
    with its unit (normalize.yaml's number_blank); not after a qualifier that joins its
    token only when written next to it (约 420 万元: the token is 420 万元).

    >>> _without_number_blanks(matching_view("较上年增加 2600 万元,约 420 万元,巩固率 97.2% 98%")).text
    '较上年增加2600 万元,约 420 万元,巩固率 97.2% 98%'
    """
    pattern, prefixes = _number_blank()
    blanks = [m.span() for m in pattern.finditer(view.text) if not view.text.endswith(prefixes, 0, m.start())]
    return view.without(blanks) if blanks else view


@lru_cache(maxsize=1)
def _number_blank() -> tuple[Pattern, tuple[str, ...]]:
    numbers = numbers_data()
    pattern = normalize_data().number_blank_pattern(words([*numbers.scales, *numbers.units]))
    return compile_pattern(pattern), tuple(numbers.prefix_in_token)


def running_headers(text: str) -> list[tuple[int, int]]:
    """The spans of a PDF's running header (its title repeated at the top of every page:
    某县教育局2020年工作总结) where it stands inside a sentence going on across it, each
    with the line break before it: a repeat of one of the text's first lines, shaped like a
    title, whose line before ends open and whose line after goes on it. A repeated title
    between two paragraphs may open a compilation's next report and stays.

    >>> text = ("某县教育局2020年工作总结\\n全年共投入教育资金\\n某县教育局2020年工作总结\\n3.25亿元。\\n"
    ...         "某县教育局2020年工作总结\\n二、存在问题")
    >>> [text[a:b] for a, b in running_headers(text)]
    ['\\n某县教育局2020年工作总结']
    """
    rules = _unwrap_rules()
    head = text[:rules.header_reach]
    lines = [(head[start:end].strip(), end) for start, end in line_contents(head)]
    # a title set over two lines (某县教育局 / 2023年工作总结) repeats on one
    joined = [(a + b, end) for (a, _), (b, end) in pairwise(lines)]
    firsts: dict[str, int] = {}  # each title-shaped line and where it first ends
    for line, end in sorted([*lines, *joined], key=lambda item: item[1]):
        if rules.title_end.search(line):
            firsts.setdefault(line, end)
    spans: list[tuple[int, int]] = []
    for title, end in firsts.items():
        at = text.find(title, end)
        while at >= 0:
            spans += _header_at(text, at, at + len(title), rules)
            at = text.find(title, at + len(title))
    return sorted(spans)


def _header_at(text: str, start: int, end: int, rules: UnwrapRules) -> list[tuple[int, int]]:
    """[(the line break before it, its end)] if text[start:end] is a whole line inside a
    sentence going on across it, else []."""
    line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", end)
    if line_start == 0 or line_end < 0 or text[line_start:start].strip() or text[end:line_end].strip():
        return []
    before = text[text.rfind("\n", 0, line_start - 1) + 1:line_start - 1].strip()
    after_end = text.find("\n", line_end + 1)
    after = text[line_end + 1:after_end if after_end >= 0 else len(text)].strip()
    if not (before and after and rules.open_end.search(before) and rules.continuation.match(after)
            and _joins(before, after, rules)):
        return []
    return [(line_start - 1, line_end)]


class LineBreaks(NamedTuple):
    """A text's soft line breaks (with their blanks), in text order."""

    in_sentences: list[tuple[int, int]]  # inside sentences, by the unwrap rule (_joins)
    every: list[tuple[int, int]]  # those and the breaks inside runs of short phrase lines
    lines: int  # the text's non-blank lines


def line_breaks(text: str) -> LineBreaks:
    """The line breaks inside sentences, by the rule of extractor/data/normalize.yaml
    (unwrap), and those inside runs of short phrase lines (see _phrase_line); each line
    is read once.

    >>> text = "就\\n2021 年度履行教育职责情况和 2022 年教育领域相关重点\\n工作推进情况进行全面自查"
    >>> line_breaks(text).every
    [(1, 2), (33, 34)]
    >>> line_breaks("公用经费\\n8059.35\\n万元,实现公办学校和民办学校共享").every
    [(4, 5), (12, 13)]
    >>> line_breaks("2017年光山县高考再创辉煌工作总结\\n激情六月,高考大捷")
    LineBreaks(in_sentences=[], every=[], lines=2)
    """
    rules = _unwrap_rules()
    # each non-blank line's content, its blanks left out (a break goes with the blanks around it)
    lines = list(line_contents(text))
    stripped = [text[start:end] for start, end in lines]
    # whether a line may end (open) and start (goes_on) a sentence broken at its end:
    # the rule's first test, made once per line rather than once per pair
    open_end = [rules.open_end.search(s) is not None for s in stripped]
    goes_on = [rules.continuation.match(s) is not None for s in stripped]
    phrase = [_phrase_line(s, rules) for s in stripped]
    gaps = [text.count("\n", lines[i][1], lines[i + 1][0]) for i in range(len(lines) - 1)]
    soft = _soft_gap(gaps, open_end, goes_on, rules)
    joins: list[tuple[int, int]] = []
    in_runs: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []  # the breaks of the current run of short phrase lines
    listed = False  # in a related list or readers' comments (相关文章, 网友评论): one item a line
    for i in range(len(lines) - 1):
        a_end, b_start = lines[i][1], lines[i + 1][0]
        listed = listed or rules.list_head.fullmatch(stripped[i]) is not None
        if gaps[i] != soft:  # a blank line between them (or more): a paragraph ends
            in_runs += run if len(run) + 1 >= rules.short_run_min else []
            run, listed = [], False
            continue
        if listed:
            continue
        # (the line goes on a long line before it: both cut by the page's width)
        continued = bool(joins) and joins[-1][1] == lines[i][0] and len(stripped[i - 1]) >= rules.min_length
        if ((open_end[i] and goes_on[i + 1] and _joins(stripped[i], stripped[i + 1], rules, continued))
                or _label_and_value(stripped[i], stripped[i + 1], rules)):
            joins.append((a_end, b_start))
        if phrase[i] and phrase[i + 1]:
            run.append((a_end, b_start))
        else:
            in_runs += run if len(run) + 1 >= rules.short_run_min else []
            run = []
    in_runs += run if len(run) + 1 >= rules.short_run_min else []
    return LineBreaks(joins, sorted(set(joins + in_runs)) if in_runs else joins, len(lines))


def _soft_gap(gaps: list[int], open_end: list[bool], goes_on: list[bool], rules: UnwrapRules) -> int:
    """How many line ends a line break inside a paragraph has: 1, or 2 in a double-spaced
    copy (a PDF's text with a blank line after every line): at least `double_spaced_min`
    breaks over one blank line, hardly any (`double_spaced_single_share`) over none, and
    at `hard_wrapped_share` of them a sentence going on (so that a web page's paragraphs,
    a blank line apart, stay apart).

    >>> gaps, ends = [2] * 12, [True] * 13
    >>> rules = _unwrap_rules()
    >>> _soft_gap(gaps, ends, ends, rules), _soft_gap(gaps, [False] * 13, ends, rules)
    (2, 1)
    """
    doubles = [i for i, gap in enumerate(gaps) if gap == 2]
    singles = gaps.count(1)
    if len(doubles) < rules.double_spaced_min or singles > rules.double_spaced_single_share * len(doubles):
        return 1
    going_on = sum(1 for i in doubles if open_end[i] and goes_on[i + 1])
    return 2 if going_on >= rules.hard_wrapped_share * len(doubles) else 1


def _phrase_line(line: str, rules: UnwrapRules) -> bool:
    """A short line ending no sentence, as a page set in phrases has them (an
    infographic's text: 全市义务教育阶段学校中 / 新建有6所,改扩建有48所 / 共增加学位15700个):
    `short_run_min` of them in a row are one sentence; not a table's row of numbers (学校奖学金 360 18)."""
    return (0 < len(line) < rules.min_length and not rules.stop_end.search(line)
            and not rules.heading_start.match(line) and not rules.title_end.search(line)
            and not rules.key_value.match(line) and not _table_row_of_numbers(line, rules))


class UnwrapRules(NamedTuple):
    """The compiled unwrap section of extractor/data/normalize.yaml."""

    open_end: Pattern
    continuation: Pattern
    fragment: Pattern
    title_end: Pattern
    heading_start: Pattern
    key_value: Pattern
    ad_line: Pattern  # search: an ad's words (广告 |, 点击购买): a line of its own
    serial_row: Pattern  # match: a table's row opening with its serial number
    dated_end: Pattern
    table_row: Pattern
    bar_row: Pattern
    caption_line: Pattern  # search: a table's caption (表1 …, …单位:万元), a line of its own
    table_cells_min: int
    cell_punct: Pattern
    paragraph_stop: Pattern
    long_heading: int
    clause_comma: Pattern
    min_length: int
    hard_wrapped_share: float
    double_spaced_min: int
    double_spaced_single_share: float
    header_reach: int
    masked_number: Pattern
    unit_start: Pattern
    number_tail_start: Pattern  # `match`: the rest of a number with its unit (800个)
    number_end: Pattern
    qualifier_start: Pattern
    value_line: Pattern
    short_run_min: int
    stop_end: Pattern
    list_head: Pattern  # fullmatch: a related-article list's or comments' head (相关文章, 往期推荐, 网友评论)


def _joins(first: str, second: str, rules: UnwrapRules, continued: bool = False) -> bool:
    """Whether the break between two lines (stripped, the first open at its end and the
    second going on: see line_breaks) lies inside a sentence; a first line that goes on a
    long line before it (`continued`) is as long as the page's width cut it, however short."""
    if rules.heading_start.match(second) or rules.title_end.search(first):
        return False
    if rules.heading_start.match(first) and not _opens_paragraph(first, rules):
        # a heading is a line of its own, unless a number wraps at its end (2.全年新增学位1\n800个)
        return bool(_HAN_BEFORE_DIGITS.search(first)) and rules.number_tail_start.match(second) is not None
    if rules.key_value.match(second):
        return False  # 来源: ..., 发布时间: ...: a line of its own
    if rules.ad_line.search(first) or rules.ad_line.search(second):
        return False  # an ad (广告 | …1680元/人 立即报名): a line of its own
    if rules.serial_row.match(second):
        return False  # a table's numbered row (3 乡镇卫生院改造 投资2400万元 县卫健局)
    if rules.dated_end.search(first):
        return False  # a related article's headline, its date closing it
    if _table_rows(first, second, rules) or _table_row_of_numbers(first, rules):
        return False  # two rows of a table (项目    人数    金额), or a table's last row
    if rules.bar_row.search(first) or rules.bar_row.search(second):
        return False  # a row of cells parted by bars or tabs (指标 | 2020年 | 2025年 | 属性)
    if rules.caption_line.search(first):
        return False  # a table's caption (表1 …执行情况表 单位:万元) over its header
    if first[-1] in "%‰":
        return rules.qualifier_start.match(second) is not None  # 92.5%\n以上, no other line
    if first[-1] in ".．" or second[0] in ".．":  # a number parted at its decimal point (投资1.\n2亿元)
        return first[-2:-1].isdigit() if first[-1] in ".．" else first[-1].isdigit()
    if first[-1].isdigit() and _THOUSANDS_GROUP.match(second):
        return True  # a number parted before its thousands' comma (资助资金3\n,218万元)
    if first[-1].isdigit() and second[0].isdigit() and not _HAN_BEFORE_DIGITS.search(first):
        return False  # two numbers: a post's date or likes over its first line (2023-07-16\n58.5%的…)
    if (rules.fragment.match(first) or rules.fragment.match(second) or second[0].isdigit()
            or rules.masked_number.match(second)):
        return True  # a number alone, or a line opening with a number (xxxxx.xx 元)
    if rules.number_end.search(first) and rules.unit_start.match(second):
        return True  # a number and its unit, parted by a narrow column (新增学位3200\n个, 1.2亿\n元)
    # a line opening with a masked name (xx 县人民政府…) goes on a long line only: after
    # a short one (侵权投诉) it may as well open a title
    return (continued or len(first) >= rules.min_length) and not rules.key_value.match(first)


_THOUSANDS_GROUP = compile_pattern(r"[,，]\d{3}(?!\d)")  # a line opening on a thousands group (,218万元)
# a line's last digits right after a Han character (学费3\n80万元: a number wrapped between its
# digits), not after a blank, a dash or a colon (赞 128, 2023-07-16, 15:02: furniture's numbers)
_HAN_BEFORE_DIGITS = compile_pattern(r"\p{Han}\d+(?:\.\d+)?$", regex.REVERSE)  # (学位1.3\n5万个 too)


def _label_and_value(first: str, second: str, rules: UnwrapRules) -> bool:
    """Whether a line ending with a colon is a label and the next line, a number with its
    unit alone, its value (an infographic's text: 高中阶段毛入学率:\n97.2%).

    >>> rules = _unwrap_rules()
    >>> _label_and_value("高中阶段毛入学率:", "97.2%", rules)
    True
    >>> _label_and_value("主要做法:", "2023年,全县…", rules)
    False
    """
    return first[-1:] in ":：" and rules.value_line.fullmatch(second) is not None


def _table_rows(first: str, second: str, rules: UnwrapRules) -> bool:
    """Whether two lines are rows of a table flattened to text: both with a column gap (a
    run of blanks, a tab), or as many cells as each other parted by single blanks and no
    punctuation in either (县区 参考人数 本科上线 上线率 / 城关区 5126 3862 75.34%), or one fewer in
    a row of numbers closing on a total's (3 九年一贯制学校 4 1435 143.5 / 合计 88 31865 3186.5).

    >>> _table_rows("3 九年一贯制学校 4 1435 143.5", "合计 88 31865 3186.5", _unwrap_rules())
    True
    """
    if rules.table_row.search(first) and rules.table_row.search(second):
        return True
    cells, second_cells = first.split(), second.split()
    if len(cells) < rules.table_cells_min or any(rules.cell_punct.search(line) for line in (first, second)):
        return False
    return len(second_cells) == len(cells) or (
        len(second_cells) == len(cells) - 1 and rules.fragment.match(cells[-1]) is not None
        and rules.fragment.match(second_cells[-1]) is not None)


def _table_row_of_numbers(line: str, rules: UnwrapRules) -> bool:
    """Whether a line is a table's row: `table_cells_min` cells or more parted by blanks, no
    punctuation, the last two bare numbers (游家镇中心学校 612 306000 518 323750).

    >>> rules = _unwrap_rules()
    >>> _table_row_of_numbers("游家镇中心学校 612 306000 518 323750", rules), _table_row_of_numbers(
    ...     "2021 年度履行教育职责情况和 2022", rules)
    (True, False)
    """
    cells = line.split()
    return (len(cells) >= rules.table_cells_min and not rules.cell_punct.search(line)
            and all(rules.fragment.match(cell) for cell in cells[-2:]))


def _unit_start() -> Pattern:
    """A line's start that is a number's unit, its scale first if any (万元, 个, %: the
    units and scales of extractor/data/numbers.yaml)."""
    numbers = numbers_data()
    return compile_pattern(f"(?:{words(numbers.scales)})?(?:{words(numbers.units)})")


def _number_tail_start() -> Pattern:
    """A line's start that is the rest of a number with its unit (800个, 5万个, 6亿元)."""
    numbers = numbers_data()
    return compile_pattern(rf"\d[\d.]*[ \t]*(?:{words(numbers.scales)})?(?:{words(numbers.units)})")


def _number_end() -> Pattern:
    """A line's end that is a number waiting for its unit: digits, a scale after them if
    any (3200, 1.2亿), searched from the end."""
    return compile_pattern(rf"\d[ \t]*(?:{words(numbers_data().scales)})?$", regex.REVERSE)


def _value_line() -> Pattern:
    """A line that is a number with its unit and nothing else (97.2%, 3200个, 1.35亿元, 93%以上:
    numbers.yaml's scales, units and qualifiers)."""
    numbers = numbers_data()
    number = rf"(?:{words(numbers.prefix_qualifiers)})?\d[\d.,]*[ \t]*(?:{words(numbers.scales)})?"
    return compile_pattern(rf"{number}(?:{words(numbers.units)})(?:{words(numbers.suffix_qualifiers)})?")


def _qualifier_start() -> Pattern:
    """A line's start that is a number's qualifier (以上, 左右: numbers.yaml)."""
    return compile_pattern(words(numbers_data().suffix_qualifiers))


def _opens_paragraph(line: str, rules: UnwrapRules) -> bool:
    """Whether a line opening with a heading's number is a paragraph's first line, which
    may go on on the next (（一）办学条件持续改善。全年共投入教育资金 3.25), not a heading alone.

    >>> rules = _unwrap_rules()
    >>> _opens_paragraph("（一）办学条件持续改善。全年共投入教育资金 3.25", rules)
    True
    >>> _opens_paragraph("一、主要工作成效", rules)
    False
    >>> _opens_paragraph("(一)力争学前三年毛入园率达到94%以上,九年义务教育巩固率", rules)
    True
    """
    if len(line) < rules.min_length:
        return False
    return rules.paragraph_stop.search(line) is not None or (
        len(line) >= rules.long_heading and rules.clause_comma.search(line) is not None)


@lru_cache(maxsize=1)
def _unwrap_rules() -> UnwrapRules:
    u = normalize_data().unwrap
    # the patterns of a line's end are searched from that end (REVERSE): a class before $
    # is otherwise tried at every position of the line first
    return UnwrapRules(open_end=compile_pattern(u.open_end, regex.REVERSE),
                       continuation=compile_pattern(u.continuation),
                       fragment=compile_pattern(u.fragment), title_end=compile_pattern(u.title_end),
                       heading_start=compile_pattern(u.heading_start), key_value=compile_pattern(u.key_value),
                       ad_line=compile_pattern(u.ad_line), serial_row=compile_pattern(u.serial_row),
                       dated_end=compile_pattern(u.dated_end),
                       table_row=compile_pattern(u.table_row), bar_row=compile_pattern(u.bar_row),
                       caption_line=compile_pattern(u.caption_line),
                       table_cells_min=u.table_cells_min,
                       cell_punct=compile_pattern(u.cell_punct),
                       paragraph_stop=compile_pattern(u.paragraph_stop),
                       long_heading=u.long_heading, clause_comma=compile_pattern(u.clause_comma),
                       min_length=u.min_length, hard_wrapped_share=u.hard_wrapped_share,
                       double_spaced_min=u.double_spaced_min,
                       double_spaced_single_share=u.double_spaced_single_share,
                       header_reach=u.header_reach,
                       masked_number=compile_pattern(u.masked_number), unit_start=_unit_start(),
                       number_tail_start=_number_tail_start(),
                       number_end=_number_end(), qualifier_start=_qualifier_start(), value_line=_value_line(),
                       short_run_min=u.short_run_min,
                       stop_end=compile_pattern(u.stop_end, regex.REVERSE),
                       list_head=compile_pattern(alternation([*segmentation_data().related_list_heads,
                                                              *segmentation_data().comment_heads])))


def find_page_splices(original: str) -> list[tuple[int, int]]:
    """Spans of page counters spliced into sentences by a document dump.

    Counters count only when they run in sequence (2、 3、 4、 ...), as page numbers
    do, so an ordinary list item on its own line is left alone.

    >>> find_page_splices("模式“x+\\n2、x+x”帮扶。本科上\\n3、线率xx%")
    [(5, 8), (18, 21)]
    >>> find_page_splices("模式“x+  \\n\u3000\u30002、x+x”帮扶。本科上\\n3、线率xx%")
    [(5, 12), (22, 25)]
    """
    found = [(start, m.end(), int(m.group(1))) for m in _PAGE_COUNTER.finditer(original)
             if (start := _blanks_start(original, m.start())) > 0
             and original[start - 1] not in _NOT_BEFORE_COUNTER]
    spans: list[tuple[int, int]] = []
    for i, (start, end, number) in enumerate(found):
        before = found[i - 1][2] if i else None
        after = found[i + 1][2] if i + 1 < len(found) else None
        if before == number - 1 or after == number + 1:
            spans.append((start, end))
    return spans


def _blanks_start(text: str, end: int) -> int:
    """Where the run of line blanks ending at `end` starts."""
    start = end
    while start > 0 and text[start - 1] in _LINE_BLANKS:
        start -= 1
    return start


def build_view(original: str, drop: Iterable[tuple[int, int]] = ()) -> MatchingView:
    """Build the matching view, leaving out the `drop` spans of the original.

    >>> build_view("學前一年幼兒入園率達到９３．５％，ＸＸ年（一）").text
    '学前一年幼儿入园率达到93.5%,XX年(一)'
    """
    codes = code_points(original)
    text, offsets = original, None
    if spans := merge_spans(sorted(drop)):  # left out first: a phrase a soft hyphen parts converts whole
        kept = MatchingView(original, None, codes).without(spans)
        text, offsets, codes = kept.text, kept.original_offsets, kept.codes
    simplified = _simplified(text, codes)
    if simplified is not text:
        codes = code_points(simplified)
    converted, codes = _TO_HALF_WIDTH.translate(simplified, codes)
    converted, codes = _ocr_repaired(converted, codes)
    converted, codes = _sign_entities_read(converted, codes)
    converted, codes = _replacement_marks_read(text, converted, codes)
    return MatchingView(converted, offsets, codes)


def _replacement_marks_read(text: str, converted: str, codes: np.ndarray) -> tuple[str, np.ndarray]:
    """`converted` (of `text`, offset for offset) with a lossy conversion's question marks
    read as replacement_mark_view (see extractor/data/normalize.yaml), when the text holds enough.

    >>> text = "新建南溪?第四小學,?投?9600萬元。新增小??位1620個。你好吗?好。"
    >>> _replacement_marks_read(text, text, code_points(text))[0]
    '新建南溪□第四小學,□投□9600萬元。新增小□□位1620個。你好吗?好。'
    """
    if "?" not in text:
        return converted, codes
    mark, any_mark, question, least, view_mark = _replacement_rules()
    if sum(1 for m in mark.finditer(text) if not _after_a_question(text, question, m.start())) < least:
        return converted, codes
    marks = [m.start() for m in any_mark.finditer(text) if not _after_a_question(text, question, m.start())]
    chars, codes = list(converted), codes.copy()
    for i in marks:
        chars[i] = view_mark
        codes[i] = ord(view_mark)
    return "".join(chars), codes


def _after_a_question(text: str, question: Pattern, at: int) -> bool:
    """Whether a question's word stands right before the question mark at `at` (多少?)."""
    return question.search(text, max(0, at - QUESTION_REACH), at) is not None


QUESTION_REACH = 10  # characters before a question mark a question's word is looked for in


@lru_cache(maxsize=1)
def _replacement_rules() -> tuple[Pattern, Pattern, Pattern, int, str]:
    data = normalize_data()
    return (compile_pattern(data.replacement_mark), compile_pattern(data.replacement_any),
            compile_pattern(data.question_before), data.replacement_marks_min, data.replacement_mark_view)


def _sign_entities_read(text: str, codes: np.ndarray) -> tuple[str, np.ndarray]:
    """The text with the ";" closing a bound sign's entity read as a blank (normalize.yaml's
    sign_entity_end), its length kept; `codes` its code points.

    >>> text = "初中辍学率&lt;0.5%;巩固率&GT;98%"
    >>> _sign_entities_read(text, code_points(text))[0]
    '初中辍学率&lt 0.5%;巩固率&GT 98%'
    """
    if "&" not in text:
        return text, codes
    ends = [m.start() for m in _sign_entity_end().finditer(text)]
    if not ends:
        return text, codes
    chars, codes = list(text), codes.copy()
    for i in ends:
        chars[i] = " "
        codes[i] = ord(" ")
    return "".join(chars), codes


@lru_cache(maxsize=1)
def _sign_entity_end() -> Pattern:
    return compile_pattern(normalize_data().sign_entity_end)


def _ocr_repaired(text: str, codes: np.ndarray) -> tuple[str, np.ndarray]:
    """The text with OCR's misread digits inside numbers read as digits (normalize.yaml's
    ocr_number), its length and so every offset kept; `codes` its code points.

    >>> text = "投入l 200万元,总投资8O00万元,入园率9l.6%,OK 2O2O,支出9。8亿元。2023年"
    >>> _ocr_repaired(text, code_points(text))[0]
    '投入1 200万元,总投资8000万元,入园率91.6%,OK 2O2O,支出9.8亿元。2023年'
    """
    pattern, digits, point = _ocr_rules()
    runs = [m.span() for m in pattern.finditer(text)] if any(letter in text for letter in digits) else []
    points = [m.start() for m in point.finditer(text)] if "。" in text else []
    if not runs and not points:
        return text, codes
    chars = list(text)
    codes = codes.copy()
    for start, end in runs:
        for i in range(start, end):
            if (digit := digits.get(chars[i])) is not None:
                chars[i] = digit
                codes[i] = ord(digit)
    for i in points:
        chars[i] = "."
        codes[i] = ord(".")
    return "".join(chars), codes


@lru_cache(maxsize=1)
def _ocr_rules() -> tuple[re.Pattern[str], dict[str, str], re.Pattern[str]]:
    data = normalize_data()
    return re.compile(data.ocr_number), dict(data.ocr_digits), re.compile(data.ocr_point)
