"""Tables flattened to lines: the header cell a number's column stands under.

附表 … 县区 参考人数 本科上线 上线率 / 城关区 5126 3862 75.34%: a row names no rate before
its percent; the column's header does (上线率).
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

import numpy as np

from extractor.vocab.numbers import numbers_data

if TYPE_CHECKING:
    from extractor.extract.lexicon import Lexicon
    from extractor.extract.tokens import NumberToken

_CELL = re.compile(r"\S+")


def _cells(text: str, start: int, end: int, separators: str) -> list[re.Match[str]]:
    """The cells of the line text[start:end]: parted by `separators` when it holds one, else
    by blanks."""
    if separators and any(separator in text[start:end] for separator in separators):
        return list(_parted_cell(separators).finditer(text, start, end))
    return list(_CELL.finditer(text, start, end))


@lru_cache(maxsize=4)
def _parted_cell(separators: str) -> re.Pattern[str]:
    """A cell between `separators` that holds more than blanks."""
    outside = f"[^{re.escape(separators)}]"
    return re.compile(rf"{outside}*[^{re.escape(separators)}\s]{outside}*")


def table_row_ends(text: str, lex: Lexicon) -> np.ndarray:
    """The line breaks around every line holding a cell separator (序号 | 任务内容 | 完成时限):
    a table's row is a sentence of its own, not one with the rows and lines around it.

    >>> from extractor.extract.lexicon import lexicon
    >>> rows = "标题\\n5 | 新建城南小学 | 2024年\\n6 | 新建幼儿园 | 2024年\\n正文"
    >>> table_row_ends(rows, lexicon()).tolist()
    [2, 21, 39]
    """
    ends: set[int] = set()
    for separator in lex.table_cell_separators:
        at = text.find(separator)
        while at >= 0:
            start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
            if start > 0:
                ends.add(start - 1)
            if end < 0:
                break
            ends.add(end)
            at = text.find(separator, end)
    return np.array(sorted(ends), dtype=np.int64)


# a header cell's year (2025年目标值) or months (1-11月完成投资) are no figures
_HEADER_YEAR = re.compile(r"(?:19|20)\d{2}(?=年)|\d{1,2}(?:[-—–~至]\d{1,2})?(?=月)")


@lru_cache(maxsize=1)
def _masked_cell() -> re.Pattern[str]:
    """A cell holding a masked figure (xx.x): a row of values, no header."""
    masks = "[" + re.escape(numbers_data().mask_characters) + "]"
    return re.compile(rf"{masks}+(?:\.{masks}+)?")


def fills_its_cell(text: str, token: NumberToken, separators: str) -> bool:
    """Whether the token stands alone between blanks or cell separators (2021年  4425人  2610人,
    翠屏区 | 3500 | 95%)."""
    before = text[token.start - 1] if token.start else "\n"
    after = text[token.end] if token.end < len(text) else "\n"
    return all(ch.isspace() or ch in separators for ch in (before, after))


def column_header(text: str, at: int, max_rows: int, separators: str = "") -> str | None:
    """The header cell above the cell holding `at`: the nearest line above, across at most
    `max_rows` rows of as many cells, whose cells hold no digit but years; None when `at` stands on
    no row of at least three cells. Cells are parted by blanks, or on a line holding one of
    `separators` by those (序号|民生实事|年度目标|完成情况 / 3|新增公办学位|2800个|3050个).

    >>> table = "县区 参考人数 本科上线 上线率\\n城关区 5126 3862 75.34%\\n河东区 4480 2947 65.78%"
    >>> column_header(table, table.index("65.78%"), 50)
    '上线率'
    >>> column_header("全县本科上线率75.34%", 7, 50) is None
    True
    >>> table = "序号|民生实事|年度目标|完成情况\\n3|新增公办学位|2800个|3050个"
    >>> [column_header(table, table.index(cell), 50, "|") for cell in ("2800个", "3050个")]
    ['年度目标', '完成情况']
    >>> table = "指标|单位|2020年基期值|2025年目标值\\n入园率|%|89.5|93"
    >>> column_header(table, table.index("93"), 50, "|")
    '2025年目标值'
    """
    found = header_row(text, at, max_rows, separators)
    return None if found is None else found[0][found[1]]


def header_row(text: str, at: int, max_rows: int, separators: str = "") -> tuple[list[str], int] | None:
    """The header row above the cell holding `at` (as column_header finds it) and the index of
    that cell's column, or None.

    >>> header_row("指标|2020年|2025年\\n入园率|90.5|93", 19, 50, "|")
    (['指标', '2020年', '2025年'], 1)

    A row parted by separators counts its empty cells too (合计| |6784 under 序号|学校|参考人数).

    >>> header_row("序号|学校|参考人数\\n合计| |6784", 17, 50, "|")
    (['序号', '学校', '参考人数'], 2)
    """
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    end = len(text) if end < 0 else end
    split = _separator_split(separators) if separators and any(
        separator in text[start:end] for separator in separators) else None

    def cells_of(line_start: int, line_end: int) -> list[str]:
        if split is not None:  # (empty cells counted: 合计| |6784)
            return [cell.strip() for cell in split.split(text[line_start:line_end])]
        return [cell.group() for cell in _cells(text, line_start, line_end, separators)]

    if split is not None:
        index: int | None = len(split.findall(text, start, at))
        cells = cells_of(start, end)
    else:
        found = _cells(text, start, end, separators)
        index = next((i for i, cell in enumerate(found) if cell.start() <= at < cell.end()), None)
        cells = [cell.group() for cell in found]
    if index is None or len(cells) < 3 or not cells[index]:
        return None
    for _ in range(max_rows):
        if start == 0:
            return None
        above = text.rfind("\n", 0, start - 1) + 1
        row = cells_of(above, start - 1)
        if len(row) != len(cells):
            return None
        if not any(ch.isdigit() for cell in row for ch in _HEADER_YEAR.sub("", cell)) and not any(
                _masked_cell().fullmatch(cell) for cell in row):
            return row, index
        start = above
    return None


@lru_cache(maxsize=4)
def _separator_split(separators: str) -> re.Pattern[str]:
    """One of `separators`, to split a row on."""
    return re.compile(f"[{re.escape(separators)}]")


_BARE_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d{1,6})?|\d{1,9}(?:\.\d{1,6})?")  # (586,320 too)
_PARTED = re.compile(r"[^|\s](?:[^|\n]*[^|\s])?")  # a cell between | separators, trimmed
_WIDE = re.compile(r"\S+(?: \S+)*")  # a cell between tabs or runs of two blanks or more


def row_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the cells of the line text[start:end]: parted by | when it holds one, else
    by tabs or two blanks or more when it holds them, else by blanks.

    >>> line = "学前教育幼儿资助    4216    421.6"
    >>> [line[a:b] for a, b in row_cells(line, 0, len(line))]
    ['学前教育幼儿资助', '4216', '421.6']
    >>> line = "    1 小学 68 20312 2031.2"
    >>> [line[a:b] for a, b in row_cells(line, 0, len(line))]
    ['1', '小学', '68', '20312', '2031.2']
    >>> line = "合计| |6784|621"  # (an empty cell between bars counts, empty)
    >>> [line[a:b] for a, b in row_cells(line, 0, len(line))]
    ['合计', '', '6784', '621']
    """
    line = text[start:end].strip()  # an indent parts no cells
    if "|" in line:
        return _bar_cells(text, start, end)
    pattern = _WIDE if parted_by_runs(line) else _CELL
    return [m.span() for m in pattern.finditer(text, start, end)]


