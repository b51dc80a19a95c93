"""The region cues (extractor/data/regions.yaml), loaded once and checked.

Which part of the division table is used (since_year, the national level, placeholder
prefectures) and the words that tell a place name from an ordinary word. Every pattern
must compile; a word listed twice, or a bracket pair that is not two characters, is refused.
"""

from __future__ import annotations

from functools import lru_cache

import regex
from pydantic import field_validator

from extractor.vocab.loader import DataFile, RegexText, load

FILE = "regions.yaml"


class National(DataFile):
    """The national level: its name, the code it is given, the forms that name it and the
    characters it never follows."""

    name: str
    code: str
    forms: list[str]
    not_after: str

    @field_validator("code")
    @classmethod
    def _six_digits(cls, value: str) -> str:
        if not regex.fullmatch(r"\d{6}", value):
            raise ValueError(f"a code is six digits, not {value!r}")
        return value


class RegionsData(DataFile):
    """regions.yaml, field by field (see the comments in the file)."""

    since_year: int
    national: National
    pseudo_prefectures: list[str]
    left_chars: str
    suffix_ends: str
    short_suffixes: dict[str, str]
    word_tails: list[str]
    word_heads: list[str]
    suffix_words: list[str]
    proper_heads: list[RegexText]
    name_markers: list[str]
    tag_brackets: list[tuple[str, str]]
    body_support: int
    destination_before: list[str]
    common_words: list[str]
    generic_names: list[str]

    @field_validator("pseudo_prefectures", "word_tails", "word_heads", "suffix_words", "name_markers",
                     "common_words", "generic_names", "destination_before")
    @classmethod
    def _once_each(cls, value: list[str]) -> list[str]:
        twice = sorted({word for word in value if value.count(word) > 1})
        if twice:
            raise ValueError(f"listed twice: {', '.join(twice)}")
        if any(not word for word in value):
            raise ValueError("an empty word")
        return value

    @field_validator("tag_brackets")
    @classmethod
    def _single_characters(cls, value: list[tuple[str, str]]) -> list[tuple[str, str]]:
        for opening, closing in value:
            if len(opening) != 1 or len(closing) != 1:
                raise ValueError(f"a bracket is one character: {opening!r} {closing!r}")
        return value


@lru_cache(maxsize=1)
def regions_data() -> RegionsData:
    """The cues, validated; raises VocabularyError naming the file and every problem."""
    return load(FILE, RegionsData)
