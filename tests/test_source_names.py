"""File names of any bytes: decoded the way a Chinese archive meant them, stored and shown
in a safe form; one odd name never stops a batch; nothing a terminal acts on is printed."""

from __future__ import annotations

import os
import re
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from odd_names import GBK_NAME, report, tar_with_raw_names, zip_with_raw_names
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from extractor.cli import main
from extractor.models.tables import ClaimRow, DocumentRow, FailureRow
from extractor.sources.names import decode_name, printable, safe_name
from extractor.sources.read import ReadFailure, SourceFile, iter_sources
from extractor.sources.zipnames import RawNameZip
from extractor.store.database import open_database


@pytest.mark.parametrize(("raw", "name"), [
    ("工作总结.txt".encode(), "工作总结.txt"),  # UTF-8
    (GBK_NAME, "工作总结.txt"),  # GBK, read as GB18030
    ("2019年招生计划.docx".encode("gb18030"), "2019年招生计划.docx"),
    ("㐀表.txt".encode("gb18030"), "㐀表.txt"),  # 㐀 is in GB18030's four-byte range, not in GBK
    ("表.txt".encode("gbk"), "表.txt"),  # a trail byte that is ASCII: 0x5C, a backslash alone
    (b"report\xff.txt", "report\\xff.txt"),  # fits neither
    ("报告".encode() + b"\xff.txt", "报告\\xff.txt"),  # UTF-8 but one byte: UTF-8 kept
    ("报告".encode("gbk") + b"\xff.txt", "报告\\xff.txt"),  # GBK but one byte: GB18030 kept
    (b"\x1b[2J.txt", "\x1b[2J.txt"),  # decoding keeps it; printable escapes it
])
def test_a_name_decodes_as_a_chinese_archive_meant_it(raw: bytes, name: str) -> None:
    assert decode_name(raw) == name


@pytest.mark.parametrize(("text", "shown"), [
    ("\x1b[2J\x1b]0;pwned\x07.txt", "\\x1b[2J\\x1b]0;pwned\\x07.txt"),  # clear screen, set title, bell
    ("a\tb\nc\rd\x00e\x7f", "a\\x09b\\x0ac\\x0dd\\x00e\\x7f"),  # C0 and DEL
    ("\x9b2J\x85", "\\u009b2J\\u0085"),  # C1: a one-character CSI, next line
    ("fdp.\u202etxt.exe", "fdp.\\u202etxt.exe"),  # right-to-left override
    ("a\u2066b\u2069c\u200fd\u2028e", "a\\u2066b\\u2069c\\u200fd\\u2028e"),  # isolates, RLM, line separator
    ("a\udcffb\ud800", "a\\xffb\\ud800"),  # surrogates: an escaped byte, and one that is none
    ("教育局 2015年工作总结.txt", "教育局 2015年工作总结.txt"),
])
def test_printable_escapes_what_a_terminal_acts_on(text: str, shown: str) -> None:
    assert printable(text) == shown
    assert printable(shown) == shown  # a second pass changes nothing
    shown.encode("utf-8")  # no surrogate left: any database and terminal take it


def test_an_on_disk_name_with_surrogate_escapes_gets_its_safe_form() -> None:
    assert safe_name(os.fsdecode(GBK_NAME)) == "工作总结.txt"
    assert safe_name(os.fsdecode(b"/in/report\xff.txt")) == "/in/report\\xff.txt"


def zip_flag_not_set(folder: Path) -> Path:
    return zip_with_raw_names(folder / "a.zip", [(GBK_NAME, report(1)), (b"z-after.txt", report(2))])


def zip_false_flag(folder: Path) -> Path:
    return zip_with_raw_names(folder / "a.zip", [(GBK_NAME, report(1)), (b"z-after.txt", report(2))],
                              utf8_flag=True)


def zip_unicode_path(folder: Path) -> Path:
    """Shift-JIS bytes (GB18030 would misread them) with 7-Zip's UTF-8 copy of the name."""
    raw = "報告.txt".encode("shift_jis")
    return zip_with_raw_names(folder / "a.zip", [(raw, report(1)), (b"z-after.txt", report(2))],
                              unicode_paths={raw: "報告.txt"})


def tar_gnu(folder: Path) -> Path:
    return tar_with_raw_names(folder / "a.tar", [(GBK_NAME, report(1)), (b"z-after.txt", report(2))])


