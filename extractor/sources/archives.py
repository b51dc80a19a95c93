"""Read stage, archives: .zip, .tar, .tar.gz/.tgz read member by member as streams.

Nothing is unpacked to disk; at most one member's bytes are held at a time (capped).
An archive inside an archive is read one level deep. Hostile content is refused with
its reason while the rest of the archive is read: names that climb out of the archive
(../, absolute paths), links, members too big or compressed too well (a decompression
bomb), encrypted members, and damage (what came before it is kept).

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
from pathlib import PurePosixPath
from typing import IO

from extractor.errors import InputError
from extractor.sources.names import decode_os_name
from extractor.sources.zipnames import RawNameZip, member_name

# caps against decompression bombs
MAX_MEMBER_BYTES = 64 * 1024 * 1024  # one member, uncompressed
MAX_ARCHIVE_BYTES = 4 * 1024 * 1024 * 1024  # all members of one archive, uncompressed
MAX_RATIO = 200  # uncompressed / compressed size of a zip member (text compresses ~5-10x)
RATIO_FLOOR = 1024 * 1024  # members smaller than this are not judged by their ratio
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


def iter_members(opener: Callable[[], IO[bytes]], kind: str, display: str,
                 prefix: str = "", depth: int = 0) -> Iterator[Member]:
    """Every member of an archive (and of archives inside it), as bytes or a refusal."""
    reader = _zip_members if kind == "zip" else _tar_members
    for name, content in reader(opener, display):
        full = prefix + name
        if isinstance(content, InputError):
            yield full, content
        elif (inner := archive_kind(name)) is not None:
            if depth >= MAX_DEPTH:
                yield full, InputError(display, "archive nested more than one level deep")
                continue
            opener = functools.partial(io.BytesIO, content)
            yield from iter_members(opener, inner, display, full + "/", depth + 1)
        else:
            yield full, content


# ---------------------------------------------------------------- zip

def _zip_members(opener: Callable[[], IO[bytes]], display: str) -> Iterator[Member]:
    try:
        archive = RawNameZip(opener()).open()
    except (zipfile.BadZipFile, OSError, EOFError, UnicodeDecodeError) as exc:
        yield "", InputError(display, f"not a readable zip archive ({exc})")
        return
    total = 0
    with archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            name = member_name(info)
            refusal = _zip_refusal(info, name, total)
            if refusal is not None:
                yield name, InputError(display, refusal)
                continue
            total += info.file_size
            yield name, _read_zip_member(archive, info, display)


def _zip_refusal(info: zipfile.ZipInfo, name: str, total: int) -> str | None:
    if reason := unsafe_name(name):
        return reason
    if stat.S_ISLNK(info.external_attr >> 16):
        return "symbolic link in the archive"
    if info.flag_bits & 0x1:
        return "encrypted member"
    if info.file_size > MAX_MEMBER_BYTES:
        return f"member too large ({info.file_size} bytes > {MAX_MEMBER_BYTES}): decompression bomb?"
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        return f"compression ratio above {MAX_RATIO}: decompression bomb?"
    if total + info.file_size > MAX_ARCHIVE_BYTES:
        return f"archive larger than {MAX_ARCHIVE_BYTES} bytes uncompressed: decompression bomb?"
    return None


def _read_zip_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, display: str) -> bytes | InputError:
    try:
        with archive.open(info) as stream:
            return _read_capped(stream, display)
    except InputError as exc:
        return exc
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError,
            UnicodeDecodeError) as exc:
        return InputError(display, f"damaged member ({type(exc).__name__}: {exc})")


def _read_capped(stream: IO[bytes], display: str) -> bytes:
    """A member's bytes, never more than MAX_MEMBER_BYTES whatever its header says."""
    data = stream.read(MAX_MEMBER_BYTES + 1)
    if len(data) > MAX_MEMBER_BYTES:
        raise InputError(display, f"member larger than {MAX_MEMBER_BYTES} bytes: decompression bomb?")
    return data


# ---------------------------------------------------------------- tar

def _tar_members(opener: Callable[[], IO[bytes]], display: str) -> Iterator[Member]:
    name = ""
    total = 0
    raw = opener()
    try:
        # names as UTF-8 with undecodable bytes kept as surrogate escapes, whatever the locale
        with tarfile.open(fileobj=raw, mode="r|*", encoding="utf-8", errors="surrogateescape") as archive:
            for info in archive:
                name = decode_os_name(info.name)
                if total > RATIO_FLOOR and total > MAX_RATIO * max(raw.tell(), 1):
                    yield name, InputError(display, f"compression ratio above {MAX_RATIO}: "
                                                    "decompression bomb? (rest of the archive not read)")
                    return
                refusal = _tar_refusal(info, name, total)
                if refusal == "":
                    continue
                if refusal is not None:
                    yield name, InputError(display, refusal)
                    continue
                total += info.size
                stream = archive.extractfile(info)
                if stream is None:
                    continue
                try:
                    yield name, _read_capped(stream, display)
                except InputError as exc:
                    yield name, exc
    except (tarfile.TarError, zlib.error, OSError, EOFError) as exc:
        where = f" after member {name}" if name else ""
        reason = f"damaged or truncated tar archive{where} ({type(exc).__name__}: {exc})"
        yield "", InputError(display, reason)  # the archive's failure, not the member's


def _tar_refusal(info: tarfile.TarInfo, name: str, total: int) -> str | None:
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
    if total + info.size > MAX_ARCHIVE_BYTES:
        return f"archive larger than {MAX_ARCHIVE_BYTES} bytes uncompressed: decompression bomb?"
    return None
