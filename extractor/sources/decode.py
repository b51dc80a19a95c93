"""Decode stage: bytes -> text, recording the encoding.

Order of preference: a byte-order mark (UTF-8, UTF-16) wins; then strict UTF-8, unless
it is GB18030 or Big5 in disguise (`disguised_legacy`: a short Chinese text such as 小学 or
篇一 whose bytes happen to be valid UTF-8); then UTF-16-LE with no mark when its reading is
all but Han, common characters (`_utf16_without_mark`); then strict GB18030 and Big5 (when both decode,
the one giving mostly its own standard's common characters); then charset-normalizer
restricted to the encodings Chinese reports actually use, for bytes none of them decodes
cleanly.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import cache

import numpy as np

from extractor.errors import DecodeError
from extractor.text.codepoints import CharacterSet, code_points
from extractor.text.han import CJK_UNIFIED, class_body

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
CANDIDATE_ENCODINGS = ["gb18030", "big5", "utf_16", "utf_8"]
# share of control characters (other than whitespace) above which a file is binary
MAX_CONTROL_SHARE = 0.01
# control characters other than whitespace, counted as a numpy lookup (a regex scan is slower)
CONTROL_CODES = frozenset([*range(0x00, 0x09), *range(0x0E, 0x20)])
CONTROL_CHARACTERS = CharacterSet(map(chr, CONTROL_CODES))
CONTROL_SAMPLE = 20000  # characters looked at
# in these encodings a byte below 0x20 is always that ASCII character and nothing else
# decodes to one, so bytes without a control byte make text without a control character
ASCII_COMPATIBLE = frozenset({"utf-8", "utf-8-sig", "gb18030", "big5"})
NOT_CONTROL_BYTES = bytes(b for b in range(256) if b not in CONTROL_CODES)
HANZI_FIRST, HANZI_LAST = CJK_UNIFIED  # the common Han characters
# Unicode's private use area: no report character; bytes decoded in the wrong legacy
# encoding land there (Big5 bytes read as GB18030: 2017年光山縣 -> 2017\ue6e4…)
PRIVATE_FIRST, PRIVATE_LAST = 0xE000, 0xF8FF
SAMPLE_BYTES = 8000  # enough text to tell GB18030 from Big5 by their common characters
# first-level (common) characters: GB2312 rows 0xB0-0xD7, Big5 0xA440-0xC67E
LEVEL_ONE_BYTES = {"gb18030": ((0xB0, 0xD7), (0xA1, 0xFE)), "big5": ((0xA4, 0xC6), (0x40, 0xFE))}
# legacy Chinese bytes that also decode as UTF-8 (disguised_legacy)
LEGACY_ENCODINGS = ("gb18030", "big5")
LEGACY_COMMON_SHARE = 0.9  # of its Han characters, first-level ones
# UTF-16-LE with no byte-order mark and no NUL byte: a reading at least this Han (_utf16_without_mark)
UTF16_HAN_SHARE = 0.8
_HAN = re.compile(f"[{class_body()}]")
_PAST_LATIN1 = re.compile("[^\x00-\xff]")


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str


def decode_bytes(raw: bytes, path: str = "<bytes>") -> DecodedText:
    """Decode a report file, or raise DecodeError naming the file and the reason.

    >>> decode_bytes("巩固率99%".encode("gb18030")).encoding
    'gb18030'
    >>> decode_bytes(codecs.BOM_UTF8 + "入学率".encode()).text
    '入学率'
    """
    if not raw:
        raise DecodeError(path, "empty file")
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            try:
                return _checked(raw.decode(encoding), encoding, path, raw)
            except UnicodeDecodeError as exc:
                raise DecodeError(path, f"invalid {encoding} after byte-order mark: {exc.reason}") from exc
    if b"\x00" in raw[:4096]:
        raise DecodeError(path, "binary content (NUL bytes, no UTF-16 byte-order mark)")
    utf8 = _decoded(raw, "utf-8")
    if utf8 is not None and disguised_legacy(raw, utf8) is None:
        return _checked(utf8, "utf-8", path, raw)
    if (wide := _utf16_without_mark(raw)) is not None:
        return _checked(wide, "utf-16-le", path, raw)
    decoded = {encoding: text for encoding in ("gb18030", "big5")
               if (text := _decoded(raw, encoding)) is not None}
    if decoded:  # both, mostly: Big5 bytes are valid GB18030 too
        encoding = _prefer_common_characters(raw) if len(decoded) == 2 else next(iter(decoded))
        return _checked(decoded[encoding], encoding, path, raw)
    # neither decodes cleanly: let charset-normalizer weigh the candidates
    from charset_normalizer import from_bytes  # here: rarely needed

    matches = from_bytes(raw, cp_isolation=CANDIDATE_ENCODINGS)
    best = matches.best()
    if best is None:
        raise DecodeError(path, "not text in UTF-8, UTF-16, GB18030 or Big5")
    encoding = codecs.lookup(best.encoding).name
    try:
        return _checked(raw.decode(encoding), encoding, path, raw)
    except UnicodeDecodeError as exc:
        raise DecodeError(path, f"invalid {encoding}: {exc.reason}") from exc


def _utf16_without_mark(raw: bytes) -> str | None:
    """The text of UTF-16-LE bytes with no byte-order mark, when they are that: text of
    Han characters only has no NUL byte to tell it by, and its bytes often decode as
    GB18030 too (教育局工作總結 -> Ye瞼@\\錧…). They are UTF-16 when that reading is at least
    `UTF16_HAN_SHARE` Han, almost all of them common ones (GB2312's or Big5's first level).

    >>> _utf16_without_mark("教育局工作總結".encode("utf-16-le"))
    '教育局工作總結'
    >>> _utf16_without_mark("教育局工作总结".encode("gb18030")) is None
    True
    """
    if len(raw) % 2:
        return None
    text = _decoded(raw, "utf-16-le")
    if text is None or not text:
        return None
    _, hanzi, _ = _han_counts(text, LEGACY_ENCODINGS[0])
    if hanzi < UTF16_HAN_SHARE * len(text):
        return None
    return text if any(_mostly_common_han(text, encoding) for encoding in LEGACY_ENCODINGS) else None


def disguised_legacy(raw: bytes, utf8: str, encodings: tuple[str, ...] = LEGACY_ENCODINGS) -> str | None:
    """The legacy encoding (GB18030, Big5) that `raw`, valid UTF-8 reading as `utf8`, is
    really in, or None.

    Only a short Chinese text is valid UTF-8 by chance (小学 in GB18030 reads as Сѧ): its
    UTF-8 reading has no Han character and some letters past Latin-1 (Cyrillic, Armenian,
    Latin Extended: accented Western letters alone, as in café, are left as UTF-8), and
    the legacy reading is Han, almost all of its standard's common characters.

    >>> disguised_legacy("小学".encode("gb18030"), "Сѧ"), disguised_legacy("学".encode(), "学")
    ('gb18030', None)
    >>> disguised_legacy("résumé".encode(), "résumé"), disguised_legacy("lǜ".encode(), "lǜ")
    (None, None)
    """
    if utf8.isascii() or _HAN.search(utf8) or not _PAST_LATIN1.search(utf8):
        return None
    for encoding in encodings:
        legacy = _decoded(raw, encoding)
        if legacy is not None and _mostly_common_han(legacy, encoding):
            return encoding
    return None


def _mostly_common_han(text: str, encoding: str) -> bool:
    common, hanzi, _ = _han_counts(text, encoding)
    return hanzi > 0 and common >= LEGACY_COMMON_SHARE * hanzi


def _han_counts(text: str, encoding: str) -> tuple[int, int, int]:
    """How many of `text`'s characters are first-level characters of `encoding`'s standard,
    common Han characters, and private-use characters."""
    codes = code_points(text)
    hanzi = int(np.count_nonzero((codes >= HANZI_FIRST) & (codes <= HANZI_LAST)))
    private = int(np.count_nonzero((codes >= PRIVATE_FIRST) & (codes <= PRIVATE_LAST)))
    return _level_one(encoding).count_of(codes), hanzi, private


def _decoded(raw: bytes, encoding: str) -> str | None:
    """The text of `raw` in `encoding`, or None when it does not decode strictly."""
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return None


def _prefer_common_characters(raw: bytes) -> str:
    """Settle GB18030 against Big5 on short texts, where the detector is unsure.

    Both decode most double-byte input; the right one yields mostly characters of
    its own standard's first level (the common characters), the wrong one does not, and
    the wrong one's private-use characters count against it.

    >>> _prefer_common_characters("2017年光山縣高考再創輝煌".encode("big5"))
    'big5'
    >>> _prefer_common_characters("2017年光山县高考再创辉煌".encode("gb18030"))
    'gb18030'
    """
    gb, big5 = _common_share(raw, "gb18030"), _common_share(raw, "big5")
    if abs(gb - big5) < 0.05:
        return "gb18030"  # a tie: mainland reports are far more often GB-encoded
    return "gb18030" if gb > big5 else "big5"


def _common_share(raw: bytes, encoding: str) -> float:
    try:
        # an incremental decoder leaves a character cut at the sample's end undecoded
        text = codecs.getincrementaldecoder(encoding)().decode(raw[:SAMPLE_BYTES], final=False)
    except UnicodeDecodeError:
        return 0.0
    common, hanzi, private = _han_counts(text, encoding)
    if not hanzi:
        return -1.0 if private else 0.0  # b'\xa1@': Big5's ideographic space, GB18030's private use
    return common / (hanzi + private)


@cache
def _level_one(encoding: str) -> CharacterSet:
    """The first-level characters of GB2312 (for gb18030) or of Big5, as a set."""
    (lead_low, lead_high), (trail_low, trail_high) = LEVEL_ONE_BYTES[encoding]
    chars: set[str] = set()
    for lead in range(lead_low, lead_high + 1):
        for trail in range(trail_low, trail_high + 1):
            if encoding == "big5" and not 0xA440 <= (lead << 8 | trail) <= 0xC67E:
                continue
            try:
                chars.add(bytes((lead, trail)).decode(encoding))
            except UnicodeDecodeError:
                continue
    return CharacterSet(ch for ch in chars if len(ch) == 1 and HANZI_FIRST <= ord(ch) <= HANZI_LAST)


def _checked(text: str, encoding: str, path: str, raw: bytes) -> DecodedText:
    """The decoded text, unless it is binary (too many control characters); `raw` are
    its bytes, read first when the encoding lets them answer."""
    if encoding in ASCII_COMPATIBLE and not raw.translate(None, NOT_CONTROL_BYTES):
        return DecodedText(text=text, encoding=encoding)  # no control byte: none to count
    controls = CONTROL_CHARACTERS.count(text[:CONTROL_SAMPLE])
    if controls > MAX_CONTROL_SHARE * min(len(text), CONTROL_SAMPLE) + 2:
        raise DecodeError(path, f"binary content ({controls} control characters) decoding as {encoding}")
    return DecodedText(text=text, encoding=encoding)
