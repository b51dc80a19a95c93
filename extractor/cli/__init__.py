"""Command-line interface: a thin Click layer over the library.

One module per command (group); importing it registers it on `main`.
"""

from extractor.cli import (
    extract_cmd,  # noqa: F401  (registers commands)
    reports_cmd,  # noqa: F401
)
from extractor.cli.app import main

__all__ = ["main"]
