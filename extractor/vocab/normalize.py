"""Conversion debris cut out of the matching view (extractor/data/normalize.yaml)."""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated

from pydantic import Field

from extractor.vocab.loader import DataFile, RegexText, compiles, load, require

FILE = "normalize.yaml"


class Debris(DataFile):
    """One kind of debris: what it looks like and how often it must occur to be cut."""

    name: str
    pattern: RegexText
    at_least: Annotated[int, Field(ge=1)]
    # cut only in a text where debris of one of these names was cut
    after: list[str] | None = None
    # looked for only in a text holding this (every match holds it): a cheap test first
    requires: Annotated[str, Field(min_length=1)] | None = None


class Unwrap(DataFile):
    """When a line break inside a sentence is dropped for reading (see the file)."""

    open_end: RegexText
    continuation: RegexText
    min_length: Annotated[int, Field(ge=1)]
    fragment: RegexText
    title_end: RegexText
    heading_start: RegexText
    key_value: RegexText
    ad_line: RegexText
    serial_row: RegexText
    dated_end: RegexText
    table_row: RegexText
    bar_row: RegexText
    caption_line: RegexText
    table_cells_min: Annotated[int, Field(ge=2)]
    cell_punct: RegexText
    paragraph_stop: RegexText
    long_heading: Annotated[int, Field(ge=1)]
    clause_comma: RegexText
    masked_number: RegexText
    short_run_min: Annotated[int, Field(ge=2)]
    stop_end: RegexText
    hard_wrapped_share: Annotated[float, Field(gt=0, le=1)]
    double_spaced_min: Annotated[int, Field(ge=2)]
    double_spaced_single_share: Annotated[float, Field(ge=0, le=1)]
    header_reach: Annotated[int, Field(ge=1)]


Letter = Annotated[str, Field(min_length=1, max_length=1)]
Digit = Annotated[str, Field(pattern=r"^\d$")]


class NormalizeData(DataFile):
    """normalize.yaml."""

    debris: list[Debris]
    unwrap: Unwrap
    letter_spaced_share: Annotated[float, Field(gt=0, le=1)]
    spaced_digits_text_min: Annotated[int, Field(ge=1)]
    short_spaced_digits: RegexText
    simplified_too: list[Annotated[str, Field(min_length=1, max_length=1)]]
    number_blank: str  # a pattern once {unit} is filled in (checked when the file loads)
    ocr_digits: dict[Letter, Digit]  # a letter OCR reads for a digit, and the digit
    ocr_number: RegexText
    ocr_point: RegexText  # a full stop OCR read for a number's point
    sign_entity_end: RegexText  # the ; closing &lt; &gt; &le; &ge;
    replacement_mark: RegexText  # a lossy conversion's question mark for a character, in a word
    replacement_any: RegexText  # ...and any such mark once a text holds enough in words
    question_before: RegexText  # search ending at a question mark: a question's word before it
    replacement_marks_min: Annotated[int, Field(ge=1)]
    replacement_mark_view: Letter

    def number_blank_pattern(self, units: str) -> str:
        """number_blank with its {unit} filled in: `units`, a pattern of the units."""
        return self.number_blank.replace("{unit}", f"(?:{units})")


@lru_cache(maxsize=1)
def normalize_data() -> NormalizeData:
    """normalize.yaml, validated; an `after` names earlier kinds of debris."""
    data = load(FILE, NormalizeData)
    names: list[str] = []
    problems = []
    for i, debris in enumerate(data.debris):
        problems += [f"debris.{i}.after: {name!r} is not the name of an earlier entry"
                     for name in debris.after or () if name not in names]
        names.append(debris.name)
    if "{unit}" not in data.number_blank:
        problems.append("number_blank: it names no {unit}")
    try:
        compiles(data.number_blank_pattern("元"))
    except ValueError as exc:
        problems.append(f"number_blank: {exc}")
    require(FILE, problems)
    return data
