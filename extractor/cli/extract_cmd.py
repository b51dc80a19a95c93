"""`edumetrics extract`: claims from files, no database."""

from __future__ import annotations

import json
import sys

import click
from rich.console import Console
from rich.table import Table

from extractor.cli.app import main
from extractor.errors import InputError
from extractor.pipeline import ProcessedDocument, process_source
from extractor.read import ReadFailure, iter_sources


def iter_processed(paths: tuple[str, ...], err: Console) -> list[ProcessedDocument]:
    """Process every file, reporting each failure on stderr and going on."""
    done: list[ProcessedDocument] = []
    for source in iter_sources(paths):
        if isinstance(source, ReadFailure):
            err.print(f"[yellow]skipped[/] {source.display}: {source.reason}", highlight=False)
            continue
        try:
            done.append(process_source(source))
        except InputError as exc:
            err.print(f"[red]failed[/] {exc.path}: {exc.reason}", highlight=False)
    return done


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="table", show_default=True)
@click.option("--explain", is_flag=True, help="Show the rule, trigger and sentence behind each claim.")
def extract(paths: tuple[str, ...], fmt: str, explain: bool) -> None:
    """Extract claims from report files and print them (no database).

    \b
    Example:
      edumetrics extract data/samples --format jsonl > claims.jsonl
      edumetrics extract report.txt --explain
    """
    err = Console(stderr=True)
    processed = iter_processed(paths, err)
    if fmt == "jsonl":
        out = sys.stdout
        for doc in processed:
            for claim in doc.claims:
                row = claim.contract_dict()
                if explain:
                    row.update(rule=claim.rule, trigger=claim.trigger, sentence=claim.sentence)
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    table = Table(show_lines=explain)
    for column in ("doc", "indicator", "value", "unit", "qual", "mod", "level", "text", "span"):
        table.add_column(column)
    if explain:
        table.add_column("rule / trigger / sentence")
    for doc in processed:
        for c in doc.claims:
            cells = [c.doc, c.indicator, "—" if c.value is None else str(c.value), c.unit, c.qualifier,
                     c.modality, c.level or "", c.text, f"{c.start}:{c.end}"]
            if explain:
                cells.append(f"{c.rule} / {c.trigger}\n{c.sentence}")
            table.add_row(*cells)
    Console().print(table)
