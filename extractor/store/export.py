"""The flat analyst table: one row per claim, with its indicator, report and document, and
its effective value (the latest resolution's, else the extracted one: view
claims_effective). `edumetrics export` writes it to CSV, XLSX or Parquet, and the
Python API reads it into pandas.

Reading never creates or migrates a database: `open_for_reading` refuses a missing one,
or one not at the current revision, and says what to run.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Boolean, Engine, Integer, and_, column, func, or_, select, table
from sqlalchemy.sql import ColumnElement, Select

from extractor.errors import StoreError
from extractor.models.tables import DECIMAL, ClaimRow, DocumentRow, IndicatorRow, ReportRow
from extractor.store.database import connect_existing, describe

# (column, kind): kinds are those of extractor.cli.output.Column (Parquet types)
EXPORT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("claim_id", "integer"),
    ("value", "decimal"),  # as extracted, in `unit`; empty when masked
    ("effective_value", "decimal"),  # the latest resolution's value, else `value`
    ("resolved", "boolean"),
    ("unit", "text"),  # the stored unit: 万元 for money, %, 人, 个, 所 ...
    ("indicator", "text"),
    ("indicator_name", "text"),
    ("level", "text"),
    ("modality", "text"),
    ("qualifier", "text"),
    ("placeholder", "boolean"),
    ("report_id", "integer"),
    ("copy_of_report", "integer"),  # set on a near-duplicate copy (edumetrics reconcile)
    ("report_title", "text"),
    ("kind", "text"),
    ("region", "text"),  # as written in the report (扬州)
    ("region_name", "text"),  # its full name (扬州市)
    ("province", "text"),
    ("region_code", "text"),  # GB/T 2260
    ("year", "integer"),  # the year the claim is about: its own, else its report's
    ("report_year", "integer"),
    ("document", "text"),
    ("member", "text"),
    ("sentence", "text"),
    ("token", "text"),
    ("start", "integer"),
    ("end", "integer"),
)

# the view of migration 0004: each claim with its latest resolution's value
claims_effective = table("claims_effective", column("id", Integer), column("effective_value", DECIMAL),
                         column("resolved", Boolean))


@dataclass(frozen=True)
class ExportFilter:
    """Which claims: every one by default; each given list keeps the claims matching one of it."""

    indicators: Sequence[str] = ()
    documents: Sequence[str] = ()  # a document's file name, or its path
    regions: Sequence[str] = ()  # a region as written (扬州) or its full name (扬州市)
    years: Sequence[int] = ()  # the year a claim is about (claim_year)
    placeholders_only: bool = False
    once: bool = False  # near-duplicate copies left out: each claim counted once (view claims_once)


def claim_year() -> ColumnElement[int | None]:
    """The year a claim is about: its own, else its report's (as in the view claims_located;
    claims stored before migration 0006 have none of their own)."""
    return func.coalesce(ClaimRow.year, ReportRow.year)


def export_statement(filters: ExportFilter = ExportFilter()) -> Select[Any]:
    """The flat table's SELECT, filtered, in document and text order."""
    statement = (
        select(ClaimRow.id, ClaimRow.value, claims_effective.c.effective_value, claims_effective.c.resolved,
               ClaimRow.unit, ClaimRow.indicator, IndicatorRow.name, ClaimRow.level, ClaimRow.modality,
               ClaimRow.qualifier, ClaimRow.placeholder, ReportRow.id, ReportRow.canonical_report_id,
               ReportRow.title, ReportRow.kind, ReportRow.region, ReportRow.region_name, ReportRow.province,
               ReportRow.region_code, claim_year(), ReportRow.year, DocumentRow.name, DocumentRow.member,
               ClaimRow.sentence, ClaimRow.text, ClaimRow.start, ClaimRow.end)
        .join(ReportRow, ReportRow.id == ClaimRow.report_id)
        .join(DocumentRow, DocumentRow.id == ClaimRow.document_id)
        .join(IndicatorRow, IndicatorRow.code == ClaimRow.indicator)
        .join(claims_effective, claims_effective.c.id == ClaimRow.id)
        .order_by(DocumentRow.name, DocumentRow.id, ClaimRow.start, ClaimRow.id)
    )
    conditions: list[ColumnElement[bool]] = []
    if filters.indicators:
        conditions.append(ClaimRow.indicator.in_(filters.indicators))
    if filters.documents:
        documents = filters.documents
        conditions.append(or_(DocumentRow.name.in_(documents), DocumentRow.path.in_(documents)))
    if filters.regions:
        regions = filters.regions
        conditions.append(or_(ReportRow.region.in_(regions), ReportRow.region_name.in_(regions)))
    if filters.years:
        conditions.append(claim_year().in_(filters.years))
    if filters.placeholders_only:
        conditions.append(ClaimRow.placeholder.is_(True))
    if filters.once:
        conditions.append(ReportRow.canonical_report_id.is_(None))
    return statement.where(and_(*conditions)) if conditions else statement


def export_rows(engine: Engine, filters: ExportFilter = ExportFilter(),
                batch: int = 2000) -> Iterator[tuple[Any, ...]]:
    """The flat table's rows, streamed `batch` at a time (memory does not grow with the table)."""
    with engine.connect() as connection:
        result = connection.execution_options(yield_per=batch).execute(export_statement(filters))
        for row in result:
            yield (*row[:3], bool(row[3]), *row[4:10], bool(row[10]), *row[11:])


def open_for_reading(url: str) -> Engine:
    """An engine on an existing database at the current schema revision; a StoreError
    saying what to run otherwise. Nothing is created or migrated."""
    from extractor.store.schema import current_revision, head_revision

    engine = connect_existing(url)
    revision, head = current_revision(engine), head_revision().revision
    if revision != head:
        engine.dispose()
        at = "no schema" if revision is None else f"revision {revision}"
        raise StoreError(f"{describe(engine)} is at {at}, not {head}: run `edumetrics db upgrade --db {url}`")
    return engine
