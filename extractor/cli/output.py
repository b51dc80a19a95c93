"""Rows out: a Rich table, CSV or JSON on standard output; CSV, XLSX or Parquet files.

Every CSV and XLSX cell goes through `neutralize`: text a spreadsheet would run as a
formula gets a leading apostrophe (the OWASP rule for CSV injection), whichever command
writes it (query, failures, findings, placeholders, export). Every name or text printed
to the terminal goes through `shown`: no Rich markup, no control character.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from extractor.cli.options import output_console
from extractor.iterate import batched
from extractor.sources.names import printable

if TYPE_CHECKING:
    from rich.text import Text


def shown(text: str, style: str = "", lines: bool = False) -> Text:
    """A name (or, with `lines`, a text that may have line feeds and tabs) as printed: no
    Rich markup, and nothing a terminal acts on (control characters, bidi overrides) but
    their escapes (extractor.sources.names.printable)."""
    from rich.text import Text

    return Text(printable(text, lines), style)


def outcome_line(status: str, style: str, name: str, detail: str) -> Text:
    """A file's outcome as printed: its status in `style`, its name and the detail.

    >>> outcome_line("failed", "red", "a.txt", "empty file").plain
    'failed a.txt: empty file'
    """
    from rich.text import Text

    return Text.assemble((status, style), " ", shown(name), ": ", shown(detail))

# what makes a spreadsheet read a cell as a formula (OWASP, CSV injection), and the
# full-width forms a CJK input method types, which Excel takes as the same
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
QUOTE = "'"
XLSX_CELL_LIMIT = 32767  # characters Excel keeps in one cell
ROWS_PER_BATCH = 5000  # rows per Parquet row group


def neutralize(cell: Any) -> Any:
    """A cell safe to open in a spreadsheet: text that would run as a formula gets a
    leading apostrophe; numbers and everything else stay as they are.

    >>> neutralize('=HYPERLINK("http://x","点击")'), neutralize("-5万元"), neutralize("学位3000个")
    ('\\'=HYPERLINK("http://x","点击")', "'-5万元", '学位3000个')
    >>> neutralize(Decimal("-0.5")), neutralize(None)
    (Decimal('-0.5'), None)
    """
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return QUOTE + cell
    return cell


def restore(cell: Any) -> Any:
    """The text `neutralize` was given back (a sheet read in again).

    >>> restore("'=1+1"), restore("'引号"), restore(12)
    ('=1+1', "'引号", 12)
    """
    if isinstance(cell, str) and cell.startswith(QUOTE) and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def write_rows(columns: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str, title: str = "",
               bom: bool = False) -> None:
    """Print `rows` under `columns` as "table", "csv" or "json" (an array of objects); CSV
    and JSON are written row by row as `rows` yields them."""
    if fmt == "csv":
        write_csv(columns, rows, sys.stdout, bom=bom)
    elif fmt == "json":
        write_json_array(columns, rows)
    else:
        from rich.table import Table

        table = Table(title=title or None)
        for column in columns:
            table.add_column(column)
        for row in rows:
            table.add_row(*(shown(flat(v), lines=True) for v in row))
        output_console().print(table)


def write_json_array(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """An array of objects, one written per row (the text json.dumps(..., indent=2) gives).

    >>> write_json_array(["n"], [(1,), (2,)])
    [
      {
        "n": 1
      },
      {
        "n": 2
      }
    ]
    >>> write_json_array(["n"], [])
    []
    """
    separator = "[\n"
    for row in rows:
        item = json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False, indent=2,
                          default=json_value)
        sys.stdout.write(separator + "  " + item.replace("\n", "\n  "))
        separator = ",\n"
    sys.stdout.write("[]\n" if separator == "[\n" else "\n]\n")


def write_csv(columns: Sequence[str], rows: Iterable[Sequence[Any]], stream: IO[str],
              bom: bool = False) -> int:
    """CSV, every cell neutralized; with `bom`, a byte-order mark first, so that Excel
    reads it as UTF-8. Returns the number of rows written."""
    if bom:
        stream.write("\ufeff")
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([neutralize(flat(v)) if isinstance(v, str) else flat(v) for v in row])
        count += 1
    return count


def flat(value: Any) -> str:
    """A cell for CSV or a table: lists comma-joined, None empty, decimals without
    trailing zeros or exponent.

    >>> flat(Decimal("1450.000000")), flat([3, 4]), flat(None)
    ('1450', '3,4', '')
    """
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ",".join(map(str, value))
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def json_value(value: Any) -> Any:
    """JSON for what the database returns beyond JSON's types."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


# ---------------------------------------------------------------- files

@dataclass(frozen=True)
class Column:
    """A column of a file: its name and kind ("integer", "decimal", "text", "boolean",
    "timestamp"), which Parquet needs before the first row."""

    name: str
    kind: str = "text"


def write_file(columns: Sequence[Column], rows: Iterable[Sequence[Any]], path: Path, fmt: str,
               bom: bool = True, sheet: str = "data") -> int:
    """Write `rows` to `path` as "csv" (UTF-8, with a BOM unless told not to), "xlsx" or
    "parquet"; returns the number of rows. The file appears whole or not at all."""
    partial = path.with_name(f".{path.name}.partial")
    partial.open("wb").close()  # a folder that is missing or not writable fails here, before any work
    try:
        if fmt == "csv":
            with partial.open("w", encoding="utf-8", newline="") as stream:
                count = write_csv([c.name for c in columns], rows, stream, bom=bom)
        elif fmt == "xlsx":
            count = write_xlsx(columns, rows, partial, sheet)
        else:
            count = write_parquet(columns, rows, partial)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return count


def write_xlsx(columns: Sequence[Column], rows: Iterable[Sequence[Any]], path: Path, sheet: str) -> int:
    """One sheet: a bold header, frozen; numbers as numbers, text neutralized and stored as
    text (never a formula)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet)
    worksheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(worksheet, value=column.name)
        cell.font = bold
        header.append(cell)
    worksheet.append(header)
    count = 0
    for row in rows:
        worksheet.append([_xlsx_cell(worksheet, value) for value in row])
        count += 1
    workbook.save(path)
    return count


def _xlsx_cell(worksheet: Any, value: Any) -> Any:
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, bool) or value is None or isinstance(value, int | float):
        return value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
    cell = WriteOnlyCell(worksheet, value=None)
    cell.value = _xlsx_text(neutralize(flat(value)))
    cell.data_type = "s"  # text, whatever it starts with
    return cell


def _xlsx_text(text: str) -> str:
    """Text an XLSX cell can hold: control characters XML refuses shown as U+FFFD, and
    at most Excel's 32,767 characters (a longer sentence is cut, with an ellipsis)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)
    return text if len(text) <= XLSX_CELL_LIMIT else text[:XLSX_CELL_LIMIT - 1] + "…"


def write_parquet(columns: Sequence[Column], rows: Iterable[Sequence[Any]], path: Path) -> int:
    """Parquet with typed columns (decimals exact, as NUMERIC(20, 6)); needs pyarrow."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ImportError("Parquet needs pyarrow: pip install 'edumetrics[analysis]'") from exc
    types = {"integer": pa.int64(), "decimal": pa.decimal128(20, 6), "text": pa.string(),
             "boolean": pa.bool_(), "timestamp": pa.timestamp("us", tz="UTC")}
    schema = pa.schema([(c.name, types[c.kind]) for c in columns])
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        for batch in batched(rows, ROWS_PER_BATCH):
            values = list(zip(*batch, strict=True))
            arrays = [pa.array([_parquet_value(v, c.kind) for v in values[i]], type=schema.field(i).type)
                      for i, c in enumerate(columns)]
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
            count += len(batch)
    return count


def _parquet_value(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "decimal":
        return Decimal(value).quantize(Decimal("0.000001"))
    if kind == "boolean":
        return bool(value)
    if kind == "timestamp" and isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


FILE_FORMATS = ("csv", "xlsx", "parquet")


def format_of(path: Path, fmt: str | None) -> str:
    """The file format: given, else the file's suffix (.csv, .xlsx, .parquet)."""
    chosen = fmt or path.suffix.lower().lstrip(".")
    if chosen not in FILE_FORMATS:
        raise ValueError(f"{path}: say --format csv, xlsx or parquet, or name the file so")
    return chosen
