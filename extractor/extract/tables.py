"""Tables flattened to lines: the header cell a number's column stands under.

附表 … 县区 参考人数 本科上线 上线率 / 城关区 5126 3862 75.34%: a row names no rate before
its percent; the column's header does (上线率).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from extractor.extract.lexicon import Lexicon

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


def column_header(text: str, at: int, max_rows: int, separators: str = "") -> str | None:
    """The header cell above the cell holding `at`: the nearest line above, across at most
    `max_rows` rows of as many cells, whose cells hold no digit; None when `at` stands on
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
    """
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    cells = _cells(text, start, len(text) if end < 0 else end, separators)
    index = next((i for i, cell in enumerate(cells) if cell.start() <= at < cell.end()), None)
    if index is None or len(cells) < 3:
        return None
    for _ in range(max_rows):
        if start == 0:
            return None
        above = text.rfind("\n", 0, start - 1) + 1
        row = [cell.group() for cell in _cells(text, above, start - 1, separators)]
        if len(row) != len(cells):
            return None
        if not any(ch.isdigit() for cell in row for ch in cell):
            return row[index]
        start = above
    return None
