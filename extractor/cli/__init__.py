"""Command-line interface: a thin Click layer over the library.

One module per command (group); it registers itself on `main` when the command is
first looked up (extractor/cli/app.py).
"""

from extractor.cli.app import main

__all__ = ["main"]
