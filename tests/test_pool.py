"""The worker pool: a worker that dies costs only the file it was extracting."""

from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from extractor.errors import WorkerError
from extractor.ingest.pool import WORKER_DIED, WorkerPool
from extractor.ingest.worker import Result
from extractor.sources.read import SourceFile, read_file


class DiesInTheWorker(SourceFile):
    """A file that ends the worker process receiving it, as a crash in a library or the
    system's out-of-memory killer would: unpickling it there calls os._exit."""

    def __reduce__(self) -> tuple[object, tuple[int]]:
        return os._exit, (70,)


def drain(pool: WorkerPool) -> dict[str, Result]:
    results: dict[str, Result] = {}
    while len(pool) > 0:
        for result, source in pool.finished():
            results[source.display] = result
    return results


def test_a_dead_worker_costs_only_its_file(tmp_path: Path, sample_paths: list[Path]) -> None:
    sources = [read_file(path) for path in sample_paths]
    assert all(isinstance(s, SourceFile) for s in sources)
    crasher = DiesInTheWorker(str(tmp_path / "crash.txt"), b"x")
    pool = WorkerPool(2)
    try:
        for source in [*sources[:2], crasher, *sources[2:]]:
            pool.submit(source)
        results = drain(pool)
        again = read_file(sample_paths[0])
        pool.submit(again)  # the new pool goes on
        assert drain(pool)[again.display].processed is not None
    finally:
        pool.close()
    assert results[crasher.display].processed is None
    assert results[crasher.display].error == WORKER_DIED
    assert [results[s.display].error for s in sources] == [None] * len(sources)
    assert all(results[s.display].processed is not None for s in sources)


def test_files_given_to_a_broken_pool_are_extracted_again(tmp_path: Path, sample_paths: list[Path]) -> None:
    pool = WorkerPool(2)
    try:
        pool.submit(DiesInTheWorker(str(tmp_path / "crash.txt"), b"x"))
        deadline = time.monotonic() + 60
        while not pool._executor._broken and time.monotonic() < deadline:  # type: ignore[attr-defined]
            time.sleep(0.05)  # the worker has died; the pool refuses new files
        sources = [read_file(path) for path in sample_paths[:2]]
        for source in sources:
            pool.submit(source)
        results = drain(pool)
    finally:
        pool.close()
    assert [results[s.display].error for s in sources] == [None, None]
    assert results[str(tmp_path / "crash.txt")].error == WORKER_DIED


def test_workers_that_die_as_they_start_end_the_batch_with_the_reason(
        monkeypatch: pytest.MonkeyPatch, sample_paths: list[Path]) -> None:
    # not every file blamed in turn: without workers, no file can be extracted
    def dying(pool: WorkerPool) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=pool.jobs, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=os._exit, initargs=(3,))

    monkeypatch.setattr(WorkerPool, "_start", dying)
    pool = WorkerPool(2)
    try:
        for path in sample_paths:
            pool.submit(read_file(path))
        with pytest.raises(WorkerError, match="the worker processes die as they start"):
            drain(pool)
    finally:
        pool.close()
