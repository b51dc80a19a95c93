"""Extract stage (placeholder until the rule engine lands)."""

from __future__ import annotations

from extractor.normalize import MatchingView
from extractor.segment import Segmentation
from models.records import Claim


def extract_claims(text: str, view: MatchingView, segmentation: Segmentation, doc: str) -> list[Claim]:
    return []
