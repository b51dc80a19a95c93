"""Add failures: files that could not be ingested, with the reason

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 12:45:00

EduMetrics note: every revision must run on SQLite and PostgreSQL. Alter tables with
op.batch_alter_table (SQLite cannot ALTER most things in place). Data migrations
describe the tables they touch with sa.table(...) here instead of importing
models.tables, whose shape moves on. Write a downgrade that really reverses the upgrade.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "failures",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("member", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("skipped", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_failures_path", "failures", ["path"])


def downgrade() -> None:
    op.drop_index("ix_failures_path", table_name="failures")
    op.drop_table("failures")
