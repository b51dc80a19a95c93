"""Reconcile stage: link near-duplicate reports, run the checks, store the findings.

`reconcile` is idempotent: a finding is known by its fingerprint (kind, claims,
values), so a rerun inserts only new findings and keeps the status an analyst gave
the old ones. A finding the data no longer produces is deleted while it is open; one
an analyst accepted or dismissed stays, as the record of that decision.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from extractor.models.tables import ClaimRow, DocumentRow, FindingRow, ReportRow
from extractor.reconcile.checks import ClaimFact, Facts, Finding, ReportFact, all_findings
from extractor.reconcile.duplicates import DuplicateSummary, link_near_duplicates

STATUSES = ("open", "accepted", "dismissed")


@dataclass
class ReconcileSummary:
    by_kind: Counter[str] = field(default_factory=Counter)
    added: int = 0
    kept: int = 0
    removed: int = 0
    duplicates: DuplicateSummary | None = None


def load_facts(session: Session) -> Facts:
    reports = {
        row.id: ReportFact(id=row.id, document=name, title=row.title, kind=row.kind, year=row.year,
                           year_alt=row.year_alt, region=None if row.region_masked else row.region,
                           canonical=row.canonical_report_id is None,
                           region_level=None if row.region_masked else row.region_level,
                           province=row.province)
        for row, name in session.execute(
            select(ReportRow, DocumentRow.name).join(DocumentRow, ReportRow.document_id == DocumentRow.id))
    }
    claims = [
        ClaimFact(id=c.id, report_id=c.report_id, indicator=c.indicator, value=c.value, unit=c.unit,
                  qualifier=c.qualifier, modality=c.modality, level=c.level, start=c.start, end=c.end,
                  text=c.text, sentence=c.sentence, sentence_start=c.sentence_start, year=c.year)
        for c in session.scalars(select(ClaimRow).order_by(ClaimRow.id))
    ]
    return Facts(claims, reports)


def reconcile(engine: Engine) -> ReconcileSummary:
    """Link near-duplicate reports, then run every check, in one transaction; store the findings."""
    summary = ReconcileSummary()
    with Session(engine) as session, session.begin():
        summary.duplicates = link_near_duplicates(session)  # the checks count each copy once
        session.flush()
        findings = all_findings(load_facts(session))
        _store(session, findings, summary)
    return summary


def _store(session: Session, findings: list[Finding], summary: ReconcileSummary) -> None:
    existing = {row.fingerprint: row for row in session.scalars(select(FindingRow))}
    for finding in findings:
        summary.by_kind[finding.kind] += 1
        if finding.fingerprint in existing:
            summary.kept += 1
            continue
        session.add(FindingRow(
            fingerprint=finding.fingerprint, kind=finding.kind, severity=finding.severity,
            message=finding.message, claim_ids=list(finding.claim_ids),
            report_ids=list(finding.report_ids), details=finding.details, status="open"))
        summary.added += 1
    produced = {f.fingerprint for f in findings}
    stale = [fp for fp, row in existing.items() if fp not in produced and row.status == "open"]
    if stale:
        session.execute(delete(FindingRow).where(FindingRow.fingerprint.in_(stale)))
    summary.removed = len(stale)


def set_status(engine: Engine, finding_id: int, status: str) -> FindingRow:
    """Mark a finding accepted, dismissed or open again; LookupError when there is none."""
    if status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}")
    with Session(engine, expire_on_commit=False) as session, session.begin():
        row = session.get(FindingRow, finding_id)
        if row is None:
            raise LookupError(f"no finding with id {finding_id}")
        row.status = status
        return row
