"""Ingest: worker processes extract, the parent is the one writer.

The parent walks the inputs with `iter_sources`, hashes each file's bytes and asks the
database in bulk which hashes it already holds; only the unknown files go to the worker
processes (decode, segment, extract), each file bounded in time and memory (`Limits`).
Results come back to the parent, which stores them a batch of documents per transaction
(extractor/store/documents.py). Failures, skipped files and refused claims are written
to the `failures` table; a failure that stood when the run began is resolved at its end
when the run stored the file (or found it stored) and did not fail it again (`Settling`).

Stopped by Ctrl-C or SIGTERM (KeyboardInterrupt), the parent kills its workers and
stores the documents already extracted before it lets the interruption go on.

Memory stays flat: at most `jobs * IN_FLIGHT_PER_JOB` files are held at once.
"""

from __future__ import annotations

import hashlib
import heapq
import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from sqlalchemy import Engine

from extractor.errors import StoreError
from extractor.ingest.pool import WorkerPool
from extractor.ingest.worker import Limits, Result
from extractor.iterate import batched
from extractor.models.records import ProcessedDocument
from extractor.sources.read import ReadFailure, SourceFile, failure, iter_sources
from extractor.store.documents import known_hashes, store_batch
from extractor.store.failures import FileKey, record_failures, resolve_failures, standing_failures

IN_FLIGHT_PER_JOB = 8
LOOKUP_CHUNK = 256  # files hashed and looked up in the database together
STORE_BATCH = 32  # documents per write transaction
SLOWEST_KEPT = 5  # files listed as the slowest in the summary


@dataclass(frozen=True)
class Event:
    """One file's outcome, for progress reporting."""

    status: str  # "stored" | "present" | "skipped" | "failed" | "refused" (a claim of a stored file)
    display: str
    detail: str
    size: int = 0
    claims: int = 0
    seconds: float = 0.0
    disk_bytes: int = 0  # of the inputs on disk, done with this file (read.input_size)


@dataclass
class IngestSummary:
    """The result of one ingest run: counts (not lists of what was stored: memory stays
    flat), the files not stored with the reason, the bytes met and the slowest files."""

    files: int = 0  # every file met
    stored: int = 0  # documents stored now
    already_present: int = 0  # documents whose bytes were stored before
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason): not a report file
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason): broken or refused
    refused: list[tuple[str, str]] = field(default_factory=list)  # (path, reason): claims not stored
    claims_by_indicator: Counter[str] = field(default_factory=Counter)  # of the documents stored now
    placeholders: int = 0  # masked claims among them
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


@dataclass
class Settling:
    """What a run says of the failures that stood when it began (so its memory is
    bounded by them): which files it read and stored, and which it failed again."""

    standing: set[FileKey]
    read: set[FileKey] = field(default_factory=set)
    failed: set[FileKey] = field(default_factory=set)

    def stored(self, path: str, member: str | None) -> None:
        """A file stored or found stored; for a member, its archive was read as well."""
        self.read.update(key for key in ((path, member), (path, None)) if key in self.standing)

    def failed_again(self, path: str, member: str | None) -> None:
        if (path, member) in self.standing:
            self.failed.add((path, member))

    def resolved(self) -> set[FileKey]:
        return self.read - self.failed


Listener = Callable[[Event], None]


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def ingest_paths(engine: Engine, paths: Iterable[str | os.PathLike[str]], jobs: int | None = None,
                 listener: Listener | None = None, limits: Limits | None = None) -> IngestSummary:
    """Read, extract and store every file under `paths`, with `jobs` worker processes
    (default: all cores), each file within `limits`; one bad file never stops the batch."""
    jobs = jobs or default_jobs()
    summary = IngestSummary()
    pending_store: list[tuple[ProcessedDocument, Result, int]] = []  # with the source's disk_bytes
    failures: list[ReadFailure] = []
    settling = Settling(standing_failures(engine))

    def emit(event: Event) -> None:
        if listener is not None:
            listener(event)

    def fail(path: str, member: str | None, why: str, skipped: bool, size: int = 0,
             seconds: float = 0.0, disk_bytes: int = 0) -> None:
        failed = failure(path, why, member=member, skipped=skipped)
        failures.append(failed)
        settling.failed_again(failed.path, failed.member)
        (summary.skipped if skipped else summary.failed).append((failed.display, failed.reason))
        emit(Event("skipped" if skipped else "failed", failed.display, failed.reason, size=size,
                   seconds=seconds, disk_bytes=disk_bytes))

    def refuse(path: str, member: str | None, why: str) -> None:
        refused = failure(path, why, member=member)
        failures.append(refused)
        settling.failed_again(refused.path, refused.member)
        summary.refused.append((refused.display, refused.reason))
        emit(Event("refused", refused.display, refused.reason))

    def flush() -> None:
        batch = [p for p, _, _ in pending_store]
        results = store_batch(engine, batch)
        for (processed, result, disk_bytes), outcome in zip(pending_store, results, strict=True):
            size = processed.document.size
            if isinstance(outcome, StoreError):
                document = processed.document
                fail(document.path, document.member, str(outcome), False, size, result.seconds, disk_bytes)
            elif outcome.stored:
                settling.stored(processed.document.path, processed.document.member)
                summary.stored += 1
                refused = {id(claim) for claim, _ in outcome.refused}
                stored = [c for c in processed.claims if id(c) not in refused]
                summary.claims_by_indicator.update(c.indicator for c in stored)
                summary.placeholders += sum(c.placeholder for c in stored)
                emit(Event("stored", outcome.display, f"{outcome.reports} reports, {outcome.claims} claims",
                           size, outcome.claims, result.seconds, disk_bytes))
                for _, why in outcome.refused:
                    refuse(processed.document.path, processed.document.member, why)
            else:
                settling.stored(processed.document.path, processed.document.member)
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

    pool = WorkerPool(jobs, limits)
    limit = max(1, jobs * IN_FLIGHT_PER_JOB)
    try:
        for chunk in batched(iter_sources(paths), LOOKUP_CHUNK):
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
                    settling.stored(source.path, source.member)
                    summary.already_present += 1
                    emit(Event("present", source.display, f"already stored as document {known[sha]}",
                               len(source.data), disk_bytes=source.disk_bytes))
                    continue
                while len(pool) >= limit:
                    for result, done in pool.finished():
                        collect(result, done)
                pool.submit(replace(source, sha256=sha))  # the worker need not hash it again
            if failures and len(pool) == 0:
                flush()
        while len(pool) > 0:
            for result, done in pool.finished():
                collect(result, done)
        flush()
        resolve_failures(engine, settling.resolved())  # only a run that went to its end knows
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM: keep what was extracted, then stop
        pool.close()
        flush()
        raise
    finally:
        pool.close()
    return summary
