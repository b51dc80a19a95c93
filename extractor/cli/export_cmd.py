"""`edumetrics export`: the flat analyst table to CSV, XLSX or Parquet."""

from __future__ import annotations

from pathlib import Path

import click

from extractor.cli.app import main
from extractor.cli.options import database_errors, db_option
from extractor.cli.output import FILE_FORMATS, Column, format_of, write_file
from extractor.store.database import database_url
from extractor.store.export import EXPORT_COLUMNS, ExportFilter, export_rows, open_for_reading


@main.command(name="export")
@click.argument("file", type=click.Path(dir_okay=False, writable=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FILE_FORMATS), default=None,
              help="csv, xlsx or parquet. [default: the file's suffix]")
@click.option("--indicator", "indicators", multiple=True, metavar="CODE",
              help="Only this indicator (repeatable), e.g. retention_rate.")
@click.option("--document", "documents", multiple=True, metavar="NAME",
              help="Only this document, by file name or path (repeatable).")
@click.option("--region", "regions", multiple=True, metavar="REGION",
              help="Only this region, as written or by its full name (repeatable), e.g. 娄星区.")
@click.option("--year", "years", multiple=True, type=int, metavar="YEAR",
              help="Only claims about this year: their own, else their report's (repeatable).")
@click.option("--placeholders-only", is_flag=True, help="Only masked claims.")
@click.option("--once", is_flag=True,
              help="Count each claim once: leave out the near-duplicate copies (view claims_once).")
@click.option("--no-bom", is_flag=True, help="CSV without the byte-order mark (for tools other than Excel).")
@db_option
@database_errors
def export(file: Path, fmt: str | None, indicators: tuple[str, ...], documents: tuple[str, ...],
           regions: tuple[str, ...], years: tuple[int, ...], placeholders_only: bool, once: bool,
           no_bom: bool, db: str | None) -> None:
    """Write one flat table of the claims to FILE: claim id, value as extracted and
    effective value (after resolutions) in the stored unit (万元 for money), indicator
    code and name, level, modality, qualifier, placeholder, report title, kind, region
    (as written and its full name), province, region code, year (the claim's own, else its
    report's), the report's year, document, member, sentence, token and offsets.

    The format comes from FILE's suffix (.csv, .xlsx, .parquet) or --format. CSV is
    UTF-8 with a byte-order mark, so that Excel opens it as it is. Text that a
    spreadsheet would run as a formula (= + - @ first) gets a leading apostrophe. The
    database is only read: a missing one, or one at an older revision, is an error.

    \b
    Example:
      edumetrics export claims.xlsx
      edumetrics export retention.csv --indicator retention_rate --year 2015
      edumetrics export masked.parquet --placeholders-only --db postgresql+psycopg://me@db/edu
    """
    try:
        chosen = format_of(file, fmt)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc
    filters = ExportFilter(indicators, documents, regions, years, placeholders_only, once)
    engine = open_for_reading(database_url(db))
    try:
        columns = [Column(name, kind) for name, kind in EXPORT_COLUMNS]
        rows = export_rows(engine, filters)
        count = write_file(columns, rows, file, chosen, bom=not no_bom, sheet="claims")
    except ImportError as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        raise click.ClickException(f"cannot write {file}: {exc.strerror or exc}") from exc
    finally:
        engine.dispose()
    click.echo(f"{count} claims written to {file} ({chosen})")
