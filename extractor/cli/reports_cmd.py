"""`edumetrics reports`: the reports of each file (segmentation and metadata), no database."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable

import click

from extractor.cli.app import main
from extractor.cli.extract_cmd import iter_processed
from extractor.cli.options import ErrorConsole, output_console
from extractor.cli.output import shown
from extractor.models.records import ProcessedDocument, Report
from extractor.vocab import collector_resting, load_all

# the jsonl fields, in the order of shared/spec/reports.md, then the product's own (the
# region as named, coded, levelled and placed; the genre, period and a second year)
FIELDS = ("doc", "index", "title", "kind", "year", "year_masked", "region", "region_masked",
          "issuer", "start", "end", "region_name", "region_code", "region_level", "province",
          "province_code", "genre", "period", "year_alt")


def report_dict(report: Report) -> dict[str, object]:
    """One jsonl object of the reports contract (a report with no title line has title
    null, as the contract says; the database keeps it as an empty text)."""
    fields = {name: getattr(report, name) for name in FIELDS}
    fields["title"] = report.title or None
    return fields


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="table", show_default=True)
def reports(paths: tuple[str, ...], fmt: str) -> None:
    """Split files into reports and print each report's metadata (no database).

    jsonl output is the reports contract: one object per report with doc, index,
    title, kind, year, year_masked, region (as written), region_masked, issuer, start and
    end; plus region_name (the full name), region_code (GB/T 2260), region_level,
    province, province_code, genre, period and year_alt.

    \b
    Example:
      edumetrics reports data/samples --format jsonl > reports.jsonl
    """
    with collector_resting(freeze=True):
        load_all(division_table=False)
    processed = iter_processed(paths, ErrorConsole())
    if fmt == "jsonl":
        for doc in processed:
            for report in doc.reports:
                sys.stdout.write(json.dumps(report_dict(report), ensure_ascii=False) + "\n")
    else:
        _print_table(processed)


def _print_table(processed: Iterable[ProcessedDocument]) -> None:
    from rich.table import Table  # Rich is imported by what prints with it (start-up)

    table = Table(title="reports")
    for column in ("doc", "#", "title", "kind", "year", "region", "issuer", "period", "start", "end"):
        table.add_column(column, no_wrap=column not in ("doc", "title"))
    for doc in processed:
        for r in doc.reports:
            year = "xx" if r.year_masked and r.year is None else str(r.year or "")
            region = "xx" if r.region_masked and r.region is None else r.region_name or r.region or ""
            cells = (str(r.index), r.title, r.kind, year, region, r.issuer or "", r.period or "",
                     str(r.start), str(r.end))
            table.add_row(shown(r.doc), *(shown(cell, lines=True) for cell in cells))
    output_console().print(table)
