"""SQLAlchemy tables: the one declarative base and metadata of the project.

`documents` (one input file), `reports` (the reports inside it), `claims` (one
quantified statement, pointing at its document, its report and its indicator),
`indicators` (the rows of the indicator catalog), `failures`, `findings` and
`resolutions`.

The Pydantic records of extractor.models.records are the extraction output;
`document_values`, `report_values` and `claim_values` are the one mapping from them to
rows. Schema changes go through an Alembic revision under migrations/versions/
(tests/test_migrations.py fails on drift).
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Protocol

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from extractor.models.records import Claim, Document, Report

# constraint names Alembic can refer to on every backend (SQLite included)
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# an exact decimal: 20 digits, 6 after the point (0.002 万元 = 20 元; 99.04 %)
DECIMAL = Numeric(20, 6, asdecimal=True)


def utc_now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)

    def __repr__(self) -> str:
        key = ", ".join(f"{c.key}={getattr(self, str(c.key))!r}" for c in self.__mapper__.primary_key)
        return f"{type(self).__name__}({key})"


metadata = Base.metadata


class DocumentRow(Base):
    """One input file (or archive member); its sha256 makes ingestion idempotent."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(512))
    path: Mapped[str] = mapped_column(Text)
    member: Mapped[str | None] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    encoding: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    reports: Mapped[list[ReportRow]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="ReportRow.index")
    claims: Mapped[list[ClaimRow]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="ClaimRow.start")


