"""Rows to the terminal: a Rich table, CSV or JSON."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from rich.table import Table
from rich.text import Text

from extractor.cli.options import output_console


def write_rows(columns: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str, title: str = "") -> None:
    """Print `rows` under `columns` as "table", "csv" or "json" (an array of objects); CSV
    and JSON are written row by row as `rows` yields them."""
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([flat(v) for v in row] for row in rows)
    elif fmt == "json":
        write_json_array(columns, rows)
    else:
        table = Table(title=title or None)
        for column in columns:
            table.add_column(column)
        for row in rows:
            table.add_row(*(Text(flat(v)) for v in row))  # no markup
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
