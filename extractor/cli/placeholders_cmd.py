"""`edumetrics placeholders`: the masked claims to follow up, and the values found for them."""

from __future__ import annotations

from pathlib import Path

import click

from extractor.cli.app import main
from extractor.cli.options import (
    database_errors,
    db_option,
    format_option,
    group_db,
    on_database,
    output_console,
)
from extractor.cli.output import Column, format_of, write_file, write_rows
from extractor.cli.sheets import SheetError, read_sheet
from extractor.reconcile.resolutions import (
    QUEUE_COLUMNS,
    REQUIRED_IMPORT_COLUMNS,
    ImportReport,
    Recorded,
    ResolutionError,
    history,
    import_rows,
    queue_rows,
    resolve,
)

by_option = click.option("--by", "by", metavar="WHO", default=None,
                         help="Who verified the value. [default: the OS user]")
override_option = click.option(
    "--override", is_flag=True, help="Record a value for a claim that is not masked (a wrong value).")
all_option = click.option("--all", "include_resolved", is_flag=True,
                          help="Include the claims already resolved.")
QUEUE_KINDS = {"claim_id": "integer", "year": "integer", "start": "integer", "value": "decimal"}


@main.group(invoke_without_command=True)
@format_option("table", "csv", "json")
@all_option
@db_option
@click.pass_context
@database_errors
def placeholders(ctx: click.Context, fmt: str, include_resolved: bool, db: str | None) -> None:
    """The follow-up queue: every masked claim (xxxx个, xx.xx%, 入园率达%) not resolved yet.

    One row per masked claim and its copies in near-duplicate reports (`copies`, linked
    by `edumetrics reconcile`): claim id, document, report title, region and year,
    indicator, the masked token as written and its sentence. `value_unit` is the unit
    of the token (元 for xxx元, 万元 for xx万元): type the value in it, or write a unit
    with the value (0.05万元). With --all, the resolved ones too, with their latest
    value, source, note, who and when. Export the queue (`placeholders export`), fill
    in `value` and `source` in Excel, save, and import it back. CSV written here has a
    byte-order mark, so that Excel reads it as UTF-8.

    \b
    Example:
      edumetrics placeholders export follow-up.xlsx
      edumetrics placeholders import follow-up.xlsx --by 王分析
      edumetrics placeholders resolve 42 --value 3000 --source "区教育局2019年统计年报"
    """
    ctx.ensure_object(dict)["db"] = db
    if ctx.invoked_subcommand is not None:
        return
    rows = on_database(db, lambda e: queue_rows(e, include_resolved))
    write_rows(QUEUE_COLUMNS, rows, fmt, title=f"{len(rows)} masked claims", bom=True)


