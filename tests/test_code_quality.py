"""The project's own checks, run with the tests: ruff (lint) and mypy (strict typing)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINTED = ["extractor", "models", "migrations", "tests", "bench", "scripts"]


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)


def test_ruff_finds_nothing() -> None:
    result = run("ruff", "check", *LINTED)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_mypy_strict_finds_nothing() -> None:
    # extractor/ holds models/ and migrations/ (linked), so this checks all three
    result = run("mypy", "extractor")
    assert result.returncode == 0, result.stdout + result.stderr
