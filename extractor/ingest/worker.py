"""Ingest's worker side: one file through the pipeline, its outcome back to the writer.

Workers are spawned (not forked) and import this module and the pipeline stages only,
so each holds the interpreter, numpy, regex, OpenCC and the vocabularies, and none of
the writer's database, migration and reconciliation libraries (see extractor/ingest/batch.py).
The stages are imported when a worker starts, not with this module, which the writer
imports too and which then costs it nothing.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from dataclasses import dataclass

from extractor.errors import InputError
from extractor.models.records import ProcessedDocument
from extractor.sources.read import SourceFile

PARENT_CHECK_SECONDS = 1.0


@dataclass(frozen=True)
class Result:
    display: str
    processed: ProcessedDocument | None
    error: str | None
    seconds: float


def start() -> None:
    """A worker's initializer: leave Ctrl-C to the writer, and load the stages and their
    vocabularies before the first file.

    Ctrl-C reaches every process of the terminal's group. A worker interrupted while it
    holds the lock of the pool's result queue would leave the others, and the writer's
    shutdown of the pool, waiting for it forever; so workers ignore it, and the writer,
    on KeyboardInterrupt, cancels what is queued and lets the running files finish.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True,
                     name="exit-with-parent").start()
    from extractor.pipeline import warm_up

    warm_up()


def _exit_with_parent(parent: int) -> None:
    """End the worker once the writer is gone (killed with -9, say). Each worker holds
    both ends of the pool's result pipe, so without its reader the worker would wait to
    send its result forever."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def ready() -> bool:
    """Answered by a worker that has started (the pool's check after a worker died)."""
    return True


def extract(source: SourceFile) -> Result:
    """One file through the pipeline; errors come back as text."""
    from extractor.pipeline import process_source

    started = time.perf_counter()
    try:
        processed = process_source(source)
    except InputError as exc:
        return Result(source.display, None, exc.reason, time.perf_counter() - started)
    except Exception as exc:
        return Result(source.display, None, f"internal error: {type(exc).__name__}: {exc}",
                      time.perf_counter() - started)
    return Result(source.display, processed, None, time.perf_counter() - started)
