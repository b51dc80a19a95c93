"""Segment stage: a document -> its reports and its boilerplate regions.

(First version: one report per document; the compilation splitter replaces it.)
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from extractor.normalize import MatchingView
from models.records import Report


@dataclass
class Segmentation:
    """Reports (in file order) and boilerplate spans, in original offsets."""

    reports: list[Report]
    boilerplate: list[tuple[int, int]] = field(default_factory=list)

    def report_at(self, offset: int) -> Report | None:
        """The report whose body holds `offset`, or None (boilerplate, outside any report)."""
        starts = [r.start for r in self.reports]
        i = bisect_right(starts, offset) - 1
        if i < 0 or offset >= self.reports[i].end:
            return None
        if any(start <= offset < end for start, end in self.boilerplate):
            return None
        return self.reports[i]


def segment(text: str, view: MatchingView, doc: str) -> Segmentation:
    """Split `text` into reports; `view` is its matching view."""
    kind = "plan" if "计划" in view.text[:200] and "总结" not in view.text[:200] else "summary"
    return Segmentation([Report(doc=doc, index=0, kind=kind, start=0, end=len(text))])
