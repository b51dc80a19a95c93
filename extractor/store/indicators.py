"""The `indicators` rows kept equal to the catalog (extractor/data/indicators.yaml).

Revision 0002 loaded the catalog as it was then; codes added or changed since reach a
database here, every time a writing command opens it, so no revision is needed for a
new catalog entry. Rows of codes gone from the catalog stay: claims may point at them.
"""

from __future__ import annotations

from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from extractor.errors import StoreError
from extractor.models.tables import IndicatorRow, indicator_values
from extractor.store.database import describe, reason
from extractor.vocab.catalog import load_catalog


def sync_indicators(engine: Engine) -> int:
    """Add catalog codes the database lacks and update changed ones; returns the rows changed."""
    changed = 0
    try:
        with Session(engine) as session, session.begin():
            stored = {row.code: row for row in session.scalars(select(IndicatorRow))}
            for spec in load_catalog().values():
                values = indicator_values(spec)
                row = stored.get(spec.code)
                if row is None:
                    session.add(IndicatorRow(**values))
                    changed += 1
                elif any(getattr(row, key) != value for key, value in values.items()):
                    for key, value in values.items():
                        setattr(row, key, value)
                    changed += 1
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot update the indicator catalog in {describe(engine)}: {reason(exc)}") from exc
    return changed
