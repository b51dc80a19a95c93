"""The one table of Han characters, and the named blocks the stages use.

`HAN_RANGES` is every code point the `regex` module's ``\\p{Han}`` matches (Unicode's Han
script: the CJK ideograph blocks, their extensions and compatibility forms, radicals,
々, 〇 and the Hangzhou numerals), as inclusive ranges. It is written out here, not
computed at start (a scan of every code point costs a sixth of a second per process);
`python -m extractor.text.han` prints it afresh from the installed `regex`, and
tests/test_han.py fails when the two differ.
"""

from __future__ import annotations

Range = tuple[int, int]

HAN_RANGES: tuple[Range, ...] = (
    (0x2E80, 0x2E99), (0x2E9B, 0x2EF3), (0x2F00, 0x2FD5), (0x3005, 0x3005), (0x3007, 0x3007),
    (0x3021, 0x3029), (0x3038, 0x303B), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFA6D),
    (0xFA70, 0xFAD9), (0x16FE2, 0x16FE3), (0x16FF0, 0x16FF6), (0x20000, 0x2A6DF), (0x2A700, 0x2B81E),
    (0x2B820, 0x2CEAD), (0x2CEB0, 0x2EBE0), (0x2EBF0, 0x2EE5D), (0x2F800, 0x2FA1D), (0x30000, 0x3134A),
    (0x31350, 0x33479),
)

# named blocks inside HAN_RANGES
CJK_UNIFIED: Range = (0x4E00, 0x9FFF)  # the common ideographs (GB2312's and Big5's all lie here)
CJK_EXTENSION_A: Range = (0x3400, 0x4DBF)

def class_body(ranges: tuple[Range, ...] = HAN_RANGES) -> str:
    r"""The ranges as the inside of a regex character class.

    >>> class_body(((0x4E00, 0x9FFF), (0x3007, 0x3007)))
    '\\u4e00-\\u9fff\\u3007'
    """
    return "".join(_escaped(low) if low == high else f"{_escaped(low)}-{_escaped(high)}"
                   for low, high in ranges)


def _escaped(code: int) -> str:
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def scan_han_ranges() -> tuple[Range, ...]:
    """HAN_RANGES as the installed `regex` module sees them (slow: every code point)."""
    import regex

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    return tuple((ord(m.group()[0]), ord(m.group()[-1])) for m in regex.finditer(r"\p{Han}+", every))


if __name__ == "__main__":
    print(",\n".join(f"(0x{low:X}, 0x{high:X})" for low, high in scan_han_ranges()))
