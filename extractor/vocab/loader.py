"""Reading the data files: YAML with duplicate keys refused, then a Pydantic schema.

Every data file of extractor/data/ is read by `load`, which names the file and the key
of every problem (a missing key, an unknown one, a value of the wrong kind) in one
VocabularyError. `$EDUMETRICS_DATA_DIR`, when set, is a folder read instead of the
packaged data (a copy of extractor/data/ with words added, say).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, TypeVar

import regex
import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError, model_validator

from extractor.errors import VocabularyError
from extractor.vocab.checked import digest, known_to_compile

DATA_PACKAGE = "extractor.data"
DATA_DIR_VARIABLE = "EDUMETRICS_DATA_DIR"

M = TypeVar("M", bound=BaseModel)

# while `every_pattern_compiled` runs: the patterns checked, every one compiled
_compiling_every: list[set[str]] = []


def compiles(pattern: str) -> str:
    """A pattern of a data file, once `regex` compiles it (else the problem, as a
    validation error naming the key). A packaged pattern already known to compile
    (extractor/vocab/checked.py) is not compiled again.

    >>> compiles("(?P<year>[0-9]{4})年")
    '(?P<year>[0-9]{4})年'
    """
    if _compiling_every:
        _compiling_every[-1].add(pattern)
    elif digest(pattern) in known_to_compile():
        return pattern
    try:
        regex.compile(pattern)
    except regex.error as exc:
        raise ValueError(f"bad pattern {pattern!r}: {exc}") from exc
    return pattern


def pattern_problems(pattern: str) -> list[str]:
    """Why a pattern built from a data file's parts does not compile (none when it does).

    >>> pattern_problems("(?P<year>[0-9]{4})年"), len(pattern_problems("(?P<year"))
    ([], 1)
    """
    try:
        compiles(pattern)
    except ValueError as exc:
        return [str(exc)]
    return []


@contextmanager
def every_pattern_compiled() -> Iterator[set[str]]:
    """Inside, every pattern is compiled to be checked, known or not, and gathered in the
    set given (to write or test the list of patterns known to compile)."""
    patterns: set[str] = set()
    _compiling_every.append(patterns)
    try:
        yield patterns
    finally:
        _compiling_every.pop()


# what only a pattern holds, never a word (a group's opening, an escape, a class with a range)
_PATTERN_SYNTAX = regex.compile(r"\(\?|\\|\[[^\]]*-[^\]]*\]")

# a data file's regex pattern: checked to compile when the file loads
RegexText = Annotated[str, AfterValidator(compiles)]


class DataFile(BaseModel):
    """A data file's schema: every field required, no other allowed, read-only; no word of
    a list of words (a field typed `list[str]`) empty, nor written as a pattern (its
    characters are matched as they stand, so `(?<!未)复学` would never match).

    >>> class Example(DataFile):
    ...     words: list[str]
    >>> validated("example.yaml", Example, {"words": ["学位", ""]})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    extractor.errors.VocabularyError: example.yaml: (top): Value error, an empty word: words.1
    >>> validated("example.yaml", Example, {"words": ["(?<!未)复学"]})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    extractor.errors.VocabularyError: example.yaml: (top): Value error, a pattern where words are ...: words.0
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="after")
    def _words_are_words(self) -> DataFile:
        # one check for every list of words: a constrained str per field (Field(min_length=1))
        # made lexicon.yaml's schema alone about 10 ms slower to build, at every start
        words = [(f"{name}.{i}", word) for name, info in type(self).model_fields.items()
                 if info.annotation == list[str] for i, word in enumerate(getattr(self, name))]
        if empty := [where for where, word in words if not word]:
            raise ValueError(f"an empty word: {', '.join(empty)}")
        if patterns := [where for where, word in words if _PATTERN_SYNTAX.search(word)]:
            raise ValueError(f"a pattern where words are matched as they stand: {', '.join(patterns)}")
        return self


# libyaml's parser when PyYAML was built with it (the wheels are): about 8 times faster to
# start up with than the pure-Python one; the constructor (and so the check below) is the same
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_SafeLoader):  # type: ignore[misc,valid-type]
    """A SafeLoader that refuses a mapping with the same key twice."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise VocabularyError(f"duplicate key {key!r} at line {key_node.start_mark.line + 1}")
            seen.add(key)
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping


def data_text(name: str) -> str:
    """The text of one data file: from $EDUMETRICS_DATA_DIR when set, else the package's."""
    folder = os.environ.get(DATA_DIR_VARIABLE)
    try:
        if folder:
            return (Path(folder) / name).read_text(encoding="utf-8")
        return resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise VocabularyError(f"{name}: cannot read ({exc})") from exc


def parse_yaml(name: str, text: str) -> Any:
    """One data file's YAML, duplicate keys refused; errors name the file."""
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)
    except (yaml.YAMLError, VocabularyError) as exc:
        raise VocabularyError(f"{name}: {exc}") from exc


def validated(name: str, schema: type[M], raw: Any) -> M:
    """`raw` (a parsed data file) as a `schema` instance, or a VocabularyError listing
    every problem as `file: key.path: what is wrong`.

    >>> class Example(DataFile):
    ...     words: list[str]
    >>> validated("example.yaml", Example, {"wrods": ["学位"]})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    extractor.errors.VocabularyError: example.yaml: words: Field required
    example.yaml: wrods: Extra inputs are not permitted
    """
    if not isinstance(raw, dict):
        raise VocabularyError(f"{name}: expected a mapping of keys at the top, got {type(raw).__name__}")
    try:
        return schema.model_validate(raw)
    except ValidationError as exc:
        raise VocabularyError("\n".join(f"{name}: {_key_path(error['loc'])}: {error['msg']}"
                                         for error in exc.errors())) from None


def _key_path(loc: tuple[int | str, ...]) -> str:
    """The path of keys to a problem (levels.小學), without Pydantic's `[key]` marker."""
    return ".".join(str(part) for part in loc if part != "[key]") or "(top)"


def load(name: str, schema: type[M]) -> M:
    """Read, parse and validate one data file."""
    return validated(name, schema, parse_yaml(name, data_text(name)))


def require(name: str, problems: list[str]) -> None:
    """Raise the cross-file problems found in `name`, if any, as one VocabularyError."""
    if problems:
        raise VocabularyError("\n".join(f"{name}: {problem}" for problem in problems))
