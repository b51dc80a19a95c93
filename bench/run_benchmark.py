"""Benchmark speed and memory at archive scale (run by hand; not part of CI).

    .venv/bin/python bench/run_benchmark.py --files 1000 [--scale 10] [--rounds 3]
        [--pg postgresql+psycopg://...] [--workdir /tmp/bench]

Builds two synthetic archives with bench/make_archive.py, `--files` and `--scale` times
as many, and measures in one run on one machine:

- the bare scan: a `regex` finditer of number + unit over the decoded texts (the floor no
  extractor can beat), and read + decode alone;
- extract: the whole pipeline in one process after its warm-up (start-up excluded), as
  MB/s and as a share of the bare scan;
- start-up: `edumetrics extract` on an empty folder (the interpreter included);
- `edumetrics ingest` into a new SQLite database at --jobs 1 and --jobs 2: wall seconds,
  CPU seconds (the writer and its workers), MB/s, and again over the stored archive;
- peak memory of `edumetrics extract` and of `edumetrics ingest` (the process tree: the
  writer, its workers and multiprocessing's resource tracker) at both archive sizes, to
  show it stays flat as the input grows.

Speeds are the best of `--rounds` rounds (CPU time for the in-process measures, so that
other work on the machine counts less). Prints markdown tables.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import regex

from extractor.errors import InputError
from extractor.pipeline import process_source, source_text, warm_up
from extractor.sources.read import SourceFile, iter_sources

ROOT = Path(__file__).resolve().parent.parent
EDUMETRICS = [sys.executable, "-m", "extractor.cli"]
# the bare scan: a number and a unit, nothing else (the units the catalog scores)
BARE_SCAN = regex.compile(r"\d+(?:\.\d+)?\s*(?:%|万元|亿元|元|个|人|所|名)")


def build_corpus(target: Path, files: int, seed: int = 7) -> Path:
    """The corpus to measure, written by bench/make_archive.py (kept between runs)."""
    if target.exists() and any(target.iterdir()):
        return target
    sys.path.insert(0, str(ROOT / "bench"))
    from make_archive import make_archive

    return make_archive(target, files=files, seed=seed)


def _sources(corpus: Path) -> list[SourceFile]:
    return [s for s in iter_sources([corpus]) if isinstance(s, SourceFile)]


def _best_cpu(rounds: int, work: object) -> float:
    """The least CPU time of `rounds` runs of `work()`."""
    times = []
    for _ in range(rounds):
        started = time.process_time()
        work()  # type: ignore[operator]
        times.append(time.process_time() - started)
    return min(times)


def in_process(corpus: Path, rounds: int) -> dict[str, float]:
    """MB/s of read + decode, of the bare scan and of the pipeline, in this process."""
    sources = _sources(corpus)
    size = sum(len(s.data) for s in sources) / 1e6
    texts: list[str] = []

    def decode() -> None:
        texts.clear()
        for source in sources:
            with contextlib.suppress(InputError):
                texts.append(source_text(source)[0])

    def bare_scan() -> None:
        for text in texts:
            for _ in BARE_SCAN.finditer(text):
                pass

    def extract() -> None:
        for source in sources:
            with contextlib.suppress(InputError):
                process_source(source, signatures=False)

    warm_up()
    return {"MB": size, "decode": size / _best_cpu(rounds, decode),
            "bare scan": size / _best_cpu(rounds, bare_scan), "extract": size / _best_cpu(rounds, extract)}


@dataclass
class Run:
    """One command's wall and CPU seconds and the peaks of its process tree's memory (MB)."""

    seconds: float
    cpu: float
    rss: float  # summed over the tree, sampled
    pss: float  # summed over the tree, sampled
    largest: float  # one process's high-water mark (VmHWM), sampled
    top: float  # the command's own process: its high-water mark (VmHWM), sampled


def tree_memory_kb(root: int) -> tuple[int, int, int, int]:
    """(summed RSS, summed PSS, largest single high-water mark, the root's high-water mark)
    of `root` and all its descendants, in kB (from /proc). Summed RSS counts a page several
    processes share once per process; PSS splits it between its sharers, so its sum is the
    memory the tree really holds. A high-water mark (VmHWM) is the largest RSS a process
    image has had, so a sample misses no peak before it; exec starts it afresh, unlike the
    maximum RSS wait4 reports, which keeps the size of the forking benchmark itself."""
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
        rss += _proc_field_kb(f"/proc/{pid}/status", "VmRSS:")
        largest = max(largest, _proc_field_kb(f"/proc/{pid}/status", "VmHWM:"))
        pss += _proc_field_kb(f"/proc/{pid}/smaps_rollup", "Pss:")
        stack.extend(children.get(pid, []))
    return rss, pss, largest, _proc_field_kb(f"/proc/{root}/status", "VmHWM:")


def _proc_field_kb(path: str, name: str) -> int:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(name):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def timed_command(args: list[str]) -> Run:
    """Run a command (its output thrown away), sampling its process tree's memory every
    0.1 s; its CPU time is that of the command and of every process it waited for. A
    peak in the last 0.1 s of a process's life may go unseen."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    peak = [0, 0, 0, 0]
    done = threading.Event()
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err)

        def watch() -> None:
            while not done.wait(0.1):
                peak[:] = [max(p, m) for p, m in zip(peak, tree_memory_kb(process.pid), strict=True)]

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        _, status, _ = os.wait4(process.pid, 0)
        done.set()
        watcher.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if process.returncode not in (0, 1):
            err.seek(0)
            raise SystemExit(f"{' '.join(args)} failed: {err.read().decode()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(seconds, cpu, *(kb / 1024 for kb in peak))


def start_up(empty: Path, rounds: int) -> tuple[float, float]:
    """Median wall and CPU seconds of `edumetrics extract` on an empty folder."""
    empty.mkdir(exist_ok=True)
    runs = [timed_command([*EDUMETRICS, "extract", str(empty), "--format", "jsonl"])
            for _ in range(max(rounds, 5))]
    return statistics.median(r.seconds for r in runs), statistics.median(r.cpu for r in runs)


def ingest(corpus: Path, url: str, jobs: int, rounds: int, fresh: Path | None) -> tuple[Run, Run]:
    """The best of `rounds` ingests into a new database (`fresh`: its SQLite file, removed
    first), and one re-ingest over the stored archive."""
    runs = []
    for _ in range(rounds):
        if fresh is not None:
            fresh.unlink(missing_ok=True)
        elif url.startswith("postgresql"):
            reset_postgres(url)
        runs.append(timed_command([*EDUMETRICS, "ingest", str(corpus), "--quiet", "--jobs", str(jobs),
                                   "--db", url]))
    again = timed_command([*EDUMETRICS, "ingest", str(corpus), "--quiet", "--jobs", str(jobs), "--db", url])
    return min(runs, key=lambda r: r.seconds), again


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


def disk_mb(corpus: Path) -> float:
    return sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file()) / 1e6


