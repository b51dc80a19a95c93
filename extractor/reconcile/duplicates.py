"""Near-duplicate reports: the stored signatures linked with LSH at reconcile.

The workers sign each report (extractor/text/signatures.py); `link_near_duplicates` puts
all signatures in a datasketch MinHashLSH index, joins reports whose estimated Jaccard
similarity reaches `THRESHOLD` into groups, and points every report of a group but the
first stored at that one (reports.canonical_report_id).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from extractor.text.signatures import NUM_PERM, SCHEME, SEED

if TYPE_CHECKING:
    from datasketch import LeanMinHash
    from sqlalchemy.orm import Session

THRESHOLD = 0.8  # estimated Jaccard similarity for two reports to be copies


@dataclass(frozen=True)
class DuplicateSummary:
    reports: int  # with a signature
    groups: int  # groups of two or more copies
    duplicates: int  # reports pointed at a canonical one


def lean_minhash(signature: bytes) -> LeanMinHash:
    """A stored signature as a datasketch MinHash (for LSH and Jaccard estimates)."""
    from datasketch import LeanMinHash

    return LeanMinHash(seed=SEED, hashvalues=np.frombuffer(signature, dtype="<u4"), scheme=SCHEME)


def link_near_duplicates(session: Session) -> DuplicateSummary:
    """Point every near-duplicate report at the first stored of its group; idempotent."""
    from sqlalchemy import select

    from extractor.models.tables import ReportRow

    rows = session.execute(
        select(ReportRow.id, ReportRow.signature).where(ReportRow.signature.is_not(None))
        .order_by(ReportRow.id)).all()
    signatures = {report_id: lean_minhash(signature) for report_id, signature in rows if signature}
    parent = {report_id: report_id for report_id in signatures}

    def root(report_id: int) -> int:
        while parent[report_id] != report_id:
            parent[report_id] = parent[parent[report_id]]
            report_id = parent[report_id]
        return report_id

    from datasketch import MinHashLSH

    index = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    for report_id, minhash in signatures.items():
        for other in index.query(minhash):
            if minhash.jaccard(signatures[other]) >= THRESHOLD:
                a, b = root(report_id), root(other)
                parent[max(a, b)] = min(a, b)
        index.insert(report_id, minhash)
    canonical = {report_id: root(report_id) for report_id in signatures}
    _write_links(session, canonical)
    duplicates = sum(1 for report_id, first in canonical.items() if report_id != first)
    groups = len({first for report_id, first in canonical.items() if report_id != first})
    return DuplicateSummary(len(signatures), groups, duplicates)


def _write_links(session: Session, canonical: dict[int, int]) -> None:
    """Set canonical_report_id where it changed (NULL on a canonical report)."""
    from sqlalchemy import select, update

    from extractor.models.tables import ReportRow

    current = dict(session.execute(select(ReportRow.id, ReportRow.canonical_report_id)).all())
    for report_id, first in canonical.items():
        wanted = None if first == report_id else first
        if current.get(report_id) != wanted:
            session.execute(update(ReportRow).where(ReportRow.id == report_id)
                            .values(canonical_report_id=wanted))
    stale = [rid for rid, link in current.items() if link is not None and rid not in canonical]
    if stale:
        session.execute(update(ReportRow).where(ReportRow.id.in_(stale)).values(canonical_report_id=None))
