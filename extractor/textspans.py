"""Sentence and clause boundaries of a text, found once and looked up by offset."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import regex


@dataclass(frozen=True)
class Boundaries:
    """Sorted positions of delimiter characters; spans lie between two of them."""

    ends: list[int]
    size: int

    @classmethod
    def find(cls, text: str, delimiter: regex.Pattern[str]) -> Boundaries:
        # the standard library's engine is faster on a plain character class
        return cls([m.start() for m in re.finditer(delimiter.pattern, text)], len(text))

    def span(self, offset: int) -> tuple[int, int]:
        """[start, end) of the span holding `offset`, delimiters excluded.

        >>> Boundaries.find("甲,乙。丙", regex.compile("[,。]")).span(2)
        (2, 3)
        """
        i = bisect_right(self.ends, offset)
        start = self.ends[i - 1] + 1 if i else 0
        j = bisect_left(self.ends, offset)
        end = self.ends[j] if j < len(self.ends) else self.size
        return start, end

    def previous_start(self, start: int) -> int:
        """Start of the span before the one starting at `start` (or `start` itself)."""
        return self.span(start - 2)[0] if start >= 2 else start
