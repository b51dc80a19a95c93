"""Inputs the property-based tests (tests/test_fuzz.py) found to break the pipeline, each
cut down to its smallest form, kept as plain cases so that they stay fixed.

Each runs the whole pipeline (extractor.pipeline.process_text) and checks what the
properties check: no exception, every claim's offsets exact.
"""

from __future__ import annotations

import io
import struct
import tarfile
import zipfile
from pathlib import Path

import pytest

from extractor.errors import InputError
from extractor.models.records import Document
from extractor.pipeline import process_source, process_text
from extractor.sources.decode import decode_bytes
from extractor.sources.names import decode_name
from extractor.sources.read import ReadFailure, SourceFile, iter_sources

# ---------------------------------------------------------------- sources (fixed)

def zip_of(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def test_damaged_zip_inside_a_zip_is_a_failure(tmp_path: Path) -> None:
    """A zip inside a zip with its first byte lost: zipfile seeks before the start of the
    inner archive's bytes (ValueError: negative seek value, where a file on disk gives an
    OSError), which escaped and stopped the outer archive and its other members."""
    inner = zip_of([("a.txt", "全县巩固率98%。".encode())])[1:]
    path = tmp_path / "outer.zip"
    path.write_bytes(zip_of([("inner.zip", inner), ("c.txt", "全县巩固率97%。".encode())]))
    items = list(iter_sources([path]))
    assert [(type(item).__name__, item.member) for item in items] == [
        ("ReadFailure", "inner.zip/a.txt"), ("SourceFile", "c.txt")]
    assert isinstance(items[0], ReadFailure) and items[0].reason.startswith("damaged member (ValueError")



def test_tar_with_a_pax_header_not_in_utf8_is_a_failure(tmp_path: Path) -> None:
    """A pax header whose hdrcharset is not UTF-8 (a damaged .tar.gz decompresses to such
    bytes): tarfile raised UnicodeDecodeError, which escaped iter_sources and ended the batch."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for name in ("a.txt", "b.txt"):
            data = "全县巩固率98%。".encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            if name == "b.txt":
                info.pax_headers = {"hdrcharset": "BINARY"}
            archive.addfile(info, io.BytesIO(data))
    path = tmp_path / "report.tar"
    path.write_bytes(buffer.getvalue().replace(b"hdrcharset=BINARY", b"hdrcharset=\xba\xba\xba\xba\xba\xba"))
    items = list(iter_sources([path]))
    assert [(type(item).__name__, item.member) for item in items] == [("SourceFile", "a.txt"), ("ReadFailure", None)]
    assert isinstance(items[1], ReadFailure)
    assert items[1].reason.startswith("damaged or truncated tar archive after member a.txt (UnicodeDecodeError")


def test_a_zip_naming_an_unknown_version_is_a_failure(tmp_path: Path) -> None:
    """One damaged byte in a central directory entry's 'version needed' (6.4, the long fuzz
    run): zipfile raises NotImplementedError while opening the archive, which escaped."""
    data = bytearray(zip_of([("a.txt", "全县巩固率98%。".encode()), ("b.txt", "全县巩固率97%。".encode())]))
    entry = data.rindex(b"PK\x01\x02")  # the last central directory entry
    data[entry + 6] = 64  # version needed to extract
    path = tmp_path / "report.zip"
    path.write_bytes(bytes(data))
    (item,) = iter_sources([path])
    assert isinstance(item, ReadFailure) and item.reason == "not a readable zip archive (zip file version 6.4)"


@pytest.mark.parametrize("cut", [3, 4, 9])
def test_a_gzip_stream_cut_in_its_header_inside_a_tar_is_a_failure(tmp_path: Path, cut: int) -> None:
    """A .tar.gz inside a tar, cut within its gzip header (the long fuzz run: 3 bytes,
    1f 8b 08): tarfile's stream reader calls ord() on the empty read of the flag byte
    (TypeError), which escaped iter_sources and ended the batch."""
    inner = io.BytesIO()
    with tarfile.open(fileobj=inner, mode="w:gz") as archive:
        data = "全县巩固率98%。".encode()
        info = tarfile.TarInfo("a.txt")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    outer = io.BytesIO()
    with tarfile.open(fileobj=outer, mode="w") as archive:
        for name, data in (("report.txt", "全县巩固率97%。".encode()), ("inner.tar.gz", inner.getvalue()[:cut])):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    path = tmp_path / "outer.tar"
    path.write_bytes(outer.getvalue())
    items = list(iter_sources([path]))
    assert [type(item).__name__ for item in items] == ["SourceFile", "ReadFailure"]
    assert isinstance(items[1], ReadFailure) and items[1].reason.startswith("damaged or truncated tar archive")


# short Big5 titles whose GB18030 reading is Han too, with private-use characters among it
# (the long fuzz run: 2017年光山縣高考再創輝煌 read as 2017\ue6e4…郡蔼σ…承谨纷)
@pytest.mark.parametrize("title", ["2017年光山縣高考再創輝煌", "龍崗新增學位", "教育局工作總結"])
def test_a_short_big5_title_decodes_back(title: str) -> None:
    assert decode_bytes(title.encode("big5")).text == title


# a Big5 text with no Han character whose GB18030 reading is private use (the long fuzz run:
# b'\xa1@', Big5's ideographic space, read as GB18030's U+E4C6)
@pytest.mark.parametrize("text", ["\u3000", "\u3000\u3000", "、\u3000"])
def test_big5_punctuation_with_a_private_use_gb18030_reading_decodes_back(text: str) -> None:
    assert (decode_bytes(text.encode("big5")).text, decode_bytes(text.encode("big5")).encoding) == (text, "big5")


# short Chinese texts in GB18030 whose bytes are valid UTF-8 too (小学 reads as Сѧ in UTF-8);
# and what must stay UTF-8 beside them: accented Western letters, pinyin, real UTF-8
DISGUISED = [("篇一", "gb18030"), ("小学", "gb18030"), ("学位", "gb18030"), ("目录", "gb18030"),
             ("元", "gb18030")]
NOT_DISGUISED = [("篇一", "utf-8"), ("résumé", "utf-8"), ("(xué)", "utf-8"), ("lǜ", "utf-8"), ("Москва", "utf-8")]


@pytest.mark.parametrize(("text", "encoding"), DISGUISED + NOT_DISGUISED)
def test_short_chinese_text_decodes_back(text: str, encoding: str) -> None:
    """Found by test_fuzz.py::test_encoded_files: the file 篇一 in GB18030 decoded as
    UTF-8 'ƪһ' (its bytes c6aa d2bb are valid UTF-8), and so did every such short text."""
    decoded = decode_bytes(text.encode(encoding), "short.txt")
    assert (decoded.text, decoded.encoding) == (text, encoding)


# Han text in UTF-16-LE with no byte-order mark: no NUL byte, and the bytes decode as
# GB18030 too (the long fuzz run: 教育局工作總結 read as Ye瞼@\錧\O=~P}); GB18030 and Big5 texts
# whose bytes have an even length stay what they are
UTF16_WITHOUT_MARK = [("教育局工作總結", "utf-16-le"), ("全县义务教育巩固率", "utf-16-le"), ("高考喜报", "utf-16-le"),
                      ("教育局工作总结", "gb18030"), ("龍崗新增學位", "big5")]


@pytest.mark.parametrize(("text", "encoding"), UTF16_WITHOUT_MARK)
def test_han_text_in_utf16_without_a_mark_decodes_back(text: str, encoding: str) -> None:
    decoded = decode_bytes(text.encode(encoding), "short.txt")
    assert (decoded.text, decoded.encoding) == (text, encoding)


@pytest.mark.parametrize("name", ["小学.txt", "学位/目录.txt", "篇一.txt", "学前.docx"])
def test_short_gbk_name_decodes_back(name: str) -> None:
    """The same fault in member and file names, where it is common: short names."""
    assert decode_name(name.encode("gbk")) == name

WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def word_file() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("全县九年义务教育巩固率达到98%。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def with_part(data: bytes, name: str, content: bytes) -> bytes:
    """The .docx `data` with its part `name` replaced by `content` (the zip itself sound)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in source.infolist():
            copy.writestr(info.filename, content if info.filename == name else source.read(info))
    return buffer.getvalue()


