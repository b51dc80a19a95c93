"""The whole pipeline on the bundled samples: offsets, encodings, traditional copies."""

from __future__ import annotations

import re
from pathlib import Path

import opencc
import pytest
from conftest import SAMPLES

from extractor.models.records import Claim
from extractor.pipeline import process_source
from extractor.sources.decode import decode_bytes
from extractor.sources.read import SourceFile, read_file
from extractor.text.normalize import matching_view, views_of

SCORED = {"degree_seats", "retention_rate", "admission_rate", "admitted_count", "enrollment_rate",
          "dropout_rate", "dropout_count", "investment", "funding"}


def _claims(source: SourceFile) -> list[Claim]:
    return process_source(source).claims


def _signature(claims: list[Claim]) -> list[tuple[str, str | None, bool]]:
    return [(c.indicator, None if c.value is None else str(c.value), c.placeholder)
            for c in claims if c.indicator in SCORED]


def test_every_claim_points_at_its_token(sample_paths: list[Path]) -> None:
    total = 0
    for path in sample_paths:
        source = read_file(path)
        assert isinstance(source, SourceFile)
        processed = process_source(source)
        for claim in processed.claims:
            assert processed.text[claim.start:claim.end] == claim.text
            assert claim.text in claim.sentence
            total += 1
    assert total >= 50


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_other_encodings_give_the_same_claims(sample_paths: list[Path], encoding: str) -> None:
    for path in sample_paths:
        text = path.read_text(encoding="utf-8")
        original = _claims(SourceFile(str(path), text.encode("utf-8")))
        copy = process_source(SourceFile(str(path), text.encode(encoding)))
        expected = {"gb18030": "gb18030", "utf-16": "utf-16", "utf-8-sig": "utf-8-sig"}[encoding]
        assert copy.document.encoding == expected
        assert _signature(copy.claims) == _signature(original)


def test_full_width_digits_keep_original_offsets() -> None:
    text = "全县小学入学率达到９９．５％，初中巩固率为９８％。"
    claims = _claims(SourceFile("fw.txt", text.encode("utf-8")))
    assert [(c.indicator, str(c.value), c.text, c.level) for c in claims] == [
        ("enrollment_rate", "99.5", "９９．５％", "小学"),
        ("retention_rate", "98", "９８％", "初中"),
    ]
    for claim in claims:
        assert text[claim.start:claim.end] == claim.text


# the half-width punctuation a Chinese page usually sets full-width
_FULL_WIDTH_PUNCTUATION = str.maketrans(",;:!?", "，；：！？")
_ASCII_WORD = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ/")


def _full_width_copy(text: str) -> str:
    """The text as a page typed with full-width punctuation: every , ; : ! ? set wide
    except next to an ASCII letter, digit or slash (12,275, http://, the ?/p> of a
    broken decoding)."""
    out = list(text)
    for i, ch in enumerate(text):
        if ch in ",;:!?":
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if before not in _ASCII_WORD and after not in _ASCII_WORD:
                out[i] = ch.translate(_FULL_WIDTH_PUNCTUATION)
    return "".join(out)


def _shape(source: SourceFile) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """What a copy must keep: each report's metadata and each claim, offsets aside (a
    copy's line ends may be longer), having checked that the offsets point at the claim."""
    processed = process_source(source)
    reports = [(r.title, r.kind, r.year, r.year_masked, r.region, r.region_masked, r.issuer)
               for r in processed.reports]
    for claim in processed.claims:
        assert processed.text[claim.start:claim.end] == claim.text
    claims = [(c.indicator, c.value, _as_typed(c.text), c.qualifier, c.modality, c.level, c.report_index)
              for c in processed.claims]
    return reports, claims


_AS_TYPED = str.maketrans("，；：！？\r\xa0\u3000", ",;:!?\n  ", "\u200b\u200d\xad")


def _as_typed(token: str) -> str:
    """A token's text as the text itself has it (xxxx\\n人 for xxxx  \\r\\n人)."""
    return re.sub(r" *\n[ \n]*", "\n", token.replace("\r\n", "\n").translate(_AS_TYPED))
