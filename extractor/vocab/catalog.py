"""Vocabulary data: the indicator catalog and the extraction lexicon, loaded and validated.

The data lives in YAML files under `extractor/data/`; this module reads them once,
rejects duplicate keys and unknown fields, and reports every problem with its file.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from extractor.errors import VocabularyError

DATA_PACKAGE = "extractor.data"


class IndicatorSpec(BaseModel):
    """One entry of the indicator catalog (extractor/data/indicators.yaml)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    name: str
    unit: str
    family: str
    scored: bool
    bounds: tuple[Decimal, Decimal]
    description: str


class _UniqueKeyLoader(yaml.SafeLoader):
    """A SafeLoader that refuses a mapping with the same key twice."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)  # type: ignore[no-untyped-call]
            if key in seen:
                raise VocabularyError(f"duplicate key {key!r} at line {key_node.start_mark.line + 1}")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load_yaml(name: str) -> Any:
    """Parse one data file of the package, with duplicate keys refused."""
    text = resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)
    except (yaml.YAMLError, VocabularyError) as exc:
        raise VocabularyError(f"{name}: {exc}") from exc


@lru_cache(maxsize=1)
def load_catalog() -> dict[str, IndicatorSpec]:
    """The indicator catalog, keyed by code."""
    raw = load_yaml("indicators.yaml")
    catalog: dict[str, IndicatorSpec] = {}
    problems: list[str] = []
    for code, fields in raw.items():
        try:
            catalog[code] = IndicatorSpec(code=code, **fields)
        except (ValidationError, TypeError) as exc:
            problems.append(f"indicators.yaml: {code}: {exc}")
    if problems:
        raise VocabularyError("\n".join(problems))
    return catalog