def tar_pax(folder: Path) -> Path:
    return tar_with_raw_names(folder / "a.tar", [(GBK_NAME, report(1)), (b"z-after.txt", report(2))],
                              tarfile.PAX_FORMAT)


@pytest.mark.parametrize(("build", "member"), [
    (zip_flag_not_set, "工作总结.txt"), (zip_false_flag, "工作总结.txt"), (zip_unicode_path, "報告.txt"),
    (tar_gnu, "工作总结.txt"), (tar_pax, "工作总结.txt"),
], ids=["zip-gbk", "zip-false-utf8-flag", "zip-unicode-path-field", "tar-gnu-gbk", "tar-pax-binary-gbk"])
def test_an_archive_member_name_is_decoded(tmp_path: Path, build: Callable[[Path], Path], member: str) -> None:
    archive = build(tmp_path)
    sources = list(iter_sources([archive]))
    assert [(type(s).__name__, s.member) for s in sources] == [("SourceFile", member),
                                                               ("SourceFile", "z-after.txt")]
    assert sources[0].display == f"{archive}!{member}"


def test_a_false_utf8_flag_is_what_stops_zipfile(tmp_path: Path) -> None:
    """What the archive above does to zipfile, so the test above tests something."""
    with pytest.raises(UnicodeDecodeError):
        zipfile.ZipFile(zip_false_flag(tmp_path))


def test_once_open_the_bytes_of_a_member_are_left_as_they_are(tmp_path: Path) -> None:
    """A zip stored inside a zip holds a central directory of its own; a read that starts
    on it after the outer archive is open is the member's bytes, not a directory to mend."""
    inner_path = tmp_path / "inner.zip"
    with zipfile.ZipFile(inner_path, "w") as inner:
        inner.writestr("工作总结.txt", report(1))  # zipfile sets the UTF-8 flag
    inner_bytes = inner_path.read_bytes()
    with zipfile.ZipFile(tmp_path / "outer.zip", "w", zipfile.ZIP_STORED) as outer:
        outer.writestr("inner.zip", inner_bytes)
    directory = (tmp_path / "outer.zip").read_bytes().find(inner_bytes) + inner_bytes.find(b"PK\x01\x02")
    with (tmp_path / "outer.zip").open("rb") as raw:
        view = RawNameZip(raw)
        with view.open() as archive:
            assert archive.read("inner.zip") == inner_bytes
            view.seek(directory)
            assert view.read(46) == inner_bytes[inner_bytes.find(b"PK\x01\x02"):][:46]


def test_a_member_name_with_a_control_character_in_a_ratio_check_is_not_an_absolute_path(
        tmp_path: Path) -> None:
    """The checks on a name see the decoded name, not its escaped form (\\x1b... starts with
    a backslash, which would read as an absolute Windows path)."""
    archive = zip_with_raw_names(tmp_path / "a.zip", [(b"\x1bname.txt", report(1))])
    (source,) = iter_sources([archive])
    assert isinstance(source, SourceFile) and source.member == "\\x1bname.txt"


def disk_name_ff(folder: Path) -> list[Path]:
    """A file whose name has a byte that is no encoding's (os.fsdecode gives a surrogate)."""
    odd = Path(os.fsdecode(bytes(folder) + b"/report\xff.txt"))
    odd.write_bytes(report(1))
    return [odd]


def disk_name_gbk(folder: Path) -> list[Path]:
    odd = Path(os.fsdecode(bytes(folder) + b"/" + GBK_NAME))
    odd.write_bytes(report(1))
    return [odd]


ODD_INPUTS: list[tuple[Callable[[Path], object], str, str | None, int]] = [
    (tar_gnu, "a.tar", "工作总结.txt", 3),  # (what to build, its path's name, its member, documents)
    (zip_false_flag, "a.zip", "工作总结.txt", 3),
    (disk_name_ff, "report\\xff.txt", None, 2),
    (disk_name_gbk, "工作总结.txt", None, 2),
]


def stored_names(database_url: str) -> list[tuple[str, str | None, str]]:
    """(path's name, member, document name) of every document; no failure recorded."""
    engine = open_database(database_url)
    try:
        with Session(engine) as session:
            assert session.scalars(select(FailureRow)).all() == []
            assert session.scalar(select(func.count()).select_from(ClaimRow)) == 4 * len(
                session.scalars(select(DocumentRow.id)).all())
            return sorted((Path(d.path).name, d.member, d.name) for d in session.scalars(select(DocumentRow)))
    finally:
        engine.dispose()


