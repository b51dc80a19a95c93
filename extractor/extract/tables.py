"""Tables flattened to lines: the header cell a number's column stands under.

附表 … 县区 参考人数 本科上线 上线率 / 城关区 5126 3862 75.34%: a row names no rate before
its percent; the column's header does (上线率).
"""

from __future__ import annotations

import re

_CELL = re.compile(r"\S+")


def column_header(text: str, at: int, max_rows: int) -> str | None:
    """The header cell above the cell holding `at`: the nearest line above, across at most
    `max_rows` rows of as many cells, whose cells hold no digit; None when `at` stands on
    no row of at least three cells.

    >>> table = "县区 参考人数 本科上线 上线率\\n城关区 5126 3862 75.34%\\n河东区 4480 2947 65.78%"
    >>> column_header(table, table.index("65.78%"), 50)
    '上线率'
    >>> column_header("全县本科上线率75.34%", 7, 50) is None
    True
    """
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    cells = list(_CELL.finditer(text, start, len(text) if end < 0 else end))
    index = next((i for i, cell in enumerate(cells) if cell.start() <= at < cell.end()), None)
    if index is None or len(cells) < 3:
        return None
    for _ in range(max_rows):
        if start == 0:
            return None
        above = text.rfind("\n", 0, start - 1) + 1
        row = [cell.group() for cell in _CELL.finditer(text, above, start - 1)]
        if len(row) != len(cells):
            return None
        if not any(ch.isdigit() for cell in row for ch in cell):
            return row[index]
        start = above
    return None
