"""Every docstring example in the package runs as a test, one test per docstring.

Modules are imported by their installed names (extractor.text.normalize ...), so the
examples run against the package as a user imports it.
"""

from __future__ import annotations

import doctest
import importlib
import io
import pkgutil

import pytest

import extractor

# modules that act when imported: Alembic's environment script, the CLI's __main__
NOT_IMPORTED = frozenset({"extractor.migrations.env", "extractor.cli.__main__"})


def module_names() -> list[str]:
    return sorted(info.name for info in pkgutil.walk_packages(extractor.__path__, "extractor.")
                  if info.name not in NOT_IMPORTED)


def docstring_tests() -> list[doctest.DocTest]:
    finder = doctest.DocTestFinder(exclude_empty=True)
    found = []
    for name in module_names():
        found.extend(test for test in finder.find(importlib.import_module(name)) if test.examples)
    return sorted(found, key=lambda test: test.name)


DOCTESTS = docstring_tests()


def test_the_examples_are_found() -> None:
    assert len(DOCTESTS) >= 30  # a floor: the finder still sees the package
    assert {"extractor.text.normalize.build_view", "extractor.extract.tokens.find_tokens"} <= {
        test.name for test in DOCTESTS}


@pytest.mark.parametrize("test", DOCTESTS, ids=[test.name for test in DOCTESTS])
def test_docstring_examples(test: doctest.DocTest) -> None:
    out = io.StringIO()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    result = runner.run(test, out=out.write)
    assert result.failed == 0, out.getvalue()
