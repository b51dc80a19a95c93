"""Number tokens: find quantities with units in the matching view and resolve their values.

A token is what the contract calls the number token: `99.04%`, `1450万元`, `270多万元`,
`xxxx个`, `近x千万元`, `三千余个`. Its value is normalized (money to 万元) as an exact
Decimal; a masked token has no value. The surface forms come from data/numbers.yaml.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import numpy as np
import regex

from extractor.extract.tables import captioned_cells, headed_cells, parted_by_runs
from extractor.text.codepoints import CharacterFlags, code_points
from extractor.text.han import CJK_UNIFIED, class_body
from extractor.text.patterns import Pattern, compile_pattern, words
from extractor.vocab.numbers import numbers_data


@dataclass(frozen=True)
class UnitSpec:
    unit: str
    unit_class: str  # percent, points, money, count
    factor: Decimal


# slots, not frozen: tens of thousands are made per MB, and a frozen init costs about 3x;
# keyword-only: its three ints and three strs could be swapped unseen in a positional call
@dataclass(slots=True, kw_only=True)
class NumberToken:
    """A quantity in the view: span, surface, value and the qualifier written inside it."""

    start: int
    end: int
    surface: str
    value: Decimal | None  # None when masked
    unit: str  # normalized unit
    unit_class: str
    placeholder: bool
    qualifier: str  # from inside the token (近…, …多…, …余…); "exact" otherwise
    ordinal: bool = False  # preceded by 第

    @property
    def unit_unwritten(self) -> bool:
        """Whether the text writes no unit after it: a table's bare cell (its unit a header's),
        masked too (xxxx), a list's earlier item, a rate of nothing (辍学率为0)."""
        return self.surface[-1].isdigit() or (self.placeholder and self.surface[-1] in grammar().masks)


@dataclass(frozen=True, eq=False)
class NumberGrammar:
    pattern: re.Pattern[str]
    gate: CharacterFlags  # the places where `pattern` may match (see grammar(), _gate)
    units: dict[str, UnitSpec]
    scales: dict[str, Decimal]
    fractions: dict[str, Decimal]  # 百分之 -> 1, 千分之 -> 0.1 (in %)
    currencies: dict[str, str]  # ¥ -> 元
    prefix_qualifiers: dict[str, str]
    prefix_qualifier_look_alikes: tuple[str, ...]  # 远近: no 近
    suffix_qualifiers: dict[str, str]
    suffix_qualifier: Pattern  # one of suffix_qualifiers, longest first (group `word`), after a gap
    prefix_in_token: frozenset[str]
    qualifier_verbs: tuple[str, ...]
    qualifier_per: str  # a pattern
    blank_after: str
    blank_unit_statement: Pattern  # search up to a blank: a unit's statement before it
    inner_at_least: frozenset[str]
    masks: str
    mask_only: regex.Pattern[str]
    digits: dict[str, int]
    max_integer_digits: int
    chinese_multipliers: frozenset[str]  # 十, 百, 千: a number in words opening with one
    numeral_characters: frozenset[str]  # the digits and multipliers of a number in words
    inner_scales: frozenset[str]  # 万, 亿 inside a number in words (一万二千)
    indefinite_before: tuple[str, ...]  # after these is no number (数千个, 几百万元)
    indefinite_after: tuple[str, ...]  # a numeral before these is an indefinite one's head (七十几)
    numeral_term_heads: tuple[str, ...]  # a numeral in words after these is a term's (普九)
    scales_after_breaking: tuple[str, ...]  # a bare 万/亿 after these is one (突破万人)
    numeral_name_units: frozenset[str]
    numeral_name_next: re.Pattern[str]  # what after such a unit makes it a name's (三元区)
    range_low_end: re.Pattern[str]  # for `search` ending at a high end's start
    range_low_reach: int
    range_ends: frozenset[str]  # the characters range_low_end may end with
    range_gap: re.Pattern[str]  # fullmatch between a range's two ends
    zero_rate: re.Pattern[str]  # a rate of nothing with no percent sign (辍学率为0,)
    zero_count: re.Pattern[str]  # a count of nothing with no counting word (辍学人数为0)
    list_low_end: re.Pattern[str]  # for `search` ending at a list's last item
    list_low_reach: int
    list_joiners: str  # characters parting a list's items (、和)
    labelled_row: re.Pattern[str]  # a table row naming its cells' unit in its label
    labelled_cell: re.Pattern[str]
    unit_caption: re.Pattern[str]  # a table's caption naming its cells' unit (单位:万元)
    money_column: re.Pattern[str]  # a header naming money (下达金额), under a caption of two units
    header_unit: re.Pattern[str]  # a header cell naming its column's unit (资助金额(万元))
    count_header_words: tuple[str, ...]  # 人数, 上线: a header cell counting people, without brackets
    count_header: re.Pattern[str]  # search: such a word at a cell's end (辍学人数\t, 参考人数 |)
    counted_unit: str  # 人: the unit of such a column's cells
    table_rows_reach: int


# a number in Arabic digits, thousands separated or not (1450, 99.04, 12,275)
ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
# the number pattern's groups, in order (a token is read off Match.groups())
TOKEN_GROUPS = ("prefix", "fraction", "share", "tenths", "currency", "num", "gap", "inner1", "scale",
                "inner2", "unit")
# blanks a token may hold between its number and its unit (1.25 亿元, xxxxx.xx 元), and a
# line break where the number stands at the start of its line (PDF text: 8059.35\n万元)
GAP = r"(?P<gap>[ \t]+|[ \t]*\n[ \t]*)?"
SPACES = " \t\n"


