"""Small helpers the database tests share."""

from __future__ import annotations

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from extractor.models.tables import ClaimRow, DocumentRow, IndicatorRow, ReportRow


def table_counts(engine: Engine) -> dict[str, int]:
    """Rows per table: documents, reports, claims, indicators."""
    with Session(engine) as session:
        return {model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
                for model in (DocumentRow, ReportRow, ClaimRow, IndicatorRow)}