def machine() -> str:
    """The processor, its cores, the load and the Python that ran the benchmark (speeds
    differ by machine: the same code measured 4 and 12 MB/s on two machines of one kind)."""
    info = dict(_cpuinfo_fields(_read_lines("/proc/cpuinfo")))
    model = info.get("model name") or platform.processor() or "unknown processor"
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"{model}, {os.cpu_count()} cores, load average {load}, Python {platform.python_version()}"


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
    parser.add_argument("--files", type=int, default=1000, help="files of the smaller archive")
    parser.add_argument("--scale", type=int, default=10, help="the larger archive is this many times larger")
    parser.add_argument("--rounds", type=int, default=3, help="speeds are the best of this many rounds")
    parser.add_argument("--pg", default=os.environ.get("EDUMETRICS_BENCH_PG_URL"),
                        help="PostgreSQL URL to ingest into as well (its tables are replaced)")
    parser.add_argument("--workdir", type=Path, default=None)
    options = parser.parse_args()
    work = options.workdir or Path(tempfile.mkdtemp(prefix="edumetrics-bench-"))
    small = build_corpus(work / f"corpus-{options.files}", options.files)
    large = build_corpus(work / f"corpus-{options.files * options.scale}", options.files * options.scale)
    print(f"machine: {machine()}\n")

    speeds = in_process(small, options.rounds)
    startup = start_up(work / "empty", options.rounds)
    print(f"in one process, {speeds['MB']:.1f} MB ({options.files} files), "
          f"best of {options.rounds} (CPU time):\n")
    print("| measure | MB/s | share of the bare scan |\n|---|---:|---:|")
    for name in ("decode", "bare scan", "extract"):
        print(f"| {name} | {speeds[name]:.1f} | {speeds[name] / speeds['bare scan']:.3f} |")
    print(f"\nstart-up (edumetrics extract on an empty folder, median): {startup[0]:.2f} s wall, "
          f"{startup[1]:.2f} s CPU\n")

    print("| run | archive MB on disk | seconds | CPU seconds | MB/s | peak RSS summed (MB) "
          "| peak PSS summed (MB) | largest process, VmHWM (MB) | the command's own VmHWM (MB) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    sizes = ((small, f"{options.files} files"), (large, f"{options.files * options.scale} files"))
    for corpus, label in sizes:
        mb = disk_mb(corpus)
        out = timed_command([*EDUMETRICS, "extract", str(corpus), "--format", "jsonl"])
        _row(f"extract, {label}", mb, out)
        targets = [("SQLite", f"sqlite:///{work / 'bench.db'}", work / "bench.db")]
        if options.pg:
            targets.append(("PostgreSQL", options.pg, None))
        for engine, url, fresh in targets:
            for jobs in (1, 2):
                first, again = ingest(corpus, url, jobs, options.rounds if corpus is small else 1, fresh)
                _row(f"ingest {engine} --jobs {jobs}, {label}", mb, first)
                _row(f"re-ingest {engine} --jobs {jobs}, {label}", mb, again)


def _row(what: str, mb: float, run: Run) -> None:
    print(f"| {what} | {mb:.1f} | {run.seconds:.1f} | {run.cpu:.1f} | {mb / run.seconds:.2f} | {run.rss:.0f} "
          f"| {run.pss:.0f} | {run.largest:.0f} | {run.top:.0f} |", flush=True)


if __name__ == "__main__":
    main()
