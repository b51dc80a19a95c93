"""Compiling the vocabulary's patterns on the faster engine that understands them.

The data files write patterns in the `regex` module's syntax. Most of them (word
alternations, character classes, fixed lookbehinds) are also valid for the standard
library's `re`, which runs them several times faster; the rest (variable-width
lookbehinds, reverse searches, Unicode properties other than Han) stay on `regex`.
"""

from __future__ import annotations

import re

import regex

# a compiled pattern or match of either engine: both offer search, match, fullmatch,
# finditer, findall and sub with the same signatures
Pattern = re.Pattern[str] | regex.Pattern[str]
Match = re.Match[str] | regex.Match[str]

# \p{Han} as code point ranges: CJK unified (with extensions A and B), compatibility
# ideographs, 々 and 〇
HAN_RANGES = "\u3005\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002a6df"
HAN_PROPERTY = r"\p{Han}"
# flags both engines share, by value
SHARED_FLAGS = int(re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE)


def compile_pattern(pattern: str, flags: int = 0) -> Pattern:
    """`pattern` compiled by `re` when it can be, else by `regex`.

    >>> isinstance(compile_pattern(r"[\\p{Han}·]{2,8}(?:摄|报道)"), re.Pattern)
    True
    >>> isinstance(compile_pattern(r"(?<=\\p{Han}{2,4})区"), re.Pattern)  # variable lookbehind
    False
    >>> isinstance(compile_pattern("率", regex.REVERSE), re.Pattern)
    False
    """
    if int(flags) & ~SHARED_FLAGS:  # as ints: `~` on a flag enum drops unknown bits
        return regex.compile(pattern, flags)
    try:
        return re.compile(_han_as_ranges(pattern), flags)
    except re.error:
        return regex.compile(pattern, flags)


def _han_as_ranges(pattern: str) -> str:
    """Replace \\p{Han} by its ranges, inside a character class or as one."""
    if HAN_PROPERTY not in pattern:
        return pattern
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        if pattern.startswith(HAN_PROPERTY, i):
            out.append(HAN_RANGES if in_class else f"[{HAN_RANGES}]")
            i += len(HAN_PROPERTY)
            continue
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class and out and out[-1] != "[":
            in_class = False
        out.append(ch)
        i += 1
    return "".join(out)
