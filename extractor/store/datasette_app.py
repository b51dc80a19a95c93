"""Datasette over one SQLite file, immutable, with serve's own small plugin.

Imported only when Datasette is installed (the `serve` extra). Read-only twice over: the file
is opened immutable (SQLite refuses every write), and the plugin answers any request but GET
and HEAD with a 405 before Datasette sees it. The plugin also lets a table with a report_id
column (claims and its views) be faceted and filtered by a column of the claim's report:
`?_facet_report=region` counts the claims per region, `?_report_region=成武县` keeps that
region's claims. Only the report columns named in datasette.yaml's report_facets are accepted;
values travel as SQL parameters.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import uvicorn
from datasette import hookimpl
from datasette.app import Datasette
from datasette.database import QueryInterrupted
from datasette.facets import Facet
from datasette.filters import FilterArguments
from datasette.plugins import pm
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args

from extractor.store.browse import PLUGIN

FACET_TYPE = "report"  # ?_facet_report=COLUMN, and {report: COLUMN} in a table's facets
FILTER_PREFIX = "_report_"  # ?_report_COLUMN=VALUE
READ_METHODS = frozenset({"GET", "HEAD"})
READ_ONLY_MESSAGE = b"edumetrics serve only reads: GET and HEAD requests only\n"
READ_ONLY_HEADERS = [(b"allow", b"GET, HEAD"), (b"content-type", b"text/plain; charset=utf-8")]

# the facets are chosen in datasette.yaml; suggesting others costs a query per column per page
# (2.1 s instead of 0.25 s for the claims page of 140,000 claims)
SETTINGS = {"suggest_facets": False}

ASGIApp = Callable[[dict[str, Any], Any, Any], Awaitable[None]]


def make_datasette(path: Path, metadata: dict[str, Any]) -> Datasette:
    """Datasette on the SQLite file `path`, opened immutable (read-only, never locked or written)."""
    if pm.get_plugin(PLUGIN) is None:
        pm.register(sys.modules[__name__], name=PLUGIN)
    # Datasette 0.65 prints every error with its local variables through rich when rich is
    # installed (EduMetrics' tables use it), and rich raises when no exception is in flight
    # (a POST to an unknown path), turning a 404 into a 500: no rich for Datasette's errors.
    # (Imported here: imported before datasette.plugins, it would register with no hooks.)
    import datasette.handle_exception as datasette_errors

    datasette_errors.rich = None
    return Datasette(immutables=[str(path)], metadata=metadata, settings=SETTINGS)


def database_name(path: Path) -> str:
    """The name Datasette gives the file (its stem): its URL and its key in the metadata."""
    return path.stem


def run(datasette: Datasette, host: str, port: int) -> None:
    """Serve until interrupted (what `datasette serve` does after building its instance)."""
    asyncio.run(datasette.invoke_startup())
    uvicorn.run(datasette.app(), host=host, port=port, log_level="info", lifespan="on")


def report_columns(datasette: Datasette) -> list[str]:
    """The report columns a claim can be faceted and filtered by (report_facets)."""
    config = datasette.plugin_config(PLUGIN) or {}
    return list(config.get("report_columns", []))


async def has_report_id(datasette: Datasette, database: str, table: str) -> bool:
    db = datasette.get_database(database)
    return "report_id" in await db.table_columns(table)


@hookimpl  # type: ignore[untyped-decorator]
def asgi_wrapper(datasette: Datasette) -> Callable[[ASGIApp], ASGIApp]:
    """Serve answers GET and HEAD only: no request can reach a view that writes (and a POST to
    a read-only canned query, which Datasette 0.65 answers with a 500, gets a plain 405)."""

    def wrap(app: ASGIApp) -> ASGIApp:
        if datasette.plugin_config(PLUGIN) is None:  # not serve's own instance
            return app

        async def read_only(scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope["type"] == "http" and scope["method"] not in READ_METHODS:
                await send({"type": "http.response.start", "status": 405, "headers": READ_ONLY_HEADERS})
                await send({"type": "http.response.body", "body": READ_ONLY_MESSAGE})
                return
            await app(scope, receive, send)

        return read_only

    return wrap


@hookimpl  # type: ignore[untyped-decorator]
def register_facet_classes() -> list[type[Facet]]:
    return [ReportFacet]


@hookimpl  # type: ignore[untyped-decorator]
def filters_from_request(request: Any, database: str, table: str, datasette: Datasette) -> Any:
    """`?_report_region=成武县`: only the rows whose report has that region."""
    wanted = {column: request.args[f"{FILTER_PREFIX}{column}"] for column in report_columns(datasette)
              if f"{FILTER_PREFIX}{column}" in request.args}
    if not wanted:
        return None

    async def arguments() -> FilterArguments | None:
        if not await has_report_id(datasette, database, table):
            return None
        clauses = [f"report_id IN (SELECT id FROM reports WHERE {escape_sqlite(column)} = :report_{column})"
                   for column in wanted]
        params = {f"report_{column}": value for column, value in wanted.items()}
        described = [f'report {column} is "{value}"' for column, value in wanted.items()]
        return FilterArguments(clauses, params=params, human_descriptions=described)

    return arguments


class ReportFacet(Facet):  # type: ignore[misc]
    """Counts of a table's rows per value of a column of their report (region, year ...)."""

    type = FACET_TYPE

    async def facet_results(self) -> tuple[list[dict[str, Any]], list[str]]:
        results: list[dict[str, Any]] = []
        timed_out: list[str] = []
        if "report_id" not in await self.get_columns(self.sql, self.params):  # ?_col= may leave it out
            return results, timed_out
        allowed = report_columns(self.ds)
        for source_and_config in self.get_configs():
            config = source_and_config["config"]
            column = config.get("column") or config["simple"]
            if column not in allowed:
                continue
            try:
                results.append(await self._facet(column, source_and_config["source"]))
            except QueryInterrupted:
                timed_out.append(column)
        return results, timed_out

    async def _facet(self, column: str, source: str) -> dict[str, Any]:
        size = self.get_facet_size()
        field = f"reports.{escape_sqlite(column)}"  # named in full: the rows have a value column too
        sql = (f"SELECT {field} AS value, count(*) AS count "
               f"FROM ({self.sql}) AS faceted JOIN reports ON reports.id = faceted.report_id "
               f"WHERE {field} IS NOT NULL GROUP BY {field} ORDER BY count(*) DESC, {field} LIMIT {size + 1}")
        rows = await self.ds.execute(self.database, sql, self.params, truncate=False,
                                     custom_time_limit=self.ds.setting("facet_time_limit_ms"))
        argument = f"{FILTER_PREFIX}{column}"
        selected = self.request.args.get(argument)
        hide = path_with_removed_args(self.request, {f"_facet_{FACET_TYPE}": column})
        return {
            "name": column,
            "type": self.type,
            "hideable": source != "metadata",
            "toggle_url": self.ds.urls.path(hide),
            "results": [self._value(argument, row["value"], row["count"], selected)
                        for row in rows.rows[:size]],
            "truncated": len(rows) > size,
        }

    def _value(self, argument: str, value: Any, count: int, selected: str | None) -> dict[str, Any]:
        is_selected = selected == str(value)
        change = path_with_removed_args if is_selected else path_with_added_args
        toggled = self.ds.urls.path(change(self.request, {argument: str(value)}))
        return {
            "value": value,
            "label": str(value),
            "count": count,
            "toggle_url": self.ds.absolute_url(self.request, toggled),
            "selected": is_selected,
        }
