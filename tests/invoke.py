"""The CLI run in-process for tests (Click's CliRunner), one helper for every test file."""

from __future__ import annotations

from click.testing import CliRunner, Result

from extractor.cli import main


def run(*args: str) -> Result:
    """`edumetrics ARGS`, its exit code and output."""
    return CliRunner().invoke(main, list(args))


def ok(*args: str) -> Result:
    """`edumetrics ARGS`, which must succeed."""
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result
