"""Benchmark the batch ingest (run by hand; not part of CI).

    .venv/bin/python bench/run_benchmark.py --files 10000 [--pg postgresql+psycopg://...]

Builds a synthetic archive with bench/make_archive.py, then measures:
extract-only MB/s and docs/s at --jobs 1 and at all cores; `edumetrics ingest` into SQLite
(and PostgreSQL with --pg); re-ingest of the stored corpus; peak RSS of each command's
process tree (the ingest and its workers, summed). Prints a markdown table.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from extractor.errors import InputError
from extractor.ingest.batch import default_jobs
from extractor.pipeline import process_source
from extractor.sources.read import SourceFile, iter_sources

ROOT = Path(__file__).resolve().parent.parent


def build_corpus(target: Path, files: int, seed: int = 7) -> Path:
    """The corpus to measure, written by bench/make_archive.py."""
    sys.path.insert(0, str(ROOT / "bench"))
    from make_archive import make_archive

    return make_archive(target, files=files, seed=seed)


def _extract_one(source: SourceFile) -> int:
    try:
        return len(process_source(source).claims)
    except InputError:
        return 0


def _sources(corpus: Path) -> Iterator[SourceFile]:
    return (s for s in iter_sources([corpus]) if isinstance(s, SourceFile))


@dataclass
class Measure:
    what: str
    seconds: float
    mb: float
    docs: int
    peak_rss_mb: float
    peak_pss_mb: float = float("nan")
    peak_process_mb: float = float("nan")

    def row(self) -> str:
        return (f"| {self.what} | {self.seconds:.1f} | {self.mb / self.seconds:.2f} "
                f"| {self.docs / self.seconds:.0f} | {self.peak_process_mb:.0f} | {self.peak_rss_mb:.0f} "
                f"| {self.peak_pss_mb:.0f} |")


def extract_only(corpus: Path, jobs: int) -> tuple[float, int, int]:
    started = time.perf_counter()
    size = docs = 0
    if jobs == 1:
        for source in _sources(corpus):
            size += len(source.data)
            docs += 1
            _extract_one(source)
    else:
        with ProcessPoolExecutor(jobs) as pool:
            sources = list(_sources(corpus))
            size = sum(len(s.data) for s in sources)
            docs = len(sources)
            list(pool.map(_extract_one, sources, chunksize=16))
    return time.perf_counter() - started, size, docs


def tree_memory_kb(root: int) -> tuple[int, int, int]:
    """(summed RSS, summed PSS, largest single RSS) of `root` and all its descendants,
    in kB (from /proc).

    Summed RSS counts the pages the forked workers share with the writer once per
    process; PSS splits each shared page between its sharers, so its sum is the memory
    the ingest really holds.
    """
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        children.setdefault(int(fields.get("PPid", "0").strip()), []).append(int(entry))
    rss = pss = largest = 0
    stack = [root]
    while stack:
        pid = stack.pop()
        one = _proc_field_kb(f"/proc/{pid}/status", "VmRSS:")
        rss, largest = rss + one, max(largest, one)
        pss += _proc_field_kb(f"/proc/{pid}/smaps_rollup", "Pss:")
        stack.extend(children.get(pid, []))
    return rss, pss, largest


def _proc_field_kb(path: str, name: str) -> int:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(name):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def timed_command(args: list[str]) -> tuple[float, float, float, float]:
    """Run a command; (seconds, and in MB the peaks of its process tree's summed RSS,
    summed PSS and largest single-process RSS)."""
    started = time.perf_counter()
    process = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0, 0, 0]

    def watch() -> None:
        while process.poll() is None:
            peak[:] = [max(p, m) for p, m in zip(peak, tree_memory_kb(process.pid), strict=True)]
            time.sleep(0.2)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    _, err = process.communicate()
    watcher.join()
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed: {err.decode()[-2000:]}")
    return time.perf_counter() - started, peak[0] / 1024, peak[1] / 1024, peak[2] / 1024


def reset_postgres(url: str) -> None:
    """Empty a PostgreSQL database for the run: drop and recreate its public schema."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()


def machine() -> str:
    """The processor, its cores and the Python that ran the benchmark (speeds differ by
    machine: the same code measured 4 and 12 MB/s on two machines of one kind)."""
    info = dict(_cpuinfo_fields(_read_lines("/proc/cpuinfo")))
    model = info.get("model name") or platform.processor() or "unknown processor"
    detail = ", ".join(f"{name} {info[name]}" for name in ("cpu family", "model", "cpu MHz") if name in info)
    return f"{model} ({detail}), {os.cpu_count()} cores, Python {platform.python_version()}"


def _cpuinfo_fields(lines: list[str]) -> Iterator[tuple[str, str]]:
    """The first processor's fields of /proc/cpuinfo."""
    for line in lines:
        if not line.strip():
            return
        name, _, value = line.partition(":")
        yield name.strip(), value.strip()


def _read_lines(path: str) -> list[str]:
    try:
        return Path(path).read_text().splitlines()
    except OSError:
        return []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--pg", default=os.environ.get("EDUMETRICS_BENCH_PG_URL"),
                        help="PostgreSQL URL to ingest into as well (its tables are replaced)")
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--skip-extract", action="store_true",
                        help="measure only ingest and re-ingest (the memory run on a big archive)")
    options = parser.parse_args()
    work = options.workdir or Path(tempfile.mkdtemp(prefix="edumetrics-bench-"))
    corpus = build_corpus(work / "corpus", options.files)
    cores = default_jobs()
    measures: list[Measure] = []
    for jobs in [] if options.skip_extract else sorted({1, cores}):
        seconds, size, docs = extract_only(corpus, jobs)
        measures.append(Measure(f"extract only, --jobs {jobs}", seconds, size / 1e6, docs, float("nan")))
    size = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file())
    docs = sum(1 for p in corpus.rglob("*") if p.is_file())
    edumetrics = [sys.executable, "-m", "extractor.cli", "ingest", str(corpus), "--quiet"]
    sqlite_file = work / "bench.db"
    sqlite_file.unlink(missing_ok=True)  # a new database: the first ingest stores everything
    targets = [("SQLite", f"sqlite:///{sqlite_file}")]
    if options.pg:
        reset_postgres(options.pg)
        targets.append(("PostgreSQL", options.pg))
    for label, url in targets:
        seconds, rss, pss, largest = timed_command([*edumetrics, "--db", url])
        measures.append(Measure(f"ingest into {label}, --jobs {cores}", seconds, size / 1e6, docs, rss, pss,
                                largest))
        seconds, rss, pss, largest = timed_command([*edumetrics, "--db", url])
        measures.append(Measure(f"re-ingest (all stored), {label}", seconds, size / 1e6, docs, rss, pss,
                                largest))
    print(f"\n{docs} files, {size / 1e6:.1f} MB, {cores} jobs, corpus in {corpus}")
    print(f"machine: {machine()}\n")
    print("| run | seconds | MB/s | docs/s | peak RSS of one process (MB) | peak RSS, summed (MB) "
          "| peak PSS, summed (MB) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for measure in measures:
        print(measure.row().replace(" nan ", " – "))


if __name__ == "__main__":
    main()
