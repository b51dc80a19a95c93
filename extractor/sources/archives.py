"""Read stage, archives: .zip, .tar, .tar.gz/.tgz read member by member as streams.

Nothing is unpacked to disk; at most one member's bytes are held at a time (capped).
An archive inside an archive is read one level deep. Hostile content is refused with
its reason while the rest of the archive is read: names that climb out of the archive
(../, absolute paths), links, members too big or compressed too well (a decompression
bomb), encrypted members, and damage (what came before it is kept). An archive file
that inflates, all its nesting levels counted, to more than MAX_TOTAL_RATIO times its
size on disk is read no further (`Inflation`).

Member names are text of any bytes (extractor.sources.names: UTF-8, else GB18030, else
escapes); a zip's UTF-8 flag is not trusted (extractor.sources.zipnames). The checks on
a name are made on that text; read.py stores and shows its safe form.
"""

from __future__ import annotations

import functools
import io
import stat
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO

from extractor.errors import InputError
from extractor.sources.names import decode_os_name
from extractor.sources.zipnames import RawNameZip, member_name

# caps against decompression bombs
MAX_MEMBER_BYTES = 64 * 1024 * 1024  # one member, uncompressed
MAX_ARCHIVE_BYTES = 4 * 1024 * 1024 * 1024  # all members of one archive, uncompressed
MAX_RATIO = 200  # uncompressed / compressed size of a zip member (text compresses 2-10x)
RATIO_FLOOR = 16 * 1024  # members smaller than this are not judged by their own ratio (the total is)
MAX_TOTAL_RATIO = 50  # all an archive file yields, nested archives included, / its size on disk
REST_NOT_READ = " (the rest of the archive is not read)"
TOTAL_RATIO_FLOOR = 1024 * 1024  # an archive is judged by its total once it has yielded this much
MAX_DEPTH = 1  # archives inside archives, below the one given

ZIP_SUFFIXES = (".zip",)
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz")

# what a member is: (member name, its bytes) or a refusal (member name, reason)
Member = tuple[str, bytes | InputError]


def archive_kind(name: str) -> str | None:
    lower = name.lower()
    if lower.endswith(ZIP_SUFFIXES):
        return "zip"
    if lower.endswith(TAR_SUFFIXES):
        return "tar"
    return None


def unsafe_name(name: str) -> str | None:
    """Why a member name is refused (it would climb out of the archive), or None."""
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return "absolute path in the archive"
    if ".." in PurePosixPath(name.replace("\\", "/")).parts:
        return "path traversal (..) in the archive"
    return None


@dataclass
class Inflation:
    """What an archive file has inflated to so far, the archives inside it included,
    against its size on disk: the limits of a whole archive (a decompression bomb of
    many small members, or of nested archives, passes every member's own check)."""

    disk: int  # the archive file's size on disk
    ratio: int = MAX_TOTAL_RATIO  # at most this many times `disk`, past TOTAL_RATIO_FLOOR
    inflated: int = 0  # bytes decompressed from it so far
    stopped: bool = False  # refused once: nothing more is read from the archive file

    def take(self, more: int) -> str | None:
        """Count `more` bytes about to be decompressed; or, past a limit, why not (and
        from then on nothing more is read from the archive file)."""
        total = self.inflated + more
        if total > MAX_ARCHIVE_BYTES:
            self.stopped = True
            return f"larger than {MAX_ARCHIVE_BYTES} bytes uncompressed: decompression bomb?"
        if total > TOTAL_RATIO_FLOOR and total > self.ratio * max(self.disk, 1):
            self.stopped = True
            return f"inflates to more than {self.ratio} times its {self.disk} bytes: decompression bomb?"
        self.inflated = total
        return None


def iter_members(opener: Callable[[], IO[bytes]], kind: str, display: str,
                 prefix: str = "", depth: int = 0, inflation: Inflation | None = None) -> Iterator[Member]:
    """Every member of an archive (and of archives inside it), as bytes or a refusal."""
    inflation = inflation or Inflation(_size(opener()))
    reader = _zip_members if kind == "zip" else _tar_members
    for name, content in reader(opener, display, inflation):
        full = prefix + name
        if isinstance(content, InputError):
            yield full, content
        elif (inner := archive_kind(name)) is not None:
            if depth >= MAX_DEPTH:
                yield full, InputError(display, "archive nested more than one level deep")
                continue
            opener = functools.partial(io.BytesIO, content)
            yield from iter_members(opener, inner, display, full + "/", depth + 1, inflation)
            if inflation.stopped:
                return
        else:
            yield full, content


def _size(stream: IO[bytes]) -> int:
    """The size of a seekable stream, its position kept."""
    here = stream.tell()
    size = stream.seek(0, io.SEEK_END)
    stream.seek(here)
    return size


# ---------------------------------------------------------------- zip