def _prefixes(prefixes: list[str], look_alikes: list[str]) -> str:
    """The prefix qualifiers a token may open with, none as the tail of a word that is no
    qualifier (节约43.2万元, 制约: no 约).

    >>> _prefixes(["约", "近"], ["节约", "远近"])
    '(?<!节)约|(?<!远)近'
    """
    alternatives = []
    for word in sorted(prefixes, key=len, reverse=True):
        heads = [alike[:-len(word)] for alike in look_alikes if alike.endswith(word) and alike != word]
        alternatives.append("".join(f"(?<!{regex.escape(head)})" for head in heads) + regex.escape(word))
    return "|".join(alternatives)


@lru_cache(maxsize=1)
def grammar() -> NumberGrammar:
    data = numbers_data()
    digits = dict(data.chinese_digits)
    cn_chars = "".join(digits) + "".join(data.chinese_multipliers)
    inner_scales = "".join(data.chinese_inner_scales)
    point = regex.escape(data.chinese_point)
    cn_digits = "".join(digits)
    multipliers = "".join(data.chinese_multipliers)
    zero = "".join(k for k, v in digits.items() if v == 0)
    # more of a number in digits after a scale inside it (1亿2000万元, 3万5千人, 1亿6,800万元),
    # only where a scale or a unit follows it (1亿2019年 is 1亿 and a year)
    scale_or_unit = rf"(?:{words(data.scales)}|{words(data.units)})"
    inner_digits = (rf"(?:[{inner_scales}][{zero}]?(?:\d{{1,3}}(?:,\d{{3}})+|\d+)[{multipliers}]?"
                    rf"(?=[ \t]*{scale_or_unit}))*")
    masks = data.mask_characters
    mask_class = "[" + regex.escape(masks) + "]"
    inner = words(data.inner_at_least)
    scale_or_unit_next = rf"[ \t]*(?:{inner})?[ \t]*{scale_or_unit}"  # 2百余万元
    units = {k: UnitSpec(v.unit, v.class_, v.factor) for k, v in data.units.items()}
    measure = data.measure_before_scale
    blank = regex.escape(data.blank_after)
    fractions, currencies = data.fraction_prefixes, data.currency_prefixes
    starts = ("".join(digits) + "".join(data.chinese_multipliers) + masks
              + "".join(w[0] for w in fractions) + "".join(currencies))
    blank_units = data.blank_units
    # what may not stand before a number's first digit, or before a mask (x in text)
    # (a comma only after a digit: 12,275 is one number, 3000人次,219.6万元 two)
    blanks = regex.escape(data.thousands_blanks)
    # (nor after a digit, a line break and a comma: 3\n,218万元, a PDF's break before the group)
    digit_start = (rf"(?<![\d.A-Za-z])(?<![\dA-Za-z],)(?<!\d\n,)"
                   rf"(?<!\d[{regex.escape(data.not_after_digit_and)}])"
                   rf"(?<!\d\.[{regex.escape(data.not_after_point_and)}])"
                   # (3 200个, 2, 400个: no 400个; but 小学 2160 108万元, a row's cells: four digits
                   # make no thousands group, nor does a lone 0: 小学 2046 0 0 100%)
                   rf"(?:(?<!\d[{blanks}])(?<!\d,[{blanks}])|(?!\d{{3}}(?![\d.]))|(?<=\d{{4}}[{blanks}])"
                   rf"|(?<=\d[{blanks}]0[{blanks}]))"
                   # nor after a digit or point standing alone before a blank: digits spaced one
                   # by one (达7 2 . 6 %: no 6 %), and l,856.4万元 (an OCR'd 1) is no 856.4万元; but
                   # a number of two digits or more after cells is a row's next cell (初中 1081 3 2 99.1%;
                   # not 约 3 50 万元, an OCR'd 350)
                   rf"(?:(?<!(?<!\d)[\d.][{blanks}\t])|(?<=\d[{blanks}\t]\d[{blanks}\t])(?=[1-9]\d))")
    before_masks = "[A-Za-z]"
    arabic = ARABIC
    # digits and masks (98.X%, 9X.X%, 0.0x%): a cheap look ahead first, as few numbers are so
    partly_masked = (rf"(?=\d+(?:\.\d*)?{mask_class}){digit_start}"
                     rf"\d+(?:\.\d*)?{mask_class}+(?:\.(?:{mask_class}+|\d+))?(?![A-Za-z])")
    masked = rf"{mask_class}+(?:,{mask_class}{{3}})*(?:\.{mask_class}+)?"  # xx,xxx in thousands too
    half = regex.escape(data.tenths_half)
    pattern = rf"""
        (?=[\d{regex.escape(starts)}]|{words(data.prefix_in_token)}
           |(?<=[{blank}])(?:{words(blank_units)})
           |(?<![{cn_chars}])(?:{words(data.scales_before_inner)})(?:{inner})
           |(?<={words(data.scales_after_breaking)})(?:{words(data.scales_before_inner)}))  # a cheap gate
        (?P<prefix>{_prefixes(data.prefix_in_token, data.prefix_qualifier_look_alikes)})?
        (?:
            (?P<fraction>{words(fractions)})(?P<share>[{cn_chars}{point}]+|{arabic}  # 百分之3.2, 百分之五
                |{mask_class}+(?:\.{mask_class}+)?(?![A-Za-z\d]))                      # 百分之xx
          | (?P<tenths>[{"".join(k for k, v in digits.items() if v)}]{data.tenths_unit}  # 九成
                (?:[{cn_digits}](?![{cn_chars}{inner_scales}])|{half})?  # 九成五, 八成半
              | {digit_start}[1-9]{data.tenths_unit}{data.tenths_after_digit_next})  # 7成以上
          | (?P<currency>{words(currencies)})?
            (?P<num>
                {partly_masked}                                                  # 98.X, 9X.X
              | {digit_start}(?:\d[{multipliers}])+(?={scale_or_unit_next})    # 1千2百万元, 2百余万元
              | {digit_start}{arabic}{inner_digits}                            # 1450, 99.04, 12,275
              | (?<!{before_masks}){masked}(?![A-Za-z\d])                     # xxxx, xx.xx, ****
              | (?<![\dA-Za-z*])(?!\*\*){mask_class}+\d+(?![\d.A-Za-z%])  # x000元 (not ×100%, a formula,
                                                                  # nor **2500个**, Markdown's bold)
              | [{cn_chars}]+(?:[{inner_scales}][{cn_chars}]+)*                 # 三千, 一万二千
                (?:{point}[{cn_digits}]+)?                                      # 二点四
            )?
            {GAP}
            (?:{regex.escape(measure.word)}(?=(?:{inner})(?:{words(measure.scales)})))?  # 一个多亿
            (?P<inner1>{inner})?
            (?:{regex.escape(measure.word)}(?={words(measure.scales)}))?            # 2.3个亿
            (?P<scale>{words(data.scales)})?
            (?P<inner2>{inner})?
            [ \t]*
            (?P<unit>{words(units)})?
        )
    """
    # Every token's first character is one of `first` (a digit or mask only where the
    # pattern's lookbehinds let a number start); every token longer than one character
    # has one of `second` next (a lone % is a blank token). Looking for that over the
    # text's code points (_gate) is many times cheaper than trying the pattern everywhere.
    prefixes = "".join(data.prefix_in_token)
    first = starts + prefixes + "".join(u[0] for u in blank_units) + "".join(data.scales_before_inner)
    second = (cn_chars + data.chinese_point + masks + ".," + "".join(data.inner_at_least)
              + "".join(data.scales)
              + "".join(u[0] for u in units) + data.tenths_unit + "".join(w[1:2] for w in fractions)
              + prefixes + SPACES)
    decimal = _decimal_digits()
    letters = string.ascii_letters  # [A-Za-z]
    gate = CharacterFlags({
        "digit": decimal,
        "first": decimal + first,
        "second": decimal + second,
        "before_digit": decimal + "." + letters,  # digit_start
        "comma": ",",  # digit_start, after a digit
        "mask": masks,
        "letter": letters,  # before_masks
        "percent": "%",  # a blank token's only character
    })
    joiners = data.range_low_joiners
    compiled = re.compile(pattern, re.VERBOSE)  # no regex-only syntax in it, and re runs it faster
    if tuple(compiled.groupindex) != TOKEN_GROUPS:
        raise ValueError(f"the number pattern's groups must be {TOKEN_GROUPS}")
    return NumberGrammar(
        pattern=compiled,
        gate=gate,
        units=units,
        scales={k: Decimal(v) for k, v in data.scales.items()},
        fractions=dict(fractions),
        currencies=dict(currencies),
        prefix_qualifiers=dict(data.prefix_qualifiers),
        prefix_qualifier_look_alikes=tuple(data.prefix_qualifier_look_alikes),
        suffix_qualifiers=dict(data.suffix_qualifiers),
        suffix_qualifier=compile_pattern(f"{data.suffix_qualifier_gap}(?P<word>{words(data.suffix_qualifiers)})"),
        prefix_in_token=frozenset(data.prefix_in_token),
        qualifier_verbs=tuple(data.qualifier_verbs),
        qualifier_per=data.qualifier_per,
        blank_after=data.blank_after,
        blank_unit_statement=compile_pattern(data.blank_unit_statement),
        inner_at_least=frozenset(data.inner_at_least),
        masks=masks,
        mask_only=regex.compile(f"(?=[\\d.,]*[{regex.escape(masks)}])[\\d{regex.escape(masks)}.,]+"),
        digits=digits,
        max_integer_digits=data.max_integer_digits,
        chinese_multipliers=frozenset(data.chinese_multipliers),
        numeral_characters=frozenset(digits) | frozenset(data.chinese_multipliers),
        inner_scales=frozenset(inner_scales),
        indefinite_before=tuple(data.indefinite_before),
        indefinite_after=tuple(data.indefinite_after),
        numeral_term_heads=tuple(data.numeral_term_heads),
        scales_after_breaking=tuple(data.scales_after_breaking),
        numeral_name_units=frozenset(data.numeral_name_units),
        numeral_name_next=re.compile(f"[{class_body((CJK_UNIFIED,))}{re.escape(data.numeral_name_closers)}]"),
        range_low_end=re.compile(data.range_low_pattern()),
        range_low_reach=data.range_low_reach,
        range_ends=frozenset({j[-1] for j in joiners} | set(" \t")),
        range_gap=re.compile(
            "[ \t]*(?:" + "|".join(map(re.escape, sorted(joiners, key=len, reverse=True))) + ")[ \t]*"),
        zero_rate=re.compile(data.zero_rate),
        zero_count=re.compile(data.zero_count),
        list_low_end=re.compile(data.list_low_pattern()),
        list_low_reach=data.list_low_reach,
        list_joiners=data.list_low_joiners,
        labelled_row=re.compile(data.with_units(data.labelled_row)),
        labelled_cell=re.compile(data.labelled_cell),
        unit_caption=re.compile(data.with_units(data.unit_caption)),
        money_column=re.compile("|".join(map(re.escape, data.money_column_words))),
        header_unit=re.compile(data.with_units(data.header_unit)),
        count_header_words=tuple(data.count_header_words),
        count_header=re.compile(rf"(?:{'|'.join(map(re.escape, data.count_header_words))})(?:[ \t|]|$)",
                                re.M),
        counted_unit=data.counted_unit,
        table_rows_reach=data.table_rows_reach,
    )


