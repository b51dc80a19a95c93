"""Sentence and clause boundaries of a text, found once and looked up by offset."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from extractor.text.codepoints import character_set, code_points
from extractor.text.patterns import Pattern

Span = tuple[int, int]


@dataclass(frozen=True)
class Boundaries:
    """Sorted positions of delimiter characters; spans lie between two of them."""

    ends: np.ndarray  # int64, sorted
    size: int

    @classmethod
    def find(cls, text: str, delimiters: str) -> Boundaries:
        """Positions of the `delimiters` characters in `text`.

        >>> Boundaries.find("甲,乙。丙", ",。").ends.tolist()
        [1, 3]
        """
        return cls.of_codes(code_points(text), delimiters)

    @classmethod
    def of_codes(cls, codes: np.ndarray, delimiters: str) -> Boundaries:
        """Positions of the `delimiters` characters in a text given as its code points."""
        # one vectorized pass over the code points: a regex scan spends most of its
        # time making a match object per comma
        return cls(np.flatnonzero(character_set(delimiters).mask_of(codes)), len(codes))

    def with_ends(self, more: np.ndarray) -> Boundaries:
        """These boundaries and `more` (sorted positions) too.

        >>> Boundaries.find("甲,乙\\n丙", ",").with_ends(np.array([3])).ends.tolist()
        [1, 3]
        """
        return self if not len(more) else Boundaries(np.union1d(self.ends, more), self.size)

    def outside(self, starts: np.ndarray, ends: np.ndarray) -> Boundaries:
        """These boundaries but those inside the sorted, disjoint spans [starts, ends) (the
        thousands separator of a number token: 投资12,500万元新建…).

        >>> Boundaries.find("投资12,500万元,新建", ",").outside(np.array([2]), np.array([10])).ends.tolist()
        [10]
        >>> none = np.array([], dtype=np.int64)
        >>> Boundaries.find("甲,乙", ",").outside(none, none).ends.tolist()
        [1]
        """
        if not len(starts):
            return self
        i = np.searchsorted(starts, self.ends, "right") - 1
        inside = (i >= 0) & (self.ends < ends[np.maximum(i, 0)])
        return Boundaries(self.ends[~inside], self.size) if inside.any() else self

    def spans(self, offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """[start, end) of the span holding each offset, delimiters excluded: (starts, ends).

        >>> [a.tolist() for a in Boundaries.find("甲,乙。丙", ",。").spans(np.array([0, 2, 4]))]
        [[0, 2, 4], [1, 3, 5]]
        """
        ends = self.ends
        if not len(ends):
            return np.zeros(len(offsets), dtype=np.int64), np.full(len(offsets), self.size, dtype=np.int64)
        i = np.searchsorted(ends, offsets, "right")
        starts = np.where(i > 0, ends[np.maximum(i - 1, 0)] + 1, 0)
        j = np.searchsorted(ends, offsets, "left")
        stops = np.where(j < len(ends), ends[np.minimum(j, len(ends) - 1)], self.size)
        return starts, stops


def clause_before(clauses: Boundaries, sentence_starts: np.ndarray, clause_starts: np.ndarray) -> np.ndarray:
    """Where the clause before each clause starts, inside its sentence (the clause's own
    start when it is the sentence's first)."""
    previous, _ = clauses.spans(np.maximum(clause_starts - 2, 0))
    before: np.ndarray = np.maximum(sentence_starts, np.where(clause_starts >= 2, previous, clause_starts))
    return before


# a line's content, from its first to its last non-blank character (what str.strip keeps):
# tried only at line starts (^) and its blanks taken possessively (*+), so that a run of
# blanks costs once, not once per blank (`[^\S\n]*\S` alone is quadratic on such a run)
_LINE_CONTENT = re.compile(r"^[^\S\n]*+(\S(?:[^\n]*\S)?)", re.MULTILINE)


def line_contents(text: str) -> Iterator[tuple[int, int]]:
    """The span of each non-blank line's content.

    >>> list(line_contents("  总结 \\n\\n   \\n全县新增学位3000个。"))
    [(2, 4), (11, 23)]
    """
    for m in _LINE_CONTENT.finditer(text):
        yield m.span(1)


@dataclass(frozen=True)
class SpanSet:
    """Sorted, disjoint [start, end) spans, asked whether they hold an offset."""

    starts: list[int]
    ends: list[int]

    def holds(self, offset: int) -> bool:
        i = bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.ends[i]


def lines_holding(text: str, pattern: Pattern, stops: str = "") -> SpanSet:
    """The lines of `text` on which `pattern` matches, found in one scan; with `stops`,
    only the stretch of such a line between the stop characters around the match (a
    web address inside a long paragraph leaves the paragraph's other sentences alone).

    >>> from extractor.text.patterns import compile_pattern
    >>> links = lines_holding("甲3个\\n见 http://a.cn/2 图\\n乙", compile_pattern(r"https?://"))
    >>> [links.holds(i) for i in (1, 6, 22)]
    [False, True, False]
    >>> text = "新增学位3000个。来源 www.a.cn 2014年。投入1亿元。"
    >>> links = lines_holding(text, compile_pattern(r"www\\."), stops="。")
    >>> [links.holds(text.index(word)) for word in ("3000", "2014", "1亿")]
    [False, True, False]
    """
    starts: list[int] = []
    ends: list[int] = []
    for m in pattern.finditer(text):
        start = max(text.rfind(ch, 0, m.start()) for ch in "\n" + stops) + 1
        if ends and start < ends[-1]:
            continue  # a second match on the same stretch
        found = [at for ch in "\n" + stops if (at := text.find(ch, m.end())) >= 0]
        starts.append(start)
        ends.append(min(found, default=len(text)))
    return SpanSet(starts, ends)


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlapping and touching ones joined.

    >>> merge_spans([(5, 8), (0, 2), (2, 3), (7, 9)])
    [(0, 3), (5, 9)]
    """
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
