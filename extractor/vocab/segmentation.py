"""The segmentation cues (extractor/data/segmentation.yaml), loaded once and checked.

Every key is required and no other is allowed, so a typo in the data file fails at load
time with the key's name instead of silently turning a cue off; every pattern must compile.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated

from pydantic import Field

from extractor.models.records import Genre
from extractor.vocab.loader import DataFile, RegexText, load

FILE = "segmentation.yaml"

# the keys whose values are regex patterns (or lists of them), checked to compile


class GenreCues(DataFile):
    """A genre (models.records.Genre) and the words that tell it in a title or an opening."""

    genre: Genre
    title_words: list[str] = Field(default_factory=list)
    opening_words: list[str] = Field(default_factory=list)


class SegmentationData(DataFile):
    """segmentation.yaml, field by field (see the comments in the file)."""

    # report titles
    title_nouns: list[str]
    title_decorations: list[RegexText]
    title_year_tail: RegexText
    title_prefix: RegexText
    title_lead: RegexText
    title_max: int
    table_caption: RegexText
    issue_line: RegexText
    masthead_max: int
    headline_min_han: int
    dated_line_prefix: RegexText
    dated_line_suffix: RegexText
    dated_line_issuer: RegexText
    dated_line_source: RegexText
    page_break: RegexText
    bound_year: RegexText
    series_opening_year: RegexText
    headline_tag: RegexText
    headline_max: int
    headline_punct: RegexText
    headline_exclaimed: RegexText  # a post's headline ending on ! or an emoji
    headline_exclaimed_punct: RegexText  # ...which may hold commas, not these
    dateline: RegexText
    short_run_min: int
    key_value_line: RegexText
    byline_punct: RegexText
    byline_lines: Annotated[int, Field(ge=1)]
    source_field: RegexText
    issuer_line_max: Annotated[int, Field(ge=4, le=60)]
    title_year_opening: RegexText
    # line classes
    separators: list[RegexText]
    related_list_heads: list[RegexText]
    comment_heads: list[RegexText]
    list_item_max: int
    title_issuer_words: list[str]
    chrome_separators: RegexText
    chrome_words: list[RegexText]
    boilerplate_lines: list[RegexText]
    blurb_words: list[str]
    short_line_max: int
    prose_min: int
    compilation_title: RegexText
    separator_title_number: RegexText
    numbered_title: RegexText
    bracketed_headline: RegexText
    decoration_line: RegexText
    marked_byline: RegexText
    issued_byline: RegexText
    bracketed_reach: int
    numbered_title_punct: RegexText
    labelled_title: RegexText
    attachment_line: RegexText
    section_title_year: RegexText
    download_title: RegexText
    site_lines: list[RegexText]
    site_line_max: int
    inline_boilerplate: list[RegexText]
    heading: RegexText
    salutation: RegexText
    closing: RegexText
    sentence_end: RegexText
    paragraph_punct: RegexText
    paragraph_min: int
    paragraph_long: int
    inline_title: str
    # metadata
    summary_words: list[str]
    progress_words: list[str]
    plan_words: list[str]
    speech_words: list[str]
    done_event_words: list[str]
    done_event_not_after: list[str]
    review_and_plan_words: list[str]
    plan_documents: list[str]
    funded_programme: RegexText
    plan_section_words: list[str]
    weak_plan_section_words: list[str]
    plan_paragraph_openings: list[str]
    plan_paragraph_verbs: list[str]
    summary_section: RegexText
    year_section: RegexText
    section_heading_max: int
    year_digits: RegexText
    year_chinese: RegexText
    year_masked: RegexText
    year_range: tuple[int, int]
    opening_chars: int
    opening_addressees: RegexText
    signature_trailer: RegexText
    signature_bodies: list[str]
    date_stamp: RegexText
    periods: list[str]
    period_month: RegexText
    period_aliases: dict[str, str]
    self_prefixes: list[str]
    level_suffixes: list[str]
    masked_area: RegexText
    township_title: RegexText
    genres: list[GenreCues]
    genre_opening_chars: int
    title_covered_year: RegexText
    period_reviewed_after: RegexText
    title_span: RegexText
    span_review_words: list[str]
    title_bare_year: RegexText
    document_year: RegexText
    opening_year: RegexText
    opening_year_chars: int
    review_year_heading: RegexText
    since_year_after: RegexText
    dated_year_after: RegexText
    quoted_document: RegexText
    basis_words: list[str]
    since_year_before: list[str]
    founding_year_before: list[str]
    compared_year_before: list[str]
    horizon_year_before: RegexText
    masked_stem: RegexText
    issuer_bodies: dict[str, str]
    issuer_section: RegexText
    issuer_section_openers: list[str]


@lru_cache(maxsize=1)
def segmentation_data() -> SegmentationData:
    """The cues, validated; raises VocabularyError naming the file and every problem."""
    return load(FILE, SegmentationData)
