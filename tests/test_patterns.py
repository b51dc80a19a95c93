"""The segmentation cues run on the standard `re` engine where it accepts them: the
matches must be the ones the `regex` engine gives, line by line, on real report text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import regex

from extractor.segment.split import cues
from extractor.sources.decode import decode_bytes
from extractor.text.normalize import build_view
from extractor.text.patterns import compile_pattern

ROOT = Path(__file__).resolve().parent.parent
TEXT_DIRS = [ROOT / "data" / "samples", ROOT / "tests" / "data" / "corpus"]


def report_lines() -> list[str]:
    lines: list[str] = []
    for folder in TEXT_DIRS:
        for path in sorted(folder.rglob("*.txt")):
            view = build_view(decode_bytes(path.read_bytes(), str(path)).text).text
            lines += [line.strip() for line in view.split("\n") if line.strip()]
    return lines


def cue_patterns() -> list[tuple[str, re.Pattern[str] | regex.Pattern[str]]]:
    found = []
    for name, value in vars(cues()).items():
        for i, item in enumerate(value if isinstance(value, list) else [value]):
            if hasattr(item, "fullmatch"):
                found.append((f"{name}[{i}]", item))
    return found


@pytest.fixture(scope="module")
def lines() -> list[str]:
    return report_lines()


def test_most_cues_run_on_the_standard_engine() -> None:
    on_re = [name for name, p in cue_patterns() if isinstance(p, re.Pattern)]
    assert len(on_re) >= len(cue_patterns()) * 3 // 4


@pytest.mark.parametrize(("name", "pattern"), cue_patterns(), ids=[n for n, _ in cue_patterns()])
def test_both_engines_match_the_same(name: str, pattern: re.Pattern[str] | regex.Pattern[str],
                                     lines: list[str]) -> None:
    reference = regex.compile(pattern.pattern, pattern.flags & (regex.MULTILINE | regex.VERBOSE))
    for line in lines:
        for method in ("fullmatch", "search"):
            ours, theirs = getattr(pattern, method)(line), getattr(reference, method)(line)
            assert (ours and ours.span()) == (theirs and theirs.span()), (name, method, line)


@pytest.mark.parametrize(("pattern", "text", "span"), [
    (r"[\p{Han}·]{2,8}(?:摄|报道)", "记者:王小明摄", (3, 7)),
    (r"\p{Han}{2}教育", "娄星教育", (0, 4)),
    (r"[^\p{Han}]+", "abc教育", (0, 3)),
])
def test_han_property_becomes_ranges(pattern: str, text: str, span: tuple[int, int]) -> None:
    compiled = compile_pattern(pattern)
    assert isinstance(compiled, re.Pattern)
    found = compiled.search(text)
    assert found is not None and found.span() == span


def test_patterns_re_cannot_run_stay_on_regex() -> None:
    assert not isinstance(compile_pattern(r"(?<=\p{Han}{2,4})区"), re.Pattern)
    assert not isinstance(compile_pattern("率", regex.REVERSE), re.Pattern)
