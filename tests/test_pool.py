"""The worker pool: a file that kills its worker, runs too long or needs too much memory
costs only itself; the other workers go on."""

from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path

import pytest
from hostile import dense_claims, slow_pdf

from extractor.errors import WorkerError
from extractor.ingest.pool import WORKER_DIED, WorkerPool, _Worker
from extractor.ingest.worker import Limits, Result
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
        pool.submit(again)  # the new worker goes on
        assert drain(pool)[again.display].processed is not None
    finally:
        pool.close()
    assert results[crasher.display].processed is None
    assert results[crasher.display].error == WORKER_DIED
    assert [results[s.display].error for s in sources] == [None] * len(sources)
    assert all(results[s.display].processed is not None for s in sources)


@pytest.mark.slow
def test_a_file_past_the_wall_time_is_stopped_and_the_pool_goes_on(tmp_path: Path,
                                                                    sample_paths: list[Path]) -> None:
    # one worker: the file after the slow one waits for it, so it proves the pool goes on
    slow = SourceFile(str(tmp_path / "slow.pdf"), slow_pdf(), kind="pdf")
    after = read_file(sample_paths[0])
    limits = Limits(seconds=2.0)
    pool = WorkerPool(1, limits)
    started = time.monotonic()
    try:
        pool.submit(slow)
        pool.submit(after)
        results = drain(pool)
    finally:
        pool.close()
    assert (results[slow.display].processed, results[slow.display].error) == (None, limits.timeout_reason())
    assert "took longer than 2 s to extract (--file-timeout)" in limits.timeout_reason()
    assert results[after.display].processed is not None
    assert time.monotonic() - started < 60  # the PDF alone runs for minutes


@pytest.mark.slow
def test_a_file_past_the_memory_bound_fails_alone(tmp_path: Path, sample_paths: list[Path]) -> None:
    # ~1.2 MB of claims holds ~120 MB while extracted; 64 MB are allowed
    hungry = SourceFile(str(tmp_path / "dense.txt"), dense_claims(15_000))
    after = read_file(sample_paths[0])
    limits = Limits(memory_mb=64)
    pool = WorkerPool(1, limits)
    try:
        pool.submit(hungry)
        pool.submit(after)
        results = drain(pool)
    finally:
        pool.close()
    assert results[hungry.display].error == limits.memory_reason()
    assert results[after.display].processed is not None


def test_the_memory_bound_leaves_an_ordinary_file_alone(tmp_path: Path) -> None:
    # the same kind of text, a twentieth of it, within the same 64 MB
    modest = SourceFile(str(tmp_path / "modest.txt"), dense_claims(750))
    pool = WorkerPool(1, Limits(memory_mb=64))
    try:
        pool.submit(modest)
        result = drain(pool)[modest.display]
    finally:
        pool.close()
    assert result.error is None and result.processed is not None
    assert len(result.processed.claims) == 4 * 750


def test_workers_that_die_as_they_start_end_the_batch_with_the_reason(
        monkeypatch: pytest.MonkeyPatch, sample_paths: list[Path]) -> None:
    # not every file blamed in turn: without workers, no file can be extracted
    def dying(pool: WorkerPool) -> _Worker:
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        process = context.Process(target=os._exit, args=(3,))
        process.start()
        theirs.close()
        return _Worker(process, ours)

    monkeypatch.setattr(WorkerPool, "_start", dying)
    pool = WorkerPool(2)
    try:
        for path in sample_paths:
            pool.submit(read_file(path))
        with pytest.raises(WorkerError, match=r"the worker processes die as they start \(exit status 3\)"):
            drain(pool)
    finally:
        pool.close()
