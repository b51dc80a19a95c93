"""The writer's worker processes (extractor/ingest/worker.py): files go out, results come back.

A worker that dies (killed by the system when memory runs out, or a crash inside a
library) breaks the whole process pool, and every file in it fails with it. The files
then in flight are extracted again, one at a time in a new pool, so that only the file
that kills a worker again is lost, as a failure; the batch goes on.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from extractor.errors import WorkerError
from extractor.ingest.worker import Result, extract, ready, start
from extractor.sources.read import SourceFile

WORKER_DIED = ("the worker process died extracting it (killed by the system, out of memory, "
               "or a crash in a library)")


class WorkerPool:
    """`jobs` worker processes and the files they hold."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self._executor = self._start()
        self._in_flight: dict[Future[Result], SourceFile] = {}
        self._lost: list[SourceFile] = []  # taken down by a dead worker: to extract again

    def _start(self) -> ProcessPoolExecutor:
        # spawned, not forked: a forked worker would carry (and count in its RSS) all the
        # writer has loaded; a spawned one imports extractor.ingest.worker and the pipeline only
        return ProcessPoolExecutor(max_workers=self.jobs, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=start)

    def __len__(self) -> int:
        """The files given and not yet handed back by `finished`."""
        return len(self._in_flight) + len(self._lost)

    def submit(self, source: SourceFile) -> None:
        try:
            self._in_flight[self._executor.submit(extract, source)] = source
        except BrokenProcessPool:  # a worker died since the last results came
            self._lost.append(source)

    def finished(self) -> Iterator[tuple[Result, SourceFile]]:
        """Files done, each with its result; waits for at least one."""
        if not self._lost:
            done, _ = wait(self._in_flight, return_when=FIRST_COMPLETED)
            for future in done:
                source = self._in_flight.pop(future)
                if isinstance(future.exception(), BrokenProcessPool):
                    self._lost.append(source)
                else:
                    yield _result_of(future, source), source
        if self._lost:
            yield from self._recover()

    def _recover(self) -> Iterator[tuple[Result, SourceFile]]:
        """Extract again, each alone in a new pool, the files a dead worker took down."""
        lost = [*self._lost, *self._in_flight.values()]  # a broken pool fails all it holds
        self._lost, self._in_flight = [], {}
        self._restart()
        for source in lost:
            result = self._alone(source)
            if result is None:
                self._restart()
                result = Result(source.display, None, WORKER_DIED, 0.0)
            yield result, source

    def _alone(self, source: SourceFile) -> Result | None:
        """One file extracted with nothing else in the pool; None if its worker died."""
        try:
            future = self._executor.submit(extract, source)
            if isinstance(future.exception(), BrokenProcessPool):
                return None
        except BrokenProcessPool:
            return None
        return _result_of(future, source)

    def _restart(self) -> None:
        """A new pool for the broken one; WorkerError if its workers die as they start
        (then no file could be extracted, and each would be blamed in turn)."""
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._executor = self._start()
        try:
            self._executor.submit(ready).result()
        except BrokenProcessPool as exc:
            self._executor.shutdown(wait=True, cancel_futures=True)
            raise WorkerError(f"the worker processes die as they start ({exc}); "
                              "their error, if any, is printed above") from exc

    def close(self) -> None:
        """Drop the files not started; let the running ones finish; end the workers."""
        for future in self._in_flight:
            future.cancel()
        self._executor.shutdown(wait=True, cancel_futures=True)


def _result_of(future: Future[Result], source: SourceFile) -> Result:
    """The worker's result; a failure of this file if it could not come back (a result
    that cannot be pickled, say)."""
    exc = future.exception()
    if exc is None:
        return future.result()
    return Result(source.display, None, f"internal error: {type(exc).__name__}: {exc}", 0.0)
