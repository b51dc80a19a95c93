"""Zip member names as their bytes, whatever the archive's UTF-8 flag says.

zipfile decodes a name as UTF-8 when the member's UTF-8 flag (general purpose bit 11) is
set, and fails on the whole archive when the name is not UTF-8 after all (Chinese zip
tools set the flag over GBK names); without the flag it decodes as cp437. `RawNameZip`
hands zipfile the archive's bytes with that flag cleared in the central directory and in
each local header, so every name comes back as cp437, which maps each byte to one
character: `raw_name` gets the bytes back, and `member_name` decodes them by the rule of
extractor.sources.names. The archive itself is never changed.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from typing import IO

from extractor.sources.names import decode_name

UTF8_FLAG = 0x0800
CENTRAL_SIGNATURE, LOCAL_SIGNATURE = b"PK\x01\x02", b"PK\x03\x04"
CENTRAL_ENTRY = struct.Struct("<4s4xH18xHHH12x")  # signature, flags, name/extra/comment lengths
FLAGS_IN_LOCAL_HEADER = 6  # offset of the flags in a local header
UNICODE_PATH_EXTRA = 0x7075  # Info-ZIP's UTF-8 copy of a name: version 1, CRC-32 of the name, name
EXTRA_FIELD = struct.Struct("<HH")  # id, size


class RawNameZip:
    """A zip archive's bytes as zipfile reads them, UTF-8 flags of names cleared."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self._opening = True  # zipfile reads the end record and the directory, nothing else
        self._local_headers: frozenset[int] = frozenset()

    def open(self) -> zipfile.ZipFile:
        """The archive, read through this view."""
        archive = zipfile.ZipFile(self)
        self._opening = False  # from now on a read may be a member's bytes, left as they are
        self._local_headers = frozenset(info.header_offset for info in archive.infolist())
        return archive

    def read(self, size: int = -1, /) -> bytes:
        start = self._raw.tell()
        data = self._raw.read(size)
        if self._opening and data.startswith(CENTRAL_SIGNATURE):  # the directory, read in one piece
            return _clear_central_flags(data)
        if start in self._local_headers and data.startswith(LOCAL_SIGNATURE):
            return _clear_flag(data, FLAGS_IN_LOCAL_HEADER)
        return data

    def seek(self, offset: int, whence: int = 0, /) -> int:
        return self._raw.seek(offset, whence)

    def tell(self) -> int:
        return self._raw.tell()

    def seekable(self) -> bool:
        return True


def _clear_flag(data: bytes, at: int) -> bytes:
    (flags,) = struct.unpack_from("<H", data, at)
    if not flags & UTF8_FLAG:
        return data
    cleared = bytearray(data)
    struct.pack_into("<H", cleared, at, flags & ~UTF8_FLAG)
    return bytes(cleared)


def _clear_central_flags(data: bytes) -> bytes:
    """The central directory with the flag cleared in every entry (a directory that
    does not parse is left as it is, for zipfile to judge)."""
    at = 0
    while at + CENTRAL_ENTRY.size <= len(data):
        signature, _, name, extra, comment = CENTRAL_ENTRY.unpack_from(data, at)
        if signature != CENTRAL_SIGNATURE:
            break
        data = _clear_flag(data, at + 8)
        at += CENTRAL_ENTRY.size + name + extra + comment
    return data


def raw_name(info: zipfile.ZipInfo) -> bytes:
    """The bytes of a member's name as the archive holds them."""
    return info.orig_filename.encode("utf-8" if info.flag_bits & UTF8_FLAG else "cp437")


def member_name(info: zipfile.ZipInfo) -> str:
    """A member's name as text: its Info-ZIP UTF-8 copy when that matches the name,
    else its bytes decoded by extractor.sources.names.decode_name."""
    raw = raw_name(info)
    return unicode_path(info.extra, raw) or decode_name(raw)


def unicode_path(extra: bytes, raw: bytes) -> str | None:
    """The UTF-8 name of a Unicode Path extra field (written by 7-Zip and WinRAR beside a
    name in the local code page) when its CRC-32 is that of `raw`, else None."""
    at = 0
    while at + EXTRA_FIELD.size <= len(extra):
        kind, size = EXTRA_FIELD.unpack_from(extra, at)
        body = extra[at + EXTRA_FIELD.size: at + EXTRA_FIELD.size + size]
        at += EXTRA_FIELD.size + size
        if kind == UNICODE_PATH_EXTRA and len(body) > 5 and body[0] == 1:
            (crc,) = struct.unpack_from("<L", body, 1)
            if crc == zlib.crc32(raw):
                try:
                    return body[5:].decode("utf-8")
                except UnicodeDecodeError:
                    return None
    return None
