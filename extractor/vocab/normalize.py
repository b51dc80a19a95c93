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
        try:
            regex.compile(value)
        except regex.error as exc:
            raise ValueError(f"bad pattern {value!r}: {exc}") from exc
        return value


class NormalizeData(DataFile):
    """normalize.yaml."""

    debris: list[Debris]


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