def _zip_members(opener: Callable[[], IO[bytes]], display: str, inflation: Inflation) -> Iterator[Member]:
    try:
        archive = RawNameZip(opener()).open()
    # NotImplementedError: a central directory naming a zip version zipfile does not know
    # (a damaged byte); ValueError: a negative seek in an archive inside an archive, and
    # UnicodeDecodeError of a name flagged UTF-8
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        yield "", InputError(display, f"not a readable zip archive ({exc})")
        return
    with archive:
        for info in archive.infolist():
            if not info.filename:  # a name cut to nothing at a NUL byte (is_dir() raised IndexError)
                yield "", InputError(display, "a member with no name in the archive")
                continue
            if info.is_dir():
                continue
            name = member_name(info)
            refusal = _zip_refusal(info, name)
            if refusal is not None:
                yield name, InputError(display, refusal)
                continue
            # zipfile reads no more than the size the central directory gives (and fails
            # the CRC if there is more), so the size can be counted before it is read
            if (stop := inflation.take(info.file_size)) is not None:
                yield name, InputError(display, f"archive {stop}{REST_NOT_READ}")
                return
            yield name, _read_zip_member(archive, info, display)


def _zip_refusal(info: zipfile.ZipInfo, name: str) -> str | None:
    if reason := unsafe_name(name):
        return reason
    if stat.S_ISLNK(info.external_attr >> 16):
        return "symbolic link in the archive"
    if info.flag_bits & 0x1:
        return "encrypted member"
    return zip_size_refusal(info)


def zip_size_refusal(info: zipfile.ZipInfo) -> str | None:
    """Why a zip member is refused for its size or its compression ratio, or None
    (archive members, and the parts of a .docx: extractor/sources/formats.py)."""
    if info.file_size > MAX_MEMBER_BYTES:
        return f"member too large ({info.file_size} bytes > {MAX_MEMBER_BYTES}): decompression bomb?"
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        return f"compression ratio above {MAX_RATIO}: decompression bomb?"
    return None


def _read_zip_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, display: str) -> bytes | InputError:
    try:
        with archive.open(info) as stream:
            return _read_capped(stream, display)
    except InputError as exc:
        return exc
    # ValueError: an offset before the archive's start, seeking in the bytes of an archive
    # inside an archive (a file on disk gives an OSError); UnicodeDecodeError is one too
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError,
            ValueError) as exc:
        return InputError(display, f"damaged member ({type(exc).__name__}: {exc})")


def _read_capped(stream: IO[bytes], display: str) -> bytes:
    """A member's bytes, never more than MAX_MEMBER_BYTES whatever its header says."""
    data = stream.read(MAX_MEMBER_BYTES + 1)
    if len(data) > MAX_MEMBER_BYTES:
        raise InputError(display, f"member larger than {MAX_MEMBER_BYTES} bytes: decompression bomb?")
    return data


# ---------------------------------------------------------------- tar

def _tar_members(opener: Callable[[], IO[bytes]], display: str, inflation: Inflation) -> Iterator[Member]:
    name = ""
    try:
        # names as UTF-8 with undecodable bytes kept as surrogate escapes, whatever the locale
        with tarfile.open(fileobj=opener(), mode="r|*", encoding="utf-8",
                          errors="surrogateescape") as archive:
            for info in archive:
                name = decode_os_name(info.name)
                # a stream is decompressed even to pass a member over: count every one
                if (stop := inflation.take(info.size)) is not None:
                    yield name, InputError(display, f"archive {stop}{REST_NOT_READ}")
                    return
                refusal = _tar_refusal(info, name)
                if refusal == "":
                    continue
                if refusal is not None:
                    yield name, InputError(display, refusal)
                    continue
                stream = archive.extractfile(info)
                if stream is None:
                    continue
                try:
                    yield name, _read_capped(stream, display)
                except InputError as exc:
                    yield name, exc
    # ValueError: a pax header tarfile cannot parse (UnicodeDecodeError on a hdrcharset
    # that is not UTF-8, as damaged or crafted headers have); TypeError: a gzip stream cut
    # within its header (tarfile calls ord() on the empty read of its flag byte)
    except (tarfile.TarError, zlib.error, OSError, EOFError, ValueError, TypeError) as exc:
        where = f" after member {name}" if name else ""
        reason = f"damaged or truncated tar archive{where} ({type(exc).__name__}: {exc})"
        yield "", InputError(display, reason)  # the archive's failure, not the member's


def _tar_refusal(info: tarfile.TarInfo, name: str) -> str | None:
    """Why a tar member is refused; "" for one silently passed over (a directory)."""
    if info.isdir():
        return ""
    if reason := unsafe_name(name):
        return reason
    if info.issym() or info.islnk():
        return "link in the archive"
    if not info.isreg():
        return "not a regular file (device, fifo)"
    if info.size > MAX_MEMBER_BYTES:
        return f"member too large ({info.size} bytes > {MAX_MEMBER_BYTES}): decompression bomb?"
    return None
