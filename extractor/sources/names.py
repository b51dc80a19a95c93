"""File and member names of any bytes: how they are decoded, stored and shown.

A name is bytes (on disk, in a tar header, in a zip directory). It is decoded the way a
Chinese archive most likely meant it:

1. UTF-8, when all its bytes decode as UTF-8 (and are no GB18030 in disguise: a short
   GBK name like 小学 is valid UTF-8 too, extractor.sources.decode.disguised_legacy);
2. else GB18030 (a superset of GBK and GB2312), what Chinese Windows zip tools and a
   copy from a Chinese Windows disk write, when all its bytes decode so;
3. else, with each byte that fits neither written as ``\\xNN``, in whichever of the two
   leaves fewer such bytes (UTF-8 on a tie).

Then `printable` writes every character a terminal acts on as an escape (the control
characters C0, DEL and C1, the line and paragraph separators, the bidirectional
formatting characters, and lone surrogates). That *safe form* is what is stored in the
database and shown; it is plain text that any database and terminal take. Text that is
no name (a sentence, a cell of a query) keeps its line feeds and tabs. A literal
backslash is kept, so a name that really contains ``\\xff`` looks like one that had the
byte 0xFF: the form looks reversible but is not always.
"""

from __future__ import annotations

import re

from extractor.sources.decode import disguised_legacy

NAME_ENCODINGS = ("utf-8", "gb18030")  # in this order: see the module's doc
FIRST_ESCAPED_BYTE, LAST_ESCAPED_BYTE = 0xDC80, 0xDCFF  # Python's surrogate escapes of bytes
# what a terminal may act on: C0, DEL, C1, U+061C (Arabic letter mark), U+200E/U+200F
# (left-to-right and right-to-left marks), U+2028-U+202E (line and paragraph separators,
# bidi embeddings and overrides), U+2066-U+2069 (bidi isolates), and every surrogate
NOT_PRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")
NOT_PRINTABLE_IN_LINES = re.compile(  # the same but line feed and tab
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


def decode_name(raw: bytes) -> str:
    """A name's bytes as text: UTF-8, else GB18030, else the closer with ``\\xNN`` escapes.

    >>> decode_name("工作总结.txt".encode()), decode_name("工作总结.txt".encode("gbk"))
    ('工作总结.txt', '工作总结.txt')
    >>> print(decode_name(b"report\\xff.txt"), decode_name("中".encode("gbk") + b"\\xff"))
    report\\xff.txt 中\\xff
    >>> decode_name("小学.txt".encode("gbk")), decode_name("Müller.txt".encode())
    ('小学.txt', 'Müller.txt')
    """
    for encoding in NAME_ENCODINGS:
        try:
            name = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding != "utf-8" or disguised_legacy(raw, name, ("gb18030",)) is None:
            return name
    candidates = [raw.decode(encoding, "backslashreplace") for encoding in NAME_ENCODINGS]
    return min(candidates, key=lambda text: text.count("\\x"))  # first of the fewest escapes


def name_bytes(name: str) -> bytes:
    """The bytes of a name the operating system or tarfile gave with surrogate escapes
    (undecodable bytes as U+DC80-U+DCFF; os.fsencode does the same on POSIX).

    >>> name_bytes("a\\udcff.txt")
    b'a\\xff.txt'
    """
    return name.encode("utf-8", "surrogateescape")


def decode_os_name(name: str) -> str:
    """A name as Python gave it (surrogate escapes and all) decoded by `decode_name`.

    >>> decode_os_name("\\udcb9\\udca4\\udcd7\\udcf7.txt"), decode_os_name("报告.txt")
    ('工作.txt', '报告.txt')
    """
    try:
        return decode_name(name_bytes(name))
    except UnicodeEncodeError:  # a surrogate that stands for no byte: `printable` escapes it
        return name


def safe_name(name: str) -> str:
    """The safe form of a name as Python gave it: what is stored and shown.

    >>> print(safe_name("a\\udcff.txt"), safe_name("\\x1b[2J.txt"), safe_name("\\ud800"))
    a\\xff.txt \\x1b[2J.txt \\ud800
    """
    return printable(decode_os_name(name))


def printable(text: str, lines: bool = False) -> str:
    """`text` with every character a terminal acts on written as an escape: ``\\xNN``
    below U+0080 and for a surrogate escape of the byte NN, ``\\uNNNN`` above; with
    `lines`, line feeds and tabs are kept. What this returns is left as it is by a second
    call.

    >>> print(printable("a\\x1b[2Jb\\tc\\x85d\\u202ee\\udcff"))
    a\\x1b[2Jb\\x09c\\u0085d\\u202ee\\xff
    >>> printable("教育局 2015年.txt"), printable("上线率\\n98%\\r\\x1b[2J", lines=True)
    ('教育局 2015年.txt', '上线率\\n98%\\\\x0d\\\\x1b[2J')
    """
    return (NOT_PRINTABLE_IN_LINES if lines else NOT_PRINTABLE).sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x80:
        return f"\\x{code:02x}"
    if FIRST_ESCAPED_BYTE <= code <= LAST_ESCAPED_BYTE:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"
