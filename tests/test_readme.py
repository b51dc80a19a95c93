"""The README's outputs are what the commands print now: cog runs its blocks again
(scripts/readme_cog.py runs the commands in a scratch folder) and the committed text must
be what they make. Regenerate with `cog -r README.md`."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
sys.path.insert(0, str(ROOT / "scripts"))

from readme_cog import TIMING_NOTE, stable  # noqa: E402


def cog_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cogapp", "--check", "--diff",
                           "--check-fail-msg", "run `.venv/bin/cog -r README.md` and commit the result",
                           str(path)], cwd=ROOT, capture_output=True, text=True, timeout=600)


@pytest.mark.slow  # 14-21 s on a 2-core machine; CI runs it (.ci/run runs every test)
def test_the_readme_is_what_its_commands_print_now() -> None:
    result = cog_check(README)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_walkthrough_is_generated_not_typed() -> None:
    text = README.read_text(encoding="utf-8")
    blocks = re.findall(r"\[\[\[cog\n(.*?)\]\]\]", text, re.S)
    commands = " ".join(blocks)
    assert len(blocks) >= 25
    for command in ("ingest data/samples", "query", "reconcile", "findings", "placeholders import",
                    "placeholders resolve", "export", "serve --db", "extract report.txt --explain",
                    "reports data/samples", "failures", "db current", "python("):
        assert command in commands, command


BLOCK = '''# A README

<!-- [[[cog
import sys
sys.path.insert(0, {scripts!r})
from readme_cog import console, fresh
fresh()
cog.out(console("edumetrics db upgrade 0001"))
]]] -->
{output}
<!-- [[[end]]] -->
'''


def current_revision_block(tmp_path: Path, output: str) -> Path:
    path = tmp_path / "README.md"
    path.write_text(BLOCK.format(scripts=str(ROOT / "scripts"), output=output), encoding="utf-8")
    return path


def test_a_drifted_output_fails_the_check(tmp_path: Path) -> None:
    made = current_revision_block(tmp_path, "")
    assert subprocess.run([sys.executable, "-m", "cogapp", "-r", str(made)], cwd=ROOT,
                          capture_output=True, timeout=300).returncode == 0
    fresh_text = made.read_text(encoding="utf-8")
    assert re.search(r"\$ edumetrics db upgrade 0001\n.*head is \d{4}", fresh_text)
    assert cog_check(made).returncode == 0
    made.write_text(re.sub(r"head is \d{4}", "head is 0001", fresh_text), encoding="utf-8")
    drifted = cog_check(made)
    assert drifted.returncode != 0
    assert "head is 0001" in drifted.stdout + drifted.stderr  # the diff shows what changed


@pytest.mark.parametrize(("printed", "pasted"), [
    # an ingest's time and its slowest files vary from run to run
    ("┌───┐\n└───┘\n0.1 MB in 0.7 s, 0.18 MB/s\n  slowest files  \n┏━━┓\n│ a │\n└──┘\nnext\n",
     f"┌───┐\n└───┘\n{TIMING_NOTE}\nnext\n"),
    ("progress: 675 files, 12.1 MB, 2689 claims\nfailed   x.txt: y\n", "failed   x.txt: y\n"),
    # timestamps keep their length, so tables keep their shape
    ("│ 2026-11-24 14:59:05.332253 │\n", "│ YYYY-MM-DD hh:mm:ss.ffffff │\n"),
    ("x,2026-12-05T08:37:40,\n", "x,YYYY-MM-DD hh:mm:ss,\n"),
    # the ends of Rich's title lines
    ("     ingest summary     \n", "     ingest summary\n"),
    ("claims 72\n", "claims 72\n"),
])
def test_what_varies_between_runs_is_made_stable(printed: str, pasted: str) -> None:
    assert stable(printed) == pasted
