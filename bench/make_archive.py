"""Generate a synthetic report archive for the benchmark (run by hand).

    .venv/bin/python bench/make_archive.py TARGET_DIR --files 10000 [--seed 7]

Each file is one report: a title naming a place, a year and a kind, then 20 to 60
paragraphs drawn from the sample reports' bodies with their digits varied. The files
come in the encodings and shapes real crawls have:

- UTF-8 text (most), GB18030 text, Big5 text in traditional characters (OpenCC s2tw);
- HTML pages with navigation and advertisement boilerplate around the report;
- zip archives of 50 reports each, in mixed encodings (about one report in nine);
- a few legacy `.doc` files, which ingest lists as skipped.

Files are written one by one (zips member by member), so memory stays flat.
"""

from __future__ import annotations

import argparse
import html
import random
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import opencc

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"

PLACES = ("娄星区", "新华区", "城关镇", "东湖区", "青山县", "临川区", "南城县", "岳塘区",
          "雨湖区", "平江县", "长乐市", "福清市", "海城市", "东港区", "西峰区", "和平县")
KINDS = ("教育工作总结", "教育局工作总结", "教育工作计划", "教育局年度工作要点", "教育体育局工作总结")
# shares of the file shapes; what is left over is plain UTF-8 text
SHAPES = (("gb18030", 0.15), ("big5", 0.08), ("html", 0.10), ("zip", 0.0025), ("doc", 0.002))
ZIP_MEMBERS = 50
MIN_BODY_CHARS = 30  # shorter sample lines are titles, headings and site chrome


@dataclass(frozen=True)
class Report:
    title: str
    paragraphs: list[str]


def body_paragraphs() -> list[str]:
    """The sample reports' prose paragraphs (lines long enough to be body text), in
    simplified characters: one sample is traditional, and a report is written in one
    script (the Big5 shape converts the whole report to traditional)."""
    t2s = opencc.OpenCC("t2s")
    return [t2s.convert(line.strip()) for path in sorted(SAMPLES.glob("*.txt"))
            for line in path.read_text(encoding="utf-8").splitlines()
            if len(line.strip()) >= MIN_BODY_CHARS]


def reports(count: int, rng: random.Random) -> Iterator[Report]:
    paragraphs = body_paragraphs()
    for _ in range(count):
        title = f"{rng.choice(PLACES)}{rng.randint(2010, 2024)}年{rng.choice(KINDS)}"
        body = [vary_digits(rng.choice(paragraphs), rng) for _ in range(rng.randint(20, 60))]
        yield Report(title, body)


def vary_digits(paragraph: str, rng: random.Random) -> str:
    """Half of the digits replaced at random: the same sentences with other figures."""
    return "".join(str(rng.randint(0, 9)) if ch.isdigit() and rng.random() < 0.5 else ch
                   for ch in paragraph)


def as_text(report: Report) -> str:
    return report.title + "\n\n" + "\n".join(report.paragraphs) + "\n"


def as_html(report: Report) -> str:
    nav = "".join(f'<li><a href="/c{i}">栏目{i}</a></li>' for i in range(8))
    body = "".join(f"<p>{html.escape(p)}</p>" for p in report.paragraphs)
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{report.title}</title>"
            f"<script>var ad = 'banner';</script></head><body><ul class=\"nav\">{nav}</ul>"
            f"<h1>{report.title}</h1><div class=\"content\">{body}</div>"
            f"<div class=\"ad\">广告位招租 联系电话 010-12345678</div></body></html>")


class Encoder:
    """A report as the bytes of one shape: (suffix, bytes)."""

    def __init__(self) -> None:
        self._s2tw = opencc.OpenCC("s2tw")

    def encode(self, report: Report, shape: str) -> tuple[str, bytes]:
        if shape == "gb18030":
            return ".txt", as_text(report).encode("gb18030")
        if shape == "big5":
            return ".txt", self._s2tw.convert(as_text(report)).encode("big5", "replace")
        if shape == "html":
            return ".html", as_html(report).encode("utf-8")
        if shape == "doc":
            return ".doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + as_text(report).encode("utf-16-le")
        return ".txt", as_text(report).encode("utf-8")


def pick_shape(rng: random.Random) -> str:
    roll = rng.random()
    for shape, share in SHAPES:
        if roll < share:
            return shape
        roll -= share
    return "utf-8"


def make_archive(target: Path, files: int = 10_000, seed: int = 7) -> Path:
    """Write `files` report files under `target` (zip members count as files)."""
    rng = random.Random(seed)
    encoder = Encoder()
    target.mkdir(parents=True, exist_ok=True)
    source = reports(files, rng)
    written = 0
    while written < files:
        folder = target / f"{written // 1000:03d}"
        folder.mkdir(exist_ok=True)
        shape = pick_shape(rng)
        if shape == "zip":
            members = min(ZIP_MEMBERS, files - written)
            write_zip(folder / f"batch_{written:06d}.zip", source, members, encoder, rng)
            written += members
            continue
        suffix, data = encoder.encode(next(source), shape)
        (folder / f"report_{written:06d}{suffix}").write_bytes(data)
        written += 1
    return target


def write_zip(path: Path, source: Iterator[Report], members: int, encoder: Encoder,
              rng: random.Random) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for n in range(members):
            shape = rng.choice(("utf-8", "utf-8", "gb18030", "big5", "html"))
            suffix, data = encoder.encode(next(source), shape)
            archive.writestr(f"{path.stem}/report_{n:03d}{suffix}", data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("target", type=Path)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args()
    make_archive(options.target, options.files, options.seed)
    paths = [p for p in options.target.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in paths)
    print(f"{options.files} reports in {len(paths)} files, {size / 1e6:.1f} MB on disk, in {options.target}")


if __name__ == "__main__":
    main()
