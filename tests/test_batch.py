"""Parallel ingest: same rows at any --jobs, resume after kill -9, failures recorded."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from procfs import processes
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from extractor.cli import main
from extractor.ingest.batch import ingest_paths
from extractor.models.tables import ClaimRow, DocumentRow, FailureRow, ReportRow
from extractor.pipeline import process_source
from extractor.sources.read import SourceFile, iter_sources
from extractor.store.database import open_database
from extractor.store.documents import known_hashes, store_document

ROOT = Path(__file__).resolve().parent.parent
STOPPED_COPIES = 100  # of each sample, for the ingests stopped mid-way: 500 files, some seconds


def make_corpus(directory: Path, sample_paths: list[Path], copies: int) -> list[Path]:
    """`copies` variants of each sample (a distinct trailing line makes distinct bytes)."""
    directory.mkdir(parents=True, exist_ok=True)
    made = []
    for n in range(copies):
        for sample in sample_paths:
            target = directory / f"{n:04d}_{sample.name}"
            target.write_bytes(sample.read_bytes() + f"\n附：第{n}份\n".encode())
            made.append(target)
    return made


def rows(engine: Engine) -> dict[str, object]:
    """Every stored row, keyed by content rather than by id."""
    with Session(engine) as session:
        sha = {i: s for i, s in session.execute(select(DocumentRow.id, DocumentRow.sha256))}
        documents = sorted(session.execute(select(DocumentRow.sha256, DocumentRow.path, DocumentRow.size)).all())
        reports = sorted((sha[r.document_id], r.index, r.title, r.year, r.region)
                         for r in session.scalars(select(ReportRow)))
        claims = sorted((sha[c.document_id], c.indicator, str(c.value), c.start, c.end, c.text)
                        for c in session.scalars(select(ClaimRow)))
    return {"documents": documents, "reports": reports, "claims": claims}


def count(engine: Engine, model: type) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_one_job_and_two_jobs_store_the_same_rows(database_url: str, tmp_path: Path,
                                                   sample_paths: list[Path]) -> None:
    corpus = tmp_path / "corpus"
    make_corpus(corpus, sample_paths, 3)
    engine = open_database(database_url)
    try:
        one = ingest_paths(engine, [corpus], jobs=1)
        first = rows(engine)
    finally:
        engine.dispose()
    assert one.stored == 3 * len(sample_paths)
    other = f"sqlite:///{tmp_path / 'two.db'}"
    engine = open_database(other)
    try:
        two = ingest_paths(engine, [corpus], jobs=2)
        assert two.stored == one.stored
        assert rows(engine) == first
    finally:
        engine.dispose()
    engine = open_database(f"sqlite:///{tmp_path / 'sequential.db'}")
    try:
        for source in iter_sources([corpus]):  # one transaction per document: the same rows
            assert isinstance(source, SourceFile)
            store_document(engine, process_source(source))
        assert rows(engine) == first
    finally:
        engine.dispose()


def test_reingest_skips_known_hashes_before_extraction(database_url: str, tmp_path: Path,
                                                        sample_paths: list[Path]) -> None:
    corpus = tmp_path / "corpus"
    make_corpus(corpus, sample_paths, 2)
    engine = open_database(database_url)
    try:
        ingest_paths(engine, [corpus], jobs=2)
        again = ingest_paths(engine, [corpus], jobs=2)
        assert again.stored == 0 and again.already_present == 2 * len(sample_paths)
        assert again.timings == []  # nothing went through extraction
        assert len(known_hashes(engine, [d[0] for d in rows(engine)["documents"]])) == 2 * len(sample_paths)
    finally:
        engine.dispose()


def test_failures_are_recorded_and_listed(database_url: str, tmp_path: Path, sample_paths: list[Path]) -> None:
    corpus = tmp_path / "corpus"
    make_corpus(corpus, sample_paths[:1], 1)
    (corpus / "bad.txt").write_bytes(random.Random(1).randbytes(2048))
    (corpus / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    result = CliRunner().invoke(main, ["ingest", str(corpus), "--db", database_url, "--jobs", "2", "--quiet"])
    assert result.exit_code == 1, result.output
    assert "slowest files" in result.output and "not stored" in result.output
    engine = open_database(database_url)
    try:
        assert count(engine, DocumentRow) == 1
        assert count(engine, FailureRow) == 2
    finally:
        engine.dispose()
    listed = CliRunner().invoke(main, ["failures", "--db", database_url, "--format", "json"])
    assert listed.exit_code == 0, listed.output
    entries = {Path(e["path"]).name: e for e in json.loads(listed.output)}
    assert entries["bad.txt"]["skipped"] is False and "binary" in entries["bad.txt"]["reason"]
    assert entries["old.doc"]["skipped"] is True and entries["old.doc"]["created_at"]
    as_csv = CliRunner().invoke(main, ["failures", "--db", database_url, "--format", "csv"])
    assert {row["path"] for row in csv.DictReader(io.StringIO(as_csv.output))} == {
        str(corpus / "bad.txt"), str(corpus / "old.doc")}
    table = CliRunner().invoke(main, ["failures", "--db", database_url])
    assert "2 failures" in table.output
    rerun = CliRunner().invoke(main, ["ingest", str(corpus), "--db", database_url, "--quiet"])
    assert rerun.exit_code == 1  # the same failures again, reported but not recorded twice
    engine = open_database(database_url)
    try:
        assert count(engine, FailureRow) == 2
    finally:
        engine.dispose()


def ingest_process(corpus: Path, url: str, jobs: int = 2) -> subprocess.Popen[bytes]:
    """An ingest in its own process group, as from a terminal: Ctrl-C (SIGINT) at its
    default, whatever the test runner was started with."""
    return subprocess.Popen([sys.executable, "-m", "extractor.cli", "ingest", str(corpus), "--db", url,
                             "--jobs", str(jobs), "--quiet"], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def wait_for_documents(engine: Engine, process: subprocess.Popen[bytes], stored: int = 20) -> None:
    """Wait until the ingest has stored `stored` documents; fail if it ends first."""
    deadline = time.monotonic() + 120
    while count(engine, DocumentRow) < stored and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert process.poll() is None, "the ingest ended before it could be stopped: give it more files"
    assert count(engine, DocumentRow) >= stored, "the ingest stored too little in two minutes"


def stop_midway(corpus: Path, url: str, engine: Engine, files: int, stop: Callable[[int], None]) -> int:
    """Start an ingest, `stop` its process group once 20 documents are stored; the exit
    status. Fails unless the stop landed mid-way (some documents stored, not all)."""
    process = ingest_process(corpus, url)
    wait_for_documents(engine, process)
    stop(process.pid)
    process.communicate(timeout=60)
    assert 0 < count(engine, DocumentRow) < files, "the stop did not land mid-way"
    return process.returncode


def assert_rerun_stores_everything_once(corpus: Path, url: str, engine: Engine, files: int,
                                        tmp_path: Path) -> None:
    rerun = ingest_process(corpus, url)
    _, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err.decode()
    got = rows(engine)
    assert len(got["documents"]) == files
    assert len({d[0] for d in got["documents"]}) == files  # no duplicate
    reference = open_database(f"sqlite:///{tmp_path / 'reference.db'}")
    try:
        ingest_paths(reference, [corpus], jobs=2)
        assert rows(reference) == got  # nothing lost, nothing twice
    finally:
        reference.dispose()


@pytest.mark.slow
def test_kill_9_then_rerun_stores_everything_once(database_url: str, tmp_path: Path,
                                                  sample_paths: list[Path]) -> None:
    corpus = tmp_path / "corpus"
    files = len(make_corpus(corpus, sample_paths, STOPPED_COPIES))
    engine = open_database(database_url)
    try:
        # the ingest and its workers, mid-way
        status = stop_midway(corpus, database_url, engine, files, lambda pid: os.killpg(pid, signal.SIGKILL))
        assert status == -signal.SIGKILL
        assert_rerun_stores_everything_once(corpus, database_url, engine, files, tmp_path)
    finally:
        engine.dispose()


@pytest.mark.slow
def test_ctrl_c_stops_at_once_then_rerun_stores_everything_once(database_url: str, tmp_path: Path,
                                                                sample_paths: list[Path]) -> None:
    corpus = tmp_path / "corpus"
    files = len(make_corpus(corpus, sample_paths, STOPPED_COPIES))
    engine = open_database(database_url)
    try:
        # Ctrl-C reaches the ingest and its workers; a worker interrupted while holding the
        # pool's result queue used to leave the ingest waiting forever (communicate's timeout)
        status = stop_midway(corpus, database_url, engine, files, lambda pid: os.killpg(pid, signal.SIGINT))
        assert status == 128 + signal.SIGINT
        assert_rerun_stores_everything_once(corpus, database_url, engine, files, tmp_path)
    finally:
        engine.dispose()


def alive(pids: set[int]) -> set[int]:
    return {pid for pid in pids if Path(f"/proc/{pid}").exists()
            and Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"}


@pytest.mark.slow
@pytest.mark.parametrize("signum, status", [(signal.SIGTERM, 128 + signal.SIGTERM),
                                            (signal.SIGKILL, -signal.SIGKILL)])
def test_the_workers_end_with_the_ingest_when_it_alone_is_stopped(
        tmp_path: Path, sample_paths: list[Path], signum: int, status: int) -> None:
    # kill PID, not the group: SIGTERM is handled as Ctrl-C is; after SIGKILL the workers
    # see their parent gone (they would otherwise wait to send a result forever)
    corpus = tmp_path / "corpus"
    files = len(make_corpus(corpus, sample_paths, STOPPED_COPIES))
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    engine = open_database(url)
    process = ingest_process(corpus, url)
    try:
        wait_for_documents(engine, process)  # mid-way: the workers run
        workers = processes(0, process.pid)  # its children
        assert len(workers) >= 3  # the two workers and multiprocessing's resource tracker
        os.kill(process.pid, signum)
        process.communicate(timeout=60)
        assert process.returncode == status
        assert 0 < count(engine, DocumentRow) < files
    finally:
        engine.dispose()
    deadline = time.monotonic() + 10
    while alive(workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(workers)


def test_a_worker_leaves_ctrl_c_and_sigterm_to_the_writer() -> None:
    # ignored: the writer decides, stores what was extracted and kills its workers; a
    # worker dead of the signal would look like a file that crashed it
    code = ("import os, signal; from extractor.ingest.worker import Limits, prepare; "
            "prepare(os.getppid(), Limits()); print(signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM))")
    shown = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert shown.stdout.split() == [str(signal.SIG_IGN)] * 2


@pytest.mark.parametrize("jobs", [1, 2])
def test_concurrent_ingests_store_each_document_once(database_url: str, tmp_path: Path,
                                                     sample_paths: list[Path], jobs: int) -> None:
    if database_url.startswith("sqlite"):
        pytest.skip("concurrent writers: a PostgreSQL case")
    left, right = tmp_path / "left", tmp_path / "right"
    files = make_corpus(left, sample_paths, 12)
    right.mkdir()
    for path in files[len(files) // 3:]:  # two thirds overlap, different paths, same bytes
        (right / path.name).write_bytes(path.read_bytes())
    extra = make_corpus(tmp_path / "right" / "extra", sample_paths, 14)[len(files):]
    open_database(database_url).dispose()
    processes = [ingest_process(left, database_url, jobs), ingest_process(right, database_url, jobs)]
    for process in processes:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err.decode()
    engine = open_database(database_url)
    try:
        got = rows(engine)
    finally:
        engine.dispose()
    hashes = [d[0] for d in got["documents"]]
    assert len(hashes) == len(set(hashes)) == len(files) + len(extra)
