"""What `edumetrics serve` shows (extractor/data/datasette.yaml): a description of every table
and column, labels, facets, canned queries and the chart, checked against models/tables.py.

The check makes the file keep up with the schema: a column added to a table (reports.province,
say) without a description here is an error naming the file, the table and the column.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from extractor.models.tables import metadata
from extractor.vocab.loader import DataFile, load, require

FILE = "datasette.yaml"

# Alembic's own table: in every database, in no model
ALEMBIC_TABLE = {"alembic_version": ("version_num",)}


class ReportFacet(DataFile):
    """A facet on a column of the claim's report: `{report: region}`."""

    report: str


Facet = str | ReportFacet


class TableDoc(DataFile):
    """One table or view: what a row is, what each column holds, how Datasette shows it."""

    description: str = Field(min_length=1)
    columns: dict[str, str]
    label_column: str | None = None
    facets: tuple[Facet, ...] = ()
    hidden: bool = False
    columns_of: str | None = None  # views: the table whose column descriptions come first


class CannedQuery(DataFile):
    title: str
    description: str
    sql: str


class DashboardFilter(DataFile):
    """A datasette-dashboards filter: fixed options or a query for them."""

    name: str
    type: Literal["select", "text", "number", "date"]
    options: tuple[str, ...] | None = None
    query: str | None = None
    default: str | None = None


class Chart(DataFile):
    """A datasette-dashboards chart; `display` is the library's own spec (Vega-Lite ...)."""

    title: str
    library: Literal["vega-lite", "vega"]
    query: str
    display: dict[str, Any]


class Dashboard(DataFile):
    title: str
    description: str
    filters: dict[str, DashboardFilter]
    charts: dict[str, Chart]


class BrowseData(DataFile):
    """datasette.yaml, key by key."""

    title: str
    description: str
    report_facets: tuple[str, ...]
    tables: dict[str, TableDoc]
    views: dict[str, TableDoc]
    queries: dict[str, CannedQuery]
    dashboards: dict[str, Dashboard]

    def columns(self, name: str) -> dict[str, str]:
        """Every column of a table or view with its description (a view's own ones last)."""
        doc = self.tables.get(name) or self.views[name]
        inherited = self.columns(doc.columns_of) if doc.columns_of else {}
        return {**inherited, **doc.columns}


def schema_columns() -> dict[str, tuple[str, ...]]:
    """The columns of every table of the schema (models/tables.py and Alembic's own)."""
    return {**{table.name: tuple(column.name for column in table.columns)
               for table in metadata.sorted_tables}, **ALEMBIC_TABLE}


def load_browse_data() -> BrowseData:
    """datasette.yaml, validated: every table and column of the schema described, no other
    one; labels and facets on columns that exist."""
    data = load(FILE, BrowseData)
    require(FILE, [*_table_problems(data), *_view_problems(data), *_facet_problems(data)])
    return data


def _table_problems(data: BrowseData) -> list[str]:
    problems = []
    expected = schema_columns()
    for table in sorted(expected.keys() - data.tables.keys()):
        problems.append(f"tables: {table} is not described")
    for table in sorted(data.tables.keys() - expected.keys()):
        problems.append(f"tables: {table} is no table of the schema")
    for table in sorted(expected.keys() & data.tables.keys()):
        described = data.tables[table].columns
        problems += [f"tables.{table}.columns: {column} is not described"
                     for column in expected[table] if column not in described]
        problems += [f"tables.{table}.columns: {column} is no column of {table}"
                     for column in described if column not in expected[table]]
    return problems


def _view_problems(data: BrowseData) -> list[str]:
    problems = [f"views.{view}: {view} is also a table" for view in data.views if view in data.tables]
    for view, doc in data.views.items():
        if doc.columns_of is not None and doc.columns_of not in data.tables:
            problems.append(f"views.{view}.columns_of: {doc.columns_of} is no table described here")
    return problems


def _facet_problems(data: BrowseData) -> list[str]:
    reports = data.tables.get("reports")
    problems = [f"report_facets: {column} is no column of reports" for column in data.report_facets
                if reports is None or column not in reports.columns]
    for kind, docs in (("tables", data.tables), ("views", data.views)):
        for name, doc in docs.items():
            if doc.columns_of is not None and doc.columns_of not in data.tables:
                continue  # reported by _view_problems
            columns = data.columns(name)
            if doc.label_column is not None and doc.label_column not in columns:
                problems.append(f"{kind}.{name}.label_column: {doc.label_column} is no column of {name}")
            for facet in doc.facets:
                problems += _facet_problem(f"{kind}.{name}.facets", name, columns, data.report_facets, facet)
    return problems


def _facet_problem(where: str, name: str, columns: dict[str, str], report_facets: tuple[str, ...],
                   facet: Facet) -> list[str]:
    if isinstance(facet, str):
        return [] if facet in columns else [f"{where}: {facet} is no column of {name}"]
    if "report_id" not in columns:
        return [f"{where}: {{report: {facet.report}}} needs a report_id column in {name}"]
    if facet.report not in report_facets:
        return [f"{where}: {{report: {facet.report}}} is not in report_facets"]
    return []
