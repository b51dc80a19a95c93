"""`edumetrics extract`: claims from files, no database."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator

import click

from extractor.cli.app import main
from extractor.cli.options import ErrorConsole, output_console
from extractor.cli.output import outcome_line, shown
from extractor.errors import InputError
from extractor.models.records import ProcessedDocument
from extractor.sources.read import ReadFailure, iter_sources
from extractor.vocab import collector_resting, load_all

# a table piped to a file or a pager is not cut to 80 columns


def iter_processed(paths: tuple[str, ...], err: ErrorConsole,
                   explain: bool = False) -> Iterator[ProcessedDocument]:
    """Each file processed in turn (one held at a time: memory stays flat whatever the
    input), each failure reported on stderr and passed over. No near-duplicate signatures:
    only the store keeps them."""
    for source in iter_sources(paths):
        if isinstance(source, ReadFailure):
            err.print(outcome_line("skipped", "yellow", source.display, source.reason))
            continue
        from extractor.pipeline import process_source  # not imported until there is a file

        try:
            yield process_source(source, explain=explain, signatures=False)
        except InputError as exc:
            err.print(outcome_line("failed", "red", exc.path, exc.reason))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="table", show_default=True)
@click.option("--explain", is_flag=True,
              help="Show the rule, trigger, sentence, report and year of each claim, and why other numbers "
                   "were not taken.")
def extract(paths: tuple[str, ...], fmt: str, explain: bool) -> None:
    """Extract claims from report files and print them (no database).

    jsonl output is the claims contract: one object per claim with doc, indicator,
    value, unit, qualifier, placeholder, modality, level, start, end and text; with
    --explain also rule, trigger, sentence, report (its index in the file) and year (the
    claim's own, else its report's).

    \b
    Example:
      edumetrics extract data/samples --format jsonl > claims.jsonl
      edumetrics extract data/samples/003_25d3d6e1bcc2c82d.txt --explain
    """
    with collector_resting(freeze=True):
        load_all(division_table=False)
    processed = iter_processed(paths, ErrorConsole(), explain)
    if fmt == "jsonl":
        _write_jsonl(processed, explain)
    else:
        _print_tables(processed, explain)


def _write_jsonl(processed: Iterable[ProcessedDocument], explain: bool) -> None:
    """Each document's lines as soon as it is processed."""
    out = sys.stdout
    for doc in processed:
        for claim in doc.claims:
            row = claim.contract_dict()
            if explain:
                row.update(rule=claim.rule, trigger=claim.trigger, sentence=claim.sentence,
                           report=claim.report_index, year=claim.year)
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        for rejected in doc.rejections:
            row = {"doc": rejected.doc, "indicator": None, "taken": False, "reason": rejected.reason,
                   "start": rejected.start, "end": rejected.end, "text": rejected.text,
                   "sentence": rejected.sentence}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def _print_tables(processed: Iterable[ProcessedDocument], explain: bool) -> None:
    """The claims (and with `explain` the numbers not taken) as tables: their rows are
    kept, the documents are not."""
    from rich.table import Table

    console = output_console()
    table = Table(show_lines=explain, title="claims")
    for column in ("doc", "indicator", "value", "unit", "qualifier", "modality", "level", "text", "start"):
        table.add_column(column, no_wrap=column != "doc")
    if explain:
        table.add_column("rule · trigger · sentence")
    rejected = Table(title="numbers not taken", show_lines=True)
    for column in ("doc", "text", "start", "reason", "sentence"):
        rejected.add_column(column, no_wrap=column in ("text", "start"))
    for doc in processed:
        for r in doc.rejections:
            row = (r.text, str(r.start), r.reason, r.sentence)
            rejected.add_row(shown(r.doc), *(shown(cell, lines=True) for cell in row))
        for c in doc.claims:
            cells = [shown(c.doc)] + [shown(cell, lines=True) for cell in (
                c.indicator, "—" if c.value is None else str(c.value), c.unit, c.qualifier,
                c.modality, c.level or "", c.text, str(c.start))]
            if explain:
                cells.append(shown(f"{c.rule} · {c.trigger}\n{c.sentence}", lines=True))
            table.add_row(*cells)
    console.print(table)
    if explain:
        console.print(rejected)