def find_tokens(text: str) -> list[NumberToken]:
    """Every number token of `text`, left to right.

    >>> [(t.surface, t.value, t.unit) for t in find_tokens("一本上线283人,占考生人数的7.32%")]
    [('283人', Decimal('283'), '人'), ('7.32%', Decimal('7.32'), '%')]
    >>> [(t.surface, t.value, t.qualifier) for t in find_tokens("共免除杂费270多万元,发放4800元")]
    [('270多万元', Decimal('270'), 'at_least'), ('4800元', Decimal('0.48'), 'exact')]
    >>> [(t.surface, t.placeholder, t.qualifier) for t in find_tokens("将新增学位x万余个,拿出近x千万元")]
    [('x万余个', True, 'at_least'), ('近x千万元', True, 'at_most')]
    """
    return tokens_of(text, code_points(text))


def tokens_of(text: str, codes: np.ndarray) -> list[NumberToken]:
    """find_tokens of a text whose code points are `codes` (a matching view's, made once)."""
    g = grammar()
    tokens = []
    match = g.pattern.match
    resume = 0  # matches do not overlap, as with finditer
    for start in _gate(codes, g.gate):
        if start < resume or (m := match(text, start)) is None:
            continue
        resume = m.end()
        token = _resolve(m, text, g)
        if token is not None:
            tokens.append(token)
    return with_unwritten(text, tokens, g)


