"""The Python API, for notebooks and scripts (also importable as `extractor.NAME`).

Extract claims from a text or a file without a database, ingest paths into one, open a
database and read its claims into a pandas DataFrame (pandas comes with the optional
extra: `pip install 'edumetrics[analysis]'`).

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> report = folder / "report.txt"
>>> _ = report.write_text("娄星区教育局2015年工作总结\\n全区小学报到入学24774人，无一人流失，巩固率100%。\\n"
...                       "实施教育资助xxxx万元，资助学生3000人次。\\n", encoding="utf-8")
>>> for claim in extract_file(report):
...     print(claim.indicator, claim.value, claim.unit, claim.placeholder)
enrolled_count 24774 人 False
retention_rate 100 % False
funding None 万元 True
>>> ingest_paths([folder], db=folder / "edu.db").stored
1
>>> with open_database(folder / "edu.db") as db:
...     frame = db.claims(indicator="retention_rate")
>>> frame[["indicator", "value", "unit", "level", "region", "year"]].values.tolist()
[['retention_rate', 100.0, '%', '小学', '娄星区', 2015]]
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, cast

from extractor.errors import InputError
from extractor.models.records import Claim, Document

if TYPE_CHECKING:
    import pandas as pd
    from sqlalchemy import Engine

    from extractor.ingest.batch import IngestSummary

PathLike = str | os.PathLike[str]
PANDAS_MISSING = "reading claims into pandas needs pandas: pip install 'edumetrics[analysis]'"


def extract_text(text: str, name: str = "text") -> list[Claim]:
    """The claims of one text, as `edumetrics extract` finds them (no database).

    >>> for claim in extract_text("全区小学报到入学24774人，无一人流失，巩固率100%。"):
    ...     print(claim.indicator, claim.value, claim.unit, claim.level, claim.text)
    enrolled_count 24774 人 小学 24774人
    retention_rate 100 % 小学 100%
    >>> claim = extract_text("今年计划投资1450万元，新建学校教学楼。")[0]
    >>> claim.indicator, claim.value, claim.unit, claim.modality, claim.start, claim.end
    ('investment', Decimal('1450'), '万元', 'target', 6, 12)
    """
    from extractor.pipeline import process_text

    data = text.encode("utf-8")
    document = Document(name=name, path=name, sha256=hashlib.sha256(data).hexdigest(), encoding="utf-8",
                        size=len(data))
    return process_text(text, document).claims


def extract_file(path: PathLike) -> list[Claim]:
    """The claims of a file (.txt, .html, .docx, .pdf, or every report of an archive), in
    file and text order; an InputError names the file and the reason it cannot be read."""
    from extractor.pipeline import process_source
    from extractor.sources.read import ReadFailure, iter_sources

    claims: list[Claim] = []
    for source in iter_sources([os.fspath(path)]):
        if isinstance(source, ReadFailure):
            raise InputError(source.display, source.reason)
        claims.extend(process_source(source).claims)
    return claims


def ingest_paths(paths: Iterable[PathLike], db: PathLike | None = None, jobs: int = 1) -> IngestSummary:
    """Store every report file under `paths` in the database `db` (a URL or a SQLite file;
    default as the CLI's), made or upgraded as needed. `jobs` > 1 extracts in worker
    processes (in a script, call it under `if __name__ == "__main__":`)."""
    from extractor.ingest.batch import ingest_paths as ingest
    from extractor.store.database import database_url, open_database

    engine = open_database(database_url(_db_text(db)))
    try:
        return ingest(engine, [os.fspath(p) for p in paths], jobs=jobs)
    finally:
        engine.dispose()


def open_database(db: PathLike | None = None) -> Database:
    """An existing database, for reading (nothing is created or migrated: a missing or
    outdated one is a StoreError that says what to run). Use it in a `with` block."""
    from extractor.store.database import database_url
    from extractor.store.export import open_for_reading

    return Database(open_for_reading(database_url(_db_text(db))))


def read_claims(db: PathLike | None = None, **filters: Any) -> pd.DataFrame:
    """The claims of the database `db` as a DataFrame: Database.claims in one call."""
    with open_database(db) as database:
        return database.claims(**filters)


def _db_text(db: PathLike | None) -> str | None:
    return None if db is None else os.fspath(db)


def _listed(value: str | int | Sequence[Any] | None) -> tuple[Any, ...]:
    if value is None:
        return ()
    if isinstance(value, str | int):
        return (value,)
    return tuple(value)


class Database:
    """A database opened for reading: its claims as DataFrames, and read-only SQL."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def __enter__(self) -> Database:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    def claims(self, indicator: str | Sequence[str] | None = None,
               document: str | Sequence[str] | None = None, region: str | Sequence[str] | None = None,
               year: int | Sequence[int] | None = None,
               placeholders_only: bool = False, once: bool = False, exact: bool = False) -> pd.DataFrame:
        """The flat analyst table of `edumetrics export` (one row per claim, with its
        effective value after resolutions), filtered like it. Values are floats in the
        stored unit (万元 for money); `exact` keeps them as Decimals."""
        from extractor.store.export import EXPORT_COLUMNS, ExportFilter, export_rows

        pandas = _pandas()
        filters = ExportFilter(_listed(indicator), _listed(document), _listed(region), _listed(year),
                               placeholders_only, once)
        names = [name for name, _ in EXPORT_COLUMNS]
        frame = pandas.DataFrame.from_records(list(export_rows(self.engine, filters)), columns=names)
        dtypes = {"integer": "Int64", "boolean": "boolean", "text": "string",
                  "decimal": "object" if exact else "Float64"}
        return cast("pd.DataFrame", frame.astype({name: dtypes[kind] for name, kind in EXPORT_COLUMNS}))

    def query(self, sql: str) -> pd.DataFrame:
        """One read-only SQL statement's rows (what `edumetrics query` runs).

        Tables: documents, reports, claims, indicators, resolutions, findings, and the
        views claims_once, claims_effective and claims_located.
        """
        from extractor.store.query import run_query

        result = run_query(self.engine, sql)
        return cast("pd.DataFrame", _pandas().DataFrame.from_records(result.rows, columns=result.columns))


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as exc:
        raise ImportError(PANDAS_MISSING) from exc
    return pandas
