"""The package's shape: stages import one way, and only extractor is installed.

Imports point one way: cli -> ingest, reconcile -> store -> pipeline -> extract, sources
-> segment -> text -> vocab -> models (errors and iterate, at the bottom, are open to all);
migrations import models only. A package may import from its own layer's package and
from any layer below it, never from above or from a sibling.
"""

from __future__ import annotations

import ast
import importlib.metadata
import pkgutil
from pathlib import Path

import pytest

import extractor

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "extractor"

LAYERS: list[set[str]] = [
    {"cli", "api"},
    {"ingest", "reconcile"},
    {"store"},
    {"pipeline"},
    {"extract", "sources"},
    {"segment"},
    {"text"},
    {"vocab"},
    {"models"},
]
OPEN_TO_ALL = frozenset({"errors", "iterate", "__init__"})  # extractor.errors, .iterate, .__version__
PUBLIC_API = "api"  # extractor/__init__.py imports the Python API (on first use) and nothing else
ONLY_MODELS = frozenset({"migrations"})
MIGRATION_USERS = frozenset({"store", "cli"})  # who may import the migrations


def part_of(module: str) -> str:
    """The top package (or module) under extractor a dotted name belongs to."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def layer_of(part: str) -> int | None:
    return next((i for i, layer in enumerate(LAYERS) if part in layer), None)


def forbidden(importer: str, imported: str) -> str | None:
    """Why `importer` may not import `imported` (two parts of the package), or None."""
    if importer == imported or imported in OPEN_TO_ALL:
        return None
    if importer == "__init__":
        return None if imported == PUBLIC_API else "the package's __init__ imports the API only"
    if importer in ONLY_MODELS:
        return None if imported == "models" else "migrations import models only"
    if imported in ONLY_MODELS:
        return None if importer in MIGRATION_USERS else f"only {sorted(MIGRATION_USERS)} run migrations"
    mine, theirs = layer_of(importer), layer_of(imported)
    if mine is None or theirs is None:
        return f"{importer if mine is None else imported} is in no layer"
    if theirs <= mine:
        return f"{imported} is not below {importer}"
    return None


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import of an extractor module in a file, nested ones too."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "extractor":  # from extractor import text (a package) or __version__
                names = [f"extractor.{a.name}" if is_part(a.name) else "extractor" for a in node.names]
            else:
                names = [node.module]
            found += [(node.lineno, name) for name in names]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return [(line, name) for line, name in found if name == "extractor" or name.startswith("extractor.")]


def is_part(name: str) -> bool:
    return (PACKAGE / name).is_dir() or (PACKAGE / f"{name}.py").is_file()


def module_of(path: Path) -> str:
    return ".".join(("extractor", *path.relative_to(PACKAGE).with_suffix("").parts))


def violations() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        importer = part_of(module_of(path))
        for line, name in imports_of(path):
            why = forbidden(importer, part_of(name))
            if why:
                found.append(f"{path.relative_to(ROOT)}:{line}: imports {name}: {why}")
    return found


def test_imports_point_one_way() -> None:
    assert violations() == []


@pytest.mark.parametrize(("importer", "imported", "allowed"), [
    ("cli", "store", True),
    ("store", "pipeline", True),
    ("extract", "segment", True),
    ("segment", "extract", False),          # upwards
    ("pipeline", "reconcile", False),        # the signatures once lived in reconcile
    ("ingest", "reconcile", False),          # siblings
    ("text", "vocab", True),                 # the view cuts the debris the data file lists
    ("vocab", "text", False),
    ("migrations", "vocab", False),          # revision 0002 once loaded today's catalog
    ("migrations", "models", True),
    ("extract", "migrations", False),
    ("models", "errors", True),
    ("__init__", "api", True),               # the lazy Python API
    ("__init__", "store", False),
    ("cli", "api", False),                   # siblings
])
def test_the_rule_itself(importer: str, imported: str, allowed: bool) -> None:
    assert (forbidden(importer, imported) is None) == allowed


def test_every_part_of_the_package_has_a_layer() -> None:
    parts = {part_of(module_of(path)) for path in PACKAGE.rglob("*.py")}
    placed = set().union(*LAYERS) | OPEN_TO_ALL | ONLY_MODELS
    assert parts - placed == set()


def test_only_the_extractor_namespace_is_installed() -> None:
    # an installed copy lists its modules; an editable one lists only its own finder
    files = importlib.metadata.files("edumetrics") or []
    modules = {file.parts[0] for file in files if file.suffix == ".py"}
    assert {name for name in modules if not name.startswith("__editable__")} <= {"extractor"}
    assert {"models", "migrations"} <= {info.name for info in pkgutil.iter_modules(extractor.__path__)}
