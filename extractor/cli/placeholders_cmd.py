"""`edumetrics placeholders`: the masked claims to follow up (a group: subcommands may join)."""

from __future__ import annotations

import click

from extractor.cli.app import main
from extractor.cli.options import database_errors, db_option, format_option
from extractor.cli.output import write_rows
from extractor.query import PLACEHOLDER_COLUMNS, placeholder_rows
from extractor.store import database_url, open_database


@main.group(invoke_without_command=True)
@format_option("table", "csv")
@db_option
@click.pass_context
@database_errors
def placeholders(ctx: click.Context, fmt: str, db: str | None) -> None:
    """List every masked claim (xxxx个, xx.xx%, 入园率达%): the follow-up list.

    Each row gives the document, the report's title, the indicator, the unit, the
    masked token as written, its offset and its sentence. Without a subcommand the
    list is printed; `--db` given here is passed on to subcommands (ctx.obj["db"]).

    \b
    Example:
      edumetrics placeholders
      edumetrics placeholders --format csv > follow-up.csv
    """
    ctx.ensure_object(dict)["db"] = db
    if ctx.invoked_subcommand is not None:
        return
    engine = open_database(database_url(db))
    try:
        rows = placeholder_rows(engine)
    finally:
        engine.dispose()
    write_rows(PLACEHOLDER_COLUMNS, rows, fmt, title="masked claims")