def _with_zero_rates(text: str, tokens: list[NumberToken], g: NumberGrammar) -> list[NumberToken]:
    """The tokens with the rates and counts of nothing written without a percent sign or a
    counting word put in their place.

    >>> [(t.surface, t.value, t.unit) for t in find_tokens("小学辍学率为0,初中辍学率为0.21%;入学率为零。")]
    [('0', Decimal('0'), '%'), ('0.21%', Decimal('0.21'), '%'), ('零', Decimal('0'), '%')]
    >>> [(t.surface, t.value, t.unit) for t in find_tokens("义务教育阶段辍学人数为0。")]
    [('0', Decimal('0'), '人')]
    """
    zeros = [NumberToken(start=m.start("zero"), end=m.end("zero"), surface=m.group("zero"), value=Decimal(0),
                         unit=unit, unit_class=g.units[unit].unit_class, placeholder=False, qualifier="exact")
             for pattern, unit in ((g.zero_rate, "%"), (g.zero_count, "人")) for m in pattern.finditer(text)]
    return sorted([*tokens, *zeros], key=lambda token: token.start) if zeros else tokens


MONEY = frozenset({"money"})  # the unit class of sums with their unit (元, 万元, 亿元)
MONEY_ANY = frozenset({"money", "bare_money"})  # ...and of a bare 万/亿 standing for one
_LEADING_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def with_unwritten(text: str, tokens: list[NumberToken], g: NumberGrammar) -> list[NumberToken]:
    """The tokens with the numbers written without a unit of their own put in their place:
    rates of nothing (辍学率为0), the low ends of ranges and the items of 分别 lists written
    with one unit (500—1000元, 分别为0、0.21%)."""
    tokens = _with_labelled_cells(text, _with_zero_rates(text, tokens, g), g)
    out: list[NumberToken] = []
    for token in tokens:
        if out and token.start and text[token.start - 1] in g.range_ends and (
                scaled := _scaled_low_end(text, out[-1], token, g)):
            out[-1] = scaled  # 1.2万-1.5万个, 1.2亿-1.5亿元: the low end's scale is its own
        elif token.start and text[token.start - 1] in g.range_ends and (low := _low_end(text, token, g)):
            out.append(low)
        elif token.start and text[token.start - 1] in g.list_joiners:
            out.extend(_list_items(text, token, g))
        out.append(token)
    return out


