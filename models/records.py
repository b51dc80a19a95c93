"""Pydantic records: what the pipeline produces, validated on construction.

A record that cannot be right (a negative count, a value on a masked token) raises a
``ValidationError`` naming the reason; a merely implausible one (a rate over 100) is
kept and left for the reconciliation stage to flag.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Qualifier = Literal["exact", "approx", "at_least", "at_most"]
Modality = Literal["actual", "target"]
Level = Literal["学前", "小学", "初中", "高中", "中职", "义务教育", "高等"]
ReportKind = Literal["summary", "plan", "summary_plan"]
# what kind of text a report is, finer than its kind (docs in README, "Reports inside files")
Genre = Literal["work_summary", "work_plan", "speech", "statistics_bulletin", "results_news", "aid_notice",
                "self_evaluation", "policy", "news", "government_report"]
RegionLevel = Literal["national", "province", "prefecture", "county", "township"]

COUNT_UNITS = frozenset({"个", "人", "所", "名", "人次"})


def display_name(path: str, member: str | None) -> str:
    """How a file is named in messages: its path, or archive!member for an archive member.

    >>> display_name("a.zip", "2019/report.txt"), display_name("report.txt", None)
    ('a.zip!2019/report.txt', 'report.txt')
    """
    return f"{path}!{member}" if member else path


class Document(BaseModel):
    """One input file (or archive member) as read and decoded."""

    model_config = ConfigDict(frozen=True)

    name: str = Field(description="file name (basename), the `doc` of the claims contract")
    path: str = Field(description="path as given on the command line, or archive path")
    member: str | None = Field(default=None, description="member path inside an archive")
    sha256: str = Field(min_length=64, max_length=64)
    encoding: str
    size: int = Field(ge=0)

    @property
    def display(self) -> str:
        return display_name(self.path, self.member)


class Report(BaseModel):
    """One authored report inside a document (see shared/spec/reports.md)."""

    doc: str
    index: int = Field(ge=0)
    title: str = ""
    kind: ReportKind = "summary"
    year: int | None = None
    year_masked: bool = False
    year_alt: int | None = Field(default=None, description="a year from another source (site title)")
    region: str | None = Field(default=None, description="the region's name as written (扬州, 龍崗)")
    region_masked: bool = False
    region_name: str | None = Field(default=None, description="its full name (扬州市, 龙岗区)")
    region_code: str | None = Field(default=None, description="its GB/T 2260 code (321000)")
    region_level: RegionLevel | None = None
    province: str | None = Field(default=None, description="the province it lies in (江苏省)")
    province_code: str | None = None
    genre: Genre | None = None
    issuer: str | None = None
    period: str | None = None
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _range_ordered(self) -> Report:
        if self.end < self.start:
            raise ValueError(f"report range end {self.end} before start {self.start}")
        return self


class Claim(BaseModel):
    """One quantified statement: indicator, value and where it came from."""

    doc: str
    report_index: int = 0
    indicator: str
    value: Decimal | None
    unit: str
    qualifier: Qualifier = "exact"
    placeholder: bool = False
    modality: Modality = "actual"
    level: Level | None = None
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str = Field(min_length=1, description="the number token exactly as in the decoded file")
    sentence: str = ""
    sentence_start: int = 0
    rule: str = ""
    trigger: str = ""
    # the year the claim is about: its own clause's (从2020年的X%, 到2025年), else its report's
    year: int | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Claim:
        if self.end <= self.start:
            raise ValueError(f"empty token span {self.start}:{self.end}")
        if self.placeholder and self.value is not None:
            raise ValueError(f"masked token {self.text!r} cannot carry a value")
        if not self.placeholder and self.value is None:
            raise ValueError(f"unparsable number {self.text!r}")
        if self.value is not None and self.value < 0 and self.unit in COUNT_UNITS:
            raise ValueError(f"negative count {self.value} {self.unit}")
        if self.value is not None and not self.value.is_finite():
            raise ValueError(f"value {self.value} is not a finite number")
        return self

    def contract_dict(self) -> dict[str, object]:
        """The JSONL object of shared/spec/claims.md, and nothing else."""
        value: float | int | None = None
        if self.value is not None:
            value = int(self.value) if self.value == self.value.to_integral_value() else float(self.value)
        return {
            "doc": self.doc,
            "indicator": self.indicator,
            "value": value,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "placeholder": self.placeholder,
            "modality": self.modality,
            "level": self.level,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }


@dataclass(frozen=True)
class Rejection:
    """A number token that is no claim, and why (shown by `extract --explain`)."""

    doc: str
    text: str
    start: int
    end: int
    reason: str
    sentence: str


@dataclass
class ProcessedDocument:
    """What the pipeline makes of one file (extractor.pipeline.process_source)."""

    document: Document
    text: str  # the decoded text all offsets point into
    reports: list[Report]
    claims: list[Claim]
    rejections: list[Rejection] = field(default_factory=list)  # filled when explaining
    # per report index, its near-duplicate signature (extractor.reconcile.duplicates)
    signatures: dict[int, bytes | None] = field(default_factory=dict)
