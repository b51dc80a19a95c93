"""The database as `edumetrics serve` shows it: a SQLite file at the newest schema revision,
checked without writing a byte, and the Datasette metadata that explains it.

Datasette reads SQLite files only, so a PostgreSQL URL is refused with what to do instead.
The file is checked through a read-only connection (`mode=ro`): a missing file is not
created, an old schema is not migrated; the error says which command to run.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from extractor.errors import StoreError
from extractor.store.database import reason
from extractor.store.schema import head_revision, revision_standing
from extractor.vocab.browse import BrowseData, Facet

PLUGIN = "edumetrics"  # the name of serve's own Datasette plugin and of its settings
# characters Datasette would read as part of a SQLite URI rather than of the file name
URI_CHARACTERS = frozenset("?#%")


class NotServableError(StoreError):
    """A database `serve` cannot show as it is; the message says what to run."""


def servable_file(url: str) -> Path:
    """The SQLite file behind `url`, once it is known to exist and be at the head revision.

    >>> try:
    ...     servable_file("postgresql://me:secret@db/edu")
    ... except NotServableError as exc:
    ...     print(exc)  # doctest: +ELLIPSIS
    edumetrics serve shows a SQLite file, and postgresql://me:***@db/edu is a postgresql database. ...
    """
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise NotServableError(f"bad database URL {url!r}: {exc}") from exc
    shown = parsed.render_as_string(hide_password=True)
    if parsed.get_backend_name() != "sqlite":
        raise NotServableError(
            f"edumetrics serve shows a SQLite file, and {shown} is a {parsed.get_backend_name()} "
            "database. Datasette reads SQLite only: ingest the same files into a SQLite file "
            "(edumetrics ingest PATHS --db sqlite:///snapshot.db) and serve that, or read the "
            "team database with edumetrics query.")
    if not parsed.database or parsed.database == ":memory:" or parsed.database.startswith("file:"):
        raise NotServableError(f"edumetrics serve needs a SQLite file path, not {shown!r}")
    path = Path(parsed.database).expanduser().resolve()
    _check_file(path, shown)
    _check_revision(path, shown)
    return path


def _check_file(path: Path, url: str) -> None:
    if not path.exists():
        raise NotServableError(
            f"no database at {path}: edumetrics serve never creates one. "
            f"Ingest reports into it first: edumetrics ingest PATHS --db {url}")
    if not path.is_file():
        raise NotServableError(f"{path} is not a file")
    odd = sorted(URI_CHARACTERS & set(str(path)))
    if odd:
        raise NotServableError(f"{path}: Datasette cannot open a file whose path holds {' '.join(odd)}; "
                               "rename it or serve a copy")


def _check_revision(path: Path, url: str) -> None:
    engine = read_only_engine(path)
    try:
        with engine.connect() as connection:
            revision = MigrationContext.configure(connection).get_current_revision()
    except SQLAlchemyError as exc:
        raise NotServableError(f"{path}: cannot read it as a SQLite database ({reason(exc)})") from exc
    finally:
        engine.dispose()
    standing = revision_standing(revision)
    if standing == "head":
        return
    head = head_revision().revision
    upgrade = f"edumetrics db upgrade --db {url}"
    if standing == "empty":
        raise NotServableError(f"{path} holds no EduMetrics schema (no revision): it is empty or another "
                               f"program's database. Create the schema with {upgrade}, or ingest into it.")
    if standing == "older":
        raise NotServableError(f"{path} is at schema revision {revision}, older than this EduMetrics' "
                               f"{head}: run {upgrade} first (serve never migrates).")
    raise NotServableError(f"{path} is at schema revision {revision}, which this EduMetrics does not "
                           f"know (its newest is {head}): serve it with the EduMetrics that wrote it.")


def read_only_engine(path: Path) -> Engine:
    """An engine on the SQLite file `path` that cannot create, change or migrate it."""
    uri = f"{path.as_uri()}?mode=ro"
    return create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True), poolclass=NullPool)


def datasette_metadata(data: BrowseData, database: str) -> dict[str, Any]:
    """Datasette's metadata for the database named `database`, from datasette.yaml."""
    tables = {name: _table(data, name) for name in [*data.tables, *data.views]}
    queries = {name: {"title": q.title, "description": q.description, "sql": q.sql}
               for name, q in data.queries.items()}
    dashboards = {slug: _dashboard(dashboard.model_dump(mode="json", exclude_none=True), database)
                  for slug, dashboard in data.dashboards.items()}
    return {
        "title": data.title,
        "description": data.description,
        "databases": {database: {"description": data.description, "tables": tables, "queries": queries}},
        "plugins": {
            "datasette-dashboards": dashboards,
            PLUGIN: {"report_columns": list(data.report_facets)},
        },
    }


def _table(data: BrowseData, name: str) -> dict[str, Any]:
    doc = data.tables.get(name) or data.views[name]
    table: dict[str, Any] = {"description": doc.description, "columns": data.columns(name)}
    if doc.label_column:
        table["label_column"] = doc.label_column
    if doc.facets:
        table["facets"] = [_facet(facet) for facet in doc.facets]
    if doc.hidden:
        table["hidden"] = True
    return table


def _facet(facet: Facet) -> str | dict[str, str]:
    return facet if isinstance(facet, str) else {"report": facet.report}


def _dashboard(dashboard: dict[str, Any], database: str) -> dict[str, Any]:
    """A dashboard whose charts and query filters run on `database`."""
    for part in [*dashboard["filters"].values(), *dashboard["charts"].values()]:
        if "query" in part:
            part["db"] = database
    return dashboard
