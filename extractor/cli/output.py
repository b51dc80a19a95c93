"""Rows to the terminal: a Rich table, CSV or JSON; `shown` for every name or text printed."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from rich.table import Table
from rich.text import Text

from extractor.cli.options import output_console
from extractor.sources.names import printable


def shown(text: str, style: str = "", lines: bool = False) -> Text:
    """A name (or, with `lines`, a text that may have line feeds and tabs) as printed: no
    Rich markup, and nothing a terminal acts on (control characters, bidi overrides) but
    their escapes (extractor.sources.names.printable)."""
    return Text(printable(text, lines), style)


def write_rows(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str, title: str = "") -> None:
    """Print `rows` under `columns` as "table", "csv" or "json" (an array of objects)."""
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[flat(v) for v in row] for row in rows])
    elif fmt == "json":
        objects = [dict(zip(columns, row, strict=True)) for row in rows]
        sys.stdout.write(json.dumps(objects, ensure_ascii=False, indent=2, default=json_value) + "\n")
    else:
        table = Table(title=title or None)
        for column in columns:
            table.add_column(column)
        for row in rows:
            table.add_row(*(shown(flat(v), lines=True) for v in row))
        output_console().print(table)


def flat(value: Any) -> str:
    """A cell for CSV or a table: lists comma-joined, None empty."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ",".join(map(str, value))
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
