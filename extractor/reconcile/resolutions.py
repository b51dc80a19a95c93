"""The placeholder work queue: masked claims to follow up, and the values found for them.

A verified value never overwrites the extracted claim: it is appended to `resolutions`
with its source, note, who and when, and the view `claims_effective` gives each claim
the value of its latest resolution. The queue exports as CSV; the same CSV with
`value` and `source` filled imports back, row by row, bad rows reported by line.
"""

from __future__ import annotations

import csv
import getpass
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from extractor.extract.tokens import canonical
from extractor.models.tables import ClaimRow, DocumentRow, ReportRow, ResolutionRow
from extractor.vocab.catalog import load_catalog

QUEUE_COLUMNS = ("claim_id", "document", "report", "region", "year", "indicator", "unit", "token",
                 "start", "sentence", "value", "source", "note", "resolved_by", "resolved_at")
REQUIRED_IMPORT_COLUMNS = ("claim_id", "value", "source")


class ResolutionError(ValueError):
    """A resolution that cannot be recorded, and why."""


def default_resolver() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _latest_resolutions() -> Any:
    """Subquery: the id of each claim's latest resolution."""
    return (select(ResolutionRow.claim_id, func.max(ResolutionRow.id).label("latest"))
            .group_by(ResolutionRow.claim_id).subquery())


def queue_rows(engine: Engine, include_resolved: bool = False) -> list[Sequence[Any]]:
    """The masked claims (open ones only, unless `include_resolved`), with the latest value found."""
    latest = _latest_resolutions()
    statement = (
        select(ClaimRow.id, DocumentRow.name, ReportRow.title, ReportRow.region, ReportRow.year,
               ClaimRow.indicator, ClaimRow.unit, ClaimRow.text, ClaimRow.start, ClaimRow.sentence,
               ResolutionRow.value,
               ResolutionRow.source, ResolutionRow.note, ResolutionRow.resolved_by, ResolutionRow.resolved_at)
        .join(ClaimRow.document).join(ClaimRow.report)
        .outerjoin(latest, latest.c.claim_id == ClaimRow.id)
        .outerjoin(ResolutionRow, ResolutionRow.id == latest.c.latest)
        .where(ClaimRow.placeholder.is_(True))
        .order_by(DocumentRow.name, DocumentRow.id, ClaimRow.start)
    )
    if not include_resolved:
        statement = statement.where(latest.c.latest.is_(None))
    with Session(engine) as session:
        return [(*row[:10], None if row[10] is None else canonical(row[10]), *row[11:])
                for row in session.execute(statement)]


def parse_value(text: str, indicator: str) -> Decimal:
    """A filled-in value as a Decimal within its indicator's bounds (in its stored unit)."""
    try:
        value = Decimal(text.strip().replace(",", ""))
    except InvalidOperation:
        raise ResolutionError(f"not a number: {text!r}") from None
    if not value.is_finite():
        raise ResolutionError(f"not a number: {text!r}")
    spec = load_catalog().get(indicator)
    if spec is not None and not spec.bounds[0] <= value <= spec.bounds[1]:
        raise ResolutionError(f"{value} is outside the bounds of {indicator} "
                              f"[{spec.bounds[0]}, {spec.bounds[1]}] {spec.unit}")
    return value


def _resolution(session: Session, claim_id: int, value: str, source: str, note: str | None,
                by: str) -> ResolutionRow:
    claim = session.get(ClaimRow, claim_id)
    if claim is None:
        raise ResolutionError(f"no claim with id {claim_id}")
    if not source.strip():
        raise ResolutionError("a source is required (where the value was verified)")
    row = ResolutionRow(claim_id=claim_id, value=parse_value(value, claim.indicator), source=source.strip(),
                        note=(note or "").strip() or None, resolved_by=by)
    session.add(row)
    session.flush()
    return row


def resolve(engine: Engine, claim_id: int, value: str, source: str, note: str | None = None,
            by: str | None = None) -> ResolutionRow:
    """Record a verified value for a claim; ResolutionError when it cannot be."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        return _resolution(session, claim_id, value, source, note, by or default_resolver())


@dataclass
class ImportReport:
    added: list[int] = field(default_factory=list)  # resolution ids
    unfilled: int = 0  # rows left without a value
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)


def import_csv(engine: Engine, path: Path, by: str | None = None) -> ImportReport:
    """Record every filled row of a queue CSV; each bad row is reported by line and skipped."""
    report = ImportReport()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED_IMPORT_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ResolutionError(f"{path}: missing column(s) {', '.join(missing)}")
        for row in reader:
            _import_row(engine, row, reader.line_num, by or default_resolver(), report)
    return report


def _import_row(engine: Engine, row: dict[str, str], line: int, by: str, report: ImportReport) -> None:
    value, source = (row.get("value") or "").strip(), row.get("source") or ""
    if not value:
        report.unfilled += 1
        return
    try:
        claim_id = int(row["claim_id"])
    except (TypeError, ValueError):
        report.errors.append((line, f"bad claim_id {row.get('claim_id')!r}"))
        return
    try:
        with Session(engine) as session, session.begin():  # one row, one transaction
            report.added.append(_resolution(session, claim_id, value, source, row.get("note"), by).id)
    except ResolutionError as exc:
        report.errors.append((line, str(exc)))


def history(engine: Engine, claim_id: int) -> list[ResolutionRow]:
    """Every resolution of a claim, oldest first: the audit trail."""
    with Session(engine) as session:
        return list(session.scalars(select(ResolutionRow).where(ResolutionRow.claim_id == claim_id)
                                    .order_by(ResolutionRow.id)))
