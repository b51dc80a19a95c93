"""`edumetrics extract` end to end, and the help of every command."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from extractor.cli import main

CONTRACT_FIELDS = ["doc", "indicator", "value", "unit", "qualifier", "placeholder", "modality", "level",
                   "start", "end", "text"]


def test_jsonl_is_exactly_the_contract(sample_paths: list[Path]) -> None:
    result = CliRunner().invoke(main, ["extract", str(sample_paths[0].parent), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) >= 50
    texts = {p.name: p.read_text(encoding="utf-8") for p in sample_paths}
    for row in rows:
        assert list(row) == CONTRACT_FIELDS
        assert texts[row["doc"]][row["start"]:row["end"]] == row["text"]
        assert (row["value"] is None) == row["placeholder"]


def test_explain_shows_rules_and_numbers_not_taken(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("全区小学报到入学24774人,无一人流失,巩固率100%。体质健康合格率达到98%。", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(report), "--format", "jsonl", "--explain"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    taken = {r["text"]: r for r in rows if r["indicator"]}
    assert taken["100%"]["rule"] == "rate-noun" and taken["100%"]["trigger"] == "巩固率"
    assert taken["100%"]["sentence"].startswith("全区小学报到入学")
    not_taken = {r["text"]: r["reason"] for r in rows if r["indicator"] is None}
    assert "合格率" in not_taken["98%"]


# numbers whose digits a PDF copy or a typist broke: no claim, but never silently gone
@pytest.mark.parametrize(("sentence", "damaged"), [
    ("全县共投入资金1..5万元,新建校舍3栋。", "1..5"),
    ("小学适龄儿童入学率达到99.5.%。", "99.5."),
    ("新增学位3,00个,缓解了城区入学压力。", "3,00"),
    ("义务教育巩固率达到９８．６．％。", "９８．６．"),  # full-width, offsets into the original
])
def test_explain_names_a_damaged_number(tmp_path: Path, sentence: str, damaged: str) -> None:
    report = tmp_path / "r.txt"
    report.write_text(sentence, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(report), "--format", "jsonl", "--explain"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["text"], r["reason"]) for r in rows] == [(damaged, "damaged number")]
    assert sentence[rows[0]["start"]:rows[0]["end"]] == damaged


def test_a_broken_file_is_reported_and_the_rest_extracted(tmp_path: Path, sample_paths: list[Path]) -> None:
    (tmp_path / "good.txt").write_bytes(sample_paths[0].read_bytes())
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe" * 50)
    (tmp_path / "scan.doc").write_bytes(b"whatever")
    result = CliRunner().invoke(main, ["extract", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 0
    assert "broken.txt" in result.stderr and "binary" in result.stderr
    assert "scan.doc" in result.stderr and "unsupported" in result.stderr
    docs = {json.loads(line)["doc"] for line in result.stdout.splitlines()}
    assert docs == {"good.txt"}


def test_table_format(sample_paths: list[Path]) -> None:
    result = CliRunner().invoke(main, ["extract", str(sample_paths[0]), "--format", "table"])
    assert result.exit_code == 0
    assert "retention_rate" in result.stdout and "99.04%" in result.stdout


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in group.commands.items():
        found.append((prefix + name, command))
        if isinstance(command, click.Group):
            found.extend(_commands(command, prefix + name + " "))
    return found


@pytest.mark.parametrize(("name", "command"), _commands(main), ids=[n for n, _ in _commands(main)])
def test_every_command_has_help_with_an_example(name: str, command: click.Command) -> None:
    result = CliRunner().invoke(main, [*name.split(), "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output, f"`edumetrics {name} --help` shows no example"
    assert "edumetrics" in result.output.split("Example", 1)[1]


@pytest.mark.parametrize(("given", "seen"), [(None, "1"), ("4", "4")])
def test_the_command_line_starts_no_blas_threads_unless_asked(given: str | None, seen: str) -> None:
    # OpenBLAS's thread per core, started when numpy is imported, costs each process a
    # tenth of a CPU-second and is never used; a user's own setting is kept
    import os
    import subprocess
    import sys

    environment = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if given is not None:
        environment["OPENBLAS_NUM_THREADS"] = given
    code = ("import sys, extractor.cli, os; assert 'numpy' not in sys.modules; import numpy; "
            "print(os.environ['OPENBLAS_NUM_THREADS'])")
    shown = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True,
                           check=True)
    assert shown.stdout.strip() == seen


@pytest.mark.parametrize("collecting", [True, False])
def test_the_collector_rests_during_start_up_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  collecting: bool) -> None:
    # start-up's objects live as long as the process: the collector is off while the
    # command imports and loads its data files, on again before the first file is read,
    # and left as the caller had it afterwards
    import gc

    from extractor.sources import read
    from extractor.vocab import load_all

    seen: list[bool] = []

    def noting(step: Callable[..., Any]) -> Callable[..., Any]:
        def noted(*args: Any, **kwargs: Any) -> Any:
            seen.append(gc.isenabled())
            return step(*args, **kwargs)
        return noted

    monkeypatch.setattr("extractor.cli.extract_cmd.load_all", noting(load_all))
    monkeypatch.setattr("extractor.cli.extract_cmd.iter_sources", noting(read.iter_sources))
    (tmp_path / "a.txt").write_text("全县小学巩固率达到99.5%。", encoding="utf-8")
    was = gc.isenabled()
    (gc.enable if collecting else gc.disable)()
    try:
        result = CliRunner().invoke(main, ["extract", str(tmp_path), "--format", "jsonl"])
        after = gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()
    assert result.exit_code == 0, result.output
    assert seen == [False, collecting]
    assert after is collecting


def test_extract_into_a_pipe_imports_no_rich_until_a_file_fails(tmp_path: Path) -> None:
    # Rich is a twentieth of start-up: `extract --format jsonl` with nothing to report
    # does without it, and a failed file is still reported through it
    import subprocess
    import sys

    (tmp_path / "a.txt").write_text("全县小学巩固率达到99.5%。", encoding="utf-8")
    code = ("import sys\nfrom extractor.cli import main\ntry:\n    main(sys.argv[1:])\n"
            "except SystemExit:\n    pass\nprint('rich' in sys.modules, file=sys.stderr)")
    clean = subprocess.run([sys.executable, "-c", code, "extract", str(tmp_path), "--format", "jsonl"],
                           capture_output=True, text=True, check=True)
    assert '"retention_rate"' in clean.stdout
    assert clean.stderr.strip() == "False"
    (tmp_path / "b.txt").write_bytes(b"")
    failing = subprocess.run([sys.executable, "-c", code, "extract", str(tmp_path), "--format", "jsonl"],
                             capture_output=True, text=True, check=True)
    reported = " ".join(failing.stderr.split())  # Rich wraps a long line
    assert reported.startswith("failed ") and reported.endswith("b.txt: empty file True")


def test_start_up_objects_are_set_apart_from_the_collectors_passes(tmp_path: Path) -> None:
    # what a command's start-up makes lives as long as the process: frozen once it is loaded,
    # no collection scans it again
    import subprocess
    import sys

    (tmp_path / "a.txt").write_text("全县小学巩固率达到99.5%。", encoding="utf-8")
    code = ("import gc, sys\nfrom extractor.cli import main\nbefore = gc.get_freeze_count()\ntry:\n"
            "    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print(before, gc.get_freeze_count() > 1000, gc.isenabled(), file=sys.stderr)")
    shown = subprocess.run([sys.executable, "-c", code, "extract", str(tmp_path), "--format", "jsonl"],
                           capture_output=True, text=True, check=True)
    assert shown.stderr.split() == ["0", "True", "True"]
