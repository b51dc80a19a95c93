"""Archives and document formats: zip, tar, tar.gz (nested one level), .docx and .pdf,
and every hostile archive refused with its reason while the rest is read."""

from __future__ import annotations

import io
import json
import shutil
import stat
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from pypdf import PdfWriter
from sqlalchemy import select
from sqlalchemy.orm import Session

from extractor.cli import main
from extractor.errors import InputError
from extractor.models.tables import DocumentRow, FailureRow
from extractor.pipeline import process_source
from extractor.sources import archives
from extractor.sources.formats import pdf_text
from extractor.sources.read import ReadFailure, SourceFile, input_size, iter_sources
from extractor.store.database import open_database

SENTENCE = "初中生报到入学12275人,流失7人,巩固率99.04%;全区新增学位3000个。"


def claims_of(paths: list[Path], strict: bool = True) -> list[tuple[str, str, str]]:
    """(document name, indicator, value) of every claim under `paths`, sorted; with
    `strict`, every file must have been read."""
    found = []
    for source in iter_sources(paths):
        if isinstance(source, ReadFailure):
            assert not strict, source
            continue
        found += [(c.doc, c.indicator, str(c.value)) for c in process_source(source).claims]
    return sorted(found)


def failures(paths: list[Path]) -> list[ReadFailure]:
    return [s for s in iter_sources(paths) if isinstance(s, ReadFailure)]