class ReportRow(Base):
    """One authored report inside a document (shared/spec/reports.md)."""

    __tablename__ = "reports"
    __table_args__ = (UniqueConstraint("document_id", "index"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    index: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    year: Mapped[int | None] = mapped_column(Integer)
    year_masked: Mapped[bool] = mapped_column(Boolean)
    year_alt: Mapped[int | None] = mapped_column(Integer)
    region: Mapped[str | None] = mapped_column(String(128))
    region_masked: Mapped[bool] = mapped_column(Boolean)
    issuer: Mapped[str | None] = mapped_column(String(128))
    period: Mapped[str | None] = mapped_column(String(64))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    signature: Mapped[bytes | None] = mapped_column(LargeBinary)  # MinHash of the matching view
    # set by reconcile when this report is a near-duplicate of an earlier one
    canonical_report_id: Mapped[int | None] = mapped_column(Integer)
    # where the report is from (extractor.segment.regions), and what kind of text it is
    region_name: Mapped[str | None] = mapped_column(String(128))  # the full name: 扬州市
    # GB/T 2260: six digits (321000); room for a township's 9 or 12
    region_code: Mapped[str | None] = mapped_column(String(12), index=True)
    region_level: Mapped[str | None] = mapped_column(String(16))  # national ... township
    province: Mapped[str | None] = mapped_column(String(64))
    province_code: Mapped[str | None] = mapped_column(String(12), index=True)
    genre: Mapped[str | None] = mapped_column(String(32))  # finer than kind: speech, statistics_bulletin ...

    document: Mapped[DocumentRow] = relationship(back_populates="reports")
    claims: Mapped[list[ClaimRow]] = relationship(back_populates="report", order_by="ClaimRow.start")


class IndicatorRow(Base):
    """A reference row of the indicator catalog (extractor/data/indicators.yaml)."""

    __tablename__ = "indicators"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    unit: Mapped[str] = mapped_column(String(16))
    family: Mapped[str] = mapped_column(String(64))
    scored: Mapped[bool] = mapped_column(Boolean)
    min_value: Mapped[Decimal] = mapped_column(DECIMAL)
    max_value: Mapped[Decimal] = mapped_column(DECIMAL)
    description: Mapped[str] = mapped_column(Text)


class ClaimRow(Base):
    """One quantified statement: the normalized value next to the token it came from."""

    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    indicator: Mapped[str] = mapped_column(ForeignKey("indicators.code"), index=True)
    value: Mapped[Decimal | None] = mapped_column(DECIMAL)  # None when the token is masked
    unit: Mapped[str] = mapped_column(String(16))
    qualifier: Mapped[str] = mapped_column(String(16))
    placeholder: Mapped[bool] = mapped_column(Boolean)
    modality: Mapped[str] = mapped_column(String(16))
    level: Mapped[str | None] = mapped_column(String(16))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    sentence: Mapped[str] = mapped_column(Text)
    sentence_start: Mapped[int] = mapped_column(Integer)
    rule: Mapped[str] = mapped_column(String(128))
    trigger: Mapped[str] = mapped_column(Text)
    # the year the claim is about: its own clause's, else its report's (view claims_located)
    year: Mapped[int | None] = mapped_column(Integer, index=True)

    document: Mapped[DocumentRow] = relationship(back_populates="claims")
    report: Mapped[ReportRow] = relationship(back_populates="claims")


class FailureRow(Base):
    """A file (or archive member) that could not be ingested, and why."""

    __tablename__ = "failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    path: Mapped[str] = mapped_column(Text, index=True)
    member: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    skipped: Mapped[bool] = mapped_column(Boolean)  # an unsupported type rather than a broken file
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    # when a later run stored the file or failed it for another reason; NULL while it stands
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class FindingRow(Base):
    """A problem reconciliation found; `fingerprint` keeps it (and its status) across reruns."""

    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    severity: Mapped[str] = mapped_column(String(16))
    message: Mapped[str] = mapped_column(Text)
    claim_ids: Mapped[list[int]] = mapped_column(JSON)
    report_ids: Mapped[list[int]] = mapped_column(JSON)
    details: Mapped[dict[str, object]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | accepted | dismissed
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class ResolutionRow(Base):
    """A verified value for a claim (a masked placeholder, mostly); append-only audit trail."""

    __tablename__ = "resolutions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    value: Mapped[Decimal] = mapped_column(DECIMAL)
    source: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    resolved_by: Mapped[str] = mapped_column(String(128))
    resolved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


# ---------------------------------------------------------------- records -> rows
# The one mapping from the extraction records to column values (the store inserts these).

def document_values(document: Document, ingested_at: datetime) -> dict[str, object]:
    return {"name": document.name, "path": document.path, "member": document.member,
            "sha256": document.sha256, "encoding": document.encoding, "size": document.size,
            "ingested_at": ingested_at}


def report_values(report: Report, document_id: int, signature: bytes | None) -> dict[str, object]:
    return {"document_id": document_id, "index": report.index, "title": report.title, "kind": report.kind,
            "year": report.year, "year_masked": report.year_masked, "year_alt": report.year_alt,
            "region": report.region, "region_masked": report.region_masked,
            "region_name": report.region_name, "region_code": report.region_code,
            "region_level": report.region_level, "province": report.province,
            "province_code": report.province_code, "genre": report.genre, "issuer": report.issuer,
            "period": report.period, "start": report.start, "end": report.end, "signature": signature}


def claim_values(claim: Claim, document_id: int, report_id: int) -> dict[str, object]:
    return {"document_id": document_id, "report_id": report_id, "indicator": claim.indicator,
            "value": claim.value, "unit": claim.unit, "qualifier": claim.qualifier,
            "placeholder": claim.placeholder, "modality": claim.modality, "level": claim.level,
            "start": claim.start, "end": claim.end, "text": claim.text, "sentence": claim.sentence,
            "sentence_start": claim.sentence_start, "rule": claim.rule, "trigger": claim.trigger,
            "year": claim.year}


class IndicatorFields(Protocol):
    """An indicator catalog entry (extractor.vocab.catalog.IndicatorSpec)."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def family(self) -> str: ...
    @property
    def scored(self) -> bool: ...
    @property
    def bounds(self) -> tuple[Decimal, Decimal]: ...
    @property
    def description(self) -> str: ...


def indicator_values(spec: IndicatorFields) -> dict[str, object]:
    return {"code": spec.code, "name": spec.name, "unit": spec.unit, "family": spec.family,
            "scored": spec.scored, "min_value": spec.bounds[0], "max_value": spec.bounds[1],
            "description": spec.description}
