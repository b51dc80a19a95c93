"""Create the schema: documents, reports, claims and the indicators catalog table

Revision ID: 0001
Revises:
Create Date: 2026-11-24 12:26:43

EduMetrics note: every revision must run on SQLite and PostgreSQL. Alter tables with
op.batch_alter_table (SQLite cannot ALTER most things in place). Data migrations
describe the tables they touch with sa.table(...) here instead of importing
models.tables, whose shape moves on. Write a downgrade that really reverses the upgrade.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DECIMAL = sa.Numeric(precision=20, scale=6)


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=512), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("member", sa.Text(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("encoding", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        sa.UniqueConstraint("sha256", name=op.f("uq_documents_sha256")),
    )
    op.create_table(
        "indicators",
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("unit", sa.String(length=16), nullable=False),
        sa.Column("family", sa.String(length=64), nullable=False),
        sa.Column("scored", sa.Boolean(), nullable=False),
        sa.Column("min_value", DECIMAL, nullable=False),
        sa.Column("max_value", DECIMAL, nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_indicators")),
    )
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("index", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("year_masked", sa.Boolean(), nullable=False),
        sa.Column("year_alt", sa.Integer(), nullable=True),
        sa.Column("region", sa.String(length=128), nullable=True),
        sa.Column("region_masked", sa.Boolean(), nullable=False),
        sa.Column("issuer", sa.String(length=128), nullable=True),
        sa.Column("period", sa.String(length=64), nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name=op.f("fk_reports_document_id_documents"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reports")),
        sa.UniqueConstraint("document_id", "index", name=op.f("uq_reports_document_id_index")),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("indicator", sa.String(length=64), nullable=False),
        sa.Column("value", DECIMAL, nullable=True),
        sa.Column("unit", sa.String(length=16), nullable=False),
        sa.Column("qualifier", sa.String(length=16), nullable=False),
        sa.Column("placeholder", sa.Boolean(), nullable=False),
        sa.Column("modality", sa.String(length=16), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("sentence_start", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=128), nullable=False),
        sa.Column("trigger", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name=op.f("fk_claims_document_id_documents"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["indicator"], ["indicators.code"],
                                name=op.f("fk_claims_indicator_indicators")),
        sa.ForeignKeyConstraint(["report_id"], ["reports.id"],
                                name=op.f("fk_claims_report_id_reports"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claims")),
    )
    op.create_index(op.f("ix_claims_document_id"), "claims", ["document_id"])
    op.create_index(op.f("ix_claims_indicator"), "claims", ["indicator"])
    op.create_index(op.f("ix_claims_report_id"), "claims", ["report_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_claims_report_id"), table_name="claims")
    op.drop_index(op.f("ix_claims_indicator"), table_name="claims")
    op.drop_index(op.f("ix_claims_document_id"), table_name="claims")
    op.drop_table("claims")
    op.drop_table("reports")
    op.drop_table("indicators")
    op.drop_table("documents")
