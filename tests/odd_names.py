"""Archives and files whose names are bytes that are not UTF-8, as Chinese tools write them.

zipfile writes only ASCII or UTF-8 names and sets the UTF-8 flag itself, so a zip with
other name bytes is written under ASCII stand-ins of the same length that are replaced
after; tarfile writes a name's bytes as they are when given them as surrogate escapes.
"""

from __future__ import annotations

import io
import struct
import tarfile
import zipfile
import zlib
from pathlib import Path

GBK_NAME = "工作总结.txt".encode("gbk")  # what a Chinese Windows tool writes
UTF8_FLAG = 0x0800


def report(number: int) -> bytes:
    """A short report of its own (no two files share their bytes), with four claims."""
    return (f"某区教育局2015年工作总结\n全区小学报到入学{12000 + number}人,流失7人,巩固率99.04%;"
            f"全区新增学位{3000 + number}个。\n").encode()


def tar_with_raw_names(path: Path, members: list[tuple[bytes, bytes]], form: int = tarfile.GNU_FORMAT) -> Path:
    """A tar whose member names are the given bytes (GNU: in the header; PAX: in a pax
    record marked hdrcharset=BINARY)."""
    with tarfile.open(path, "w", format=form, encoding="utf-8", errors="surrogateescape") as archive:
        for raw, data in members:
            info = tarfile.TarInfo(raw.decode("utf-8", "surrogateescape"))
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def zip_with_raw_names(path: Path, members: list[tuple[bytes, bytes]], utf8_flag: bool = False,
                       unicode_paths: dict[bytes, str] | None = None) -> Path:
    """A zip whose member names are the given bytes, every entry's UTF-8 flag set or
    clear as asked (set over GBK bytes: a false flag); `unicode_paths` adds an Info-ZIP
    Unicode Path extra field (0x7075) with that UTF-8 name to the member of those bytes."""
    stand_ins = {f"{index:03d}".ljust(len(raw), "~").encode(): raw for index, (raw, _) in enumerate(members)}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for stand_in, (raw, data) in zip(stand_ins, members, strict=True):
            info = zipfile.ZipInfo(stand_in.decode(), date_time=(2015, 12, 31, 0, 0, 0))
            if raw in (unicode_paths or {}):
                name = (unicode_paths or {})[raw].encode()
                info.extra = struct.pack("<HHBL", 0x7075, 5 + len(name), 1, zlib.crc32(raw)) + name
            archive.writestr(info, data, zipfile.ZIP_DEFLATED)
        offsets = [info.header_offset for info in archive.infolist()]
    blob = path.read_bytes()
    for stand_in, raw in stand_ins.items():
        assert blob.count(stand_in) == 2, stand_in  # the local header and the central directory
        blob = blob.replace(stand_in, raw)
    path.write_bytes(_with_flags(bytearray(blob), offsets, utf8_flag))
    return path


def _with_flags(blob: bytearray, local_headers: list[int], utf8_flag: bool) -> bytes:
    central = [at for at in range(len(blob)) if blob.startswith(b"PK\x01\x02", at)]
    assert len(central) == len(local_headers)
    for at in [header + 6 for header in local_headers] + [entry + 8 for entry in central]:
        (flags,) = struct.unpack_from("<H", blob, at)
        struct.pack_into("<H", blob, at, flags | UTF8_FLAG if utf8_flag else flags & ~UTF8_FLAG)
    return bytes(blob)