_REAL_TEXTS = sorted((Path(__file__).parent / "data").glob("*/texts/*.txt")) + sorted(SAMPLES.glob("*.txt"))
# copies of a text that a reader takes for the same text
_COPIES = {
    "full-width punctuation": _full_width_copy,
    "Windows line ends": lambda text: text.replace("\n", "\r\n"),
    "old Mac line ends": lambda text: text.replace("\n", "\r"),
    "no-break spaces": lambda text: text.replace(" ", "\xa0"),
    "indented lines": lambda text: "\n".join("\u3000\u3000" + line if line.strip() else line for line in text.split("\n")),
    "trailing blanks": lambda text: "\n".join(line + "  " for line in text.split("\n")),
    "zero-width spaces": lambda text: text.replace("\n", "\u200b\n").replace("。", "。\u200d"),
    "soft hyphens": lambda text: re.sub(r"(?<=[\d\u4e00-\u9fff])(?=[\d\u4e00-\u9fff])", "\xad", text, count=400),
}


@pytest.mark.parametrize("copy", _COPIES)
@pytest.mark.parametrize("path", _REAL_TEXTS, ids=lambda p: p.name)
def test_a_copy_gives_the_same_reports_and_claims(path: Path, copy: str) -> None:
    """A page typed with ，；：！？, saved with CR LF or CR line ends, spaced with no-break
    spaces, its lines indented with ideographic spaces or ending in blanks, reads as the
    text itself: a full-width copy lost its metadata lines, headlines and salutations; a
    CR LF copy of a08 lost all its claims, a no-break spaced b08 24 of 30; an indent or
    trailing blanks kept a page counter (002) or a PDF line break (b08: 职业高  中生) in;
    zero-width characters at line ends changed 16 of the 35 texts; soft hyphens between
    digits cut numbers short (3\xad200个 was 200个)."""
    text = path.read_text(encoding="utf-8")
    other = _COPIES[copy](text)
    if other == text:
        pytest.skip(f"nothing in {path.name} that the copy changes")
    assert _shape(SourceFile(path.name, other.encode("utf-8"))) == _shape(SourceFile(path.name, text.encode("utf-8")))


def _hard_wrapped(path: Path) -> bool:
    """Whether a text is a PDF's (its sentences broken across lines: see views_of)."""
    views = views_of(matching_view(path.read_text(encoding="utf-8")))
    return views.segmenting is views.reading and views.reading is not views.matching


@pytest.mark.parametrize("path", [p for p in _REAL_TEXTS if _hard_wrapped(p)], ids=lambda p: p.name)
def test_a_double_spaced_pdf_copy_reads_as_the_copy(path: Path) -> None:
    """A PDF's text with a blank line after every line (a08 gave no claim, b08 24 of 30)."""
    text = path.read_text(encoding="utf-8")
    double_spaced = text.replace("\n", "\n\n")
    assert _shape(SourceFile(path.name, double_spaced.encode("utf-8"))) == _shape(SourceFile(path.name, text.encode("utf-8")))


@pytest.mark.parametrize("path", _REAL_TEXTS, ids=lambda p: p.name)
def test_a_big5_traditional_copy_gives_the_same_reports_and_claims(path: Path) -> None:
    """A traditional copy saved in Big5: a text with pinyin debris loses its tone marks
    on the way (學(xu?)位), and b16 lost all its claims to the debris left."""
    text = path.read_text(encoding="utf-8")
    copy = opencc.OpenCC("s2tw").convert(text).encode("big5", errors="replace")
    assert decode_bytes(copy, path.name).encoding == "big5"
    (reports, claims), (copy_reports, copy_claims) = (
        _shape(SourceFile(path.name, data)) for data in (text.encode("utf-8"), copy))
    assert copy_reports == reports
    assert [claim[:2] + claim[3:] for claim in copy_claims] == [claim[:2] + claim[3:] for claim in claims]


@pytest.mark.parametrize("name", ["a01.txt", "a11.txt", "b01.txt", "b03.txt"])
def test_a_letter_spaced_copy_gives_the_same_scored_claims(name: str) -> None:
    """A PDF's letter-spaced text (新 增 学 位 3 2 0 0 个: a space after every character)
    kept 1 of the 467 claims of the real texts."""
    path = Path(__file__).parent / "data" / "dev2" / "texts" / name
    text = path.read_text(encoding="utf-8")
    spaced = re.sub(r"(?<=\S)(?=\S)", " ", text)

    def scored(data: str) -> list[tuple[object, ...]]:
        return [claim for claim in _shape(SourceFile(name, data.encode("utf-8")))[1] if claim[0] in SCORED]

    assert [claim[:2] + claim[3:] for claim in scored(spaced)] == [claim[:2] + claim[3:] for claim in scored(text)]
