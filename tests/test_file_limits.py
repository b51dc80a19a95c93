"""Every file bounded: decompression bombs, a .docx that inflates hugely, PDFs of
thousands of pages, a file that hangs extraction, values the store cannot hold; and an
ingest stopped by a signal keeps what it extracted and leaves no process behind.

The hostile files are generated (tests/hostile.py); each test fails on the code before
the limits (then the bomb was read whole, the PDF ran for minutes, the document with
10^15 万元 failed on PostgreSQL, and the workers outlived a kill -9 in the first second).
"""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
import tarfile
import time
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from handmade import processed_document
from hostile import (
    SENTENCE,
    inflating_docx,
    many_small_members_zip,
    nested_zip,
    shared_stream_pdf,
    slow_pdf,
    total_ratio_tgz,
    total_ratio_zip,
)
from procfs import processes
from sqlalchemy import select
from sqlalchemy.orm import Session

from extractor.cli import main
from extractor.errors import InputError
from extractor.models.tables import ClaimRow, DocumentRow, FailureRow
from extractor.sources import archives, formats
from extractor.sources.formats import docx_text, pdf_text
from extractor.sources.read import ReadFailure, SourceFile, iter_sources
from extractor.store.database import open_database
from extractor.store.documents import storable_value, store_document

ROOT = Path(__file__).resolve().parent.parent
BOMB_REASON = "decompression bomb?"


def read_all(path: Path) -> tuple[int, list[tuple[str | None, str]]]:
    """The bytes of every member read from an archive, and the refusals (member, reason)."""
    sources = list(iter_sources([path]))
    read = sum(len(s.data) for s in sources if isinstance(s, SourceFile))
    return read, [(s.member, s.reason) for s in sources if isinstance(s, ReadFailure)]


# ---------------------------------------------------------------- archives


def test_small_members_are_judged_by_their_ratio_too(tmp_path: Path) -> None:
    # 400 members of 200 KB, each compressed ~500 times: under the old 1 MB floor, all read
    bomb = many_small_members_zip(tmp_path / "small.zip")
    read, refused = read_all(bomb)
    assert read == 0
    assert len(refused) == 400
    assert all(reason == f"compression ratio above {archives.MAX_RATIO}: {BOMB_REASON}" for _, reason in refused)


@pytest.mark.parametrize(("build", "name"), [(total_ratio_zip, "bomb.zip"), (total_ratio_tgz, "bomb.tgz"),
                                             (nested_zip, "nested.zip")],
                         ids=["zip-of-small-members", "tgz-of-small-members", "zip-of-zips"])
def test_an_archive_is_read_no_further_than_its_total_ratio(tmp_path: Path, build: Callable[[Path], Path],
                                                            name: str) -> None:
    # members too small for their own ratio to count, or spread over inner archives:
    # together 22 to 30 MB from a few hundred KB
    bomb = build(tmp_path / name)
    size = bomb.stat().st_size
    read, refused = read_all(bomb)
    assert read <= archives.MAX_TOTAL_RATIO * size
    assert len(refused) == 1  # one refusal, then nothing more of the archive
    assert refused[0][1] == (f"archive inflates to more than {archives.MAX_TOTAL_RATIO} times its {size} "
                             f"bytes: {BOMB_REASON} (the rest of the archive is not read)")


@pytest.mark.parametrize("shape", ["zip", "tgz"])
def test_real_report_archives_are_far_from_the_ratio_limits(tmp_path: Path, sample_paths: list[Path],
                                                             shape: str) -> None:
    # the real reports 40 times over, copies of a report side by side (the best case
    # for compression across members), are read whole
    path = tmp_path / f"province.{shape}"
    members = {f"{sample.stem}/{n:02d}.txt": sample.read_bytes() + f"\n附：第{n}份\n".encode()
               for sample in sample_paths for n in range(40)}
    if shape == "zip":
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for name, data in members.items():
                archive.writestr(name, data)
    else:
        with tarfile.open(path, "w:gz") as archive:
            for name, data in members.items():
                info = tarfile.TarInfo(name)
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
    read, refused = read_all(path)
    assert refused == []
    assert read == sum(map(len, members.values()))
    assert read < archives.MAX_TOTAL_RATIO / 5 * path.stat().st_size


