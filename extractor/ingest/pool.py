"""The writer's worker processes (extractor/ingest/worker.py): files go out, results come back.

Each worker has its own pipe, and the pool knows which file each one holds and since
when. So a file costs no more than itself:

- one that runs longer than the wall time (`Limits.seconds`) is stopped by killing its
  worker; it is recorded as failed and a new worker takes the place;
- one whose worker dies (killed by the system when memory runs out, a crash inside a
  library) is recorded as failed, and a new worker takes the place.

The other workers go on with their files meanwhile. Workers end with the writer: when
it closes the pool, and when it is killed (see worker.end_with_writer).
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess

from extractor.errors import WorkerError
from extractor.ingest.worker import READY, Limits, Result, serve
from extractor.sources.read import SourceFile

WORKER_DIED = ("the worker process died extracting it (killed by the system, out of memory, "
               "or a crash in a library)")
START_ATTEMPTS = 3  # workers dying one after the other before any is ready: none can run
REAP_SECONDS = 5.0  # for a worker that has ended to be reaped (its exit status known)


@dataclass
class _Worker:
    process: BaseProcess
    connection: Connection  # the writer's end of the worker's pipe
    ready: bool = False  # started, and waiting for files
    source: SourceFile | None = None  # the file it holds
    given_at: float = 0.0  # time.monotonic() when it got the file

    def overdue(self, now: float, limits: Limits) -> bool:
        return self.source is not None and now - self.given_at > limits.seconds


class WorkerPool:
    """`jobs` worker processes, the files waiting for one, and the files they hold."""

    def __init__(self, jobs: int, limits: Limits | None = None) -> None:
        self.jobs = jobs
        self.limits = limits or Limits()
        self._writer = os.getpid()
        self._waiting: deque[SourceFile] = deque()
        self._failed_starts = 0
        self._workers: list[_Worker] = []
        for _ in range(jobs):
            self._workers.append(self._start())

    def _start(self) -> _Worker:
        # spawned, not forked: a forked worker would carry (and count in its RSS) all the
        # writer has loaded; a spawned one imports extractor.ingest.worker and the pipeline only
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        process = context.Process(target=serve, args=(theirs, self._writer, self.limits), daemon=True,
                                  name="edumetrics-worker")
        process.start()
        theirs.close()
        return _Worker(process, ours)

    def __len__(self) -> int:
        """The files given and not yet handed back by `finished`."""
        return len(self._waiting) + sum(w.source is not None for w in self._workers)

    def submit(self, source: SourceFile) -> None:
        self._waiting.append(source)

    def finished(self) -> Iterator[tuple[Result, SourceFile]]:
        """Files done, each with its result (a failure when it ran too long or killed its
        worker); waits for at least one."""
        done: list[tuple[Result, SourceFile]] = []
        while not done and len(self) > 0:
            done += self._hand_out()
            timeout = self._until_next_deadline()
            ready = wait([w.connection for w in self._workers] + [w.process.sentinel for w in self._workers],
                         timeout=timeout)
            for worker in list(self._workers):
                if worker.connection in ready or worker.process.sentinel in ready:
                    done += self._hear(worker)
            done += self._stop_overdue()
        yield from done

    def _hand_out(self) -> list[tuple[Result, SourceFile]]:
        """Waiting files to the ready, idle workers; a worker that dies taking one fails it."""
        failed = []
        for worker in list(self._workers):
            if not self._waiting or not worker.ready or worker.source is not None:
                continue
            if not worker.process.is_alive():  # ended idle (killed from outside): no file to blame
                self._replace(worker)
                continue
            source = self._waiting.popleft()
            try:
                worker.connection.send(source)
            except (OSError, ValueError):  # a broken pipe: it died receiving the file
                failed.append((Result(source.display, None, WORKER_DIED, 0.0), source))
                self._replace(worker)
                continue
            worker.source, worker.given_at = source, time.monotonic()
        return failed

    def _until_next_deadline(self) -> float | None:
        """Seconds until the first held file runs out of time (None: no file held)."""
        given = [w.given_at for w in self._workers if w.source is not None]
        if not given:
            return None
        return max(0.0, min(given) + self.limits.seconds - time.monotonic())

    def _hear(self, worker: _Worker) -> list[tuple[Result, SourceFile]]:
        """What a worker sent (ready, or its file's result), or its end."""
        try:
            if not worker.connection.poll():
                return [] if worker.process.is_alive() else self._lost(worker)
            message = worker.connection.recv()
        except (EOFError, OSError):  # its end of the pipe closed: it ended
            return self._lost(worker)
        if message == READY:
            worker.ready, self._failed_starts = True, 0
        elif isinstance(message, Result) and worker.source is not None:
            source, worker.source = worker.source, None
            return [(message, source)]
        return []

    def _lost(self, worker: _Worker) -> list[tuple[Result, SourceFile]]:
        """A worker that ended: the file it held failed; one that never got ready counts
        towards WorkerError."""
        source = worker.source
        if not worker.ready:
            self._failed_starts += 1
            if self._failed_starts >= START_ATTEMPTS:
                worker.process.join(REAP_SECONDS)  # its pipe closed as it ended
                status = worker.process.exitcode
                self.close()
                raise WorkerError(f"the worker processes die as they start (exit status {status}); "
                                  "their error, if any, is printed above")
        self._replace(worker)
        if source is None:
            return []
        return [(Result(source.display, None, WORKER_DIED, 0.0), source)]

    def _stop_overdue(self) -> list[tuple[Result, SourceFile]]:
        """Kill the workers whose file ran past the wall time; those files failed."""
        stopped = []
        now = time.monotonic()
        for worker in list(self._workers):
            if worker.overdue(now, self.limits) and not worker.connection.poll():
                source = worker.source
                assert source is not None
                self._replace(worker)
                reason = self.limits.timeout_reason()
                stopped.append((Result(source.display, None, reason, self.limits.seconds), source))
        return stopped

    def _replace(self, worker: _Worker) -> None:
        _end(worker)
        self._workers[self._workers.index(worker)] = self._start()

    def close(self) -> None:
        """Drop the files waiting and kill the workers (the files they hold are extracted
        again by the next ingest; an idle worker holds nothing)."""
        self._waiting.clear()
        for worker in self._workers:
            _end(worker)
        self._workers = []


def _end(worker: _Worker) -> None:
    worker.process.kill()
    worker.connection.close()
    worker.process.join()
    worker.process.close()
