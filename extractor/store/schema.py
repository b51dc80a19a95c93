"""The schema's version: Alembic revisions up and down, and the drift check.

Schema changes run through the Alembic scripts of extractor.migrations (the repository's
migrations/ folder) on a connection of the caller's engine, inside one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from extractor.errors import StoreError
from extractor.migrations import alembic_config
from extractor.models.tables import metadata
from extractor.store.database import describe, reason


@dataclass(frozen=True)
class Revision:
    revision: str
    doc: str


def head_revision() -> Revision:
    """The newest revision of the shipped migrations."""
    script = ScriptDirectory.from_config(alembic_config())
    current = script.get_current_head()
    head = script.get_revision(current) if current is not None else None
    assert head is not None, "the migrations package has no revision"
    return Revision(head.revision, head.doc)


Standing = Literal["head", "empty", "older", "newer"]


def revision_standing(revision: str | None) -> Standing:
    """Where a database at `revision` stands against the shipped migrations: at their head,
    empty (no revision), at an older one, or at one they do not know (a newer EduMetrics')."""
    script = ScriptDirectory.from_config(alembic_config())
    if revision == script.get_current_head():
        return "head"
    if revision is None:
        return "empty"
    known = {script_revision.revision for script_revision in script.walk_revisions()}
    return "older" if revision in known else "newer"


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at; None for an empty (or new) database."""
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read the schema version of {describe(engine)}: {reason(exc)}") from exc


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database up to `revision`, in one transaction."""
    _run(engine, "upgrade", revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Migrate the database down to `revision` ("base" removes every table)."""
    _run(engine, "downgrade", revision)


def _run(engine: Engine, direction: str, revision: str) -> None:
    step = command.upgrade if direction == "upgrade" else command.downgrade
    try:
        with engine.begin() as connection:
            step(alembic_config(connection), revision)
    except CommandError as exc:
        raise StoreError(f"cannot {direction} {describe(engine)} to {revision!r}: {exc}") from exc
    except SQLAlchemyError as exc:
        raise StoreError(f"{direction} of {describe(engine)} failed: {reason(exc)}") from exc


def schema_drift(engine: Engine) -> list[Any]:
    """The differences between models.tables and the database's schema (empty: none)."""
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "compare_server_default": True})
            return list(compare_metadata(context, metadata))
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read the schema of {describe(engine)}: {reason(exc)}") from exc
