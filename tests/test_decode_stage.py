"""Decode and read stages: every encoding we accept, clear errors for the rest, HTML text."""

from __future__ import annotations

import codecs
from pathlib import Path

import opencc
import pytest

from extractor.errors import DecodeError
from extractor.sources.decode import decode_bytes
from extractor.sources.read import ReadFailure, SourceFile, iter_sources, read_file, visible_text

SENTENCE = "全县九年义务教育巩固率达到96.5%，新增学位3000个，投资1450万元。"


@pytest.mark.parametrize(("raw", "encoding"), [
    (SENTENCE.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + SENTENCE.encode("utf-8"), "utf-8-sig"),
    (SENTENCE.encode("gb18030"), "gb18030"),
    (SENTENCE.encode("utf-16"), "utf-16"),
    (opencc.OpenCC("s2tw").convert(SENTENCE * 3).encode("big5"), "big5"),
], ids=["utf-8", "utf-8-bom", "gb18030", "utf-16-bom", "big5-traditional"])
def test_each_encoding_decodes(raw: bytes, encoding: str) -> None:
    decoded = decode_bytes(raw, "report.txt")
    assert decoded.encoding == encoding
    assert "巩固率" in decoded.text or "鞏固率" in decoded.text


def test_a_sample_report_in_gb18030_and_big5(sample_paths: list[Path]) -> None:
    text = sample_paths[0].read_text(encoding="utf-8")
    assert decode_bytes(text.encode("gb18030")).text == text
    traditional = opencc.OpenCC("s2tw").convert(text)
    assert decode_bytes(traditional.encode("big5", errors="replace")).encoding == "big5"


@pytest.mark.parametrize(("raw", "reason"), [
    (b"", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    # no NUL byte, valid UTF-8, but one character in ten a control character
    (("全区新增学位3000个。" + "\x01\x1b\x7f").encode() * 40, "binary content (80 control characters)"),
], ids=["empty", "binary", "control-characters"])
def test_bad_bytes_name_the_file_and_the_reason(raw: bytes, reason: str) -> None:
    with pytest.raises(DecodeError) as caught:
        decode_bytes(raw, "data/bad.txt")
    assert caught.value.path == "data/bad.txt"
    assert reason in caught.value.reason
    assert str(caught.value).startswith("data/bad.txt: ")


def test_html_gives_its_visible_text_only(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text("<html><head><title>t</title><style>p{color:red}</style>"
                    "<script>var x = '新增学位9999个';</script></head>"
                    "<body><p>全区新增学位3000个。</p><div>巩固率99%</div></body></html>", encoding="gb18030")
    source = read_file(page)
    assert isinstance(source, SourceFile) and source.kind == "html"
    text = visible_text(decode_bytes(source.data).text)
    assert "新增学位3000个" in text and "巩固率99%" in text
    assert "9999" not in text and "color" not in text


def test_directories_are_walked_and_unsupported_files_skipped(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "deep.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "top.md").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "scan.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    found = list(iter_sources([tmp_path, tmp_path / "missing.txt"]))
    sources = sorted(Path(s.path).name for s in found if isinstance(s, SourceFile))
    failures = {Path(f.path).name: f for f in found if isinstance(f, ReadFailure)}
    assert sources == ["deep.txt", "top.md"]
    assert failures["scan.doc"].skipped and "unsupported" in failures["scan.doc"].reason
    assert not failures["missing.txt"].skipped and "no such file" in failures["missing.txt"].reason
