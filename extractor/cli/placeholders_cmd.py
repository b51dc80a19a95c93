"""`edumetrics placeholders`: the masked claims to follow up, and the values found for them."""

from __future__ import annotations

from pathlib import Path

import click

from extractor.cli.app import main
from extractor.cli.options import database_errors, db_option, format_option, on_database, output_console
from extractor.cli.output import write_rows
from extractor.reconcile.resolutions import (
    QUEUE_COLUMNS,
    ResolutionError,
    history,
    import_csv,
    queue_rows,
    resolve,
)

by_option = click.option("--by", "by", metavar="WHO", default=None,
                         help="Who verified the value. [default: the OS user]")


@main.group(invoke_without_command=True)
@format_option("table", "csv", "json")
@click.option("--all", "include_resolved", is_flag=True, help="Include the claims already resolved.")
@db_option
@click.pass_context
@database_errors
def placeholders(ctx: click.Context, fmt: str, include_resolved: bool, db: str | None) -> None:
    """The follow-up queue: every masked claim (xxxx个, xx.xx%, 入园率达%) not resolved yet.

    Each row gives the claim id, document, report title, region and year, indicator,
    unit, the masked token as written and its sentence; with --all, the resolved ones
    too, with their latest value, source, note, who and when. Export it as CSV, fill
    in `value` and `source`, and import it back. `--db` given here is passed on to the
    subcommands.

    \b
    Example:
      edumetrics placeholders --format csv > follow-up.csv
      edumetrics placeholders import follow-up.csv
      edumetrics placeholders resolve 42 --value 3000 --source "区教育局2019年统计年报"
    """
    ctx.ensure_object(dict)["db"] = db
    if ctx.invoked_subcommand is not None:
        return
    rows = on_database(db, lambda e: queue_rows(e, include_resolved))
    write_rows(QUEUE_COLUMNS, rows, fmt, title=f"{len(rows)} masked claims")


@placeholders.command(name="resolve")
@click.argument("claim_id", type=int)
@click.option("--value", required=True, help="The verified value, in the claim's unit (万元, %, 人, 个).")
@click.option("--source", required=True, help="Where it was verified.")
@click.option("--note", default=None, help="Anything a reviewer should know.")
@by_option
@click.pass_context
@database_errors
def resolve_command(ctx: click.Context, claim_id: int, value: str, source: str, note: str | None,
                    by: str | None) -> None:
    """Record a verified value for claim CLAIM_ID (the claim itself is never changed).

    \b
    Example:
      edumetrics placeholders resolve 42 --value 99.5 --source "市统计公报2019" --note "表3"
    """
    row = on_database(ctx.obj.get("db"), lambda e: resolve(e, claim_id, value, source, note, by),
                      ResolutionError)
    output_console().print(f"claim {claim_id}: {row.value.normalize():f} from {row.source!r} "
                           f"(resolution {row.id} by {row.resolved_by})")


@placeholders.command(name="import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@by_option
@click.pass_context
@database_errors
def import_command(ctx: click.Context, csv_file: Path, by: str | None) -> None:
    """Record the values filled into an exported queue CSV (columns claim_id, value, source,
    and optionally note). Rows without a value are left open; a bad row is reported with
    its line number and reason and the good rows are kept. Exits 1 when a row was bad.

    \b
    Example:
      edumetrics placeholders import follow-up.csv --by 王分析
    """
    report = on_database(ctx.obj.get("db"), lambda e: import_csv(e, csv_file, by), ResolutionError)
    for line, reason in report.errors:
        click.echo(f"{csv_file}:{line}: {reason}", err=True)
    click.echo(f"{len(report.added)} resolutions recorded, {report.unfilled} rows left open, "
               f"{len(report.errors)} bad rows")
    if report.errors:
        ctx.exit(1)


@placeholders.command(name="history")
@click.argument("claim_id", type=int)
@format_option("table", "csv", "json")
@click.pass_context
@database_errors
def history_command(ctx: click.Context, claim_id: int, fmt: str) -> None:
    """The audit trail of a claim: every value recorded for it, oldest first.

    \b
    Example:
      edumetrics placeholders history 42
    """
    rows = [(r.id, r.value.normalize(), r.source, r.note, r.resolved_by, r.resolved_at)
            for r in on_database(ctx.obj.get("db"), lambda e: history(e, claim_id))]
    write_rows(("resolution", "value", "source", "note", "resolved_by", "resolved_at"), rows, fmt,
               title=f"claim {claim_id}")
