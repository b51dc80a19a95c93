"""Sets of characters tested against a whole text at once, as numpy lookups.

A Python-level scan (`set.isdisjoint(text)`, a regex with a big character class, a
generator over the characters) costs about a microsecond per character of a report;
a lookup table indexed by the text's code points costs a few nanoseconds.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import numpy as np


def code_points(text: str) -> np.ndarray:
    """The text's code points as a uint32 array."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")


def look_up(table: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """table[codes], with a code point past the table's end reading its last entry (which
    the tables keep empty)."""
    found: np.ndarray = table.take(np.minimum(codes, len(table) - 1))  # take: faster than []
    return found


class CharacterSet:
    """A set of characters with vectorized membership over a text.

    >>> CharacterSet(",。").mask_of(code_points("甲,乙。丙")).tolist()
    [False, True, False, True, False]
    >>> CharacterSet("學").count("学前教育"), CharacterSet("學").count("學學")
    (0, 2)
    """

    def __init__(self, characters: Iterable[str]) -> None:
        codes = [ord(ch) for ch in characters]
        self.table = np.zeros(max(codes, default=0) + 2, dtype=bool)  # the last entry stays False
        self.table[codes] = True

    def mask_of(self, codes: np.ndarray) -> np.ndarray:
        """Membership of each of a text's code points (see code_points)."""
        return look_up(self.table, codes)

    def count(self, text: str) -> int:
        return self.count_of(code_points(text))

    def count_of(self, codes: np.ndarray) -> int:
        """How many of a text's code points are in the set."""
        return int(np.count_nonzero(self.mask_of(codes)))


class CharacterFlags:
    """Several named character sets looked up at once: a table of bit flags, so that one
    lookup per text answers membership in all of them.

    >>> flags = CharacterFlags({"digit": "0123456789", "dot": "."})
    >>> f = flags.flags_of(code_points("9.x"))
    >>> (f & flags.bits["digit"]).tolist(), (f & flags.bits["dot"]).tolist()
    ([1, 0, 0], [0, 2, 0])
    """

    def __init__(self, sets: dict[str, Iterable[str]]) -> None:
        if len(sets) > 8:
            raise ValueError("at most 8 sets fit the flags' byte")
        self.bits = {name: 1 << i for i, name in enumerate(sets)}
        members = {name: [ord(ch) for ch in chars] for name, chars in sets.items()}
        size = max((max(codes, default=0) for codes in members.values()), default=0) + 2
        self.table = np.zeros(size, dtype=np.uint8)  # the last entry stays 0
        for name, codes in members.items():
            self.table[codes] |= self.bits[name]

    def flags_of(self, codes: np.ndarray) -> np.ndarray:
        """The flags of each of a text's code points (see code_points)."""
        return look_up(self.table, codes)


@lru_cache(maxsize=16)
def character_set(characters: str) -> CharacterSet:
    """A CharacterSet of a string's characters, built once per string."""
    return CharacterSet(characters)


class CodeMap:
    """`str.translate` with a code point -> code point mapping, done on a text's code
    points at once.

    >>> CodeMap({ord("９"): ord("9")}).translate("９９%", code_points("９９%"))
    ('99%', array([57, 57, 37], dtype=uint32))
    """

    def __init__(self, mapping: dict[int, int]) -> None:
        self.changed = CharacterSet(map(chr, mapping))
        self.table = np.arange(max(mapping) + 1, dtype=np.uint32)
        self.table[list(mapping)] = list(mapping.values())

    def translate(self, text: str, codes: np.ndarray) -> tuple[str, np.ndarray]:
        """The translated text and its code points; `codes` are the text's."""
        changed = self.changed.mask_of(codes)
        if not changed.any():
            return text, codes
        out = codes.copy()
        out[changed] = self.table[codes[changed]]
        return out.tobytes().decode("utf-32-le", "surrogatepass"), out
