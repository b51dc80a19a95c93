"""Ingest's worker side: one file through the pipeline, its outcome back to the writer.

Workers are spawned (not forked) and import this module and the pipeline stages only,
so each holds the interpreter, numpy, regex, OpenCC and the vocabularies, and none of
the writer's database, migration and reconciliation libraries (see extractor/ingest/batch.py).
The stages are imported when a worker starts, not with this module, which the writer
imports too and which then costs it nothing.

A worker is bounded (`Limits`): the writer stops a file that runs longer than its
wall time by killing the worker (extractor/ingest/pool.py), and the worker itself
caps its address space, so that a file that would need more memory fails alone with
a MemoryError instead of swapping the machine.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import resource
import signal
import threading
import time
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection

from extractor.errors import InputError
from extractor.models.records import ProcessedDocument
from extractor.sources.read import SourceFile

PARENT_CHECK_SECONDS = 1.0
READY = "ready"  # a worker's first message: started, stages loaded, waiting for files
PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies (Linux)
MEBIBYTE = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one file may cost a worker."""

    seconds: float = 60.0  # wall time to extract one file (--file-timeout)
    memory_mb: int = 2048  # address space a worker may add to what it holds idle (--worker-memory)

    def timeout_reason(self) -> str:
        return (f"took longer than {self.seconds:g} s to extract (--file-timeout): "
                "stopped, its worker replaced")

    def memory_reason(self) -> str:
        return f"needs more than {self.memory_mb} MB of memory to extract (--worker-memory)"


@dataclass(frozen=True)
class Result:
    display: str
    processed: ProcessedDocument | None
    error: str | None
    seconds: float


def serve(connection: Connection, writer: int, limits: Limits) -> None:
    """A worker process: files from `connection`, results back, until the writer ends it."""
    prepare(writer, limits)
    connection.send(READY)
    while True:
        try:
            source = connection.recv()
        except EOFError:  # the writer is gone
            return
        result = extract(source, limits)
        try:
            connection.send(result)
        except MemoryError:  # pickling the result
            connection.send(Result(result.display, None, limits.memory_reason(), result.seconds))


def prepare(writer: int, limits: Limits) -> None:
    """Everything a worker does before its first file: end with the writer, leave the
    signals to it, load the stages, cap its memory."""
    end_with_writer(writer)
    leave_signals_to_writer()
    from extractor.pipeline import warm_up
    from extractor.vocab import collector_resting

    with collector_resting(freeze=True):  # a worker's start-up, as a command's
        warm_up()
    bound_memory(limits.memory_mb)


def end_with_writer(writer: int) -> None:
    """End this worker when the writer process `writer` ends, whenever that happens.

    On Linux the kernel sends SIGKILL on the parent's death (prctl PR_SET_PDEATHSIG; the
    parent is, to the kernel, the thread that started the worker: a pool is used from
    the thread that made it); elsewhere a thread watches the parent. The parent's pid
    comes from the writer, not from os.getppid(): a writer killed while this worker was
    still starting (the first second of an ingest) has already been replaced as the
    parent by then, and the worker would take init for its writer.
    """
    try:
        if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL) != 0:
            raise OSError(ctypes.get_errno(), "prctl")
    except (AttributeError, OSError):  # not Linux
        threading.Thread(target=_exit_with_parent, args=(writer,), daemon=True,
                         name="exit-with-parent").start()
    if os.getppid() != writer:  # died before the signal was asked for
        os._exit(1)


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def leave_signals_to_writer() -> None:
    """Ignore Ctrl-C (SIGINT) and SIGTERM: the writer decides when a worker ends.

    Ctrl-C reaches every process of the terminal's group, and a service manager's
    SIGTERM often does too. A worker that died of it would look to the writer like a
    file that crashed its worker; instead the writer, on either signal, stores what
    was extracted and kills its workers (extractor/ingest/batch.py).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def bound_memory(megabytes: int) -> None:
    """Cap this process's address space at what it holds now plus `megabytes`
    (RLIMIT_AS): an allocation beyond it raises MemoryError. Measured from the idle
    size, not absolute, as numpy's thread buffers and the libraries' mappings vary."""
    try:
        with open("/proc/self/statm") as statm:  # Linux
            idle = int(statm.read().split()[0]) * resource.getpagesize()
    except OSError:
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = idle + megabytes * MEBIBYTE
    if hard != resource.RLIM_INFINITY:  # a lower hard limit stays in force
        wanted = min(wanted, hard)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))


def extract(source: SourceFile, limits: Limits) -> Result:
    """One file through the pipeline; errors come back as text."""
    from extractor.pipeline import process_source

    started = time.perf_counter()
    try:
        processed = process_source(source)
    except InputError as exc:
        return Result(source.display, None, exc.reason, time.perf_counter() - started)
    except MemoryError:
        return Result(source.display, None, limits.memory_reason(), time.perf_counter() - started)
    except Exception as exc:
        return Result(source.display, None, f"internal error: {type(exc).__name__}: {exc}",
                      time.perf_counter() - started)
    # the writer stores records, not the decoded text: it is not sent back
    return Result(source.display, replace(processed, text=""), None, time.perf_counter() - started)
