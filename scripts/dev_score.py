#!/usr/bin/env python3
"""Score the extractor on the development gold and write the table into README.md.

usage: python scripts/dev_score.py [--shared ../shared] [--check]

Runs `edumetrics extract` over the seed reports, scores the claims with the shared
scorer (shared/tools/score.py --json), and replaces the README section between
`<!-- dev-score:start -->` and `<!-- dev-score:end -->` with the table. With --check it
only says whether the README is up to date (exit 1 if not).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- dev-score:start -->", "<!-- dev-score:end -->"


def score(shared: Path) -> dict:
    with tempfile.NamedTemporaryFile("w+", suffix=".jsonl") as pred:
        subprocess.run([sys.executable, "-m", "extractor.cli", "extract", str(shared / "seeds"),
                        "--format", "jsonl"], stdout=pred, check=True, cwd=ROOT)
        out = subprocess.run([sys.executable, str(shared / "tools" / "score.py"), "--gold",
                              str(shared / "gold" / "dev"), "--pred", pred.name, "--texts",
                              str(shared / "seeds"), "--json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def table(summary: dict) -> str:
    rows = ["| family | precision | recall | F1 | gold | predicted |", "|---|---|---|---|---|---|"]
    for family, s in summary["families"].items():
        rows.append(f"| {family} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} "
                    f"| {s['gold']} | {s['pred']} |")
    rows.append(f"| **overall** | **{summary['precision']:.3f}** | **{summary['recall']:.3f}** | "
                f"**{summary['f1']:.3f}** | {summary['gold']} | {summary['pred']} |")
    attrs = ", ".join(f"{k} {v:.3f}" for k, v in summary["attributes"].items())
    rows.append("")
    rows.append(f"Attributes on matched claims: {attrs}; placeholder recall "
                f"{summary['placeholder_recall']:.3f}.")
    return "\n".join(rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    section = f"{START}\n{table(score(args.shared))}\n{END}"
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    new = head + section + rest.split(END, 1)[1]
    if args.check:
        print("README dev-score section is", "up to date" if new == text else "stale")
        return 0 if new == text else 1
    readme.write_text(new, encoding="utf-8")
    print(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
