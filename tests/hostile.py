"""Hostile files, generated: decompression bombs, a .docx that inflates hugely, PDFs
that cost minutes, text that costs memory. Each is small on disk; what it would cost
unbounded is said in its doc."""

from __future__ import annotations

import io
import tarfile
import zipfile
from pathlib import Path

import docx
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

SENTENCE = "初中生报到入学12275人,流失7人,巩固率99.04%;全区新增学位3000个。"
MB = 1024 * 1024


def padded(n: int, size: int) -> bytes:
    """A report line, numbered `n` (distinct bytes), padded with empty lines to `size`
    bytes: it compresses a few hundred times."""
    line = f"第{n}份:{SENTENCE}\n".encode()
    return line + b"\n" * (size - len(line))


def many_small_members_zip(path: Path, members: int = 400, size: int = 200 * 1024) -> Path:
    """Members under 1 MB each, every one compressed ~500 times (400 x 200 KB: 80 MB from ~170 KB)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for n in range(members):
            archive.writestr(f"reports/{n:04d}.txt", padded(n, size))
    return path


def total_ratio_zip(path: Path, members: int = 1500, size: int = 15 * 1024) -> Path:
    """Members too small to be judged by their own ratio (15 KB each), together 22 MB
    from ~330 KB: only the archive's total ratio tells the bomb."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for n in range(members):
            archive.writestr(f"{n:04d}.txt", padded(n, size))
    return path


def total_ratio_tgz(path: Path, members: int = 1500, size: int = 15 * 1024) -> Path:
    """The same as a .tar.gz (one stream: no member has a ratio of its own)."""
    with tarfile.open(path, "w:gz") as archive:
        for n in range(members):
            data = padded(n, size)
            info = tarfile.TarInfo(f"{n:04d}.txt")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def nested_zip(path: Path, inner: int = 20, members: int = 100, size: int = 15 * 1024) -> Path:
    """An archive of archives: each inner zip is stored (not compressed again) and alone
    looks like a small, legitimate archive; all together 30 MB from ~450 KB."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as outer:
        for i in range(inner):
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
                for n in range(members):
                    archive.writestr(f"{n:04d}.txt", padded(i * members + n, size))
            outer.writestr(f"batch{i:02d}.zip", buffer.getvalue())
    return path


def inflating_docx(path: Path, xml_bytes: int) -> Path:
    """A real .docx whose word/document.xml is padded with `xml_bytes` of empty
    paragraphs: ~1,000 times smaller on disk than inflated (300 MB from ~330 KB)."""
    plain = io.BytesIO()
    document = docx.Document()
    document.add_paragraph(SENTENCE)
    document.save(plain)
    paragraph = b"<w:p/>"
    with zipfile.ZipFile(plain) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                body = data.index(b"<w:body>") + len(b"<w:body>")
                data = data[:body] + paragraph * (xml_bytes // len(paragraph)) + data[body:]
            target.writestr(info.filename, data)
    return path


def shared_stream_pdf(pages: int, operations: int = 1, text: str = "Enrollment rate 99.5%") -> bytes:
    """A PDF of `pages` pages that all draw one content stream: `text`, then
    `operations` path operations. Small on disk; pypdf parses the stream once per page,
    so 3,000 pages of 2,000 operations take minutes (140 s), as do 200 of 20,000."""
    writer = PdfWriter()
    stream = DecodedStreamObject()
    stream.set_data(f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET\n".encode() + b"0 0 m 1 1 l S\n" * operations)
    content = writer._add_object(stream.flate_encode())
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica")}))
    resources = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
    for _ in range(pages):
        page = writer.add_blank_page(300, 200)
        page[NameObject("/Contents")] = content
        page[NameObject("/Resources")] = resources
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def slow_pdf() -> bytes:
    """A PDF that takes minutes to read (about 0.3 s a page, 200 pages), well within
    the page and text limits: only the wall time per file stops it."""
    return shared_stream_pdf(200, operations=20_000)


def dense_claims(lines: int) -> bytes:
    """Report text with four claims a line, distinct numbers: extraction holds about
    100 MB per input MB."""
    body = "".join(f"全区小学报到入学{12000 + n}人,流失{n % 9}人,巩固率99.{n % 100:02d}%;新增学位{3000 + n}个。\n"
                   for n in range(lines))
    return ("某区教育局2015年工作总结\n" + body).encode()
