"""EduMetrics: rule-based extraction of quantified claims from Chinese education reports.

Pipeline stages, one sub-package each: sources -> text -> segment -> extract -> store
-> reconcile, run by ingest and the `edumetrics` commands (cli).

The Python API (extractor/api.py) is imported on first use, so `import extractor`
stays light (ingest's worker processes import it):

>>> import extractor
>>> [(c.indicator, c.value, c.level) for c in extractor.extract_text("全区初中巩固率99.04%。")]
[('retention_rate', Decimal('99.04'), '初中')]

`extract_text`, `extract_file`, `ingest_paths`, `open_database` (a `Database`: its
`claims()` and `query()` as pandas DataFrames) and `read_claims`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

API = ("Database", "extract_file", "extract_text", "ingest_paths", "open_database", "read_claims")
__all__ = ["__version__", *API]

if TYPE_CHECKING:
    from extractor.api import Database as Database
    from extractor.api import extract_file as extract_file
    from extractor.api import extract_text as extract_text
    from extractor.api import ingest_paths as ingest_paths
    from extractor.api import open_database as open_database
    from extractor.api import read_claims as read_claims


def __getattr__(name: str) -> Any:
    """The API's names, imported when first asked for."""
    if name in API:
        from extractor import api

        return getattr(api, name)
    raise AttributeError(f"module 'extractor' has no attribute {name!r}")
