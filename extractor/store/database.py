"""Store stage: processed documents -> rows in the database.

One document is written in one transaction (its row, its reports, its claims), so a
failure leaves nothing of it. A document whose sha256 is already stored adds nothing.
`ingest_paths` runs read -> pipeline -> store over files and directories and sums up.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from extractor.errors import InputError
from extractor.models.records import ProcessedDocument
from extractor.models.tables import ClaimRow, DocumentRow, IndicatorRow, ReportRow, document_rows
from extractor.sources.read import ReadFailure, iter_sources
from extractor.store.schema import (
    StoreError,
    create_database_engine,
    current_revision,
    describe,
    head_revision,
    reason,
)
from extractor.store.schema import upgrade as upgrade_schema
from extractor.vocab.catalog import IndicatorSpec, load_catalog

ENV_VARIABLE = "EDUMETRICS_DATABASE_URL"
DEFAULT_URL = "sqlite:///edumetrics.db"


def database_url(cli_value: str | None = None) -> str:
    """The database to use: --db, else $EDUMETRICS_DATABASE_URL, else ./edumetrics.db.

    A value without a scheme is a SQLite file path.

    >>> database_url("sqlite:////tmp/x.db")
    'sqlite:////tmp/x.db'
    >>> database_url("/tmp/x.db")
    'sqlite:////tmp/x.db'
    """
    value = cli_value or os.environ.get(ENV_VARIABLE) or DEFAULT_URL
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser()}"


def open_database(url: str) -> Engine:
    """An engine on `url`, its schema upgraded to head and its indicator rows current."""
    engine = create_database_engine(url)
    if current_revision(engine) != head_revision().revision:
        upgrade_schema(engine)
    sync_indicators(engine)
    return engine


def indicator_values(spec: IndicatorSpec) -> dict[str, object]:
    return {"code": spec.code, "name": spec.name, "unit": spec.unit, "family": spec.family,
            "scored": spec.scored, "min_value": spec.bounds[0], "max_value": spec.bounds[1],
            "description": spec.description}


def sync_indicators(engine: Engine) -> int:
    """Add catalog codes the database lacks and update changed ones; returns the rows changed.

    Rows of codes gone from the catalog stay (claims may point at them).
    """
    changed = 0
    try:
        with Session(engine) as session, session.begin():
            stored = {row.code: row for row in session.scalars(select(IndicatorRow))}
            for spec in load_catalog().values():
                values = indicator_values(spec)
                row = stored.get(spec.code)
                if row is None:
                    session.add(IndicatorRow(**values))
                    changed += 1
                elif any(getattr(row, key) != value for key, value in values.items()):
                    for key, value in values.items():
                        setattr(row, key, value)
                    changed += 1
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot update the indicator catalog in {describe(engine)}: {reason(exc)}") from exc
    return changed


@dataclass(frozen=True, slots=True)  # slots: an ingest of 40,000 files keeps one per file
class StoreOutcome:
    """What storing one document did."""

    display: str  # path, or path!member
    document_id: int
    stored: bool  # False: the same bytes (sha256) were stored before; nothing added
    reports: int = 0
    claims: int = 0


def store_document(engine: Engine, processed: ProcessedDocument) -> StoreOutcome:
    """Write one document with its reports and claims in one transaction.

    Raises StoreError with the reason (without the path) when the database refuses it.
    """
    document = processed.document
    display = f"{document.path}!{document.member}" if document.member else document.path
    try:
        with Session(engine) as session, session.begin():
            existing = _stored_id(session, document.sha256)
            if existing is not None:
                return StoreOutcome(display, existing, stored=False)
            _check_indicators(session, processed)
            try:
                row = document_rows(document, processed.reports, processed.claims, processed.signatures)
            except ValueError as exc:
                raise StoreError(str(exc)) from exc
            session.add(row)
            session.flush()
            return StoreOutcome(display, row.id, stored=True, reports=len(processed.reports),
                                claims=len(processed.claims))
    except IntegrityError as exc:
        # another writer may have stored the same bytes since we looked
        with Session(engine) as session:
            existing = _stored_id(session, document.sha256)
        if existing is not None:
            return StoreOutcome(display, existing, stored=False)
        raise StoreError(f"rejected by the database: {reason(exc)}") from exc
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot store in {describe(engine)}: {reason(exc)}") from exc


def _stored_id(session: Session, sha256: str) -> int | None:
    return session.scalar(select(DocumentRow.id).where(DocumentRow.sha256 == sha256))


def _check_indicators(session: Session, processed: ProcessedDocument) -> None:
    used = {claim.indicator for claim in processed.claims}
    if not used:
        return
    known = set(session.scalars(select(IndicatorRow.code).where(IndicatorRow.code.in_(used))))
    if unknown := sorted(used - known):
        raise StoreError("indicator codes not in the catalog: " + ", ".join(unknown))


@dataclass
class IngestSummary:
    """The result of one ingest run; `files` counts every file met."""

    files: int = 0
    stored: int = 0  # documents stored now (counts, not lists: memory stays flat)
    already_present: int = 0  # documents whose bytes were stored before
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason): not a report file
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason): broken or refused
    claims_by_indicator: Counter[str] = field(default_factory=Counter)  # of the documents stored now
    placeholders: int = 0  # masked claims among them


# called after each file with ("stored" | "present" | "skipped" | "failed", path, detail)
Progress = Callable[[str, str, str], None]


def ingest_paths(engine: Engine, paths: Iterable[str | os.PathLike[str]],
                 progress: Progress | None = None) -> IngestSummary:
    """Read, process and store every file under `paths`; one bad file never stops the batch."""
    from extractor.pipeline import process_source  # here: the writer of a parallel ingest needs none

    summary = IngestSummary()

    def note(status: str, path: str, detail: str) -> None:
        if progress is not None:
            progress(status, path, detail)

    for source in iter_sources(paths):
        summary.files += 1
        if isinstance(source, ReadFailure):
            (summary.skipped if source.skipped else summary.failed).append((source.display, source.reason))
            note("skipped" if source.skipped else "failed", source.display, source.reason)
            continue
        try:
            processed = process_source(source)
            outcome = store_document(engine, processed)
        except InputError as exc:
            summary.failed.append((exc.path, exc.reason))
            note("failed", exc.path, exc.reason)
            continue
        except StoreError as exc:
            summary.failed.append((source.display, str(exc)))
            note("failed", source.display, str(exc))
            continue
        if outcome.stored:
            summary.stored += 1
            summary.claims_by_indicator.update(c.indicator for c in processed.claims)
            summary.placeholders += sum(c.placeholder for c in processed.claims)
            note("stored", outcome.display, f"{outcome.reports} reports, {outcome.claims} claims")
        else:
            summary.already_present += 1
            note("present", outcome.display, f"already stored as document {outcome.document_id}")
    return summary


def table_counts(engine: Engine) -> dict[str, int]:
    """Rows per table: documents, reports, claims, indicators."""
    with Session(engine) as session:
        return {model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
                for model in (DocumentRow, ReportRow, ClaimRow, IndicatorRow)}
