"""The `failures` table: files (or archive members) that could not be stored, and why.

A row stands (`resolved_at` NULL) until a later ingest reads the same file (path and
member) again and either stores it, finds its bytes already stored, or fails it for
another reason; then it is resolved, not deleted: `list_failures(everything=True)` is
the history.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from extractor.errors import StoreError
from extractor.models.tables import FailureRow, utc_now
from extractor.sources.read import ReadFailure
from extractor.store.database import describe, reason

FileKey = tuple[str, str | None]  # (path, member) of a file or archive member


def record_failures(engine: Engine, failures: Iterable[ReadFailure]) -> None:
    """Add rows to the `failures` table, in one transaction. A failure that stands
    already (same path, member and reason: a rerun over the same archive) is not added
    again; one that stands for the same file with another reason is resolved."""
    failures = list(failures)
    if not failures:
        return
    try:
        with Session(engine) as session, session.begin():
            standing = _standing(session, {f.path for f in failures})
            new = {(f.path, f.member, f.reason): f for f in failures}
            files = {(path, member) for path, member, _ in new}
            _resolve(session, [row.id for row in standing if (row.path, row.member) in files
                               and (row.path, row.member, row.reason) not in new])
            known = {(row.path, row.member, row.reason) for row in standing}
            session.add_all(FailureRow(path=f.path, member=f.member, reason=f.reason, skipped=f.skipped)
                            for key, f in new.items() if key not in known)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot record failures in {describe(engine)}: {reason(exc)}") from exc


def resolve_failures(engine: Engine, files: Collection[FileKey]) -> None:
    """Mark the standing failures of `files` resolved (they were read and stored since)."""
    if not files:
        return
    try:
        with Session(engine) as session, session.begin():
            standing = _standing(session, {path for path, _ in files})
            _resolve(session, [row.id for row in standing if (row.path, row.member) in files])
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot resolve failures in {describe(engine)}: {reason(exc)}") from exc


def standing_failures(engine: Engine) -> set[FileKey]:
    """(path, member) of every failure that stands."""
    with Session(engine) as session:
        return {(path, member) for path, member in session.execute(
            select(FailureRow.path, FailureRow.member).where(FailureRow.resolved_at.is_(None)))}


def list_failures(engine: Engine, everything: bool = False) -> list[FailureRow]:
    """The failures that stand, oldest first; with `everything`, the resolved ones too."""
    query = select(FailureRow).order_by(FailureRow.id)
    if not everything:
        query = query.where(FailureRow.resolved_at.is_(None))
    with Session(engine) as session:
        return list(session.scalars(query))


def _standing(session: Session, paths: set[str]) -> list[FailureRow]:
    return list(session.scalars(select(FailureRow).where(
        FailureRow.path.in_(paths), FailureRow.resolved_at.is_(None))))


def _resolve(session: Session, ids: list[int]) -> None:
    if ids:
        session.execute(update(FailureRow).where(FailureRow.id.in_(ids)).values(resolved_at=utc_now()))
