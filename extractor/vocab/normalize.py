"""Conversion debris cut out of the matching view (extractor/data/normalize.yaml)."""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated

import regex
from pydantic import Field, field_validator

from extractor.vocab.loader import DataFile, load, require

FILE = "normalize.yaml"


class Debris(DataFile):
    """One kind of debris: what it looks like and how often it must occur to be cut."""

    name: str
    pattern: str
    at_least: Annotated[int, Field(ge=1)]
    after: str | None = None  # cut only in a text where the debris of this name was cut

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        return _compiled(value)


class Unwrap(DataFile):
    """When a line break inside a sentence is dropped for reading (see the file)."""

    open_end: str
    continuation: str
    min_length: Annotated[int, Field(ge=1)]
    fragment: str
    title_end: str
    heading_start: str
    key_value: str
    masked_number: str
    hard_wrapped_share: Annotated[float, Field(gt=0, le=1)]

    @field_validator("open_end", "continuation", "fragment", "title_end", "heading_start", "key_value",
                     "masked_number")
    @classmethod
    def _compiles(cls, value: str) -> str:
        return _compiled(value)


class NormalizeData(DataFile):
    """normalize.yaml."""

    debris: list[Debris]
    unwrap: Unwrap


def _compiled(pattern: str) -> str:
    """The pattern, once it is known to compile."""
    try:
        regex.compile(pattern)
    except regex.error as exc:
        raise ValueError(f"bad pattern {pattern!r}: {exc}") from exc
    return pattern


@lru_cache(maxsize=1)
def normalize_data() -> NormalizeData:
    """normalize.yaml, validated; an `after` names an earlier kind of debris."""
    data = load(FILE, NormalizeData)
    names: list[str] = []
    problems = []
    for i, debris in enumerate(data.debris):
        if debris.after is not None and debris.after not in names:
            problems.append(f"debris.{i}.after: {debris.after!r} is not the name of an earlier entry")
        names.append(debris.name)
    require(FILE, problems)
    return data
