"""The Python API (extractor.extract_text, extract_file, ingest_paths, open_database,
read_claims): on real report sentences and the samples, on SQLite and PostgreSQL; and the
package installed from another folder, used from a folder with its own models.py and
migrations/."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import venv
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

import extractor
from extractor.errors import InputError, StoreError
from extractor.store.query import ReadOnlyError

ROOT = Path(__file__).resolve().parent.parent


def test_import_extractor_stays_light() -> None:
    code = ("import sys, extractor; print(sorted(m for m in sys.modules if m.startswith("
            "('extractor.', 'sqlalchemy', 'pandas', 'pyarrow', 'openpyxl'))))")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"


@pytest.mark.parametrize(("sentence", "expected"), [
    ("全区小学报到入学24774人，无一人流失，巩固率100%。",
     [("enrolled_count", Decimal(24774), "人", "小学"), ("retention_rate", Decimal(100), "%", "小学")]),
    ("一本上线283人，占考生人数的7.32%。", [("admitted_count", Decimal(283), "人", None),
                                     ("admission_rate", Decimal("7.32"), "%", None)]),
    ("共免除杂费270多万元。", [("funding", Decimal(270), "万元", None)]),
    ("实施教化资助xxxx万元。", [("funding", None, "万元", None)]),
])
def test_extract_text(sentence: str, expected: list[tuple[object, ...]]) -> None:
    claims = extractor.extract_text(sentence)
    assert [(c.indicator, c.value, c.unit, c.level) for c in claims] == expected
    assert all(sentence[c.start:c.end] == c.text for c in claims)


def test_extract_file_reads_encodings_and_archives(sample_paths: list[Path], tmp_path: Path) -> None:
    gb = tmp_path / "gb.txt"
    gb.write_bytes(sample_paths[0].read_text(encoding="utf-8").encode("gb18030"))
    assert ([c.model_dump(exclude={"doc"}) for c in extractor.extract_file(gb)]
            == [c.model_dump(exclude={"doc"}) for c in extractor.extract_file(sample_paths[0])])
    archive = tmp_path / "two.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in sample_paths[:2]:
            zipped.write(path, path.name)
    claims = extractor.extract_file(archive)
    assert {c.doc for c in claims} == {p.name for p in sample_paths[:2]}


def test_extract_file_names_a_file_it_cannot_read(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nothing\.txt"):
        extractor.extract_file(tmp_path / "nothing.txt")


def test_ingest_then_read_claims_into_pandas(database_url: str, sample_paths: list[Path]) -> None:
    summary = extractor.ingest_paths(sample_paths, db=database_url)
    assert summary.stored == 5
    frame = extractor.read_claims(database_url)
    extracted = sum(len(extractor.extract_file(path)) for path in sample_paths)
    assert len(frame) == extracted and str(frame["value"].dtype) == "Float64"
    retention = extractor.read_claims(database_url, indicator="retention_rate", region="娄星区")
    assert sorted(zip(retention["level"], retention["value"], strict=True)) == [
        ("初中", 99.04), ("小学", 100.0), ("高中", 98.0)]
    with extractor.open_database(database_url) as db:
        exact = db.claims(indicator="retention_rate", exact=True)
        assert Decimal("99.04") in set(exact["value"])
        counts = db.query("select indicator, count(*) as n from claims group by indicator order by indicator")
        assert dict(zip(counts["indicator"], counts["n"], strict=True))["funding"] == 14
        with pytest.raises(ReadOnlyError):
            db.query("delete from claims")
    assert len(extractor.read_claims(database_url)) == extracted


def test_open_database_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database at"):
        extractor.open_database(tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'extract_everything'"):
        _ = extractor.extract_everything  # type: ignore[attr-defined]


# a script as the README shows it: ingest starts worker processes, which import the script
# again, so its work stands under the __main__ guard
NOTEBOOK = """
import doctest
import pathlib
import extractor, extractor.api
assert "site-packages" in extractor.__file__, extractor.__file__
import models, migrations  # the folder's own, not the package's
assert models.MINE and migrations.MINE

if __name__ == "__main__":
    for module in (extractor, extractor.api):
        failed, tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        assert failed == 0 and tried > 0, module
    extractor.ingest_paths([{samples!r}], db="notebook.db")
    frame = extractor.read_claims("notebook.db")
    extracted = sum(len(extractor.extract_file(path)) for path in pathlib.Path({samples!r}).glob("*.txt"))
    print(len(frame) == extracted, "claims", sorted(set(frame["indicator"]))[:2])
"""


@pytest.mark.slow
def test_the_api_from_an_installed_copy_next_to_a_models_py(tmp_path: Path) -> None:
    env_dir, elsewhere, notebook = tmp_path / "venv", tmp_path / "elsewhere", tmp_path / "notebook"
    for folder in (elsewhere, notebook / "migrations"):
        folder.mkdir(parents=True)
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    environment = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "EDUMETRICS_DATABASE_URL")}
    # built from a copy: an in-tree build leaves build/ and *.egg-info in the checkout
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, symlinks=True, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "*.egg-info", "__pycache__", ".*_cache", "tests"))
    subprocess.run([python, "-m", "pip", "install", "-q", f"{source}[analysis]"], cwd=elsewhere, check=True,
                   env=environment, capture_output=True)
    (notebook / "models.py").write_text("MINE = True\n", encoding="utf-8")
    (notebook / "migrations" / "__init__.py").write_text("MINE = True\n", encoding="utf-8")
    script = notebook / "analysis.py"
    script.write_text(textwrap.dedent(NOTEBOOK.format(samples=str(ROOT / "data" / "samples"))), encoding="utf-8")
    result = subprocess.run([python, script.name], cwd=notebook, env=environment, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True claims ['admission_rate', 'admitted_count']"
