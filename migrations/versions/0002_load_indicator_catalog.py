"""Load the indicator catalog (extractor/data/indicators.yaml) into indicators

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 12:40:00

EduMetrics note: every revision must run on SQLite and PostgreSQL. Alter tables with
op.batch_alter_table (SQLite cannot ALTER most things in place). Data migrations
describe the tables they touch with sa.table(...) here instead of importing
models.tables, whose shape moves on. Write a downgrade that really reverses the upgrade.

The rows are read from the catalog as installed. Codes added to the catalog later
reach an existing database through extractor.store.database.sync_indicators (run when the
store opens a database), so no revision is needed for a new catalog entry.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from extractor.vocab.catalog import load_catalog

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

indicators = sa.table(
    "indicators",
    sa.column("code", sa.String),
    sa.column("name", sa.String),
    sa.column("unit", sa.String),
    sa.column("family", sa.String),
    sa.column("scored", sa.Boolean),
    sa.column("min_value", sa.Numeric(20, 6)),
    sa.column("max_value", sa.Numeric(20, 6)),
    sa.column("description", sa.Text),
)
claims = sa.table("claims", sa.column("indicator", sa.String))


def upgrade() -> None:
    # codes a downgrade kept because claims use them are there already
    present = set(op.get_bind().scalars(sa.select(indicators.c.code)))
    rows = [
        {"code": spec.code, "name": spec.name, "unit": spec.unit, "family": spec.family,
         "scored": spec.scored, "min_value": spec.bounds[0], "max_value": spec.bounds[1],
         "description": spec.description}
        for spec in load_catalog().values()
        if spec.code not in present
    ]
    op.bulk_insert(indicators, rows)


def downgrade() -> None:
    # a code still used by a claim stays (the claims table is dropped by 0001's downgrade)
    used = sa.select(claims.c.indicator).where(claims.c.indicator.is_not(None))
    op.execute(indicators.delete().where(indicators.c.code.not_in(used)))
