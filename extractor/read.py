"""Read stage: paths on the command line -> the files to process, as bytes.

Directories are walked recursively in sorted order; archives (.zip, .tar, .tar.gz) are
read member by member (extractor.archives). Each file yields either a
`SourceFile` or a `ReadFailure` naming the path and the reason; one bad file never
stops the batch.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from extractor.archives import archive_kind, iter_members
from extractor.errors import InputError

# suffix -> how its bytes become text (extractor.pipeline.source_text)
KINDS = {".txt": "text", ".md": "text", ".text": "text", ".html": "html", ".htm": "html",
         ".xhtml": "html", ".docx": "docx", ".pdf": "pdf"}
# what an unsupported type needs, said after "unsupported file type .xxx"
UNSUPPORTED_HINTS = {".doc": "legacy Word, save it as .docx", ".wps": "WPS, save it as .docx"}
MAX_FILE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class SourceFile:
    """One document's raw bytes and where they came from."""

    path: str  # as given, or the archive's path
    data: bytes
    member: str | None = None  # path inside an archive
    kind: str = "text"  # "text", "html", "docx" or "pdf": how to turn the bytes into text

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
                yield from read_path(file)
        elif path.exists():
            yield from read_path(path)
        else:
            yield ReadFailure(str(path), "no such file or directory")


def read_path(path: Path) -> Iterator[SourceFile | ReadFailure]:
    """A file, or every member of an archive."""
    kind = archive_kind(path.name)
    if kind is None:
        yield read_file(path)
        return
    for member, content in iter_members(lambda: path.open("rb"), kind, str(path)):
        if isinstance(content, InputError):
            yield ReadFailure(str(path), content.reason, member=member or None)
        else:
            yield member_source(str(path), member, content)


def member_source(path: str, member: str, data: bytes) -> SourceFile | ReadFailure:
    """An archive member as a source, or skipped for its type."""
    suffix = PurePosixPath(member).suffix.lower()
    kind = KINDS.get(suffix)
    if kind is None:
        return ReadFailure(path, unsupported(suffix), member=member, skipped=True)
    return SourceFile(path, data, member=member, kind=kind)


def unsupported(suffix: str) -> str:
    hint = UNSUPPORTED_HINTS.get(suffix)
    return f"unsupported file type {suffix or '(none)'}" + (f" ({hint})" if hint else "")


def read_file(path: Path) -> SourceFile | ReadFailure:
    suffix = path.suffix.lower()
    if suffix not in KINDS:
        return ReadFailure(str(path), unsupported(suffix), skipped=True)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return ReadFailure(str(path), f"file too large ({size} bytes > {MAX_FILE_BYTES})")
        data = path.read_bytes()
    except OSError as exc:
        return ReadFailure(str(path), f"cannot read: {exc.strerror or exc}")
    return SourceFile(str(path), data, kind=KINDS[suffix])


def visible_text(markup: str) -> str:
    """The text a browser shows of an HTML page (scripts, styles and tags dropped)."""
    import html_text  # here: lxml is needed only when an HTML page comes

    return html_text.extract_text(markup, guess_layout=True)
