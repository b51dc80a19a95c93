"""The one Han table: exactly what `regex` calls \\p{Han}, on both engines."""

from __future__ import annotations

import re

import pytest
import regex

from extractor.text.han import HAN_RANGES, scan_han_ranges
from extractor.text.patterns import compile_pattern, engine_for

EVERY_CHARACTER = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)


def test_the_table_is_what_regex_says() -> None:
    # written out in extractor/text/han.py; regenerate with `python -m extractor.text.han`
    assert scan_han_ranges() == HAN_RANGES


@pytest.mark.parametrize("pattern", [r"\p{Han}", r"[\p{Han}]", r"[\p{Han}0-9]", r"[^\p{Han}]"])
def test_every_code_point_matches_alike_on_both_engines(pattern: str) -> None:
    on_re = compile_pattern(pattern)
    assert isinstance(on_re, re.Pattern)  # the translated ranges
    on_regex = regex.compile(pattern)
    assert on_re.findall(EVERY_CHARACTER) == on_regex.findall(EVERY_CHARACTER)


def test_the_table_covers_what_the_old_ranges_missed() -> None:
    pattern = compile_pattern(r"\p{Han}")
    for character in ("⺀", "⼀", "〡", "𪜀", "𰀀", "丽"):  # radicals, Hangzhou numerals, ext. C, G, compat.
        assert pattern.fullmatch(character), f"U+{ord(character):04X}"


@pytest.mark.parametrize(("pattern", "scans", "engine"), [
    ("(?:为大家收集|供大家参考)", True, "re"),           # a literal opens every alternative
    (r"[((][ \t]*(?:https?://)?", True, "re"),            # a class opens it
    ("&[a-zA-Z]{2,8};?", True, "re"),
    ("(?:全|我|本)(?P<level>(?:省|市))", True, "re"),
    ("(?m)^[a-z]{1,6};", True, "regex"),                  # an inline flag and an anchor
    (r"(?P<digits>(?<![\d.])(?:19|20)\d{2})", True, "regex"),  # a lookbehind
    (r"(?P<stem>\p{Han}{2})(?:教育|教化)", True, "regex"),      # a property
    ("(?:[xX]{2,4}|某)(?P<suffix>市|区)", True, "regex"),       # an alternative opens with a class
    ("(?:全|我)?县", True, "regex"),                       # the opening group is optional
    (r"(?P<stem>\p{Han}{2})(?:教育|教化)", False, "re"),     # matched at a place: re whatever it opens with
    (r"(?<=\p{Han}{2,4})区", False, "regex"),              # re cannot compile it
])
def test_the_engine_rule(pattern: str, scans: bool, engine: str) -> None:
    assert engine_for(pattern, scans_texts=scans) == engine
