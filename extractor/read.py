"""Read stage: paths on the command line -> the files to process, as bytes.

Directories are walked recursively in sorted order. Each file yields either a
`SourceFile` or a `ReadFailure` naming the path and the reason; one bad file never
stops the batch.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import html_text

TEXT_SUFFIXES = frozenset({".txt", ".md", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
MAX_FILE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class SourceFile:
    """One document's raw bytes and where they came from."""

    path: str  # as given, or the archive's path
    data: bytes
    member: str | None = None  # path inside an archive
    kind: str = "text"  # "text" or "html": how to turn the bytes into text

    @property
    def name(self) -> str:
        return Path(self.member or self.path).name

    @property
    def display(self) -> str:
        return f"{self.path}!{self.member}" if self.member else self.path


@dataclass(frozen=True)
class ReadFailure:
    """A file that was not read, and why."""

    path: str
    reason: str
    member: str | None = None
    skipped: bool = False  # True for an unsupported type, False for a broken file

    @property
    def display(self) -> str:
        return f"{self.path}!{self.member}" if self.member else self.path


def iter_sources(paths: Iterable[str | os.PathLike[str]]) -> Iterator[SourceFile | ReadFailure]:
    """Every file under `paths`, in a stable order."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                yield read_file(file)
        elif path.exists():
            yield read_file(path)
        else:
            yield ReadFailure(str(path), "no such file or directory")


def read_file(path: Path) -> SourceFile | ReadFailure:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        return ReadFailure(str(path), f"unsupported file type {suffix or '(none)'}", skipped=True)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return ReadFailure(str(path), f"file too large ({size} bytes > {MAX_FILE_BYTES})")
        data = path.read_bytes()
    except OSError as exc:
        return ReadFailure(str(path), f"cannot read: {exc.strerror or exc}")
    return SourceFile(str(path), data, kind="html" if suffix in HTML_SUFFIXES else "text")


def visible_text(markup: str) -> str:
    """The text a browser shows of an HTML page (scripts, styles and tags dropped)."""
    return html_text.extract_text(markup, guess_layout=True)