# ---------------------------------------------------------------- .docx and .pdf


def test_a_docx_whose_xml_inflates_hugely_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    bomb = inflating_docx(tmp_path / "bomb.docx", 20 * 1024 * 1024)  # 20 MB of XML in ~30 KB
    with pytest.raises(InputError) as refused:
        docx_text(bomb.read_bytes(), "bomb.docx")
    assert refused.value.reason == (f".docx part word/document.xml: compression ratio above "
                                    f"{archives.MAX_RATIO}: {BOMB_REASON}")
    plain = inflating_docx(tmp_path / "plain.docx", 0)
    assert docx_text(plain.read_bytes(), "plain.docx") == SENTENCE


@pytest.mark.slow
def test_a_docx_with_a_large_empty_table_is_read() -> None:
    # verbose XML: the table compresses 160 times, the whole file 59 times (more than an
    # archive may): a .docx is held to a member's ratio, 200
    document = docx.Document()
    document.add_paragraph("某区教育局2015年工作总结")
    table = document.add_table(rows=3000, cols=10)
    table.cell(0, 0).text, table.cell(0, 1).text = "学前三年幼儿入园率", "93%"
    data = io.BytesIO()
    document.save(data)
    with zipfile.ZipFile(data) as package:
        inflated = sum(part.file_size for part in package.infolist())
        xml = package.getinfo("word/document.xml")
    assert inflated > archives.MAX_TOTAL_RATIO * len(data.getvalue())
    assert xml.file_size > 150 * xml.compress_size
    assert docx_text(data.getvalue(), "form.docx").startswith("某区教育局2015年工作总结\n学前三年幼儿入园率\t93%\t\n")


@pytest.mark.slow
def test_the_300_mb_docx_bomb_costs_no_memory(tmp_path: Path) -> None:
    # the bomb (300 MB of XML; python-docx peaked at 2.25 GB on it): refused
    # from the zip's directory, so the process reading it stays at its idle size
    bomb = inflating_docx(tmp_path / "bomb.docx", 300 * 1024 * 1024)
    # the peak is VmHWM: ru_maxrss would carry this test process's own peak over the exec
    code = ("import re, sys; from extractor.sources.formats import docx_text\n"
            "from extractor.errors import InputError\n"
            "try:\n    docx_text(open(sys.argv[1], 'rb').read(), 'bomb.docx')\n"
            "except InputError as exc:\n    print(exc.reason)\n"
            "print(int(re.search(r'VmHWM:\\s+(\\d+) kB', open('/proc/self/status').read())[1]) // 1024)")
    shown = subprocess.run([sys.executable, "-c", code, str(bomb)], cwd=ROOT, capture_output=True, text=True,
                           check=True, timeout=120)
    reason, peak_mb = shown.stdout.splitlines()
    assert re.fullmatch(r"\.docx part word/document\.xml: member too large \(3145\d{5} bytes > 67108864\): "
                        r"decompression bomb\?", reason)
    assert int(peak_mb) < 150


def test_a_pdf_of_thousands_of_pages_is_refused_unread() -> None:
    # 3,000 pages drawing one content stream: pypdf took minutes over them
    pdf = shared_stream_pdf(3000, operations=2000)
    assert len(pdf) < 600_000
    with pytest.raises(InputError, match=r"^pages.pdf: PDF of 3000 pages, more than 1000: not read$"):
        pdf_text(pdf, "pages.pdf")
    assert "Enrollment rate 99.5%" in pdf_text(shared_stream_pdf(3), "three.pdf")


def test_a_pdf_with_too_much_text_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(formats, "MAX_PDF_CHARACTERS", 100)  # 10 million in earnest
    with pytest.raises(InputError, match=r"^long.pdf: PDF text longer than 100 characters \(reached at page 5 of 8\)"):
        pdf_text(shared_stream_pdf(8), "long.pdf")  # 21 characters a page


