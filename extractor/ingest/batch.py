"""Parallel ingest: worker processes extract, the parent is the one writer.

The parent walks the inputs with `iter_sources`, hashes each file's bytes and asks the
database in bulk which hashes it already holds; only the unknown files go to the worker
processes (decode, segment, extract). Results come back to the parent, which stores them
a batch of documents per transaction (idempotent by sha256; a batch the database refuses
is retried document by document, so one bad document never rolls back the others).
Failures and skipped files are written to the `failures` table.

Memory stays flat: at most `jobs * IN_FLIGHT_PER_JOB` files are held at once.
"""

from __future__ import annotations

import hashlib
import heapq
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from extractor.ingest.pool import WorkerPool
from extractor.ingest.worker import Result, extract
from extractor.models.records import ProcessedDocument
from extractor.models.tables import ClaimRow, DocumentRow, FailureRow, ReportRow, utc_now
from extractor.sources.read import ReadFailure, SourceFile, iter_sources
from extractor.store.database import IngestSummary, StoreOutcome, store_document
from extractor.store.schema import StoreError, describe, reason

IN_FLIGHT_PER_JOB = 8
LOOKUP_CHUNK = 256  # files hashed and looked up in the database together
STORE_BATCH = 32  # documents per write transaction
SLOWEST_KEPT = 5  # files listed as the slowest in the summary


@dataclass(frozen=True)
class Event:
    """One file's outcome, for progress reporting."""

    status: str  # "stored" | "present" | "skipped" | "failed"
    display: str
    detail: str
    size: int = 0
    claims: int = 0
    seconds: float = 0.0
    disk_bytes: int = 0  # of the inputs on disk, done with this file (read.input_size)


@dataclass
class BatchSummary(IngestSummary):
    """An IngestSummary plus the bytes met and the slowest files' extraction times."""

    bytes: int = 0
    # (seconds, display) of the SLOWEST_KEPT slowest files, a min-heap: memory stays flat
    timings: list[tuple[float, str]] = field(default_factory=list)

    def time(self, seconds: float, display: str) -> None:
        if len(self.timings) < SLOWEST_KEPT:
            heapq.heappush(self.timings, (seconds, display))
        else:
            heapq.heappushpop(self.timings, (seconds, display))

    def slowest(self, count: int = SLOWEST_KEPT) -> list[tuple[float, str]]:
        return sorted(self.timings, reverse=True)[:count]


Listener = Callable[[Event], None]


def known_hashes(engine: Engine, hashes: Iterable[str]) -> dict[str, int]:
    """The stored documents among `hashes`: sha256 -> document id, in one query."""
    wanted = list(set(hashes))
    if not wanted:
        return {}
    with Session(engine) as session:
        query = select(DocumentRow.sha256, DocumentRow.id).where(DocumentRow.sha256.in_(wanted))
        return {sha: doc_id for sha, doc_id in session.execute(query)}


def record_failures(engine: Engine, failures: list[ReadFailure]) -> None:
    """Add rows to the `failures` table, in one transaction; a failure already recorded
    (same path, member and reason: a rerun over the same archive) is not added again."""
    if not failures:
        return
    try:
        with Session(engine) as session, session.begin():
            known = {tuple(row) for row in session.execute(
                select(FailureRow.path, FailureRow.member, FailureRow.reason)
                .where(FailureRow.path.in_({f.path for f in failures})))}
            session.add_all(FailureRow(path=f.path, member=f.member, reason=f.reason, skipped=f.skipped)
                            for f in failures if (f.path, f.member, f.reason) not in known)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot record failures in {describe(engine)}: {reason(exc)}") from exc


def store_batch(engine: Engine, batch: list[ProcessedDocument]) -> list[StoreOutcome | StoreError]:
    """Store documents in one transaction with bulk inserts (documents, then reports,
    then claims); if the database refuses the batch, one transaction per document."""
    if not batch:
        return []
    try:
        return _bulk_store(engine, batch)
    except (SQLAlchemyError, ValueError):
        pass  # fall back to one transaction per document, which names the culprit
    results: list[StoreOutcome | StoreError] = []
    for processed in batch:
        try:
            results.append(store_document(engine, processed))
        except StoreError as exc:
            results.append(exc)
    return results