def _with_labelled_cells(text: str, tokens: list[NumberToken], g: NumberGrammar) -> list[NumberToken]:
    """The tokens with the bare numbers of tables put in their place where a row's label or
    unit cell (巩固率(%) | 95.6 | 96.2: 95.6% and 96.2%), a column's header cell (入学率(%)) or
    the table's caption (单位:万元) names their unit.

    >>> rows = "巩固率(%)|95.6|96.2\\n投入资金(万元)  1200  1350.5"
    >>> [(t.surface, t.value, t.unit) for t in find_tokens(rows)]  # doctest: +NORMALIZE_WHITESPACE
    [('95.6', Decimal('95.6'), '%'), ('96.2', Decimal('96.2'), '%'), ('1200', Decimal('1200'), '万元'),
     ('1350.5', Decimal('1350.5'), '万元')]
    """
    counting = any(word in text for word in g.count_header_words)
    if "(" not in text and "单位" not in text and "  " not in text and not counting:
        return tokens  # (the cheap look first: most texts have no table)
    spans = []
    for row in g.labelled_row.finditer(text):
        line_end = text.find("\n", row.end())
        line_end = len(text) if line_end < 0 else line_end
        unit = row["unit"] or row["unit_cell"]
        wide = parted_by_runs(text[row.end():line_end])
        spans += [(*cell.span("number"), unit) for cell in g.labelled_cell.finditer(text, row.end(), line_end)
                  if not (wide and _blank_split(text, *cell.span("number")))]
    # a row's label first, then a column's header, then the caption over the table: the
    # nearest says the unit (小学生数(人) under a caption 单位:万元 counts persons)
    if "(" in text or (counting and g.count_header.search(text)):  # (辍学人数 | 6)
        spans += headed_cells(text, g.header_unit, g.table_rows_reach, g.counted_unit)
    if "单位" in text:
        spans += captioned_cells(text, g.unit_caption, g.table_rows_reach, g.money_column)
    taken = {token.start for token in tokens}
    cells = []
    for start, end, unit in spans:
        if start not in taken and (token := _in_unit(text, start, end, unit, g)) is not None:
            cells.append(token)
            taken.add(start)
    return sorted([*tokens, *cells], key=lambda token: token.start) if cells else tokens


def _blank_split(text: str, start: int, end: int) -> bool:
    """Whether a single blank parts the number text[start:end] from digits before or after it:
    in a row whose cells are parted by runs of blanks, a number an OCR copy split (9 0.2).

    >>> row = "学前三年毛入园率    %    9 0.2    91.6"
    >>> [_blank_split(row, row.index(cell), row.index(cell) + len(cell)) for cell in ("9", "0.2", "91.6")]
    [True, True, False]
    """
    return (start >= 2 and text[start - 1] == " " and text[start - 2].isdigit()) or (
        end + 1 < len(text) and text[end] == " " and text[end + 1].isdigit())


def _in_unit(text: str, start: int, end: int, unit: str, g: NumberGrammar) -> NumberToken | None:
    """The number text[start:end] read as if `unit` were written after it (its span its own)."""
    written = text[start:end] + unit
    m = g.pattern.match(written)
    if m is None or m.end() != len(written) or (token := _resolve(m, written, g)) is None:
        return None
    return replace(token, start=start, end=end, surface=text[start:end])


def _list_items(text: str, last: NumberToken, g: NumberGrammar) -> list[NumberToken]:
    """The items before a list's last one written with its unit only (分别为0、0.21%: 0%).

    >>> [(t.surface, t.value, t.unit) for t in find_tokens("辍学率分别为0、0、0.21%")]
    [('0', Decimal('0'), '%'), ('0', Decimal('0'), '%'), ('0.21%', Decimal('0.21'), '%')]
    >>> [(t.surface, t.value, t.unit) for t in find_tokens("辍学率分别为零和0.08%")]
    [('零', Decimal('0'), '%'), ('0.08%', Decimal('0.08'), '%')]
    """
    m = g.list_low_end.search(text, max(0, last.start - g.list_low_reach), last.start)
    if m is None:
        return []
    items = []
    for item in re.finditer(r"[^" + re.escape(g.list_joiners) + "]+", m.group("lows")):
        start, end = m.start("lows") + item.start(), m.start("lows") + item.end()
        if (token := _in_unit_of(text, start, end, last, g)) is None:
            return []
        items.append(token)
    return items


def _in_unit_of(text: str, start: int, end: int, high: NumberToken, g: NumberGrammar) -> NumberToken | None:
    """The digits (or 零) text[start:end] as a number in `high`'s unit and scale, or None."""
    if high.placeholder or high.qualifier != "exact" or high.value is None or not high.surface[0].isdigit():
        return None
    numeral = _LEADING_DIGITS.match(high.surface)
    if numeral is None or not Decimal(numeral.group()):
        return None
    item = _parse_number(text[start:end], g)  # digits, or 零 (分别为零和0.08%)
    value = canonical(item * high.value / Decimal(numeral.group())) if item is not None else None
    if value is None or (high.unit_class == "count" and value != value.to_integral_value()):
        return None
    return NumberToken(start=start, end=end, surface=text[start:end], value=value, unit=high.unit,
                       unit_class=high.unit_class, placeholder=False, qualifier="exact",
                       ordinal=start > 0 and text[start - 1] == "第")


def _low_end(text: str, high: NumberToken, g: NumberGrammar) -> NumberToken | None:
    """The low end of a range written with the high end's unit only (500—1000元: 500元).

    >>> [(t.surface, t.value, t.unit) for t in find_tokens("每人每月500—1000元")]
    [('500', Decimal('0.05'), '万元'), ('1000元', Decimal('0.1'), '万元')]
    >>> [(t.surface, t.value, t.unit) for t in find_tokens("巩固率95—98%")]
    [('95', Decimal('95'), '%'), ('98%', Decimal('98'), '%')]
    """
    m = g.range_low_end.search(text, max(0, high.start - g.range_low_reach), high.start)
    return None if m is None else _in_unit_of(text, *m.span("low"), high, g)


