"""Patterns of the packaged data files already known to compile.

Compiling every pattern of the data files to check it took a fifth of a command's
start-up, paid again by every ingest worker. The packaged patterns are checked once, when
this list is written (`python -m extractor.vocab.checked`): checked_patterns.txt holds the
SHA-256 of each, and a pattern whose digest is there is not compiled again to be checked.
Any other pattern (a copy of the data edited under $EDUMETRICS_DATA_DIR, a pattern changed
since the list was written) is compiled when its file loads, as before. The tests compile
every packaged pattern again and fail when one is missing from the list.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from importlib import resources
from pathlib import Path

from extractor.errors import VocabularyError

CHECKED_FILE = "checked_patterns.txt"
DATA_PACKAGE = "extractor.data"
_DIGEST = re.compile("[0-9a-f]{64}")
HEADER = ("# SHA-256 of each pattern of the packaged data files, checked to compile when this\n"
          "# list was written. Written by `python -m extractor.vocab.checked`; do not edit.\n")


def digest(pattern: str) -> str:
    """A pattern's SHA-256, as the list holds it.

    >>> digest("(?P<year>[0-9]{4})年")[:12]
    '533bb0b9af18'
    """
    return hashlib.sha256(pattern.encode("utf-8")).hexdigest()


def parsed_digests(text: str, name: str = CHECKED_FILE) -> frozenset[str]:
    """The digests of a list's text (comment lines left out), or a VocabularyError naming
    the file and the line that is not one.

    >>> len(parsed_digests("# a comment\\n" + digest("年") + "\\n"))
    1
    >>> parsed_digests("abc\\n")
    Traceback (most recent call last):
    ...
    extractor.errors.VocabularyError: checked_patterns.txt: line 1: not a SHA-256 digest: 'abc'
    """
    digests = set()
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not _DIGEST.fullmatch(line):
            raise VocabularyError(f"{name}: line {number}: not a SHA-256 digest: {line!r}")
        digests.add(line)
    return frozenset(digests)


@cache
def known_to_compile() -> frozenset[str]:
    """The digests of the packaged patterns checked when the list was written (always the
    package's list: a data folder of the user's own is checked pattern by pattern)."""
    try:
        text = resources.files(DATA_PACKAGE).joinpath(CHECKED_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise VocabularyError(f"{CHECKED_FILE}: cannot read ({exc})") from exc
    return parsed_digests(text)


def listed(patterns: set[str]) -> str:
    """The list's text for these patterns, sorted so that a change shows as a small diff."""
    return HEADER + "".join(f"{line}\n" for line in sorted({digest(pattern) for pattern in patterns}))


def main() -> None:
    """Check every packaged pattern by compiling it, and write the list of their digests."""
    from extractor.vocab import clear_caches, load_all
    from extractor.vocab.loader import every_pattern_compiled

    clear_caches()
    with every_pattern_compiled() as patterns:
        load_all()
    target = Path(str(resources.files(DATA_PACKAGE).joinpath(CHECKED_FILE)))
    target.write_text(listed(patterns), encoding="utf-8")
    print(f"{target}: {len(patterns)} patterns")


if __name__ == "__main__":
    main()
