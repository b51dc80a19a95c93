"""The indicator catalog (extractor/data/indicators.yaml): one entry per indicator code."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, RootModel, model_validator

from extractor.vocab.loader import load

FILE = "indicators.yaml"

Code = Annotated[str, Field(pattern=r"^[a-z][a-z_]*$")]


class IndicatorSpec(BaseModel):
    """One entry of the indicator catalog."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = ""  # filled in from the entry's key
    name: str
    unit: str
    family: str
    scored: bool
    bounds: tuple[Decimal, Decimal]
    # a share of a whole is never above this: a larger value is no claim of the indicator
    ceiling: Decimal | None = None
    description: str

    @model_validator(mode="after")
    def _bounds_ordered(self) -> IndicatorSpec:
        if self.bounds[0] > self.bounds[1]:
            raise ValueError(f"bounds {self.bounds[0]} above {self.bounds[1]}")
        if self.ceiling is not None and self.ceiling < self.bounds[1]:
            raise ValueError(f"ceiling {self.ceiling} below the bounds' maximum {self.bounds[1]}")
        return self


class CatalogFile(RootModel[dict[Code, IndicatorSpec]]):
    """indicators.yaml: code -> entry."""


@lru_cache(maxsize=1)
def load_catalog() -> dict[str, IndicatorSpec]:
    """The indicator catalog, keyed by code."""
    entries = load(FILE, CatalogFile).root
    return {code: spec.model_copy(update={"code": code}) for code, spec in entries.items()}


def unknown_codes(codes: Iterable[str], where: str) -> list[str]:
    """A problem for each code the catalog lacks (other data files name indicators too)."""
    catalog = load_catalog()
    return [f"{where}: {code!r} is not an indicator code of {FILE}" for code in codes if code not in catalog]
