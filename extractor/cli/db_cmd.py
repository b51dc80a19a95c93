"""`edumetrics db`: the database schema version (Alembic), one subcommand per step."""

from __future__ import annotations

import click

from extractor.cli.app import main
from extractor.cli.options import database_errors, db_option
from extractor.store.database import connect, connect_existing, database_url, describe
from extractor.store.schema import (
    current_revision,
    downgrade,
    head_revision,
    schema_drift,
    upgrade,
)


@main.group()
def db() -> None:
    """Show or change the database schema version (Alembic migrations).

    \b
    Example:
      edumetrics db current
      edumetrics db upgrade --db sqlite:///claims.db
    """


@db.command("upgrade")
@click.argument("revision", default="head")
@db_option
@database_errors
def upgrade_cmd(revision: str, db: str | None) -> None:
    """Upgrade the schema to REVISION (default: head), loading the indicator catalog.

    \b
    Example:
      edumetrics db upgrade
      edumetrics db upgrade 0001 --db sqlite:///claims.db
    """
    engine = connect(database_url(db))
    upgrade(engine, revision)
    click.echo(f"{describe(engine)} is at revision {_label(current_revision(engine))}")


@db.command("downgrade")
@click.argument("revision")
@db_option
@database_errors
def downgrade_cmd(revision: str, db: str | None) -> None:
    """Downgrade the schema to REVISION ("base" drops every table and its data).

    \b
    Example:
      edumetrics db downgrade 0001
      edumetrics db downgrade base --db sqlite:///scratch.db
    """
    engine = connect(database_url(db))
    downgrade(engine, revision)
    click.echo(f"{describe(engine)} is at revision {_label(current_revision(engine))}")


@db.command("current")
@db_option
@database_errors
def current_cmd(db: str | None) -> None:
    """Print the database's schema revision and whether it is the newest (head).

    \b
    Example:
      edumetrics db current --db sqlite:///claims.db
    """
    engine = connect_existing(database_url(db))  # a missing file is an error, not made
    click.echo(_label(current_revision(engine)))


@db.command("check")
@db_option
@database_errors
def check_cmd(db: str | None) -> None:
    """Fail when the database schema differs from the models (models/tables.py).

    \b
    Example:
      edumetrics db check --db sqlite:///claims.db
    """
    engine = connect_existing(database_url(db))
    differences = schema_drift(engine)
    if differences:
        listed = "\n".join(f"  {d}" for d in differences)
        raise click.ClickException(f"schema of {describe(engine)} differs from the models:\n{listed}")
    click.echo(f"{describe(engine)} matches the models")


def _label(revision: str | None) -> str:
    head = head_revision()
    if revision is None:
        return f"none (empty database; head is {head.revision})"
    if revision == head.revision:
        return f"{revision} (head) {head.doc}"
    return f"{revision} (head is {head.revision})"
