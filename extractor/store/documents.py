"""Storing processed documents: each with its reports and claims, or nothing of it.

Documents are stored a batch per transaction, one insert statement per table (the rows
come from the one mapping in extractor/models/tables.py). A batch the database refuses
is stored again document by document, so one bad document never rolls back the others;
the one that fails gets a StoreError naming the reason. A document whose sha256 is
stored already adds nothing.

A claim whose value the claims table cannot hold exactly (`storable_value`) is refused
with the reason, and the rest of its document is stored: on both engines alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import cast

from sqlalchemy import Engine, Table, insert, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from extractor.errors import StoreError
from extractor.models.records import Claim, ProcessedDocument
from extractor.models.tables import (
    DECIMAL,
    Base,
    ClaimRow,
    DocumentRow,
    ReportRow,
    claim_values,
    document_values,
    report_values,
    utc_now,
)
from extractor.store.database import describe, reason
from extractor.vocab.catalog import load_catalog


@dataclass(frozen=True, slots=True)  # slots: an ingest of 40,000 files keeps one per file
class StoreOutcome:
    """What storing one document did."""

    display: str  # path, or path!member
    document_id: int
    stored: bool  # False: the same bytes (sha256) were stored before; nothing added
    reports: int = 0
    claims: int = 0
    refused: tuple[tuple[Claim, str], ...] = ()  # claims not stored, each with the reason


# what a NUMERIC value may be, so that it is stored exactly on every engine
SCALE = DECIMAL.scale or 0  # digits after the point
INTEGER_DIGITS = (DECIMAL.precision or 0) - SCALE  # digits before it
FLOAT_DIGITS = 15  # significant digits SQLite keeps (it stores a NUMERIC that is no integer as a float)
ROUNDING_TOLERANCE = Decimal("1e-6")  # of the value: rounding to SCALE digits that changes it less is fine


def storable_value(value: Decimal) -> Decimal | str:
    """`value` as the claims table keeps it (rounded to its decimals when that changes it
    by less than a millionth), or why it cannot be kept.

    >>> storable_value(Decimal("1450")), storable_value(Decimal("33.33333333"))
    (Decimal('1450'), Decimal('33.333333'))
    >>> storable_value(Decimal("1E+14"))
    'more than 14 digits before the point (the store holds NUMERIC(20, 6))'
    >>> storable_value(Decimal("0.0000004"))
    'more than 6 decimals: the store would round it to 0.000000'
    """
    if value.is_zero():
        return value
    if value.adjusted() + 1 > INTEGER_DIGITS:
        return f"more than {INTEGER_DIGITS} digits before the point (the store holds {DECIMAL})"
    rounded = value.quantize(Decimal(1).scaleb(-SCALE))
    if abs(rounded - value) > abs(value) * ROUNDING_TOLERANCE:
        return f"more than {SCALE} decimals: the store would round it to {rounded}"
    if len(rounded.normalize().as_tuple().digits) > FLOAT_DIGITS:
        return f"more than {FLOAT_DIGITS} significant digits (SQLite would round it)"
    return rounded if rounded != value else value


def storable_claims(claims: list[Claim]) -> tuple[list[Claim], list[tuple[Claim, str]]]:
    """The claims as stored (values rounded where harmless), and those refused with why."""
    kept: list[Claim] = []
    refused: list[tuple[Claim, str]] = []
    for claim in claims:
        value = claim.value if claim.value is None else storable_value(claim.value)
        if isinstance(value, str):
            refused.append((claim, f"claim {claim.text} ({claim.indicator}) at {claim.start} not stored: "
                                   f"value {claim.value:f} has {value}; the rest of the document is stored"))
        else:
            kept.append(claim if value == claim.value else claim.model_copy(update={"value": value}))
    return kept, refused


def known_hashes(engine: Engine, hashes: Iterable[str]) -> dict[str, int]:
    """The stored documents among `hashes`: sha256 -> document id, in one query."""
    wanted = list(set(hashes))
    if not wanted:
        return {}
    with Session(engine) as session:
        query = select(DocumentRow.sha256, DocumentRow.id).where(DocumentRow.sha256.in_(wanted))
        return {sha: doc_id for sha, doc_id in session.execute(query)}


def store_document(engine: Engine, processed: ProcessedDocument) -> StoreOutcome:
    """Store one document in one transaction; StoreError with the reason if refused."""
    outcome = store_batch(engine, [processed])[0]
    if isinstance(outcome, StoreError):
        raise outcome
    return outcome


def store_batch(engine: Engine, batch: list[ProcessedDocument]) -> list[StoreOutcome | StoreError]:
    """Store documents in one transaction; if the database refuses the batch, one
    transaction per document. One outcome per document, in order."""
    if not batch:
        return []
    try:
        return _insert(engine, batch)
    except (SQLAlchemyError, ValueError) as exc:
        if len(batch) == 1:
            return [_refusal(engine, batch[0], exc)]
    results: list[StoreOutcome | StoreError] = []
    for processed in batch:  # alone, each names its own reason
        try:
            results.extend(_insert(engine, [processed]))
        except (SQLAlchemyError, ValueError) as exc:
            results.append(_refusal(engine, processed, exc))
    return results


def _refusal(engine: Engine, processed: ProcessedDocument, exc: Exception) -> StoreOutcome | StoreError:
    """Why one document was refused; or, if another writer stored the same bytes meanwhile
    (a unique sha256 refused), the document already there."""
    if isinstance(exc, IntegrityError):
        present = known_hashes(engine, [processed.document.sha256])
        if present:
            return StoreOutcome(processed.document.display, present[processed.document.sha256], stored=False)
        return StoreError(f"rejected by the database: {reason(exc)}")
    if isinstance(exc, SQLAlchemyError):
        return StoreError(f"cannot store in {describe(engine)}: {reason(exc)}")
    return StoreError(str(exc))


def _insert(engine: Engine, batch: list[ProcessedDocument]) -> list[StoreOutcome | StoreError]:
    with Session(engine) as session, session.begin():
        stored = dict(session.execute(select(DocumentRow.sha256, DocumentRow.id).where(
            DocumentRow.sha256.in_([p.document.sha256 for p in batch]))).all())
        new: dict[str, ProcessedDocument] = {}
        for processed in batch:
            sha = processed.document.sha256
            if sha not in stored and sha not in new:
                check_references(processed)
                new[sha] = processed
        fitted = {sha: storable_claims(p.claims) for sha, p in new.items()}
        ids = _insert_rows(session, new, {sha: kept for sha, (kept, _) in fitted.items()}) if new else {}
    outcomes: list[StoreOutcome | StoreError] = []
    first: set[str] = set()
    for processed in batch:
        sha, display = processed.document.sha256, processed.document.display
        if sha in new and sha not in first:
            first.add(sha)
            kept, refused = fitted[sha]
            outcomes.append(StoreOutcome(display, ids[sha], stored=True, reports=len(processed.reports),
                                         claims=len(kept), refused=tuple(refused)))
        else:
            outcomes.append(StoreOutcome(display, stored.get(sha, ids.get(sha, 0)), stored=False))
    return outcomes


def _insert_rows(session: Session, new: dict[str, ProcessedDocument],
                 claims_of: dict[str, list[Claim]]) -> dict[str, int]:
    """Insert the documents, then their reports, then their claims (`claims_of` each
    document's sha256); sha256 -> document id.

    Core inserts, each one statement for all rows (executemany), and the new ids read back
    by one query: the ORM's bulk insert leaves out None values and puts rows with other
    columns in other statements, and RETURNING with the rows' order goes row by row on SQLite.
    """
    now = utc_now()
    session.execute(insert(_table(DocumentRow)), [document_values(p.document, now) for p in new.values()])
    ids = {sha: doc_id for sha, doc_id in session.execute(
        select(DocumentRow.sha256, DocumentRow.id).where(DocumentRow.sha256.in_(list(new))))}
    reports = [report_values(r, ids[sha], p.signatures.get(r.index))
               for sha, p in new.items() for r in p.reports]
    report_ids: dict[tuple[int, int], int] = {}
    if reports:
        session.execute(insert(_table(ReportRow)), reports)
        returned = session.execute(select(ReportRow.document_id, ReportRow.index, ReportRow.id)
                                   .where(ReportRow.document_id.in_(list(ids.values()))))
        report_ids = {(doc, index): rid for doc, index, rid in returned}
    claims = [claim_values(c, ids[sha], report_ids[(ids[sha], c.report_index)])
              for sha in new for c in claims_of[sha]]
    if claims:
        session.execute(insert(_table(ClaimRow)), claims)
    return ids


def _table(model: type[Base]) -> Table:
    """The Core table of a mapped class (inserted into directly, see _insert_rows)."""
    return cast(Table, model.__table__)


def check_references(processed: ProcessedDocument) -> None:
    """ValueError unless every report index is unique, every claim points at one of the
    document's reports and every indicator code is in the catalog."""
    indexes = [r.index for r in processed.reports]
    if len(set(indexes)) != len(indexes):
        raise ValueError("two reports with the same index")
    known = set(indexes)
    for claim in processed.claims:
        if claim.report_index not in known:
            raise ValueError(f"claim {claim.text!r} at {claim.start} points at report {claim.report_index}, "
                             f"which the document does not have ({len(indexes)} reports)")
    if unknown := sorted({c.indicator for c in processed.claims} - set(load_catalog())):
        raise ValueError("indicator codes not in the catalog: " + ", ".join(unknown))
