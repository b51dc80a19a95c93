"""How numbers are written (extractor/data/numbers.yaml): digits, scales, masks, units."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Annotated, Literal

import regex
from pydantic import Field

from extractor.models.records import Qualifier
from extractor.vocab.loader import DataFile, RegexText, load, pattern_problems, require

FILE = "numbers.yaml"

UnitClass = Literal["percent", "points", "money", "count", "bare_money"]
Words = list[str]  # no word empty (DataFile checks)
Characters = Annotated[str, Field(min_length=1)]


class UnitEntry(DataFile):
    unit: str
    class_: UnitClass = Field(alias="class")
    factor: Decimal


class MeasureBeforeScale(DataFile):
    word: Characters
    scales: Words


class NumbersData(DataFile):
    """numbers.yaml, key by key (the comments in the file say what each one is for)."""

    chinese_digits: dict[Characters, Annotated[int, Field(ge=0, le=9)]]
    chinese_multipliers: dict[Characters, Annotated[int, Field(gt=0)]]
    chinese_inner_scales: Words
    chinese_point: Annotated[str, Field(min_length=1, max_length=1)]
    scales: dict[Characters, Annotated[int, Field(gt=0)]]
    mask_characters: Characters
    not_after_digit_and: Characters
    not_after_point_and: Characters
    thousands_blanks: Characters
    inner_at_least: Words
    scales_before_inner: Words
    scales_after_breaking: Words
    measure_before_scale: MeasureBeforeScale
    indefinite_before: Words
    indefinite_after: Words
    numeral_term_heads: Words
    numeral_name_units: Words
    numeral_name_closers: Characters
    units: dict[Characters, UnitEntry]
    tenths_unit: Characters
    tenths_half: Characters
    tenths_after_digit_next: RegexText
    fraction_prefixes: dict[Characters, Decimal]
    currency_prefixes: dict[Characters, Characters]
    prefix_qualifiers: dict[Characters, Qualifier]
    prefix_qualifier_look_alikes: Words
    suffix_qualifiers: dict[Characters, Qualifier]
    qualifier_verbs: Words
    suffix_qualifier_gap: RegexText
    qualifier_per: RegexText
    blank_after: Characters
    blank_units: Words
    blank_unit_statement: RegexText
    range_low_joiners: Words
    range_low_end: str  # a pattern once {joiners} is filled in (checked when the file loads)
    range_low_reach: Annotated[int, Field(ge=4, le=40)]
    zero_rate: RegexText
    zero_count: RegexText
    list_low_joiners: Annotated[str, Field(min_length=1)]  # characters
    list_low_ends: str  # a pattern once {joiner} is filled in (checked when the file loads)
    list_low_reach: Annotated[int, Field(ge=4, le=80)]
    labelled_units: Words
    labelled_row: str  # a pattern once {units} is filled in (checked when the file loads)
    labelled_cell: RegexText
    unit_caption: str  # a pattern once {units} is filled in
    money_column_words: Words
    header_unit: str  # a pattern once {units} is filled in
    counted_unit: Annotated[str, Field(min_length=1)]
    count_header_words: Annotated[list[Annotated[str, Field(min_length=1)]], Field(min_length=1)]
    table_rows_reach: Annotated[int, Field(ge=1, le=500)]
    prefix_in_token: Words
    max_integer_digits: Annotated[int, Field(ge=10, le=26)]

    def list_low_pattern(self) -> str:
        """list_low_ends with its {joiner} filled in (any of list_low_joiners, escaped)."""
        return self.list_low_ends.replace("{joiner}", "[" + regex.escape(self.list_low_joiners) + "]")

    def with_units(self, pattern: str) -> str:
        """A table pattern (labelled_row, unit_caption, header_unit) with its {units} filled in
        (labelled_units, escaped, longest first)."""
        units = sorted(self.labelled_units, key=len, reverse=True)
        return pattern.replace("{units}", "|".join(map(regex.escape, units)))

    def range_low_pattern(self) -> str:
        """range_low_end with its {joiners} filled in (range_low_joiners, escaped)."""
        joiners = sorted(self.range_low_joiners, key=len, reverse=True)  # —— before —
        return self.range_low_end.replace("{joiners}", "|".join(map(regex.escape, joiners)))


def _table_pattern_problems(data: NumbersData) -> list[str]:
    """What is wrong with the table patterns that name {units} (labelled_row, unit_caption,
    header_unit): each must compile once its units are filled in, and name a group unit."""
    problems = []
    for key in ("labelled_row", "unit_caption", "header_unit"):
        pattern = getattr(data, key)
        problems += [f"{key}: {problem}" for problem in pattern_problems(data.with_units(pattern))]
        problems += [f"{key}: it names no {{units}}"] if "{units}" not in pattern else []
        problems += [f"{key}: it has no group unit"] if "(?P<unit>" not in pattern else []
    if "(?P<counted>" not in data.header_unit:  # (a header counting people: 辍学人数)
        problems.append("header_unit: it has no group counted")
    return problems


@lru_cache(maxsize=1)
def numbers_data() -> NumbersData:
    """numbers.yaml, validated; the units a token may end in include the percent sign."""
    data = load(FILE, NumbersData)
    require(FILE, [f"units: {unit!r} is required" for unit in ("%",) if unit not in data.units]
            + [f"prefix_in_token: {word!r} is not one of prefix_qualifiers"
               for word in data.prefix_in_token if word not in data.prefix_qualifiers]
            + [f"measure_before_scale: {scale!r} is not one of scales"
               for scale in data.measure_before_scale.scales if scale not in data.scales]
            + [f"chinese_inner_scales: {scale!r} is not one of scales"
               for scale in data.chinese_inner_scales if scale not in data.scales]
            + [f"scales_before_inner: {scale!r} is not one of scales"
               for scale in data.scales_before_inner if scale not in data.scales]
            + [f"numeral_name_units: {unit!r} is not one of units"
               for unit in data.numeral_name_units if unit not in data.units]
            + [f"currency_prefixes: {unit!r} is not one of units"
               for unit in data.currency_prefixes.values() if unit not in data.units]
            + [f"range_low_end: {problem}" for problem in pattern_problems(data.range_low_pattern())]
            + (["range_low_end: it names no {joiners}"] if "{joiners}" not in data.range_low_end else [])
            + [f"list_low_ends: {problem}" for problem in pattern_problems(data.list_low_pattern())]
            + (["list_low_ends: it names no {joiner}"] if "{joiner}" not in data.list_low_ends else [])
            + (["list_low_ends: it has no group lows"] if "(?P<lows>" not in data.list_low_ends else [])
            + (["zero_rate: it has no group zero"] if "(?P<zero>" not in data.zero_rate else [])
            + (["zero_count: it has no group zero"] if "(?P<zero>" not in data.zero_count else [])
            + _table_pattern_problems(data)
            + (["labelled_cell: it has no group number"] if "(?P<number>" not in data.labelled_cell else []))
    return data