def _scaled_low_end(text: str, low: NumberToken, high: NumberToken, g: NumberGrammar) -> NumberToken | None:
    """The low end of a range written with its scale but not the high end's unit, in that
    unit (1.2万-1.5万个: 12000个; 1.2亿-1.5亿元, 8000万-1亿元: sums), or None.

    >>> [(t.surface, t.value, t.unit) for t in find_tokens("新增学位1.2万-1.5万个")]
    [('1.2万', Decimal('12000'), '个'), ('1.5万个', Decimal('15000'), '个')]
    """
    digits = _LEADING_DIGITS.match(low.surface)
    numeral = _LEADING_DIGITS.match(high.surface)
    if low.unit_class != "bare_money" or digits is None or numeral is None \
            or not g.range_gap.fullmatch(text, low.end, high.start):
        return None
    if high.unit_class in MONEY and high.unit == low.unit:
        # 8000万-1亿元: a bare 万/亿 is already a sum in the high end's unit, whatever its scale
        return replace(low, unit_class=high.unit_class)
    scale = low.surface[digits.end():]
    if not high.surface[numeral.end():].lstrip(" \t").startswith(scale):
        return None  # 3万-4亿个: no one scale
    token = _in_unit_of(text, low.start, low.start + digits.end(), high, g)
    return None if token is None else replace(token, end=low.end, surface=low.surface)


def _decimal_digits() -> str:
    """Every character `\\d` matches: `re` tests str.isdecimal (Unicode decimal digits)."""
    return "".join(filter(str.isdecimal, map(chr, range(0x110000))))


def _gate(codes: np.ndarray, gate: CharacterFlags) -> list[int]:
    """The positions where a token may start: a `first` character; no digit after a digit,
    a dot, a digit's comma or a letter and no mask after a letter (the pattern's lookbehinds); a
    `second` character next, unless it is a % (a blank token)."""
    bits = gate.bits
    flags = np.zeros(len(codes) + 2, dtype=np.uint8)  # a 0 before and after the text
    flags[1:-1] = gate.flags_of(codes)
    # few: the rest is tested at these places only (nonzero is several times faster on bools)
    at = np.flatnonzero((flags & bits["first"]) != 0)
    here, before, after = flags[at], flags[at - 1], flags[at + 1]
    after_comma = ((before & bits["comma"]) != 0) & ((flags[at - 2] & bits["digit"]) != 0)
    possible = ~(((here & bits["digit"]) != 0) & (((before & bits["before_digit"]) != 0) | after_comma))
    possible &= ~(((here & bits["mask"]) != 0) & ((before & bits["letter"]) != 0))
    possible &= ((after & bits["second"]) != 0) | ((here & bits["percent"]) != 0)
    starts: list[int] = (at[possible] - 1).tolist()
    return starts


def _resolve(m: re.Match[str], text: str, g: NumberGrammar) -> NumberToken | None:
    prefix, fraction, share, tenths, currency, num, gap, inner1, scale, inner2, unit = m.groups()
    if (tenths or (num and num[0] in g.digits)) and text.endswith(
            g.numeral_term_heads, 0, m.start("tenths" if tenths else "num")):
        return None  # 普九成果: a term (普九), no 九成
    if num in g.digits and not scale and text[m.end():m.end() + 1] in g.digits:
        return None  # 一人一档, 两人一组: a numeral in words repeated after its unit is an idiom's
    if fraction is not None or tenths is not None:
        return _fraction_token(m, text, fraction, share, tenths, prefix, g)
    if unit is None:
        if scale is not None and scale in g.units and not inner2:
            unit, scale = scale, None  # 投入4亿: the scale stands for the money unit
        elif currency is not None and num is not None and scale is None:
            unit = g.currencies[currency]  # ¥300
        else:
            return None  # a number with nothing after it that says what it counts
    elif currency is not None and g.units[unit].unit_class != "money":
        return None
    if gap and "\n" in gap and not _starts_line(text, m.start()):
        return None  # a line break inside a token only after a number alone at a line's start
    spec = g.units[unit]
    placeholder = False
    if num and num[0] in g.chinese_multipliers and text.endswith(g.indefinite_before, 0, m.start("num")):
        return None  # 数千个, 几百万元, 上千人: as many as the words say, no number (考上一百人 is one)
    if num in g.digits and not scale and unit in g.numeral_name_units and g.numeral_name_next.match(
            text, m.end()):
        return None  # 三元区, 一元化, “三元”协同: a name or a term (not 一亿元新建…)
    if num is not None and len(num) > 1 and num[0] == "0" and num[1].isdigit():
        return None  # 36-\n00万元: the tail of a number broken at a line's end, no 0万元
    if num is not None:
        parsed = _number_value(num, scale, unit, g)
        if parsed is None:
            return None
        value, placeholder = parsed
    elif scale and (prefix or (inner2 and not text.endswith(g.indefinite_before, 0, m.start()))
                    or text.endswith(g.scales_after_breaking, 0, m.start())):
        value = canonical(g.scales[scale] * spec.factor)  # 近亿元, 超万个, 万余个, 突破万人 (数万余人: none)
    elif _left_blank(m, text, spec, g):
        value, placeholder = None, True  # 入园率达%, 投资万元
    else:
        return None
    qualifier = "at_least" if inner1 or inner2 else "exact"
    return _token(m, text, value, spec, placeholder, g.prefix_qualifiers.get(prefix or "", qualifier))


def _fraction_token(m: re.Match[str], text: str, fraction: str | None, share: str | None,
                    tenths: str | None, prefix: str | None, g: NumberGrammar) -> NumberToken | None:
    """百分之九十五, 百分之3.2, 千分之五, 九成: a percent written in words; 百分之xx masked."""
    qualifier = g.prefix_qualifiers.get(prefix or "", "exact")
    if text.startswith(g.indefinite_after, m.end()):
        return None  # 百分之九十七点几, 百分之七十几: no number
    if share is not None and g.mask_only.fullmatch(share):
        return _token(m, text, None, g.units["%"], True, qualifier)
    value = _fraction_value(fraction, share, tenths, g)
    if value is None:
        return None
    return _token(m, text, value, g.units["%"], False, qualifier)