# ---------------------------------------------------------------- values the store cannot hold


@pytest.mark.parametrize(("value", "stored"), [
    ("12345678901234", "12345678901234"),  # 14 digits before the point: the most NUMERIC(20, 6) holds
    ("99999999999999.5", "99999999999999.5"),
    ("0.000001", "0.000001"),  # 1 分 in 万元
    ("33.3333333", "33.333333"),  # rounded: it changes by less than a millionth
    ("1E+14", "more than 14 digits before the point (the store holds NUMERIC(20, 6))"),
    ("1E+15", "more than 14 digits before the point (the store holds NUMERIC(20, 6))"),
    ("0.0000004", "more than 6 decimals: the store would round it to 0.000000"),
    ("12345678901234.123456", "more than 15 significant digits (SQLite would round it)"),
])
def test_what_the_claims_table_can_hold(value: str, stored: str) -> None:
    assert str(storable_value(Decimal(value))) == stored


def test_a_claim_beyond_the_store_is_refused_and_its_document_stored(database_url: str) -> None:
    engine = open_database(database_url)
    try:
        processed = processed_document()
        processed.claims[0] = processed.claims[0].model_copy(update={"value": Decimal("1E+15")})
        outcome = store_document(engine, processed)
        with Session(engine) as session:
            stored = sorted(session.execute(select(ClaimRow.text, ClaimRow.value)).all())
    finally:
        engine.dispose()
    assert (outcome.stored, outcome.claims) == (True, 2)
    assert [reason for _, reason in outcome.refused] == [
        "claim 7人 (dropout_count) at 24 not stored: value 1000000000000000 has more than 14 digits before "
        "the point (the store holds NUMERIC(20, 6)); the rest of the document is stored"]
    assert stored == [("99.04%", Decimal("99.04")), ("xxxx个", None)]


def test_ingest_refuses_a_claim_of_ten_to_the_fifteen_wan_yuan(database_url: str, tmp_path: Path) -> None:
    # failed the whole document on PostgreSQL (numeric field overflow); a float on SQLite
    report = tmp_path / "report.txt"
    report.write_text("某县教育局2015年工作总结\n全年教育投资1000000000000000万元,全县新增学位3000个。\n", "utf-8")
    result = CliRunner().invoke(main, ["ingest", str(report), "--db", database_url, "--jobs", "1"])
    assert result.exit_code == 1, result.output
    printed = " ".join(result.output.split())  # as the console wrapped it
    assert f"refused {report}: claim 1000000000000000万元 (investment) at 21 not stored" in printed
    engine = open_database(database_url)
    try:
        with Session(engine) as session:
            claims = session.execute(select(ClaimRow.indicator, ClaimRow.value)).all()
            documents = session.scalars(select(DocumentRow.name)).all()
            failures = session.execute(select(FailureRow.path, FailureRow.reason)).all()
    finally:
        engine.dispose()
    assert documents == ["report.txt"]
    assert claims == [("degree_seats", Decimal("3000"))]
    assert failures == [(str(report), "claim 1000000000000000万元 (investment) at 21 not stored: value "
                                      "1000000000000000 has more than 14 digits before the point (the store "
                                      "holds NUMERIC(20, 6)); the rest of the document is stored")]


# ---------------------------------------------------------------- time: a file that hangs


@pytest.mark.slow
def test_a_file_that_hangs_extraction_is_stopped_and_the_batch_goes_on(tmp_path: Path,
                                                                       sample_paths: list[Path]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "000_slow.pdf").write_bytes(slow_pdf())  # minutes of pypdf, within every size limit
    for sample in sample_paths:
        (folder / sample.name).write_bytes(sample.read_bytes())
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    started = time.monotonic()
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", db, "--jobs", "1", "--quiet",
                                       "--file-timeout", "2"])
    assert time.monotonic() - started < 90
    assert result.exit_code == 1, result.output
    listed = json.loads(CliRunner().invoke(main, ["failures", "--db", db, "--format", "json"]).output)
    assert [(Path(f["path"]).name, f["reason"]) for f in listed] == [
        ("000_slow.pdf", "took longer than 2 s to extract (--file-timeout): stopped, its worker replaced")]
    engine = open_database(db)
    try:
        with Session(engine) as session:
            assert sorted(session.scalars(select(DocumentRow.name))) == [p.name for p in sample_paths]
    finally:
        engine.dispose()


