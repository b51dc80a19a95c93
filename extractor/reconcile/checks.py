"""Reconcile stage, the checks: stored claims in, findings out (no database here).

Each check is a function of `Facts` (claims and reports as loaded by
`extractor.reconcile.run`) returning `Finding`s: arithmetic within a report
(`arithmetic.py`), plausible values by scale (`bounds.py`), and across reports
(`across.py`). What relates to what (a rate and its counts, what a claim counts, parts,
shares, tolerances, severities) is data, in `extractor/data/reconcile.yaml`; the
plausible ranges are in `extractor/data/plausibility.yaml`. Every finding's message is one
sentence that quotes the report's words and names the claims by id.
"""

from __future__ import annotations

from extractor.reconcile.across import conflict_findings, target_findings
from extractor.reconcile.arithmetic import denominator_findings, parts_findings, rate_findings
from extractor.reconcile.bounds import bound_findings
from extractor.reconcile.facts import (
    ClaimFact,
    Facts,
    Finding,
    ReportFact,
    decimals_printed,
    printed_interval,
)

__all__ = ["CHECKS", "ClaimFact", "Facts", "Finding", "ReportFact", "all_findings", "decimals_printed",
           "printed_interval"]

CHECKS = (rate_findings, parts_findings, denominator_findings, bound_findings, conflict_findings,
          target_findings)


def all_findings(facts: Facts) -> list[Finding]:
    """Every check's findings, one per fingerprint, in a stable order."""
    unique: dict[str, Finding] = {}
    for check in CHECKS:
        for finding in check(facts):
            unique.setdefault(finding.fingerprint, finding)
    return sorted(unique.values(), key=lambda f: (f.kind, f.report_ids, f.claim_ids))
