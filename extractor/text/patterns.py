"""Compiling the vocabulary's patterns, on the engine that runs each one faster.

The data files write patterns in the `regex` module's syntax. Most of them (word
alternations, character classes, fixed lookbehinds) are also valid for the standard
library's `re`, which answers a call several times faster; the rest (variable-width
lookbehinds, reverse searches, Unicode properties other than Han) stay on `regex`.
``\\p{Han}`` means the same characters on both: on `re` it is written out as the ranges
of extractor/text/han.py, which are exactly what `regex` matches (tests/test_han.py
checks every code point).

The rule, `engine_for`, reads the pattern only through the engines' public `compile`:
1. flags that only `regex` knows (REVERSE, ...) -> `regex`;
2. a pattern that `re` cannot compile -> `regex`;
3. a pattern that searches whole texts (`scans_texts`) -> `re` only when it opens with a
   literal character, a bracketed class, or a group whose every alternative opens with a
   literal character: `re` then skips ahead to the places that can match, while a pattern
   opening with a lookaround, an anchor, a repeat or a property is several times faster
   on `regex`;
4. otherwise (matches at a place, searches in short windows) -> `re`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import regex

from extractor.text.han import class_body

# a compiled pattern or match of either engine: both offer search, match, fullmatch,
# finditer, findall and sub with the same signatures
Pattern = re.Pattern[str] | regex.Pattern[str]
Match = re.Match[str] | regex.Match[str]

HAN_PROPERTY = r"\p{Han}"
HAN_CLASS_BODY = class_body()
# flags both engines share, by value
SHARED_FLAGS = int(re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE)
# characters that are not literal where a pattern opens
_SPECIAL = frozenset(".^$*+?{}[]\\|()")
# escapes of one literal character (\. \- \( ...); a letter escape is a class or an anchor
_LITERAL_ESCAPE = re.compile(r"\\[^A-Za-z0-9]")


def compile_pattern(pattern: str, flags: int = 0, scans_texts: bool = False) -> Pattern:
    """`pattern` compiled by the engine `engine_for` names.

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
    if engine_for(pattern, flags, scans_texts) == "re":
        return re.compile(han_as_ranges(pattern), flags)
    return regex.compile(pattern, flags)


def engine_for(pattern: str, flags: int = 0, scans_texts: bool = False) -> str:
    """"re" or "regex": the engine that runs `pattern` (see the module's rule).

    >>> engine_for("(?:为大家收集|供大家参考)", scans_texts=True)
    're'
    >>> engine_for(r"(?P<stem>\\p{Han}{2})(?:教育|教化)", scans_texts=True)
    'regex'
    >>> engine_for(r"(?P<stem>\\p{Han}{2})(?:教育|教化)")
    're'
    """
    if int(flags) & ~SHARED_FLAGS:  # as ints: `~` on a flag enum drops unknown bits
        return "regex"
    try:
        re.compile(han_as_ranges(pattern), flags)
    except re.error:
        return "regex"
    if scans_texts and not opens_with_literal(pattern):
        return "regex"
    return "re"


def opens_with_literal(pattern: str) -> bool:
    """Whether every match of `pattern` starts with a literal character or a bracketed class.

    >>> [opens_with_literal(p) for p in ("全市", "[((]x", r"\\.5", "(?:全|我|本)县", "(?:[xX]{2}|某)")]
    [True, True, True, True, False]
    >>> [opens_with_literal(p) for p in (r"(?<![\\d])20", "(?m)^年", r"\\d年", "(?:全|我)?县", "a|(b)")]
    [False, False, False, False, False]
    """
    if not pattern:
        return False
    if pattern[0] == "[":
        return True
    if pattern.startswith(("(?:", "(?P<")):
        body_start = 3 if pattern.startswith("(?:") else pattern.index(">") + 1
        close = _closing_paren(pattern, 0)
        if close is None or pattern[close + 1:close + 2] in ("?", "*", "{"):
            return False  # an optional group: the match may open after it
        alternatives = _top_level_alternatives(pattern[body_start:close])
        return all(_opens_with_character(a) for a in alternatives)
    return len(_top_level_alternatives(pattern)) == 1 and _opens_with_character(pattern)


def _opens_with_character(pattern: str) -> bool:
    """A literal character first, not made optional by a quantifier after it."""
    if not pattern:
        return False
    if pattern[0] == "\\":
        first = _LITERAL_ESCAPE.match(pattern)
        if first is None:
            return False
        rest = pattern[2:]
    elif pattern[0] in _SPECIAL:
        return False
    else:
        rest = pattern[1:]
    return not rest.startswith(("?", "*", "{0"))


def _closing_paren(pattern: str, opening: int) -> int | None:
    """The index of the parenthesis closing the one at `opening`, classes and escapes skipped."""
    depth, i, in_class = 0, opening, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None


def _top_level_alternatives(pattern: str) -> list[str]:
    """`pattern` split at its `|`s outside groups and classes."""
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def han_as_ranges(pattern: str) -> str:
    """``\\p{Han}`` written out as its ranges, inside a character class or as one.

    >>> han_as_ranges(r"[\\p{Han}·]") == "[" + HAN_CLASS_BODY + "·]"
    True
    """
    if HAN_PROPERTY not in pattern:
        return pattern
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        if pattern.startswith(HAN_PROPERTY, i):
            out.append(HAN_CLASS_BODY if in_class else f"[{HAN_CLASS_BODY}]")
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


# ---------------------------------------------------------------- building patterns

def words(items: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first.

    >>> words(["小学", "中小学", "小学"])
    '中小学|小学'
    """
    return "|".join(regex.escape(w) for w in sorted(set(items), key=len, reverse=True))


def unsplit_words(items: Iterable[str], markers: Iterable[str]) -> str:
    """Like `words`, but a word does not match where its head is the tail of a marker
    word: 其中小学 holds 小学, not 中小学; 其中学生 holds no 中学.

    >>> regex.search(unsplit_words(["中小学", "小学"], ["其中"]), "其中小学").group()
    '小学'
    """
    alternatives = []
    for word in sorted(set(items), key=len, reverse=True):
        guards = [marker[:-k] for marker in markers for k in range(1, min(len(marker), len(word)) + 1)
                  if marker[-k:] == word[:k] and marker[:-k]]
        lookbehind = "".join(f"(?<!{regex.escape(g)})" for g in guards)
        alternatives.append(lookbehind + regex.escape(word))
    return "|".join(alternatives)


def alternation(patterns: Iterable[str]) -> str:
    """Small patterns (not escaped) as one group, longest first.

    >>> alternation(["区", "自治区", "县"])
    '(?:自治区|区|县)'
    """
    return "(?:" + "|".join(sorted(patterns, key=len, reverse=True)) + ")"


def reverse(pattern: str) -> regex.Pattern[str]:
    """A pattern searched right to left: `.search(text, pos, endpos)` finds the nearest match."""
    return regex.compile(pattern, regex.REVERSE)
