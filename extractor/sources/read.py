"""Read stage: paths on the command line -> the files to process, as bytes.

Directories are walked recursively in sorted order; archives (.zip, .tar, .tar.gz) are
read member by member (extractor.sources.archives). Each file yields either a
`SourceFile` or a `ReadFailure` naming the path and the reason; one bad file never
stops the batch. Each also carries the bytes on disk it accounts for (`disk_bytes`: a
file's size; an archive's bytes read up to and with the member), so that the bytes of
`input_size` measure how far a batch has come.

What a walk does not read is reported, never passed over in silence: a folder that
cannot be listed fails; a FIFO, socket or device, a dangling link, a link out of the
folder given and a link to a folder are skipped, and none of these links is followed (a
link to a file inside the folder is read, and a path given on the command line is
followed wherever it leads). Paths and member names are kept in their safe form
(extractor.sources.names): any bytes decode, nothing a terminal acts on remains.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from extractor.errors import InputError
from extractor.models.records import display_name
from extractor.sources.archives import archive_kind, iter_members
from extractor.sources.names import printable, safe_name

# suffix -> how its bytes become text (extractor.pipeline.source_text)
KINDS = {".txt": "text", ".md": "text", ".text": "text", ".html": "html", ".htm": "html",
         ".xhtml": "html", ".docx": "docx", ".pdf": "pdf"}
# what an unsupported type needs, said after "unsupported file type .xxx"
UNSUPPORTED_HINTS = {".doc": "legacy Word, save it as .docx", ".wps": "WPS, save it as .docx"}
MAX_FILE_BYTES = 64 * 1024 * 1024
# what is not a regular file, folder or link, by stat's test
SPECIAL_FILES = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
                 (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


@dataclass(frozen=True)
class SourceFile:
    """One document's raw bytes and where they came from."""

    path: str  # as given, or the archive's path
    data: bytes
    member: str | None = None  # path inside an archive
    kind: str = "text"  # "text", "html", "docx" or "pdf": how to turn the bytes into text
    disk_bytes: int = 0  # of the file on disk, read for this one (see the module's doc)
    sha256: str | None = None  # of `data`, when the reader has already hashed it

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


def failure(path: str | os.PathLike[str], reason: str, member: str | None = None, skipped: bool = False,
            disk_bytes: int = 0) -> ReadFailure:
    """A ReadFailure with its path, member and reason in their safe form."""
    return ReadFailure(safe_name(os.fspath(path)), printable(reason), member=member and printable(member),
                       skipped=skipped, disk_bytes=disk_bytes)


def iter_sources(paths: Iterable[str | os.PathLike[str]]) -> Iterator[SourceFile | ReadFailure]:
    """Every file under `paths`, in a stable order, and what was not read."""
    for item in input_files(paths):
        if isinstance(item, ReadFailure):
            yield item
        else:
            yield from read_path(item)


def input_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | ReadFailure]:
    """The files `iter_sources` reads, directories walked, and a ReadFailure for each
    thing given or met that is not read (see the module's doc)."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from walk_folder(path)
        elif path.is_file():
            yield path
        else:
            yield failure(path, not_read(path), skipped=path.exists() or path.is_symlink())


def walk_folder(root: Path) -> Iterator[Path | ReadFailure]:
    """Every entry under `root` to read or to report, sorted by path."""
    inside = root.resolve()
    found: list[tuple[Path, Path | ReadFailure]] = []
    folders = [root]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    path = Path(entry.path)
                    if entry.is_dir(follow_symlinks=False):
                        folders.append(path)
                    elif entry.is_file(follow_symlinks=False):
                        found.append((path, path))
                    else:
                        found.append((path, _link_or_special(path, inside)))
        except OSError as exc:
            found.append((folder, failure(folder, f"cannot read folder: {exc.strerror or exc}")))
    for _, item in sorted(found, key=lambda pair: pair[0]):
        yield item


def _link_or_special(path: Path, inside: Path) -> Path | ReadFailure:
    """A link to a file in the folder walked (to read), or why the entry is skipped."""
    if not path.is_symlink():
        return failure(path, not_read(path), skipped=True)
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return failure(path, "link that leads round in a loop: not followed", skipped=True)
    if not target.is_relative_to(inside):
        return failure(path, f"link to {target}, outside {inside}: not followed", skipped=True)
    if target.is_dir():
        return failure(path, "link to a folder: not followed (its files are read where they are)",
                       skipped=True)
    if not target.is_file():
        return failure(path, not_read(path), skipped=True)
    return path


def not_read(path: Path) -> str:
    """Why what is at `path` (no folder, no regular file) is not read."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return f"dangling link to {os.readlink(path)}" if path.is_symlink() else "no such file or directory"
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"
    kind = next((what for test, what in SPECIAL_FILES if test(mode)), "a file of another kind")
    return f"{kind}, not a regular file: not read"


def input_size(paths: Iterable[str | os.PathLike[str]]) -> int:
    """The bytes on disk of every file `iter_sources` reads (no file is opened)."""
    return sum(_size_on_disk(path) for path in input_files(paths) if isinstance(path, Path))


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
        yield failure(path, f"cannot read: {exc.strerror or exc}", disk_bytes=_size_on_disk(path))
        return
    name = safe_name(str(path))
    with handle:
        read_up_to = 0  # the furthest position read in the archive: its members' share
        members = 0
        for member, content in iter_members(lambda: handle, kind, name):
            members += 1
            # zipfile and tarfile leave a file object they were given open
            position = handle.tell()
            share, read_up_to = max(0, position - read_up_to), max(position, read_up_to)
            if isinstance(content, InputError):
                yield failure(name, content.reason, member=member or None, disk_bytes=share)
            else:
                yield member_source(name, member, content, share)
    if not members:  # folders only, or nothing: said, not passed over in silence
        yield failure(name, "an archive holding no file", skipped=True, disk_bytes=_size_on_disk(path))


def member_source(path: str, member: str, data: bytes, disk_bytes: int = 0) -> SourceFile | ReadFailure:
    """An archive member as a source, or skipped for its type."""
    suffix = PurePosixPath(member).suffix.lower()
    kind = KINDS.get(suffix)
    if kind is None:
        return failure(path, unsupported(suffix), member=member, skipped=True, disk_bytes=disk_bytes)
    return SourceFile(safe_name(path), data, member=printable(member), kind=kind, disk_bytes=disk_bytes)


def unsupported(suffix: str) -> str:
    hint = UNSUPPORTED_HINTS.get(suffix)
    return f"unsupported file type {suffix or '(none)'}" + (f" ({hint})" if hint else "")


def read_file(path: Path) -> SourceFile | ReadFailure:
    suffix = path.suffix.lower()
    size = _size_on_disk(path)
    if suffix not in KINDS:
        return failure(path, unsupported(suffix), skipped=True, disk_bytes=size)
    if size > MAX_FILE_BYTES:
        return failure(path, f"file too large ({size} bytes > {MAX_FILE_BYTES})", disk_bytes=size)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return failure(path, f"cannot read: {exc.strerror or exc}", disk_bytes=size)
    return SourceFile(safe_name(str(path)), data, kind=KINDS[suffix], disk_bytes=size)


def visible_text(markup: str) -> str:
    """The text a browser shows of an HTML page (scripts, styles and tags dropped)."""
    import html_text  # here: lxml is needed only when an HTML page comes

    return html_text.extract_text(markup, guess_layout=True)
