"""Command-line interface: a thin Click layer over the library.

One module per command (group); importing it registers it on `main`.
"""

from extractor.cli import (  # noqa: F401
    db_cmd,
    extract_cmd,
    ingest_cmd,
    placeholders_cmd,
    query_cmd,
    reconcile_cmd,
    reports_cmd,
)
from extractor.cli.app import main

__all__ = ["main"]