def _bulk_store(engine: Engine, batch: list[ProcessedDocument]) -> list[StoreOutcome | StoreError]:
    with Session(engine) as session, session.begin():
        stored = dict(session.execute(select(DocumentRow.sha256, DocumentRow.id).where(
            DocumentRow.sha256.in_([p.document.sha256 for p in batch]))).all())
        new: dict[str, ProcessedDocument] = {}
        for processed in batch:
            sha = processed.document.sha256
            if sha not in stored and sha not in new:
                _check_references(processed)
                new[sha] = processed
        ids: dict[str, int] = {}
        if new:
            now = utc_now()
            documents = [{"name": p.document.name, "path": p.document.path, "member": p.document.member,
                          "sha256": sha, "encoding": p.document.encoding, "size": p.document.size,
                          "ingested_at": now} for sha, p in new.items()]
            # Core inserts on the tables, each one statement for all rows (executemany), and the
            # new ids read back by one query: the ORM's bulk insert leaves out None values and
            # puts rows with other columns in other statements, and RETURNING with the rows'
            # order goes row by row on SQLite
            session.execute(insert(DocumentRow.__table__), documents)
            ids = {sha: doc_id for sha, doc_id in session.execute(
                select(DocumentRow.sha256, DocumentRow.id).where(DocumentRow.sha256.in_(list(new))))}
            reports = [{"document_id": ids[sha], "index": r.index, "title": r.title, "kind": r.kind,
                        "year": r.year, "year_masked": r.year_masked, "year_alt": r.year_alt,
                        "region": r.region, "region_masked": r.region_masked, "issuer": r.issuer,
                        "period": r.period, "start": r.start, "end": r.end,
                        "signature": p.signatures.get(r.index)}
                       for sha, p in new.items() for r in p.reports]
            report_ids: dict[tuple[int, int], int] = {}
            if reports:
                session.execute(insert(ReportRow.__table__), reports)
                returned = session.execute(select(ReportRow.document_id, ReportRow.index, ReportRow.id)
                                           .where(ReportRow.document_id.in_(list(ids.values()))))
                report_ids = {(doc, index): rid for doc, index, rid in returned}
            claims = [{"document_id": ids[sha], "report_id": report_ids[(ids[sha], c.report_index)],
                       "indicator": c.indicator, "value": c.value, "unit": c.unit, "qualifier": c.qualifier,
                       "placeholder": c.placeholder, "modality": c.modality, "level": c.level,
                       "start": c.start, "end": c.end, "text": c.text, "sentence": c.sentence,
                       "sentence_start": c.sentence_start, "rule": c.rule, "trigger": c.trigger}
                      for sha, p in new.items() for c in p.claims]
            if claims:
                session.execute(insert(ClaimRow.__table__), claims)
        outcomes: list[StoreOutcome | StoreError] = []
        first: set[str] = set()
        for processed in batch:
            sha = processed.document.sha256
            if sha in new and sha not in first:
                first.add(sha)
                outcomes.append(StoreOutcome(_display(processed), ids[sha], stored=True,
                                             reports=len(processed.reports), claims=len(processed.claims)))
            else:
                known = stored.get(sha, ids.get(sha, 0))
                outcomes.append(StoreOutcome(_display(processed), known, stored=False))
        return outcomes


def _check_references(processed: ProcessedDocument) -> None:
    """The checks `document_rows` makes: unique report indexes, claims on existing reports."""
    indexes = [r.index for r in processed.reports]
    if len(set(indexes)) != len(indexes):
        raise ValueError("two reports with the same index")
    known = set(indexes)
    if any(c.report_index not in known for c in processed.claims):
        raise ValueError("a claim points at a report the document does not have")


def _display(processed: ProcessedDocument) -> str:
    document = processed.document
    return f"{document.path}!{document.member}" if document.member else document.path


