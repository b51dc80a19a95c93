"""A filled sheet read back: XLSX, or CSV in UTF-8 (with or without BOM) or GB18030 (what
Chinese Excel saves), its rows by line number, cells neutralized on the way out restored.

What cannot be read is reported with the file and the line; nothing here touches the
database.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from extractor.cli.output import restore
from extractor.reconcile.resolutions import SheetRow

MAX_SHEET_BYTES = 64 * 2**20  # a filled queue is a few MB at most
MAX_XLSX_UNPACKED = 256 * 2**20  # the members of an XLSX, unpacked
ZIP_MAGIC = b"PK\x03\x04"


class SheetError(ValueError):
    """A sheet that cannot be read at all, and why (with the file's name)."""


@dataclass
class Sheet:
    """The rows of a sheet under its header, and the lines that could not be read."""

    columns: list[str]
    rows: list[SheetRow] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)


def read_sheet(path: Path, required: Sequence[str] = ()) -> Sheet:
    """The sheet in `path`, an XLSX workbook (its first sheet) or a CSV file."""
    size = path.stat().st_size
    if size > MAX_SHEET_BYTES:
        raise SheetError(f"{path}: {size} bytes, more than a sheet to import may hold ({MAX_SHEET_BYTES})")
    data = path.read_bytes()
    sheet = _read_xlsx(path) if data.startswith(ZIP_MAGIC) else _read_csv(path, data)
    missing = [c for c in required if c not in sheet.columns]
    if missing:
        raise SheetError(f"{path}: missing column(s) {', '.join(missing)}")
    return sheet


# ---------------------------------------------------------------- CSV

def decode_csv(path: Path, data: bytes) -> str:
    """UTF-8 (a BOM or none), else GB18030. A file that is UTF-8 up to a bad byte is
    reported at that byte's line, not read as GB18030 mojibake.

    >>> decode_csv(Path("q.csv"), "claim_id,source\\n1,区教育局".encode("gb18030"))
    'claim_id,source\\n1,区教育局'
    >>> decode_csv(Path("q.csv"), "\\ufeffsource\\n区教育局\\n".encode("utf-8") + b"\\xff")
    Traceback (most recent call last):
    ...
    extractor.cli.sheets.SheetError: q.csv:3: not UTF-8 text (byte 0xff), though the lines before are
    """
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8:
        before = data[:utf8.start]
        if not before.isascii():
            raise SheetError(f"{path}:{_line_at(data, utf8.start)}: not UTF-8 text "
                             f"(byte 0x{data[utf8.start]:02x}), though the lines before are") from None
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as gb:
        raise SheetError(f"{path}:{_line_at(data, gb.start)}: neither UTF-8 nor GB18030 text "
                         f"(byte 0x{data[gb.start]:02x})") from None


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _read_csv(path: Path, data: bytes) -> Sheet:
    reader = csv.reader(io.StringIO(decode_csv(path, data), newline=""))
    try:
        header = next(reader, [])
    except csv.Error as exc:
        raise SheetError(f"{path}:1: {exc}") from exc
    sheet = Sheet([_header(cell) for cell in header])
    line = reader.line_num + 1
    while True:
        try:
            cells = next(reader, None)
        except csv.Error as exc:
            sheet.errors.append((line, f"{exc}; the rest of the file was not read"))
            return sheet
        if cells is None:
            return sheet
        _add_row(sheet, line, cells)
        line = reader.line_num + 1


def _header(cell: Any) -> str:
    return str(restore(cell) or "").strip().lstrip("\ufeff")


def _add_row(sheet: Sheet, line: int, cells: Sequence[Any]) -> None:
    if all(c is None or str(c).strip() == "" for c in cells):
        return  # an empty line
    extra = [c for c in cells[len(sheet.columns):] if c is not None and str(c).strip()]
    if extra:
        sheet.errors.append((line, f"{len(cells)} cells under {len(sheet.columns)} columns "
                                   "(a comma inside an unquoted cell?)"))
        return
    values = {name: restore(cell) for name, cell in zip(sheet.columns, cells, strict=False) if name}
    sheet.rows.append(SheetRow(line, values))


# ---------------------------------------------------------------- XLSX

def _read_xlsx(path: Path) -> Sheet:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    _check_unpacked_size(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise SheetError(f"{path}: not an XLSX workbook ({exc})") from exc
    try:
        worksheet = workbook.worksheets[0]
        rows = worksheet.iter_rows()
        header = next(rows, ())
        sheet = Sheet([_header(cell.value) for cell in header])
        for row in rows:
            if row:
                _add_row(sheet, row[0].row, [_xlsx_value(cell) for cell in row])
        return sheet
    finally:
        workbook.close()


def _check_unpacked_size(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise SheetError(f"{path}: not an XLSX workbook ({exc})") from exc
    if unpacked > MAX_XLSX_UNPACKED:
        raise SheetError(f"{path}: unpacks to {unpacked} bytes, more than {MAX_XLSX_UNPACKED}")


def _xlsx_value(cell: Any) -> Any:
    """A cell's value; a number shown as a percentage (Excel turns 99.5% into 0.995) as
    the percentage typed."""
    value = getattr(cell, "value", None)
    number_format = getattr(cell, "number_format", "") or ""
    if isinstance(value, int | float) and not isinstance(value, bool) and "%" in number_format:
        return f"{(Decimal(repr(value)) * 100).normalize():f}%"
    return value