def with_first_part_damaged(data: bytes) -> bytes:
    """The first byte of the first part's compressed data set to 0 (a damaged deflate stream)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        header = package.infolist()[0].header_offset
    name_length, extra_length = struct.unpack_from("<HH", data, header + 26)
    start = header + 30 + name_length + extra_length
    return data[:start] + b"\x00" + data[start + 1:]


def with_central_field(data: bytes, offset: int, value: int) -> bytes:
    """The .docx `data` with a two-byte field of its first central directory entry set."""
    entry = data.index(b"PK\x01\x02")
    return data[:entry + offset] + struct.pack("<H", value) + data[entry + offset + 2:]


# what escaped docx_text before, by damage: all are InputErrors now
DAMAGED_WORD_FILES = {
    # the long fuzz run: a byte of a central directory entry changed (zipfile's NotImplementedError
    # for a version or compression it does not know, RuntimeError for an encrypted part)
    "unknown-zip-version": lambda data: with_central_field(data, 6, 0x1F40),
    "unknown-compression": lambda data: with_central_field(data, 10, 99),
    "encrypted-part": lambda data: with_central_field(data, 8, 1),
    "deflate-stream": with_first_part_damaged,  # zlib.error
    "document-not-well-formed": lambda data: with_part(data, "word/document.xml", b"<w:document"),  # lxml
    "relationships-not-xml": lambda data: with_part(data, "_rels/.rels", b"garbage"),  # lxml XMLSyntaxError
    "content-types-empty": lambda data: with_part(data, "[Content_Types].xml", b"<Types/>"),  # AttributeError
    "document-of-another-kind": lambda data: with_part(data, "word/document.xml", b"<x/>"),  # AttributeError
    "document-without-body": lambda data: with_part(data, "word/document.xml",  # AttributeError
                                                    f'<w:document xmlns:w="{WORD_NS}"/>'.encode()),
}


@pytest.mark.parametrize("damage", DAMAGED_WORD_FILES)
def test_damaged_word_file_is_an_input_error(damage: str, tmp_path: Path) -> None:
    """Found by test_fuzz.py::test_word_files (a byte set to 0); the other shapes of the
    same fault found by hand after. Each escaped process_source as the error named."""
    path = tmp_path / "report.docx"
    path.write_bytes(DAMAGED_WORD_FILES[damage](word_file()))
    (source,) = iter_sources([path])
    assert isinstance(source, SourceFile)
    with pytest.raises(InputError) as error:
        process_source(source)
    assert error.value.path == source.display
    assert error.value.reason.startswith("not a readable .docx")


# ---------------------------------------------------------------- extract

def check_text(text: str) -> list[str]:
    """The properties of test_fuzz.py on one text: it goes through, every offset exact;
    the values of its claims."""
    document = Document(name="found.txt", path="found.txt", sha256="0" * 64, encoding="utf-8", size=0)
    processed = process_text(text, document, explain=True)
    for claim in processed.claims:
        assert text[claim.start:claim.end] == claim.text, claim
    for rejection in processed.rejections:
        assert text[rejection.start:rejection.end] == rejection.text, rejection
    return [str(claim.value) for claim in processed.claims]


# Numbers of 29 significant digits or more once failed the whole document (decimal's 28-digit
# context); numbers.yaml's max_integer_digits now leaves a number that long unread.
@pytest.mark.parametrize("text", [
    "巩固率11111111111111111111111111111%",
    "新增学位1000000000000000000000亿个",  # made 29 digits long by its scale
])
def test_numbers_too_long_to_be_a_figure_are_no_claim(text: str) -> None:
    assert check_text(text) == []


def test_a_long_real_figure_still_reads() -> None:
    assert check_text("全县教育总投入12345678.9万元。") == ["12345678.9"]


def test_a_token_across_a_line_break_lies_inside_its_stored_sentence() -> None:
    """A number alone on its line with its unit on the next (零\n万元, the long fuzz run on a
    .docx): the sentence ended at the line break and the stored sentence ('零') did not
    hold the claim. It now stretches over the whole token."""
    text = "教育局工作总结\n投入资金\n零\n万元。\n"
    document = Document(name="found.txt", path="found.txt", sha256="0" * 64, encoding="utf-8", size=0)
    (claim,) = process_text(text, document).claims
    assert claim.text == "零\n万元" and claim.sentence == "零\n万元"
    assert claim.sentence_start <= claim.start and claim.end <= claim.sentence_start + len(claim.sentence)


def test_a_zip_member_whose_name_is_cut_to_nothing_is_a_failure(tmp_path: Path) -> None:
    """A central directory whose member name opens with a NUL byte (a damaged byte): zipfile
    cuts the name there to nothing, and ZipInfo.is_dir() raised IndexError, which ended the
    batch (found by the long fuzz run). The member is a failure, the others are read."""
    data = bytearray(zip_of([("a.txt", "全县巩固率98%。".encode()), ("b.txt", "全县巩固率97%。".encode())]))
    central = data.index(b"PK\x01\x02")
    data[central + 46] = 0  # the first byte of the first member's name in the central directory
    path = tmp_path / "damaged.zip"
    path.write_bytes(bytes(data))
    items = list(iter_sources([path]))
    assert [type(item).__name__ for item in items] == ["ReadFailure", "SourceFile"]
    assert isinstance(items[0], ReadFailure) and items[0].reason == "a member with no name in the archive"
