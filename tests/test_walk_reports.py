"""Walking the inputs: what is not read is reported (in the summary and in `failures`),
and a link out of the folder given is not followed."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from odd_names import report
from sqlalchemy import select
from sqlalchemy.orm import Session

from extractor.cli import main
from extractor.models.tables import DocumentRow, FailureRow
from extractor.sources.read import ReadFailure, SourceFile, input_size, iter_sources
from extractor.store.database import open_database

RUNNING_AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def outcomes(paths: list[Path]) -> list[tuple[str, str, str]]:
    """(name, "read" | "skipped" | "failed", reason) of everything under `paths`, in
    order; fails rather than hangs when reading blocks (a FIFO opened)."""
    found: list[SourceFile | ReadFailure] = []
    walker = threading.Thread(target=lambda: found.extend(iter_sources(paths)), daemon=True)
    walker.start()
    walker.join(timeout=30)
    assert not walker.is_alive(), "the walk blocks"
    return [(Path(s.path).name, "read", "") if isinstance(s, SourceFile)
            else (Path(s.path).name, "skipped" if s.skipped else "failed", s.reason) for s in found]


@pytest.fixture
def tree(tmp_path: Path) -> Iterator[Path]:
    """A folder with a report before and after every odd entry, and a report outside it."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.txt").write_bytes(report(9))
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a-first.txt").write_bytes(report(1))
    (folder / "sub" / "inner.txt").write_bytes(report(2))
    (folder / "z-last.txt").write_bytes(report(3))
    yield folder


def add_fifo(folder: Path) -> None:
    os.mkfifo(folder / "pipe.txt")


def add_dangling_link(folder: Path) -> None:
    os.symlink("gone.txt", folder / "dangling.txt")


def add_outside_link(folder: Path) -> None:
    os.symlink(folder.parent / "elsewhere" / "secret.txt", folder / "out.txt")


def add_outside_folder_link(folder: Path) -> None:
    os.symlink(folder.parent / "elsewhere", folder / "out-folder")


def add_inside_folder_link(folder: Path) -> None:
    os.symlink("sub", folder / "loop")


def add_link_loop(folder: Path) -> None:
    os.symlink("round2.txt", folder / "round1.txt")
    os.symlink("round1.txt", folder / "round2.txt")


@pytest.mark.parametrize(("add", "expected"), [
    (add_fifo, [("pipe.txt", "skipped", "a FIFO (named pipe), not a regular file: not read")]),
    (add_dangling_link, [("dangling.txt", "skipped", "dangling link to gone.txt")]),
    (add_outside_link, [("out.txt", "skipped", "link to {elsewhere}/secret.txt, outside {folder}: not followed")]),
    (add_outside_folder_link, [("out-folder", "skipped", "link to {elsewhere}, outside {folder}: not followed")]),
    (add_inside_folder_link, [("loop", "skipped", "link to a folder: not followed (its files are read where they are)")]),
    (add_link_loop, [("round1.txt", "skipped", "link that leads round in a loop: not followed"),
                     ("round2.txt", "skipped", "link that leads round in a loop: not followed")]),
], ids=["fifo", "dangling-link", "link-out", "folder-link-out", "folder-link-in", "link-loop"])
def test_what_a_walk_does_not_read_is_reported(tree: Path, add: Callable[[Path], None],
                                               expected: list[tuple[str, str, str]]) -> None:
    add(tree)
    elsewhere = tree.parent / "elsewhere"
    wanted = [(name, status, reason.format(elsewhere=elsewhere, folder=tree)) for name, status, reason in expected]
    found = outcomes([tree])
    assert [o for o in found if o[1] != "read"] == wanted
    assert [o[0] for o in found if o[1] == "read"] == ["a-first.txt", "inner.txt", "z-last.txt"]
    assert input_size([tree]) == 3 * len(report(1))  # what is not read has no size to wait for


def test_a_link_to_a_file_inside_the_folder_is_read(tree: Path) -> None:
    os.symlink("sub/inner.txt", tree / "b-link.txt")
    assert [o[:2] for o in outcomes([tree])] == [("a-first.txt", "read"), ("b-link.txt", "read"),
                                                 ("inner.txt", "read"), ("z-last.txt", "read")]


def test_a_path_given_is_followed_and_a_fifo_given_is_not_opened(tree: Path) -> None:
    add_outside_link(tree)
    add_fifo(tree)
    add_dangling_link(tree)
    assert outcomes([tree / "out.txt", tree / "pipe.txt", tree / "dangling.txt", tree / "missing.txt"]) == [
        ("out.txt", "read", ""),  # named on the command line: the user chose it
        ("pipe.txt", "skipped", "a FIFO (named pipe), not a regular file: not read"),
        ("dangling.txt", "skipped", "dangling link to gone.txt"),
        ("missing.txt", "failed", "no such file or directory")]


@pytest.mark.skipif(RUNNING_AS_ROOT, reason="running as root: chmod 000 does not stop root from listing a "
                                            "folder, so no unreadable folder can be made (the test below "
                                            "covers the same report with a refusal made by hand)")
def test_an_unreadable_folder_fails(tree: Path) -> None:
    (tree / "sub").chmod(0)
    try:
        found = outcomes([tree])
    finally:
        (tree / "sub").chmod(0o755)
    assert found == [("a-first.txt", "read", ""), ("sub", "failed", "cannot read folder: Permission denied"),
                     ("z-last.txt", "read", "")]


def test_a_folder_the_system_refuses_to_list_fails(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What an unreadable folder does, as any user: os.scandir refuses it."""
    scandir = os.scandir

    def refuse_sub(path: str | os.PathLike[str]) -> object:
        if Path(path).name == "sub":
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse_sub)
    assert outcomes([tree]) == [("a-first.txt", "read", ""),
                                ("sub", "failed", "cannot read folder: Permission denied"),
                                ("z-last.txt", "read", "")]


def test_ingest_reports_what_it_did_not_read(database_url: str, tree: Path) -> None:
    for add in (add_fifo, add_dangling_link, add_outside_link):
        add(tree)
    result = CliRunner().invoke(main, ["ingest", str(tree), "--db", database_url, "--jobs", "1"])
    assert result.exit_code == 0, result.output  # skipped, none failed
    for line in (f"skipped  {tree}/pipe.txt: a FIFO (named pipe)", f"skipped  {tree}/dangling.txt: dangling link",
                 f"skipped  {tree}/out.txt: link to {tree.parent}/elsewhere/secret.txt, outside"):
        assert line in result.output, result.output
    assert re.search(r"│ skipped\s+│\s+3 │", result.output) and "not stored" in result.output
    engine = open_database(database_url)
    try:
        with Session(engine) as session:
            stored = sorted(Path(p).name for p in session.scalars(select(DocumentRow.path)))
            recorded = sorted((Path(f.path).name, f.skipped) for f in session.scalars(select(FailureRow)))
    finally:
        engine.dispose()
    assert stored == ["a-first.txt", "inner.txt", "z-last.txt"]  # not secret.txt
    assert recorded == [("dangling.txt", True), ("out.txt", True), ("pipe.txt", True)]
