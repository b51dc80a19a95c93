"""`edumetrics reconcile` and `edumetrics findings`: check the stored claims, list what is wrong."""

from __future__ import annotations

import click
from sqlalchemy import select
from sqlalchemy.orm import Session

from extractor.cli.app import main
from extractor.cli.options import (
    database_errors,
    db_option,
    format_option,
    group_db,
    on_database,
    output_console,
)
from extractor.cli.output import write_rows
from extractor.models.tables import FindingRow
from extractor.reconcile.run import STATUSES, reconcile, set_status
from extractor.store.database import database_url, open_database
from extractor.vocab.reconcile import reconcile_rules

FINDING_COLUMNS = ("id", "kind", "severity", "status", "message", "claim_ids", "report_ids")


@main.command(name="reconcile")
@db_option
@database_errors
def reconcile_command(db: str | None) -> None:
    """Link near-duplicate reports and check every stored claim; store the findings.

    Checks: inside a report (arithmetic), a rate against its counts, a total against
    its parts of the same kind (staff, changes and per-hundred ratios are no parts; a
    bracket inside a part holds that part's parts), and counts whose shares of one
    named whole (占考生人数的…%) imply different wholes, with the printed rounding;
    values outside what their indicator can be at the scale of the report's region
    (implausible; a change judged as a change); the same indicator, region, year and
    level with different values in two reports that are not copies (conflict); a
    plan's target against the summary's actual (target_met, target_missed). Each
    finding is one sentence that quotes the report and names its claims (#id).
    Running it again changes nothing unless the data changed; a finding's status
    (accepted, dismissed) survives reruns.

    \b
    Example:
      edumetrics reconcile
      edumetrics findings --kind arithmetic
    """
    summary = on_database(db, reconcile)
    dup = summary.duplicates
    if dup is not None:
        click.echo(f"near-duplicates: {dup.duplicates} reports linked to a canonical copy "
                   f"({dup.groups} groups, {dup.reports} reports compared)")
    for kind in reconcile_rules().severity:
        click.echo(f"{kind:<14} {summary.by_kind.get(kind, 0)}")
    click.echo(f"findings: {summary.added} new, {summary.kept} unchanged, {summary.removed} no longer found")


@main.group(invoke_without_command=True)
@click.option("--kind", type=click.Choice(list(reconcile_rules().severity)), default=None,
              help="Only findings of this kind.")
@click.option("--status", type=click.Choice(STATUSES), default=None, help="Only findings with this status.")
@format_option("table", "csv", "json")
@db_option
@click.pass_context
@database_errors
def findings(ctx: click.Context, kind: str | None, status: str | None, fmt: str, db: str | None) -> None:
    """List the findings of the last `edumetrics reconcile`.

    \b
    Example:
      edumetrics findings --kind conflict --format csv > conflicts.csv
      edumetrics findings dismiss 12
    """
    ctx.ensure_object(dict)["db"] = db
    if ctx.invoked_subcommand is not None:
        return
    engine = open_database(database_url(db))
    try:
        with Session(engine) as session:
            query = select(FindingRow).order_by(FindingRow.id)
            if kind:
                query = query.where(FindingRow.kind == kind)
            if status:
                query = query.where(FindingRow.status == status)
            rows = [(f.id, f.kind, f.severity, f.status, f.message, f.claim_ids, f.report_ids)
                    for f in session.scalars(query)]
    finally:
        engine.dispose()
    write_rows(FINDING_COLUMNS, rows, fmt, title=f"{len(rows)} findings")


def _status_command(status: str, verb: str) -> None:
    @findings.command(name=verb, help=f"Mark finding FINDING_ID {status} (reconcile keeps it, with this "
                      f"status).\n\n\b\nExample:\n  edumetrics findings {verb} 12")
    @click.argument("finding_id", type=int)
    @db_option
    @click.pass_context
    @database_errors
    def command(ctx: click.Context, finding_id: int, db: str | None) -> None:
        row = on_database(group_db(ctx, db), lambda e: set_status(e, finding_id, status), LookupError)
        output_console().print(f"finding {row.id} ({row.kind}) is now {row.status}")



_status_command("accepted", "accept")
_status_command("dismissed", "dismiss")
_status_command("open", "reopen")