def _bar_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The cells of a line parted by |, trimmed; an empty one between two bars as an empty span
    (not before the first bar nor after the last, a row's frame: | 小学 | 68 |)."""
    cells: list[tuple[int, int]] = []
    bars = [start - 1, *(i for i in range(start, end) if text[i] == "|"), end]
    for left, right in pairwise(bars):
        found = _PARTED.search(text, left + 1, right)
        framed = (left == start - 1 or right == end) and found is None
        if not framed:
            cells.append(found.span() if found is not None else (left + 1, left + 1))
    return cells


def parted_by_runs(line: str) -> bool:
    """Whether a line's cells are parted by tabs or runs of blanks (学前三年毛入园率    %    89.5),
    so that a single blank stands inside a cell."""
    return "\t" in line or "  " in line


def _bare(text: str, span: tuple[int, int]) -> bool:
    return _BARE_NUMBER.fullmatch(text, *span) is not None


def _lines_after(text: str, at: int, reach: int) -> list[tuple[int, int]]:
    """The spans of at most `reach` lines after the one holding `at`."""
    lines: list[tuple[int, int]] = []
    start = text.find("\n", at)
    while start >= 0 and len(lines) < reach:
        end = text.find("\n", start + 1)
        lines.append((start + 1, len(text) if end < 0 else end))
        start = end
    return lines


def captioned_cells(text: str, caption: re.Pattern[str], reach: int,
                    money_column: re.Pattern[str] | None = None) -> list[tuple[int, int, str]]:
    """The bare numbers of the rows under a caption naming the table's unit (单位:万元), with
    that unit: every cell but a row's first (its label, or a year), up to a line of prose; not
    the cells of a row whose label names a unit of its own (受益学生(人) 12000 15600).

    >>> from extractor.vocab.numbers import numbers_data
    >>> data = numbers_data()
    >>> table = "表3 教育经费  单位:万元\\n项目  2022年  2023年\\n教育经费总投入  58620  61200\\n说明:略。"
    >>> [(table[a:b], unit) for a, b, unit in captioned_cells(table, re.compile(data.with_units(
    ...     data.unit_caption)), 60)]
    [('58620', '万元'), ('61200', '万元')]
    >>> table = "(单位:万元)\\n学校类型 学校数(所) 分配金额\\n小学 68 2031.2"
    >>> [(table[a:b], unit) for a, b, unit in captioned_cells(table, re.compile(data.with_units(
    ...     data.unit_caption)), 60)]
    [('2031.2', '万元')]
    >>> table = "三、分配结果(单位:万元)\\n县区 | 认定园数 | 补助金额\\n清城区 | 42 | 1726"
    >>> [(table[a:b], unit) for a, b, unit in captioned_cells(table, re.compile(data.with_units(
    ...     data.unit_caption)), 60)]
    [('1726', '万元')]
    >>> table = "表3-2 捐赠(单位:万元)\\n项目 2019年 2020年\\n教育捐赠 3150 3810\\n受益学生(人) 15600 21500"
    >>> [(table[a:b], unit) for a, b, unit in captioned_cells(table, re.compile(data.with_units(
    ...     data.unit_caption)), 60)]
    [('3150', '万元'), ('3810', '万元')]
    """
    found: list[tuple[int, int, str]] = []
    for m in caption.finditer(text):
        # (单位:人、万元: the money's unit reaches only the columns whose headers name money)
        counted = "counted" in caption.groupindex and (m["counted"] or m.groupdict().get("counted_after"))
        money_only = money_column if counted else None
        found += _cells_under(text, m.end(), m["unit"], reach, money_only)
    return found


def _cells_under(text: str, caption_end: int, unit: str, reach: int,
                 money_only: re.Pattern[str] | None = None) -> list[tuple[int, int, str]]:
    """The bare cells of the one table under a caption (see captioned_cells), with its unit;
    with `money_only`, of the columns whose headers it finds in only."""
    found: list[tuple[int, int, str]] = []
    own_units: set[int] = set()  # the columns whose header names a unit of their own (学校数(所))
    width = 0  # the header's cells; a shorter row (合计 88 31865 3186.5) is aligned to the right
    for start, end in _lines_after(text, caption_end, reach):
        if "。" in text[start:end] or (found and not text[start:end].strip()):
            break  # prose, or a blank line after rows: the table has ended
        cells = row_cells(text, start, end)
        if not found and not any(_bare(text, cell) for cell in cells):
            own_units = {i for i, cell in enumerate(cells) if _OWN_UNIT.search(text, *cell) or (
                money_only is not None and not money_only.search(text, *cell))}
            width = len(cells)
            continue  # the header row (each table's own: a table before it had one too)
        if _OWN_UNIT.search(text, *cells[0]):
            continue  # 受益学生(人): the row's label names its own unit
        shift = max(width - len(cells), 0)
        found += [(a, b, unit) for i, (a, b) in enumerate(cells)
                  if i and i + shift not in own_units and _bare(text, (a, b))]
    return found


# a header cell's own unit in brackets (在校生(人), 补助标准(元/生·年); not a note, 小天使幼儿园(民办普惠),
# 农村小学(12所)), a percent (增长%), or a count it names (认定园数, 学校数, 资助人次: no sum in the
# caption's unit, nor 核定学生数; 调整预算数 and 执行数 are sums), or a time (建设年限 over 2025: a year)
_OWN_UNIT = re.compile(r"[(（][^()（）\n\d]{0,6}?"
                       r"(?:人|个|所|元|次|名|班|间|册|台|套|张|户|项|亩|米|年|天|岁|辆|座|%|％|‰)[)）]"
                       r"|[%％‰]"
                       r"|(?:(?:人|园|校|所|班|个|项|次|户|生|儿)数|人次)[ \t]*$"
                       r"|(?:年限|年份|工期|期限|时间|日期)[ \t]*$")


# a header cell naming a year (2022年, 2023年度), as a table's columns are
_YEAR_CELL = re.compile(r"(?:19|20)\d\d[ \t]*(?:年度?)?")


def headed_cells(text: str, header: re.Pattern[str], reach: int,
                 counted_unit: str) -> list[tuple[int, int, str]]:
    """The bare numbers under header cells naming their column's unit in brackets (资助金额(万元),
    入学率(%)), down the rows of as many cells as the header's, with that unit; under a header
    counting people (参考人数, 本科上线), `counted_unit`.

    >>> from extractor.vocab.numbers import numbers_data
    >>> data = numbers_data()
    >>> table = "年份 学校数 入学率(%) 辍学率(%)\\n1991 218 95.3 2.8\\n1995 201 97.6 1.5"
    >>> [(table[a:b], unit) for a, b, unit in headed_cells(table, re.compile(data.with_units(
    ...     data.header_unit)), 60, data.counted_unit)]
    [('95.3', '%'), ('2.8', '%'), ('97.6', '%'), ('1.5', '%')]
    >>> table = "教育经费(万元)    2022年    2021年\\n教育经费总支出    583000    544300"
    >>> [(table[a:b], unit) for a, b, unit in headed_cells(table, re.compile(data.with_units(
    ...     data.header_unit)), 60, data.counted_unit)]
    [('583000', '万元'), ('544300', '万元')]
    """
    found: list[tuple[int, int, str]] = []
    done: set[int] = set()
    for m in header.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if line_start in done:
            continue
        done.add(line_start)
        line_end = text.find("\n", m.end())
        cells = row_cells(text, line_start, len(text) if line_end < 0 else line_end)
        if len(cells) < 2 or any(_bare(text, cell) for cell in cells):
            continue  # no header: a row naming its own unit (see labelled_row)
        units = {i: u["unit"] or counted_unit
                 for i, cell in enumerate(cells) if (u := header.search(text, *cell))}
        if set(units) == {0} and all(_YEAR_CELL.fullmatch(text, *cell) for cell in cells[1:]):
            # 教育经费(万元)    2022年    2021年: the label column's header names the table's unit
            units = dict.fromkeys(range(1, len(cells)), units[0])
        for start, end in _lines_after(text, m.end(), reach):
            row = row_cells(text, start, end)
            if len(row) != len(cells):
                break
            found += [(*row[i], unit) for i, unit in units.items() if _bare(text, row[i])]
    return found
