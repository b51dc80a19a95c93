"""Command-line interface: a thin Click layer over the library.

One module per command (group); it registers itself on `main` when the command is
first looked up (extractor/cli/app.py).
"""

import os

# numpy's OpenBLAS starts a thread per core at import that the commands never use (their
# numpy work is elementwise): a tenth of a CPU-second per process, each ingest worker
# included (they inherit it). Set before anything imports numpy; a user's own setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from extractor.cli.app import main

__all__ = ["main"]
