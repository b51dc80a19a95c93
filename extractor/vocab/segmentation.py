"""The segmentation cues (extractor/data/segmentation.yaml), loaded once and checked.

Every key is required and no other is allowed, so a typo in the data file fails at load
time with the key's name instead of silently turning a cue off; every pattern must compile.
"""

from __future__ import annotations

from functools import lru_cache

import regex
from pydantic import Field, field_validator

from extractor.models.records import Genre
from extractor.vocab.loader import DataFile, load

FILE = "segmentation.yaml"

# the keys whose values are regex patterns (or lists of them), checked to compile
PATTERN_KEYS = (
    "title_decorations", "title_prefix", "separators", "list_heads", "chrome_separators",
    "boilerplate_lines", "site_lines", "inline_boilerplate", "heading", "salutation", "closing",
    "sentence_end", "paragraph_punct", "compilation_title", "download_title", "summary_section",
    "year_digits", "year_chinese", "year_masked", "period_month",
    "masked_area", "masked_stem", "document_year", "opening_year", "issuer_section", "dateline",
    "key_value_line",
)


class GenreCues(DataFile):
    """A genre (models.records.Genre) and the words that tell it in a title or an opening."""

    genre: Genre
    title_words: list[str] = Field(default_factory=list)
    opening_words: list[str] = Field(default_factory=list)


class SegmentationData(DataFile):
    """segmentation.yaml, field by field (see the comments in the file)."""

    # report titles
    title_nouns: list[str]
    title_decorations: list[str]
    title_prefix: str
    title_max: int
    headline_min_han: int
    headline_max: int
    dateline: str
    short_run_min: int
    key_value_line: str
    # line classes
    separators: list[str]
    list_heads: list[str]
    list_item_max: int
    title_issuer_words: list[str]
    chrome_separators: str
    chrome_words: list[str]
    boilerplate_lines: list[str]
    blurb_words: list[str]
    short_line_max: int
    prose_min: int
    compilation_title: str
    download_title: str
    site_lines: list[str]
    site_line_max: int
    inline_boilerplate: list[str]
    heading: str
    salutation: str
    closing: str
    sentence_end: str
    paragraph_punct: str
    paragraph_min: int
    paragraph_long: int
    inline_title: str
    # metadata
    summary_words: list[str]
    plan_words: list[str]
    speech_words: list[str]
    plan_section_words: list[str]
    summary_section: str
    section_heading_max: int
    year_digits: str
    year_chinese: str
    year_masked: str
    year_range: tuple[int, int]
    opening_chars: int
    periods: list[str]
    period_month: str
    period_aliases: dict[str, str]
    self_prefixes: list[str]
    level_suffixes: list[str]
    masked_area: str
    genres: list[GenreCues]
    genre_opening_chars: int
    document_year: str
    opening_year: str
    opening_year_chars: int
    masked_stem: str
    issuer_bodies: dict[str, str]
    issuer_section: str
    issuer_section_openers: list[str]

    @field_validator(*PATTERN_KEYS)
    @classmethod
    def _compiles(cls, value: str | list[str]) -> str | list[str]:
        for pattern in [value] if isinstance(value, str) else value:
            try:
                regex.compile(pattern)
            except regex.error as exc:
                raise ValueError(f"bad pattern {pattern!r}: {exc}") from exc
        return value


@lru_cache(maxsize=1)
def segmentation_data() -> SegmentationData:
    """The cues, validated; raises VocabularyError naming the file and every problem."""
    return load(FILE, SegmentationData)