@pytest.mark.parametrize(("build", "path_name", "member", "documents"), ODD_INPUTS,
                         ids=["tar-gbk", "zip-false-flag", "disk-xff", "disk-gbk"])
def test_an_odd_name_never_stops_the_batch_and_a_rerun_is_stable(
        database_url: str, tmp_path: Path, build: Callable[[Path], object], path_name: str,
        member: str | None, documents: int) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    build(folder)
    (folder / "z-later.txt").write_bytes(report(3))  # after the odd one in the walk's order
    first = CliRunner().invoke(main, ["ingest", str(folder), "--db", database_url, "--jobs", "1", "--quiet"])
    assert first.exit_code == 0, first.output
    stored = stored_names(database_url)
    assert len(stored) == documents
    assert (path_name, member, member or path_name) in stored and ("z-later.txt", None, "z-later.txt") in stored
    assert (f"{path_name}!{member}" if member else path_name) in first.output  # the slowest files
    again = CliRunner().invoke(main, ["ingest", str(folder), "--db", database_url, "--jobs", "1", "--quiet"])
    assert again.exit_code == 0, again.output
    assert stored_names(database_url) == stored
    assert re.search(rf"already present\s+│\s+{documents}\s", again.output), again.output


def hostile_zip(folder: Path) -> Path:
    return zip_with_raw_names(folder / "names.zip", [
        (b"\x1b[2J\x1b]0;pwned\x07.doc", b"legacy word"),  # skipped: printed and recorded
        ("\x1b[31mred\u009b.txt".encode(),  # stored: its name is the document's, its text has one too
         report(1).replace("个。\n".encode(), "个\x1b[2J。\n".encode())),
    ])


def test_no_raw_escape_sequence_reaches_the_output(tmp_path: Path) -> None:
    hostile_zip(tmp_path)
    db = f"sqlite:///{tmp_path / 'names.db'}"
    outputs = {
        "ingest": CliRunner().invoke(main, ["ingest", str(tmp_path / "names.zip"), "--db", db, "--jobs", "1"]),
        "ingest --quiet": CliRunner().invoke(main, ["ingest", str(tmp_path / "names.zip"), "--db", db,
                                                    "--jobs", "1", "--quiet"]),
        "failures": CliRunner().invoke(main, ["failures", "--db", db]),
        "failures csv": CliRunner().invoke(main, ["failures", "--db", db, "--format", "csv"]),
        "extract": CliRunner().invoke(main, ["extract", str(tmp_path / "names.zip")]),
        "extract --explain": CliRunner().invoke(main, ["extract", str(tmp_path / "names.zip"), "--explain"]),
        "reports": CliRunner().invoke(main, ["reports", str(tmp_path / "names.zip")]),
        "query": CliRunner().invoke(main, ["query", "select name, member from documents", "--db", db]),
    }
    for command, result in outputs.items():
        assert result.exception is None or isinstance(result.exception, SystemExit), (command, result.output)
        assert "\x1b" not in result.output and "\x07" not in result.output and "\x9b" not in result.output, command
    assert "\\x1b[2J\\x1b]0;pwned\\x07.doc" in outputs["ingest"].output  # the skipped line
    assert "\\x1b[2J\\x1b]0;pwned\\x07.doc" in outputs["failures"].output
    for command in ("ingest", "extract", "reports", "query"):  # the slowest files, the doc column
        assert "\\x1b[31mred" in outputs[command].output, command
    assert "3001个\\x1b[2J" in outputs["extract --explain"].output  # a sentence
    engine = open_database(db)
    try:
        with Session(engine) as session:
            assert session.scalars(select(DocumentRow.member)).all() == ["\\x1b[31mred\\u009b.txt"]
            assert session.scalars(select(FailureRow.member)).all() == ["\\x1b[2J\\x1b]0;pwned\\x07.doc"]
    finally:
        engine.dispose()


def test_a_read_failure_of_an_odd_file_has_a_safe_path(tmp_path: Path) -> None:
    odd = Path(os.fsdecode(bytes(tmp_path) + b"/old\xff.doc"))
    odd.write_bytes(b"legacy word")
    (failure,) = iter_sources([tmp_path])
    assert isinstance(failure, ReadFailure) and failure.skipped
    assert failure.path == f"{tmp_path}/old\\xff.doc" and "unsupported file type .doc" in failure.reason
