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


def compile_pattern(pattern: str, flags: int = 0, scans_texts: bool = False) -> Pattern:
    """`pattern` compiled by `re` when it can be, else by `regex`.

    `re` answers a call several times faster, which is what counts for matches at a
    place and searches in short windows. A search through a whole text (`scans_texts`)
    is faster on `re` only when the pattern starts with a literal or a character class,
    which `re` skips ahead to; one starting with a lookaround, a repeat or a branch of
    classes runs several times faster on `regex`.

    >>> isinstance(compile_pattern(r"[\\p{Han}·]{2,8}(?:摄|报道)"), re.Pattern)
    True
    >>> isinstance(compile_pattern(r"(?<=\\p{Han}{2,4})区"), re.Pattern)  # variable lookbehind
    False
    >>> isinstance(compile_pattern("率", regex.REVERSE), re.Pattern)
    False
    >>> scanning = [compile_pattern(p, scans_texts=True) for p in ("全市", r"(?<!\\d)20\\d\\d年")]
    >>> [isinstance(p, re.Pattern) for p in scanning]
    [True, False]
    """
    if int(flags) & ~SHARED_FLAGS:  # as ints: `~` on a flag enum drops unknown bits
        return regex.compile(pattern, flags)
    try:
        compiled = re.compile(_han_as_ranges(pattern), flags)
    except re.error:
        return regex.compile(pattern, flags)
    if scans_texts and not _skips_ahead(compiled):
        return regex.compile(pattern, flags)
    return compiled


def _skips_ahead(compiled: re.Pattern[str]) -> bool:
    """Whether `re` searches for the pattern by its literal prefix or first-character set.

    This asks the standard library's own compiler (a private module, stable since 3.11);
    if it is not there, `re` is kept.
    """
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(compiled.pattern, compiled.flags)
        prefix, _, _ = _compiler._get_literal_prefix(parsed, compiled.flags)
        return bool(prefix) or bool(_compiler._get_charset_prefix(parsed, compiled.flags))
    except (ImportError, AttributeError, TypeError, ValueError):
        return True


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