def _token(m: re.Match[str], text: str, value: Decimal | None, spec: UnitSpec, placeholder: bool,
           qualifier: str) -> NumberToken:
    start, end = m.start(), m.end()
    while text[end - 1] in SPACES:  # blanks before a unit that did not come
        end -= 1
    return NumberToken(start=start, end=end, surface=text[start:end], value=value, unit=spec.unit,
                       unit_class=spec.unit_class, placeholder=placeholder, qualifier=qualifier,
                       ordinal=start > 0 and text[start - 1] == "第")


def _starts_line(text: str, start: int) -> bool:
    """Whether only blanks stand between the last line break (or the text's start) and `start`."""
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip()


@lru_cache(maxsize=16384)
def _number_value(num: str, scale: str | None, unit: str | None,
                  g: NumberGrammar) -> tuple[Decimal | None, bool] | None:
    """(value in the normalized unit, masked?) of a written number; None when it is no
    quantity (a lone dot of a mask, a Chinese digit string, 2.5个). Cached: figures recur."""
    spec = g.units[unit] if unit else g.units["%"]
    if g.mask_only.fullmatch(num):
        if num.startswith(".") or num.endswith("."):
            return None
        return None, True
    numeral, multiplier = _numeral(num, scale, unit, spec, g)
    parsed = _parse_number(numeral, g)
    if parsed is None or parsed.adjusted() >= g.max_integer_digits:
        return None
    value = parsed * multiplier * spec.factor
    if value.adjusted() >= g.max_integer_digits:
        return None  # a run of digits, not a quantity
    if spec.unit_class == "count" and value != value.to_integral_value():
        return None  # 2.5个: not a count
    return canonical(value), False


def _numeral(num: str, scale: str | None, unit: str | None, spec: UnitSpec,
             g: NumberGrammar) -> tuple[str, Decimal]:
    """The numeral to read and what one of it is worth before the unit's factor (1450万:
    1450, 10000). A number with a scale inside it (一亿二千万元, 1亿2000万元, 3万5千人) is read
    with the scale after it (一亿二千 万 is not 一亿二千 times 万), and so with a bare scale
    standing for the money unit (投入2亿5千万: 2亿5千万, one 元 of it a ten-thousandth 万元)."""
    if g.inner_scales.isdisjoint(num):
        return num, g.scales[scale] if scale else Decimal(1)
    if scale:
        return num + scale, Decimal(1)
    if unit and spec.unit_class == "bare_money":
        return num + unit, 1 / g.scales[unit]
    return num, Decimal(1)


UNIT_STATEMENT_REACH = 14  # 单位 and up to ten characters before a blank unit


def _left_blank(m: re.Match[str], text: str, spec: UnitSpec, g: NumberGrammar) -> bool:
    """A number left out of a template: the bare unit right after a verb (达%, 投资万元)."""
    if m.start() == 0 or text[m.start() - 1] not in g.blank_after or m["inner1"] or m["inner2"]:
        return False
    if g.blank_unit_statement.search(text, max(0, m.start() - UNIT_STATEMENT_REACH), m.start()):
        return False  # 金额单位均为万元: the unit numbers are given in
    return (spec.unit_class == "percent" and not m["scale"]) or (
        spec.unit_class == "money" and m["scale"] in ("万", "亿"))


