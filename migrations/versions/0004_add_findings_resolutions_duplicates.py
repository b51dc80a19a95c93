"""Add reconciliation: findings, placeholder resolutions, near-duplicate reports

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 14:10:00

EduMetrics note: every revision must run on SQLite and PostgreSQL. Alter tables with
op.batch_alter_table (SQLite cannot ALTER most things in place). Data migrations
describe the tables they touch with sa.table(...) here instead of importing
models.tables, whose shape moves on. Write a downgrade that really reverses the upgrade.

- reports.signature: the MinHash of the report's matching view (bytes), written at ingest;
  reports.canonical_report_id: set by `edumetrics reconcile` on a near-duplicate (no
  foreign key: reconcile keeps it pointing at a canonical report of the database).
- findings: what reconciliation found; `fingerprint` identifies a finding across runs so
  `reconcile` is idempotent and an analyst's status survives a rerun.
- resolutions: verified values for masked (or wrong) claims, append-only audit trail.
- views claims_once (claims of canonical reports only) and claims_effective (each claim
  with the value of its latest resolution, else the extracted value).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DECIMAL = sa.Numeric(20, 6)

CLAIMS_ONCE = """
CREATE VIEW claims_once AS
SELECT claims.* FROM claims JOIN reports ON reports.id = claims.report_id
WHERE reports.canonical_report_id IS NULL
"""

CLAIMS_EFFECTIVE = """
CREATE VIEW claims_effective AS
SELECT claims.*,
       latest.id AS resolution_id,
       CASE WHEN latest.id IS NULL THEN claims.value ELSE latest.value END AS effective_value,
       latest.id IS NOT NULL AS resolved
FROM claims
LEFT JOIN resolutions AS latest
  ON latest.id = (SELECT r.id FROM resolutions AS r WHERE r.claim_id = claims.id
                  ORDER BY r.resolved_at DESC, r.id DESC LIMIT 1)
"""


def upgrade() -> None:
    # plain ALTER TABLE ADD/DROP COLUMN, no foreign key: a batch rebuild of `reports` on
    # SQLite drops the old table, and with foreign keys on that cascades into claims
    op.add_column("reports", sa.Column("signature", sa.LargeBinary(), nullable=True))
    op.add_column("reports", sa.Column("canonical_report_id", sa.Integer(), nullable=True))
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("fingerprint", sa.String(64), nullable=False, unique=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("claim_ids", sa.JSON(), nullable=False),
        sa.Column("report_ids", sa.JSON(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_findings_kind", "findings", ["kind"])
    op.create_table(
        "resolutions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("claim_id", sa.Integer(),
                  sa.ForeignKey("claims.id", ondelete="CASCADE",
                                name="fk_resolutions_claim_id_claims"), nullable=False),
        sa.Column("value", DECIMAL, nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("resolved_by", sa.String(128), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_resolutions_claim_id", "resolutions", ["claim_id"])
    op.execute(CLAIMS_ONCE)
    op.execute(CLAIMS_EFFECTIVE)


def downgrade() -> None:
    op.execute("DROP VIEW claims_effective")
    op.execute("DROP VIEW claims_once")
    op.drop_index("ix_resolutions_claim_id", table_name="resolutions")
    op.drop_table("resolutions")
    op.drop_index("ix_findings_kind", table_name="findings")
    op.drop_table("findings")
    op.drop_column("reports", "canonical_report_id")
    op.drop_column("reports", "signature")
