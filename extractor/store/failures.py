"""The `failures` table: files (or archive members) that could not be stored, and why."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from extractor.errors import StoreError
from extractor.models.tables import FailureRow
from extractor.sources.read import ReadFailure
from extractor.store.database import describe, reason


def record_failures(engine: Engine, failures: Iterable[ReadFailure]) -> None:
    """Add rows to the `failures` table, in one transaction; a failure already recorded
    (same path, member and reason: a rerun over the same archive) is not added again."""
    failures = list(failures)
    if not failures:
        return
    try:
        with Session(engine) as session, session.begin():
            known = {tuple(row) for row in session.execute(
                select(FailureRow.path, FailureRow.member, FailureRow.reason)
                .where(FailureRow.path.in_({f.path for f in failures})))}
            session.add_all(FailureRow(path=f.path, member=f.member, reason=f.reason, skipped=f.skipped)
                            for f in failures if (f.path, f.member, f.reason) not in known)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot record failures in {describe(engine)}: {reason(exc)}") from exc


def list_failures(engine: Engine) -> list[FailureRow]:
    """Every recorded failure, oldest first."""
    with Session(engine) as session:
        return list(session.scalars(select(FailureRow).order_by(FailureRow.id)))
