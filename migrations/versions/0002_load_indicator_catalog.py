"""Load the indicator catalog (extractor/data/indicators.yaml) into indicators

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 12:40:00

EduMetrics note: every revision must run on SQLite and PostgreSQL. Alter tables with
op.batch_alter_table (SQLite cannot ALTER most things in place). Data migrations
describe the tables they touch with sa.table(...) here instead of importing
models.tables, whose shape moves on. Write a downgrade that really reverses the upgrade.

The rows are the catalog as it was when this revision was written, kept here: a
revision must not load today's data files. Codes added to the catalog later reach an
existing database through extractor/store/indicators.py (run whenever a writing command
opens it), so no revision is needed for a new catalog entry.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import sqlalchemy as sa
from alembic import op

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

# code, name, unit, family, scored, min_value, max_value, description
CATALOG = (
    ('retention_rate', '巩固率', '%', 'retention_rate', True, "50", "100",
     '义务教育/高中阶段巩固率 (share of enrolled pupils kept to the end of the stage)'),
    ('enrollment_rate', '入学率 / 入园率', '%', 'enrollment_rate', True, "0", "100",
     '入学率, 毛入学率, 入园率, 毛入园率 of an age group or a stage'),
    ('admission_rate', '上线率 / 升学率 / 录取率', '%', 'admission_rate', True, "0", "100",
     'share of candidates admitted or passing a cut-off (本科上线率, 升学率, 占考生的%)'),
    ('dropout_rate', '辍学率 / 流失率', '%', 'dropout_rate', True, "0", "20",
     '辍学率, 流失率'),
    ('admitted_count', '上线人数 / 录取人数', '人', 'admitted_count', True, "0", "5000000",
     'pupils passing a cut-off or admitted (一本上线283人); not 招生 intake'),
    ('dropout_count', '流失 / 辍学人数', '人', 'dropout_count', True, "0", "1000000",
     'pupils lost (流失7人)'),
    ('degree_seats', '学位数', '个', 'degree_seats', True, "1", "5000000",
     'school places added or offered (新增学位3000个)'),
    ('investment', '投资 (建设投入)', '万元', 'money', True, "0.001", "100000000",
     'money for building and equipment projects (投资, 建设资金, 投入…建设)'),
    ('funding', '资助 / 补助 / 减免 / 经费', '万元', 'money', True, "0.0001", "100000000",
     'every other education money (资助, 补助, 减免, 经费, 发放)'),
    ('enrolled_count', '在校生 / 报到入学 / 招生人数', '人', 'enrolled_count', False, "0", "50000000",
     'pupils enrolled, registered or taken in (报到入学12275人, 在校生, 招生)'),
    ('exam_takers', '考生人数', '人', 'exam_takers', False, "0", "20000000",
     'candidates sitting an exam (考生, 参加高考…人)'),
    ('rate_change', '百分点变化', '百分点', 'rate_change', False, "-100", "100",
     "a difference of rates (高出1.27个百分点, 提高2个百分点); not a rate's value"),
    ('amount_change', '增减量', '', 'amount_change', False, "-100000000", "100000000",
     'a difference of amounts or counts against another year (比上年增加3000万元); not an amount'),
)


def upgrade() -> None:
    # codes a downgrade kept because claims use them are there already
    present = set(op.get_bind().scalars(sa.select(indicators.c.code)))
    rows = [
        {"code": code, "name": name, "unit": unit, "family": family, "scored": scored,
         "min_value": Decimal(low), "max_value": Decimal(high), "description": description}
        for code, name, unit, family, scored, low, high, description in CATALOG
        if code not in present
    ]
    op.bulk_insert(indicators, rows)


def downgrade() -> None:
    # a code still used by a claim stays (the claims table is dropped by 0001's downgrade)
    used = sa.select(claims.c.indicator).where(claims.c.indicator.is_not(None))
    op.execute(indicators.delete().where(indicators.c.code.not_in(used)))