def canonical(value: Decimal | None) -> Decimal | None:
    """Drop trailing zeros without exponent notation: 10000.0000 -> 10000, 0.4800 -> 0.48."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _parse_number(num: str, g: NumberGrammar) -> Decimal | None:
    """Arabic or Chinese numeral -> Decimal; None when it is no number."""
    if num[0].isdigit() and g.inner_scales.isdisjoint(num) and g.chinese_multipliers.isdisjoint(num):
        try:
            return Decimal(num.replace(",", ""))
        except InvalidOperation:
            return None
    return _parse_chinese(num.replace(",", "") if num[0].isdigit() else num, g)  # 1亿6,800万


def written_as_number(token: NumberToken) -> bool:
    """Whether a token's number is written in digits or in two numeral characters or more
    (一千零八十三人, 十八人), not one word-like character (无一人流失, 两人).

    >>> [written_as_number(t) for t in find_tokens("一人,十八人,18人,一千零八十三人")]
    [False, True, True, True]
    """
    g = grammar()
    numerals = sum(ch in g.numeral_characters or ch in g.inner_scales for ch in token.surface)
    return numerals >= 2 or any(ch.isdigit() for ch in token.surface)


@lru_cache(maxsize=1)
def _damaged_number() -> re.Pattern[str]:
    """Digits, points and commas before a scale or a unit: a number when the digits are
    well formed, damaged when not (damaged_numbers)."""
    data = numbers_data()
    return re.compile(rf"(?<![\d.,])\d[\d.,]*(?=[ \t]*(?:{words(data.scales)}|{words(data.units)}))")


_WELL_FORMED = re.compile(ARABIC)


def damaged_numbers(text: str, tokens: list[NumberToken]) -> list[tuple[int, int]]:
    """Spans of numbers before a unit that no token reads because their digits are
    damaged (1..5万元, 99.5.%, 3,00个): `extract --explain` names them, so that no number
    with a unit vanishes without a word.

    >>> text = "投入1..5万元,巩固率99.5.%,新增学位3,00个,学位1,200个"
    >>> [text[a:b] for a, b in damaged_numbers(text, find_tokens(text))]
    ['1..5', '99.5.', '3,00']
    """
    taken = [(t.start, t.end) for t in tokens]
    return [m.span() for m in _damaged_number().finditer(text)
            if not _WELL_FORMED.fullmatch(m.group().rstrip(","))
            and not any(start < m.end() and m.start() < end for start, end in taken)]


@lru_cache(maxsize=1)
def _money_marks() -> frozenset[str]:
    """Characters one of which every money token holds (the last of 元, 人民币; ¥)."""
    g = grammar()
    return frozenset({w[-1] for w, spec in g.units.items() if spec.unit_class == "money"} | set(g.currencies))


def holds_token(text: str, start: int, end: int, unit_classes: frozenset[str]) -> bool:
    """Whether text[start:end] holds a token of one of `unit_classes` (a slice with no
    character of money is not read for money alone)."""
    return any(True for _ in tokens_in(text, start, end, unit_classes))


def tokens_in(text: str, start: int, end: int, unit_classes: frozenset[str]) -> Iterator[NumberToken]:
    """The tokens of one of `unit_classes` in text[start:end], their offsets in the slice."""
    piece = text[start:end]
    if unit_classes == MONEY and _money_marks().isdisjoint(piece):
        return
    yield from (t for t in find_tokens(piece) if t.unit_class in unit_classes)


def numeral_value(num: str) -> Decimal | None:
    """The value of a numeral in digits or in words (十二 -> 12), None when it is none."""
    return _parse_number(num, grammar())


@lru_cache(maxsize=4096)
def _parse_chinese(num: str, g: NumberGrammar) -> Decimal | None:
    """A Chinese numeral (cached: the same few recur all through a corpus)."""
    if all(ch in g.digits for ch in num) and len(num) > 1:
        return None  # 二〇一一: a year spelled digit by digit, or 一三五七: a list of grades
    if num[0] in "十百千":
        num = "一" + num  # 千万元 is 一千万元
    import cn2an  # here, not at the top: its import costs a tenth of a second of start-up

    try:  # "smart" reads digits and words mixed (1亿2000万, 3万5千)
        return Decimal(str(cn2an.cn2an(num, "smart" if num[0].isdigit() else "normal")))
    except (ValueError, KeyError):
        return None


def _fraction_value(fraction: str | None, share: str | None, tenths: str | None,
                    g: NumberGrammar) -> Decimal | None:
    """The percent of 百分之九十五 (95), 百分之3.2 (3.2), 千分之五 (0.5), 九成 or 9成 (90)."""
    if tenths is not None:  # 九成 (90), 九成五 (95), 八成半 (85)
        rest = tenths[2:]
        first = int(tenths[0]) if tenths[0].isdigit() else g.digits[tenths[0]]
        return Decimal(first * 10 + g.digits.get(rest, 5 if rest else 0))
    assert fraction is not None and share is not None
    if share[0].isdigit():
        number: Decimal | None = Decimal(share.replace(",", ""))
    else:
        number = _parse_chinese(share, g) if share not in g.digits else Decimal(g.digits[share])
    return None if number is None else canonical(number * g.fractions[fraction])


@dataclass(frozen=True)
class WrittenUnit:
    """The unit a token is written in, its scale included (元, 万元, 千万元, 万个, %), and
    what one of it is in the unit values are stored in (万元 for money)."""

    label: str
    unit: str  # the normalized unit of the claim
    factor: Decimal  # one `label` in `unit`

    def to_stored(self, value: Decimal) -> Decimal:
        return value * self.factor

    def from_stored(self, value: Decimal) -> Decimal:
        return value / self.factor


def written_unit(surface: str) -> WrittenUnit | None:
    """The unit of a token as written, with its factor into the stored unit; None when
    `surface` is no token. A masked token keeps the unit it was written in.

    >>> written_unit("xxx元")
    WrittenUnit(label='元', unit='万元', factor=Decimal('0.0001'))
    >>> for token in ["xx万元", "近x千万元", "x万余个", "xx.xx%"]:
    ...     print(token, written_unit(token))
    xx万元 WrittenUnit(label='万元', unit='万元', factor=Decimal('1'))
    近x千万元 WrittenUnit(label='千万元', unit='万元', factor=Decimal('1000'))
    x万余个 WrittenUnit(label='万个', unit='个', factor=Decimal('10000'))
    xx.xx% WrittenUnit(label='%', unit='%', factor=Decimal('1'))
    >>> written_unit("万元").label, written_unit("1,200名").unit, written_unit("学位") is None
    ('万元', '人', True)
    """
    g = grammar()
    # after a blank-taking verb, so that a bare unit (投资万元 -> 万元) reads as a token too
    m = g.pattern.match(g.blank_after[0] + surface, 1)
    if m is None or m.end() != len(surface) + 1:
        return None
    if m["fraction"] is not None or m["tenths"] is not None:
        unit = "%"
    elif m["unit"] is not None:
        unit = m["unit"]
    else:
        return None
    spec, scale = g.units[unit], m["scale"]
    factor = canonical((g.scales[scale] if scale else Decimal(1)) * spec.factor)
    assert factor is not None
    return WrittenUnit((scale or "") + unit, spec.unit, factor)
