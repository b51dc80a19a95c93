"""Benchmark the batch ingest (run by hand; not part of CI).

    .venv/bin/python bench/run_benchmark.py --files 10000 [--pg postgresql+psycopg://...]

Builds a synthetic corpus (with bench/make_archive.py when it is there, else a plain
directory of files recombined from the sample reports' paragraphs), then measures:
extract-only MB/s and docs/s at --jobs 1 and at all cores; `edumetrics ingest` into SQLite
(and PostgreSQL with --pg); re-ingest of the stored corpus; peak RSS of each command's
process tree (the ingest and its workers, summed). Prints a markdown table.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
sys.path.insert(0, str(ROOT))

from extractor.batch import default_jobs  # noqa: E402
from extractor.errors import InputError  # noqa: E402
from extractor.pipeline import process_source  # noqa: E402
from extractor.read import SourceFile, iter_sources  # noqa: E402


def build_corpus(target: Path, files: int, seed: int = 7) -> Path:
    """The corpus to measure: bench/make_archive.py's when present, else `synthetic_corpus`."""
    maker = ROOT / "bench" / "make_archive.py"
    if maker.exists():
        spec = importlib.util.spec_from_file_location("make_archive", maker)
        if spec is not None and spec.loader is not None:
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            if hasattr(module, "make_archive"):
                module.make_archive(target, files=files, seed=seed)
                return target
    return synthetic_corpus(target, files, seed)


def synthetic_corpus(target: Path, files: int, seed: int = 7) -> Path:
    """`files` report files from the samples' paragraphs, numbers varied, some in GB18030."""
    rng = random.Random(seed)
    paragraphs = [p for path in sorted(SAMPLES.glob("*.txt"))
                  for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
    target.mkdir(parents=True, exist_ok=True)
    for n in range(files):
        body = "\n".join(_vary(rng.choice(paragraphs), rng) for _ in range(rng.randint(20, 60)))
        text = f"某区教育局{2015 + n % 9}年工作总结\n{body}\n"
        encoding = "gb18030" if n % 5 == 0 else "utf-8"
        (target / f"{n // 1000:03d}").mkdir(exist_ok=True)
        (target / f"{n // 1000:03d}" / f"report_{n:06d}.txt").write_bytes(text.encode(encoding, "replace"))
    return target


def _vary(paragraph: str, rng: random.Random) -> str:
    return "".join(str(rng.randint(0, 9)) if ch.isdigit() and rng.random() < 0.5 else ch for ch in paragraph)


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

    def row(self) -> str:
        return (f"| {self.what} | {self.seconds:.1f} | {self.mb / self.seconds:.2f} "
                f"| {self.docs / self.seconds:.0f} | {self.peak_rss_mb:.0f} |")


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


def tree_rss_kb(root: int) -> int:
    """Resident memory of `root` and all its descendants, in kB (from /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        pid = int(entry)
        children.setdefault(int(fields.get("PPid", "0").strip()), []).append(pid)
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0])
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def timed_command(args: list[str]) -> tuple[float, float]:
    """Run a command; (seconds, peak RSS of its process tree in MB)."""
    started = time.perf_counter()
    process = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]

    def watch() -> None:
        while process.poll() is None:
            peak[0] = max(peak[0], tree_rss_kb(process.pid))
            time.sleep(0.2)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    _, err = process.communicate()
    watcher.join()
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed: {err.decode()[-2000:]}")
    return time.perf_counter() - started, peak[0] / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--pg", default=os.environ.get("EDUMETRICS_BENCH_PG_URL"),
                        help="PostgreSQL URL to ingest into as well (its tables are replaced)")
    parser.add_argument("--workdir", type=Path, default=None)
    options = parser.parse_args()
    work = options.workdir or Path(tempfile.mkdtemp(prefix="edumetrics-bench-"))
    corpus = build_corpus(work / "corpus", options.files)
    cores = default_jobs()
    measures: list[Measure] = []
    for jobs in sorted({1, cores}):
        seconds, size, docs = extract_only(corpus, jobs)
        measures.append(Measure(f"extract only, --jobs {jobs}", seconds, size / 1e6, docs, float("nan")))
    size = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file())
    docs = sum(1 for p in corpus.rglob("*") if p.is_file())
    edumetrics = [sys.executable, "-m", "extractor.cli", "ingest", str(corpus), "--quiet"]
    targets = [("SQLite", f"sqlite:///{work / 'bench.db'}")]
    if options.pg:
        from tests.conftest import reset_postgres

        reset_postgres(options.pg)
        targets.append(("PostgreSQL", options.pg))
    for label, url in targets:
        seconds, rss = timed_command([*edumetrics, "--db", url])
        measures.append(Measure(f"ingest into {label}, --jobs {cores}", seconds, size / 1e6, docs, rss))
        seconds, rss = timed_command([*edumetrics, "--db", url])
        measures.append(Measure(f"re-ingest (all stored), {label}", seconds, size / 1e6, docs, rss))
    print(f"\n{docs} files, {size / 1e6:.1f} MB, {cores} cores, corpus in {corpus}\n")
    print("| run | seconds | MB/s | docs/s | peak RSS (MB) |")
    print("|---|---:|---:|---:|---:|")
    for measure in measures:
        print(measure.row().replace("| nan |", "| – |"))


if __name__ == "__main__":
    main()
