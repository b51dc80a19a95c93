"""Inputs the property-based tests (tests/test_fuzz.py) found to break the pipeline, each
cut down to its smallest form, kept as plain cases so that they stay fixed.

Each runs the whole pipeline (extractor.pipeline.process_text) and checks what the
properties check: no exception, every claim's offsets exact. A bug in a stage another
branch is changing (extract, segment) is a strict xfail naming it: fixing it flips the test.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from extractor.sources.read import ReadFailure, iter_sources

# ---------------------------------------------------------------- sources (fixed)

def zip_of(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def test_damaged_zip_inside_a_zip_is_a_failure(tmp_path: Path) -> None:
    """A zip inside a zip with its first byte lost: zipfile seeks before the start of the
    inner archive's bytes (ValueError: negative seek value, where a file on disk gives an
    OSError), which escaped and stopped the outer archive and its other members."""
    inner = zip_of([("a.txt", "全县巩固率98%。".encode())])[1:]
    path = tmp_path / "outer.zip"
    path.write_bytes(zip_of([("inner.zip", inner), ("c.txt", "全县巩固率97%。".encode())]))
    items = list(iter_sources([path]))
    assert [(type(item).__name__, item.member) for item in items] == [
        ("ReadFailure", "inner.zip/a.txt"), ("SourceFile", "c.txt")]
    assert isinstance(items[0], ReadFailure) and items[0].reason.startswith("damaged member (ValueError")
