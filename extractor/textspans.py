"""Sentence and clause boundaries of a text, found once and looked up by offset."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from extractor.codepoints import character_set


@dataclass(frozen=True)
class Boundaries:
    """Sorted positions of delimiter characters; spans lie between two of them."""

    ends: list[int]
    size: int

    @classmethod
    def find(cls, text: str, delimiters: str) -> Boundaries:
        """Positions of the `delimiters` characters in `text`.

        >>> Boundaries.find("甲,乙。丙", ",。").ends
        [1, 3]
        """
        # one vectorized pass over the code points: a regex scan spends most of its
        # time making a match object per comma
        return cls(character_set(delimiters).positions(text), len(text))

    def span(self, offset: int) -> tuple[int, int]:
        """[start, end) of the span holding `offset`, delimiters excluded.

        >>> Boundaries.find("甲,乙。丙", ",。").span(2)
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
