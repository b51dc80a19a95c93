"""Read stage: paths on the command line -> the files to process, as bytes.

Directories are walked recursively in sorted order; archives (.zip, .tar, .tar.gz) are
read member by member (extractor.sources.archives). Each file yields either a
`SourceFile` or a `ReadFailure` naming the path and the reason; one bad file never
stops the batch. Each also carries the bytes on disk it accounts for (`disk_bytes`: a
file's size; an archive's bytes read up to and with the member), so that the bytes of
`input_size` measure how far a batch has come.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from extractor.errors import InputError
from extractor.models.records import display_name
from extractor.sources.archives import archive_kind, iter_members

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
    disk_bytes: int = 0  # of the file on disk, read for this one (see the module's doc)

    @property
    def name(self) -> str:
        return Path(self.member or self.path).name

    @property
    def display(self) -> str:
        return display_name(self.path, self.member)


@dataclass(frozen=True)
class ReadFailure:
    """A file that was not read, and why."""

    path: str
    reason: str
    member: str | None = None
    skipped: bool = False  # True for an unsupported type, False for a broken file
    disk_bytes: int = 0

    @property
    def display(self) -> str:
        return display_name(self.path, self.member)


def iter_sources(paths: Iterable[str | os.PathLike[str]]) -> Iterator[SourceFile | ReadFailure]:
    """Every file under `paths`, in a stable order."""
    for path in input_files(paths):
        if path.exists():
            yield from read_path(path)
        else:
            yield ReadFailure(str(path), "no such file or directory")


def input_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """The files `iter_sources` reads, directories walked (a missing path as given)."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file())
        else:
            yield path


def input_size(paths: Iterable[str | os.PathLike[str]]) -> int:
    """The bytes on disk of every file `iter_sources` reads (no file is opened)."""
    return sum(_size_on_disk(path) for path in input_files(paths))


def _size_on_disk(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def read_path(path: Path) -> Iterator[SourceFile | ReadFailure]:
    """A file, or every member of an archive."""
    kind = archive_kind(path.name)
    if kind is None:
        yield read_file(path)
        return
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield ReadFailure(str(path), f"cannot read: {exc.strerror or exc}", disk_bytes=_size_on_disk(path))
        return
    with handle:
        read_up_to = 0  # the furthest position read in the archive: its members' share
        for member, content in iter_members(lambda: handle, kind, str(path)):
            # zipfile and tarfile leave a file object they were given open
            position = handle.tell()
            share, read_up_to = max(0, position - read_up_to), max(position, read_up_to)
            if isinstance(content, InputError):
                yield ReadFailure(str(path), content.reason, member=member or None, disk_bytes=share)
            else:
                yield member_source(str(path), member, content, share)


def member_source(path: str, member: str, data: bytes, disk_bytes: int = 0) -> SourceFile | ReadFailure:
    """An archive member as a source, or skipped for its type."""
    suffix = PurePosixPath(member).suffix.lower()
    kind = KINDS.get(suffix)
    if kind is None:
        return ReadFailure(path, unsupported(suffix), member=member, skipped=True, disk_bytes=disk_bytes)
    return SourceFile(path, data, member=member, kind=kind, disk_bytes=disk_bytes)


def unsupported(suffix: str) -> str:
    hint = UNSUPPORTED_HINTS.get(suffix)
    return f"unsupported file type {suffix or '(none)'}" + (f" ({hint})" if hint else "")


def read_file(path: Path) -> SourceFile | ReadFailure:
    suffix = path.suffix.lower()
    size = _size_on_disk(path)
    if suffix not in KINDS:
        return ReadFailure(str(path), unsupported(suffix), skipped=True, disk_bytes=size)
    if size > MAX_FILE_BYTES:
        return ReadFailure(str(path), f"file too large ({size} bytes > {MAX_FILE_BYTES})", disk_bytes=size)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ReadFailure(str(path), f"cannot read: {exc.strerror or exc}", disk_bytes=size)
    return SourceFile(str(path), data, kind=KINDS[suffix], disk_bytes=size)


def visible_text(markup: str) -> str:
    """The text a browser shows of an HTML page (scripts, styles and tags dropped)."""
    import html_text  # here: lxml is needed only when an HTML page comes

    return html_text.extract_text(markup, guess_layout=True)
