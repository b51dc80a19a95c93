"""Keep failures as history: resolved_at, set when a later run reads the file again

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 10:00:00

EduMetrics note: every revision must run on SQLite and PostgreSQL. Alter tables with
op.batch_alter_table (SQLite cannot ALTER most things in place). Data migrations
describe the tables they touch with sa.table(...) here instead of importing
models.tables, whose shape moves on. Write a downgrade that really reverses the upgrade.

- failures.resolved_at: NULL while the failure stands; the time a later ingest stored
  the file (or found its bytes already stored), or met it failing for another reason.
  `edumetrics failures` lists the rows where it is NULL, `--all` every row.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # plain ALTER TABLE ADD/DROP COLUMN, as 0004 does: both engines take it in place
    op.add_column("failures", sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column("failures", "resolved_at")