@placeholders.command(name="export")
@click.argument("file", type=click.Path(dir_okay=False, writable=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default=None,
              help="csv or xlsx. [default: the file's suffix]")
@all_option
@db_option
@click.pass_context
@database_errors
def export_command(ctx: click.Context, file: Path, fmt: str | None, include_resolved: bool,
                   db: str | None) -> None:
    """Write the queue to FILE (.xlsx, or .csv in UTF-8 with a byte-order mark) to fill in
    a spreadsheet and import back.

    \b
    Example:
      edumetrics placeholders export follow-up.xlsx
      edumetrics placeholders export follow-up.csv --all
    """
    chosen = _file_format(file, fmt)
    rows = on_database(group_db(ctx, db), lambda e: queue_rows(e, include_resolved))
    columns = [Column(name, QUEUE_KINDS.get(name, "text")) for name in QUEUE_COLUMNS]
    try:
        count = write_file(columns, rows, file, chosen, sheet="queue")
    except OSError as exc:
        raise click.ClickException(f"cannot write {file}: {exc.strerror or exc}") from exc
    click.echo(f"{count} masked claims written to {file}")


def _file_format(file: Path, fmt: str | None) -> str:
    try:
        chosen = format_of(file, fmt)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc
    if chosen == "parquet":
        raise click.BadParameter(f"{file}: the queue goes to a spreadsheet, .xlsx or .csv")
    return chosen


@placeholders.command(name="resolve")
@click.argument("claim_id", type=int)
@click.option("--value", required=True,
              help="The verified value, in the unit of the claim's token (500 for xxx元 is 500元), "
                   "or with its unit (0.05万元).")
@click.option("--source", required=True, help="Where it was verified.")
@click.option("--note", default=None, help="Anything a reviewer should know.")
@by_option
@override_option
@db_option
@click.pass_context
@database_errors
def resolve_command(ctx: click.Context, claim_id: int, value: str, source: str, note: str | None,
                    by: str | None, override: bool, db: str | None) -> None:
    """Record a verified value for claim CLAIM_ID and its near-duplicate copies (the
    claims themselves are never changed). Only a masked claim takes a value, unless
    --override.

    \b
    Example:
      edumetrics placeholders resolve 42 --value 99.5 --source "市统计公报2019" --note "表3"
      edumetrics placeholders resolve 37 --value 1200万元 --source "区财政局决算" --db edumetrics.db
    """
    outcome = on_database(group_db(ctx, db),
                          lambda e: resolve(e, claim_id, value, source, note, by, override), ResolutionError)
    output_console().print(_recorded_message(f"claim {claim_id}", outcome), markup=False, highlight=False)


def _recorded_message(what: str, outcome: Recorded) -> str:
    copies = f" and {outcome.copies} near-duplicate copies" if outcome.copies else ""
    if not outcome.added:
        return f"{what}{copies}: {outcome.quantity} from {outcome.entry.source.strip()!r} already recorded"
    ids = ", ".join(str(row.id) for row in outcome.added)
    by = outcome.added[0].resolved_by
    return (f"{what}{copies}: {outcome.quantity} from {outcome.entry.source.strip()!r} "
            f"(resolution {ids} by {by})")


@placeholders.command(name="import")
@click.argument("sheet_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@by_option
@override_option
@db_option
@click.pass_context
@database_errors
def import_command(ctx: click.Context, sheet_file: Path, by: str | None, override: bool,
                   db: str | None) -> None:
    """Record the values filled into an exported queue: XLSX, or CSV in UTF-8 or GB18030
    (what Chinese Excel saves). Columns claim_id, value and source, and optionally note
    and value_unit (the unit the value is in; the token's own when absent).

    All or nothing: every bad row is reported as FILE:LINE: reason and then nothing is
    stored (exit status 1). A row whose value, source and note are already a claim's
    latest adds nothing, so importing a file twice records it once. Rows without a value
    stay open.

    \b
    Example:
      edumetrics placeholders import follow-up.xlsx --by 王分析
      edumetrics placeholders import follow-up.csv --db postgresql+psycopg://me@db/edu
    """
    try:
        sheet = read_sheet(sheet_file, REQUIRED_IMPORT_COLUMNS)
    except (SheetError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc
    report = on_database(group_db(ctx, db), lambda e: import_rows(e, sheet.rows, by, override, sheet.errors),
                         ResolutionError)
    _print_import(ctx, sheet_file, report)


def _print_import(ctx: click.Context, sheet_file: Path, report: ImportReport) -> None:
    for line, reason in report.errors:
        click.echo(f"{sheet_file}:{line}: {reason}", err=True)
    if report.errors:
        click.echo(f"nothing recorded: {len(report.errors)} bad rows (fix them and import the file again)",
                   err=True)
        ctx.exit(1)
    for outcome in report.recorded:
        click.echo(f"{sheet_file}:{outcome.entry.line}: "
                   + _recorded_message(f"claim {outcome.entry.claim_id}", outcome))
    click.echo(f"{len(report.added)} resolutions recorded, {report.unchanged} rows already recorded, "
               f"{report.unfilled} rows left open")


@placeholders.command(name="history")
@click.argument("claim_id", type=int)
@format_option("table", "csv", "json")
@db_option
@click.pass_context
@database_errors
def history_command(ctx: click.Context, claim_id: int, fmt: str, db: str | None) -> None:
    """The audit trail of a claim: every value recorded for it, oldest first (in the
    stored unit, 万元 for money).

    \b
    Example:
      edumetrics placeholders history 42
    """
    rows = [(r.id, r.value.normalize(), r.source, r.note, r.resolved_by, r.resolved_at)
            for r in on_database(group_db(ctx, db), lambda e: history(e, claim_id))]
    write_rows(("resolution", "value", "source", "note", "resolved_by", "resolved_at"), rows, fmt,
               title=f"claim {claim_id}")