def zip_of(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def tar_of(path: Path, members: dict[str, bytes], mode: str = "w:gz") -> Path:
    with tarfile.open(path, mode) as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


@pytest.fixture
def samples(sample_paths: list[Path]) -> dict[str, bytes]:
    return {f"reports/{p.name}": p.read_bytes() for p in sample_paths}


@pytest.mark.parametrize("shape", ["zip", "tar", "tar.gz", "tgz"])
def test_an_archive_gives_the_claims_of_its_files(tmp_path: Path, samples: dict[str, bytes],
                                                  sample_paths: list[Path], shape: str) -> None:
    path = tmp_path / f"samples.{shape}"
    archive = zip_of(path, samples) if shape == "zip" else tar_of(path, samples, "w" if shape == "tar" else "w:gz")
    assert claims_of([archive]) == claims_of(sample_paths)
    members = [s.member for s in iter_sources([archive])]
    assert members == sorted(members) and members[0] == "reports/000_f472a60a5901be7c.txt"


def test_an_archive_inside_an_archive_is_read_one_level_deep(tmp_path: Path, samples: dict[str, bytes]) -> None:
    inner = zip_of(tmp_path / "inner.zip", dict(list(samples.items())[:2])).read_bytes()
    deeper = zip_of(tmp_path / "deeper.zip", {"inner.zip": inner}).read_bytes()
    outer = zip_of(tmp_path / "outer.zip", {"province/inner.zip": inner, "deeper.zip": deeper})
    sources = list(iter_sources([outer]))
    read = [s.member for s in sources if isinstance(s, SourceFile)]
    assert read == ["province/inner.zip/reports/000_f472a60a5901be7c.txt",
                    "province/inner.zip/reports/001_91bd548f20111c10.txt"]
    refused = [s for s in sources if isinstance(s, ReadFailure)]
    assert [(s.member, s.reason) for s in refused] == [("deeper.zip/inner.zip",
                                                        "archive nested more than one level deep")]


def test_the_bytes_on_disk_of_plain_files_add_up_to_the_input_size(tmp_path: Path,
                                                                   sample_paths: list[Path]) -> None:
    for path in sample_paths[:3]:
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0 legacy word")
    sources = list(iter_sources([tmp_path, tmp_path / "missing.txt"]))
    assert [s.disk_bytes for s in sources] == [p.stat().st_size for p in sorted(tmp_path.iterdir())] + [0]
    assert input_size([tmp_path, tmp_path / "missing.txt"]) == sum(s.disk_bytes for s in sources)


@pytest.mark.parametrize("shape", ["zip", "tar", "tar.gz"])
def test_members_share_out_the_archive_bytes_as_they_are_read(tmp_path: Path, samples: dict[str, bytes],
                                                               shape: str) -> None:
    path = tmp_path / f"samples.{shape}"
    archive = zip_of(path, samples) if shape == "zip" else tar_of(path, samples, "w" if shape == "tar" else "w:gz")
    shares = [s.disk_bytes for s in iter_sources([archive])]
    size = archive.stat().st_size
    # all but the archive's tail (a zip's central directory, a tar's end blocks); a tar is
    # read ahead in 10 KB records, so a member may take the next one's share with its own
    assert 0.8 * size <= sum(shares) <= size
    assert shape != "zip" or all(share > 0 for share in shares)
    assert input_size([archive]) == size


def encrypted_zip(path: Path) -> Path:
    """A zip whose first member has the 'encrypted' flag set (the stdlib cannot write
    encrypted zips), and a plain member after it."""
    zip_of(path, {"secret.txt": b"x", "ok.txt": SENTENCE.encode()})
    raw = bytearray(path.read_bytes())
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = raw.find(signature)  # the first local header and central entry: secret.txt
        raw[at + flag_offset] |= 0x1
    path.write_bytes(bytes(raw))
    return path


def symlink_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        link = zipfile.ZipInfo("link.txt")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
        archive.writestr("ok.txt", SENTENCE)
    return path


@pytest.mark.parametrize(("build", "member", "reason"), [
    (lambda d: zip_of(d / "a.zip", {"../../etc/evil.txt": b"x", "ok.txt": SENTENCE.encode()}),
     "../../etc/evil.txt", "path traversal"),
    (lambda d: zip_of(d / "a.zip", {"/abs/evil.txt": b"x", "ok.txt": SENTENCE.encode()}),
     "/abs/evil.txt", "absolute path"),
    (lambda d: tar_of(d / "a.tgz", {"../evil.txt": b"x", "ok.txt": SENTENCE.encode()}),
     "../evil.txt", "path traversal"),
    (lambda d: symlink_zip(d / "a.zip"), "link.txt", "symbolic link"),
    (lambda d: zip_of(d / "a.zip", {"bomb.txt": b"\0" * (3 * 1024 * 1024), "ok.txt": SENTENCE.encode()}),
     "bomb.txt", "compression ratio above 200"),
    (lambda d: encrypted_zip(d / "a.zip"), "secret.txt", "encrypted member"),
], ids=["zip-traversal", "zip-absolute", "tar-traversal", "zip-symlink", "zip-bomb", "zip-encrypted"])
def test_a_hostile_member_is_refused_and_the_rest_read(tmp_path: Path, build: Callable[[Path], object], member: str,
                                                       reason: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    build(folder)
    refused = failures([folder])
    assert [(r.member, reason in r.reason) for r in refused] == [(member, True)], refused
    assert ("ok.txt", "retention_rate", "99.04") in claims_of([folder], strict=False)


def test_a_tar_link_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "links.tar"
    with tarfile.open(path, "w") as archive:
        link = tarfile.TarInfo("etc-link")
        link.type = tarfile.SYMTYPE
        link.linkname = "/etc/passwd"
        archive.addfile(link)
        ok = tarfile.TarInfo("ok.txt")
        ok.size = len(SENTENCE.encode())
        archive.addfile(ok, io.BytesIO(SENTENCE.encode()))
    assert [(f.member, f.reason) for f in failures([path])] == [("etc-link", "link in the archive")]


def test_a_member_bigger_than_the_cap_is_refused_even_if_its_header_lies(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archives, "MAX_MEMBER_BYTES", 1000)
    big = tar_of(tmp_path / "big.tgz", {"big.txt": SENTENCE.encode() * 50, "ok.txt": SENTENCE.encode()})
    assert ["member too large" in f.reason for f in failures([big])] == [True]
    with pytest.raises(InputError, match="larger than 1000 bytes"):
        archives._read_capped(io.BytesIO(b"x" * 5000), "lying.zip")


def test_a_truncated_archive_keeps_the_members_before_the_damage(tmp_path: Path,
                                                                 samples: dict[str, bytes]) -> None:
    whole = tar_of(tmp_path / "whole.tar", samples, "w").read_bytes()
    cut = tmp_path / "cut.tar"
    cut.write_bytes(whole[: len(whole) * 2 // 3])
    sources = list(iter_sources([cut]))
    assert 2 <= sum(isinstance(s, SourceFile) for s in sources) < len(samples)
    assert any(isinstance(s, ReadFailure) and "truncated" in s.reason for s in sources)
    garbage = tmp_path / "garbage.zip"
    garbage.write_bytes(b"PK\x03\x04 not really a zip")
    assert ["not a readable zip archive" in f.reason for f in failures([garbage])] == [True]


def test_docx_paragraphs_and_tables_in_reading_order(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("娄星区教育局2015年工作总结")
    document.add_paragraph(SENTENCE)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "指标", "数值"
    table.cell(1, 0).text, table.cell(1, 1).text = "学前三年幼儿入园率", "93%"
    document.add_paragraph("投资1450万元新建教学楼。")
    path = tmp_path / "report.docx"
    document.save(str(path))
    assert claims_of([path]) == sorted([
        ("report.docx", "enrolled_count", "12275"), ("report.docx", "dropout_count", "7"),
        ("report.docx", "retention_rate", "99.04"), ("report.docx", "degree_seats", "3000"),
        ("report.docx", "enrollment_rate", "93"), ("report.docx", "investment", "1450")])
    (source,) = iter_sources([path])
    assert isinstance(source, SourceFile)
    text = process_source(source).text
    assert text.index("巩固率") < text.index("指标\t数值") < text.index("投资1450万元")


def blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def text_pdf(line: str) -> bytes:
    """A one-page PDF whose text layer holds `line` (ASCII, standard Helvetica)."""
    content = f"BT /F1 12 Tf 20 100 Td ({line}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_pdf_text_layer_and_a_scan_without_one(tmp_path: Path) -> None:
    assert "Enrollment rate 99.5%" in pdf_text(text_pdf("Enrollment rate 99.5%"), "a.pdf")
    with pytest.raises(InputError, match=r"no text layer \(scanned PDF\?\)"):
        pdf_text(blank_pdf(), "scan.pdf")
    with pytest.raises(InputError, match=r"not a readable \.pdf"):
        pdf_text(b"%PDF-1.4 broken", "broken.pdf")


def test_ingest_a_folder_of_archives_documents_and_a_doc(tmp_path: Path, samples: dict[str, bytes]) -> None:
    folder = tmp_path / "province"
    folder.mkdir()
    zip_of(folder / "good.zip", samples)
    zip_of(folder / "hostile.zip", {"../escape.txt": SENTENCE.encode(), "inside.txt": SENTENCE.encode()})
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0 legacy word")
    (folder / "scan.pdf").write_bytes(blank_pdf())
    db = f"sqlite:///{tmp_path / 'archive.db'}"
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", db, "--quiet", "--jobs", "1"])
    assert result.exit_code == 1, result.output
    engine = open_database(db)
    try:
        with Session(engine) as session:
            stored = sorted(session.scalars(select(DocumentRow.member)))
            refused = sorted((Path(f.path).name, f.member, f.skipped, f.reason)
                             for f in session.scalars(select(FailureRow)))
    finally:
        engine.dispose()
    assert stored == sorted([*samples, "inside.txt"])
    assert [(name, member, skipped) for name, member, skipped, _ in refused] == [
        ("hostile.zip", "../escape.txt", False), ("old.doc", None, True), ("scan.pdf", None, False)]
    assert "unsupported file type .doc (legacy Word" in refused[1][3] and "no text layer" in refused[2][3]
    listed = json.loads(CliRunner().invoke(main, ["failures", "--db", db, "--format", "json"]).output)
    assert len(listed) == 3


@pytest.mark.parametrize("members", [["reports/"], []], ids=["folders-only", "empty"])
def test_an_archive_holding_no_file_is_said_not_passed_over(tmp_path: Path, members: list[str]) -> None:
    """An archive of folders only, or of nothing, gives a skipped item naming it (it gave
    nothing at all: found by the long fuzz run, a zip whose one member is the folder /)."""
    path = tmp_path / "empty.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for name in members:
            zf.writestr(name, b"")
    (item,) = list(iter_sources([path]))
    assert isinstance(item, ReadFailure) and item.skipped
    assert item.reason == "an archive holding no file" and item.path.endswith("empty.zip")