# ---------------------------------------------------------------- signals


def ingest_process(folder: Path, url: str, *options: str) -> subprocess.Popen[str]:
    """An ingest in its own session (and process group), printing to a pipe (one line per
    file not stored), with Ctrl-C at its default whatever the test runner was started with."""
    return subprocess.Popen([sys.executable, "-m", "extractor.cli", "ingest", str(folder), "--db", url, *options],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def stored_names(url: str) -> list[str]:
    engine = open_database(url)
    try:
        with Session(engine) as session:
            return sorted(session.scalars(select(DocumentRow.name)))
    finally:
        engine.dispose()


@pytest.mark.slow
@pytest.mark.parametrize(("signum", "to_group", "status"), [(signal.SIGTERM, False, 143), (signal.SIGINT, True, 130)],
                         ids=["sigterm", "ctrl-c"])
def test_a_stopped_ingest_stores_what_it_extracted(tmp_path: Path, signum: int, to_group: bool,
                                                   status: int) -> None:
    # one worker takes the files in order: 20 reports, a broken PDF, then a PDF that
    # runs for minutes. When the broken one is reported, the 20 are extracted and wait
    # to be stored (a batch is 32); the stop must store them, not wait for the PDF.
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(20):
        (folder / f"a{n:02d}.txt").write_text(f"某县教育局2015年工作总结\n第{n}份:{SENTENCE}\n", "utf-8")
    (folder / "b_broken.pdf").write_bytes(b"%PDF-1.4 broken")
    (folder / "c_slow.pdf").write_bytes(slow_pdf())
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    process = ingest_process(folder, url, "--jobs", "1", "--file-timeout", "600")
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("failed") and "b_broken.pdf" in line:
            break
    else:
        pytest.fail(f"the ingest ended before the broken PDF was reported: {process.communicate()}")
    assert process.poll() is None
    stopped = time.monotonic()
    (os.killpg if to_group else os.kill)(process.pid, signum)
    out, err = process.communicate(timeout=60)
    assert process.returncode == status, err
    assert time.monotonic() - stopped < 10
    assert "interrupted: the documents extracted so far are stored" in out
    assert stored_names(url) == [f"a{n:02d}.txt" for n in range(20)]


def wait_for_workers(process: subprocess.Popen[str]) -> None:
    """Until the ingest has started its first worker process."""
    deadline = time.monotonic() + 60
    while not processes(0, process.pid) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert processes(0, process.pid), "no worker started"


@pytest.mark.slow
@pytest.mark.parametrize("after", [0.0, 0.2, 0.5, 1.0])
def test_kill_9_at_any_moment_leaves_no_process_behind(tmp_path: Path, sample_paths: list[Path],
                                                       after: float) -> None:
    # killed as its workers start (the first second of an ingest, on a fast machine):
    # they used to take the parent they then found (init) for theirs and live on, and
    # with them the resource tracker, whose pipe they hold
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(60):
        for sample in sample_paths:
            (folder / f"{n:02d}_{sample.name}").write_bytes(sample.read_bytes() + f"\n第{n}份\n".encode())
    process = ingest_process(folder, f"sqlite:///{tmp_path / 'db.sqlite'}", "--jobs", "2")
    wait_for_workers(process)
    time.sleep(after)
    assert process.poll() is None
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)  # not communicate: a worker left behind would hold its pipes open
    for pipe in (process.stdout, process.stderr):
        assert pipe is not None
        pipe.close()
    deadline = time.monotonic() + 15
    while processes(3, process.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not processes(3, process.pid)  # the session: workers, resource tracker