def _chunks(items: Iterator[SourceFile | ReadFailure], size: int) -> Iterator[list[SourceFile | ReadFailure]]:
    chunk: list[SourceFile | ReadFailure] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def ingest_parallel(engine: Engine, paths: Iterable[str | os.PathLike[str]], jobs: int | None = None,
                    listener: Listener | None = None) -> BatchSummary:
    """Ingest every file under `paths` with `jobs` worker processes (1: in this process)."""
    jobs = jobs or default_jobs()
    summary = BatchSummary()
    pending_store: list[tuple[ProcessedDocument, Result, int]] = []  # with the source's disk_bytes
    failures: list[ReadFailure] = []

    def emit(event: Event) -> None:
        if listener is not None:
            listener(event)

    def fail(path: str, member: str | None, why: str, skipped: bool, size: int = 0,
             seconds: float = 0.0, disk_bytes: int = 0) -> None:
        failure = ReadFailure(path, why, member=member, skipped=skipped)
        failures.append(failure)
        (summary.skipped if skipped else summary.failed).append((failure.display, why))
        emit(Event("skipped" if skipped else "failed", failure.display, why, size=size, seconds=seconds,
                   disk_bytes=disk_bytes))

    def flush() -> None:
        batch = [p for p, _, _ in pending_store]
        results = store_batch(engine, batch)
        for (processed, result, disk_bytes), outcome in zip(pending_store, results, strict=True):
            size = processed.document.size
            if isinstance(outcome, StoreError):
                document = processed.document
                fail(document.path, document.member, str(outcome), False, size, result.seconds, disk_bytes)
            elif outcome.stored:
                summary.stored += 1
                summary.claims_by_indicator.update(c.indicator for c in processed.claims)
                summary.placeholders += sum(c.placeholder for c in processed.claims)
                emit(Event("stored", outcome.display, f"{outcome.reports} reports, {outcome.claims} claims",
                           size, outcome.claims, result.seconds, disk_bytes))
            else:
                summary.already_present += 1
                emit(Event("present", outcome.display, f"already stored as document {outcome.document_id}",
                           size, 0, result.seconds, disk_bytes))
        pending_store.clear()
        record_failures(engine, failures)
        failures.clear()

    def collect(result: Result, source: SourceFile) -> None:
        summary.time(result.seconds, result.display)
        if result.processed is None:
            why = result.error or "failed"
            fail(source.path, source.member, why, False, len(source.data), result.seconds, source.disk_bytes)
            return
        pending_store.append((result.processed, result, source.disk_bytes))
        if len(pending_store) >= STORE_BATCH:
            flush()

    pool = WorkerPool(jobs) if jobs > 1 else None  # with one job, extract in this process
    limit = max(1, jobs * IN_FLIGHT_PER_JOB)
    try:
        for chunk in _chunks(iter_sources(paths), LOOKUP_CHUNK):
            hashes = {id(s): hashlib.sha256(s.data).hexdigest() for s in chunk if isinstance(s, SourceFile)}
            known = known_hashes(engine, hashes.values())
            for source in chunk:
                summary.files += 1
                if isinstance(source, ReadFailure):
                    fail(source.path, source.member, source.reason, source.skipped,
                         disk_bytes=source.disk_bytes)
                    continue
                summary.bytes += len(source.data)
                sha = hashes[id(source)]
                if sha in known:
                    summary.already_present += 1
                    emit(Event("present", source.display, f"already stored as document {known[sha]}",
                               len(source.data), disk_bytes=source.disk_bytes))
                    continue
                if pool is None:
                    collect(extract(source), source)
                    continue
                while len(pool) >= limit:
                    for result, done in pool.finished():
                        collect(result, done)
                pool.submit(source)
            if failures and (pool is None or len(pool) == 0):
                flush()
        while pool is not None and len(pool) > 0:
            for result, done in pool.finished():
                collect(result, done)
        flush()
    finally:
        if pool is not None:
            pool.close()
    return summary


def list_failures(engine: Engine) -> list[FailureRow]:
    with Session(engine) as session:
        return list(session.scalars(select(FailureRow).order_by(FailureRow.id)))
