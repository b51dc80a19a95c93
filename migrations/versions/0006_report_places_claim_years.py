"""Where and when: a report's region coded and placed in its province, its genre; a claim's year

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 10:00:00

EduMetrics note: every revision must run on SQLite and PostgreSQL. Alter tables with
op.batch_alter_table (SQLite cannot ALTER most things in place). Data migrations
describe the tables they touch with sa.table(...) here instead of importing
models.tables, whose shape moves on. Write a downgrade that really reverses the upgrade.

- reports.region_name (the full name, 扬州市), region_code (GB/T 2260, 321000), region_level
  (national, province, prefecture, county, township), province (江苏省), province_code, genre
  (work_summary, speech, statistics_bulletin ...): NULL when unknown, and for every report
  stored before this revision (nothing is guessed for them).
- claims.year: the year the claim is about (its own clause's, else its report's); NULL for
  the claims stored before.
- indexes on the columns analysts group by: claims.year, reports.province_code, reports.region_code.
- view claims_located: every claim with its report's place and time (see CLAIMS_LOCATED).
- views claims_once and claims_effective are made again so that they carry claims.year on
  PostgreSQL too (there `claims.*` in a view is expanded once, when the view is created; on
  SQLite it follows the table).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REPORT_COLUMNS = (
    ("region_name", sa.String(128)),
    ("region_code", sa.String(12)),  # six digits (GB/T 2260); room for a township's 9 or 12
    ("region_level", sa.String(16)),
    ("province", sa.String(64)),
    ("province_code", sa.String(12)),
    ("genre", sa.String(32)),
)
REPORT_INDEXES = ("region_code", "province_code")

# the two views of 0004, word for word
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

# Every claim (copies included, as in claims) with where and when: the claim's columns in
# their order, `year` being the claim's own year, else its report's (claims stored before
# this revision have none of their own); then its effective value, whether its report is a
# near-duplicate copy, and its report's kind, genre, year and place. Built on
# claims_effective, so that a group by reads verified values without another join.
CLAIMS_LOCATED = """
CREATE VIEW claims_located AS
SELECT c.id, c.document_id, c.report_id, c.indicator, c.value, c.unit, c.qualifier, c.placeholder,
       c.modality, c.level, c.start, c."end", c.text, c.sentence, c.sentence_start, c.rule, c."trigger",
       COALESCE(c.year, r.year) AS year,
       c.effective_value, c.resolved,
       r.canonical_report_id AS copy_of_report,
       r.kind, r.genre, r.year AS report_year,
       r.region, r.region_name, r.region_code, r.region_level, r.province, r.province_code
FROM claims_effective AS c
JOIN reports AS r ON r.id = c.report_id
"""


def drop_views() -> None:
    for view in ("claims_located", "claims_effective", "claims_once"):
        op.execute(f"DROP VIEW IF EXISTS {view}")


def upgrade() -> None:
    drop_views()
    # recreate="never": plain ALTER TABLE ADD COLUMN on both engines. A batch rebuild of
    # `reports` on SQLite drops the old table, and with foreign keys on that cascades into claims.
    with op.batch_alter_table("reports", recreate="never") as reports:
        for name, type_ in REPORT_COLUMNS:
            reports.add_column(sa.Column(name, type_, nullable=True))
        for name in REPORT_INDEXES:
            reports.create_index(f"ix_reports_{name}", [name])
    with op.batch_alter_table("claims", recreate="never") as claims:
        claims.add_column(sa.Column("year", sa.Integer(), nullable=True))
        claims.create_index("ix_claims_year", ["year"])
    op.execute(CLAIMS_ONCE)
    op.execute(CLAIMS_EFFECTIVE)
    op.execute(CLAIMS_LOCATED)


def downgrade() -> None:
    drop_views()
    # ALTER TABLE DROP COLUMN (SQLite 3.35 and later), indexes first: SQLite refuses to drop
    # an indexed column
    with op.batch_alter_table("claims", recreate="never") as claims:
        claims.drop_index("ix_claims_year")
        claims.drop_column("year")
    with op.batch_alter_table("reports", recreate="never") as reports:
        for name in REPORT_INDEXES:
            reports.drop_index(f"ix_reports_{name}")
        for name, _ in reversed(REPORT_COLUMNS):
            reports.drop_column(name)
    op.execute(CLAIMS_ONCE)
    op.execute(CLAIMS_EFFECTIVE)
