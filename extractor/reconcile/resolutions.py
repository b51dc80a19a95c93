"""The placeholder work queue: masked claims to follow up, and the values found for them.

A verified value never overwrites the extracted claim: it is appended to `resolutions`
with its source, note, who and when, and the view `claims_effective` gives each claim
the value of its latest resolution.

Units are explicit: a value is typed in the unit its token was written in (500 for
`xxx元` is 500 元, stored as 0.05 万元), or with a unit of its own (`0.05万元`); the
messages show both. A claim and its copies in near-duplicate reports (linked by
`edumetrics reconcile`) are one queue row, and a value recorded for one is recorded for
all. An import is all or nothing: every row is checked first, and nothing is stored
unless every row is good; a row whose value is already the claim's latest adds nothing.
"""

from __future__ import annotations

import getpass
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import regex
from sqlalchemy import Engine, func, or_, select
from sqlalchemy.orm import Session

from extractor.extract.tokens import WrittenUnit, canonical, written_unit
from extractor.iterate import batched
from extractor.models.tables import ClaimRow, DocumentRow, ReportRow, ResolutionRow
from extractor.vocab.catalog import load_catalog

QUEUE_COLUMNS = ("claim_id", "copies", "document", "report", "region", "year", "indicator", "token",
                 "start", "sentence", "value_unit", "stored_unit", "value", "source", "note",
                 "resolved_by", "resolved_at")
REQUIRED_IMPORT_COLUMNS = ("claim_id", "value", "source")
MAX_CLAIM_ID = 2**63 - 1  # the largest integer either engine stores
STORED_DECIMALS = 6  # claims.value and resolutions.value are NUMERIC(20, 6)
STORED_LIMIT = Decimal(10) ** (20 - STORED_DECIMALS)  # 14 digits before the point
MAX_RESOLVER = 128  # resolutions.resolved_by is VARCHAR(128)
ID_CHUNK = 500  # ids per IN (...) list
NUMBER_AND_UNIT = regex.compile(r"\s*(?P<number>[-+]?[\d,]*\.?\d+(?:[eE][-+]?\d+)?)\s*(?P<unit>.*?)\s*")


class ResolutionError(ValueError):
    """A resolution that cannot be recorded, and why."""


def default_resolver() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


# ---------------------------------------------------------------- values and units

@dataclass(frozen=True)
class Quantity:
    """A value as typed, in the unit typed, and as stored (in the indicator's unit)."""

    typed: Decimal
    typed_unit: str
    stored: Decimal
    stored_unit: str

    def __str__(self) -> str:
        """`500 元 = 0.05 万元`, or `3000 个` when the two units are one."""
        typed = f"{canonical(self.typed)} {self.typed_unit}"
        if self.typed_unit == self.stored_unit:
            return typed
        return f"{typed} = {canonical(self.stored)} {self.stored_unit}"


def token_unit(claim: ClaimRow) -> WrittenUnit:
    """The unit a claim's token is written in (元 for xxx元), else its stored unit."""
    written = written_unit(claim.text)
    if written is None or written.unit != claim.unit:
        return WrittenUnit(claim.unit, claim.unit, Decimal(1))
    return written


def parse_quantity(cell: object, default_unit: WrittenUnit, indicator: str) -> Quantity:
    """A filled-in value: a number in `default_unit`, or a number with its own unit
    (`0.05万元`), checked against the indicator's bounds and the store's precision.

    >>> yuan = WrittenUnit("元", "万元", Decimal("0.0001"))
    >>> str(parse_quantity("500", yuan, "funding")), str(parse_quantity("0.05万元", yuan, "funding"))
    ('500 元 = 0.05 万元', '0.05 万元')
    >>> parse_quantity("3万个", yuan, "funding")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    ResolutionError: unit 万个 is no unit of 万元
    """
    text = _cell_text(cell).replace("，", ",")
    m = NUMBER_AND_UNIT.fullmatch(text)
    try:
        typed = Decimal(m["number"].replace(",", "")) if m else None
    except InvalidOperation:
        typed = None
    if m is None or typed is None or not typed.is_finite():
        raise ResolutionError(f"not a number: {text!r}")
    unit = default_unit if not m["unit"] else written_unit("1" + m["unit"])
    if unit is None or unit.unit != default_unit.unit:
        raise ResolutionError(f"unit {m['unit']} is no unit of {default_unit.unit}")
    quantity = Quantity(typed, unit.label, unit.to_stored(typed), unit.unit)
    _check_storable(quantity, indicator)
    return quantity


def _cell_text(cell: object) -> str:
    """A spreadsheet cell as text: XLSX gives numbers as int or float."""
    if isinstance(cell, bool):
        return str(cell)
    if isinstance(cell, float):
        return repr(cell)  # the shortest form that reads back as the same float
    return "" if cell is None else str(cell)


def _check_storable(quantity: Quantity, indicator: str) -> None:
    value = quantity.stored
    if abs(value) >= STORED_LIMIT:
        raise ResolutionError(f"{quantity} is too large to store (below 10^14 {quantity.stored_unit})")
    if value != value.quantize(Decimal(1).scaleb(-STORED_DECIMALS)):
        raise ResolutionError(f"{quantity} has more than {STORED_DECIMALS} decimals in "
                              f"{quantity.stored_unit}, more than the store keeps")
    spec = load_catalog().get(indicator)
    if spec is not None and not spec.bounds[0] <= value <= spec.bounds[1]:
        raise ResolutionError(f"{canonical(value)} is outside the bounds of {indicator} "
                              f"[{spec.bounds[0]}, {spec.bounds[1]}] {spec.unit}"
                              + ("" if quantity.typed_unit == quantity.stored_unit else f" ({quantity})"))


def parse_value(text: str, indicator: str) -> Decimal:
    """A value in the indicator's stored unit, checked as a resolution's value is."""
    unit = load_catalog()[indicator].unit
    return parse_quantity(text, WrittenUnit(unit, unit, Decimal(1)), indicator).stored


# ---------------------------------------------------------------- claims and their copies

@dataclass(frozen=True)
class Family:
    """Claims and the copies of each in near-duplicate reports (reports.canonical_report_id)."""

    claims: dict[int, ClaimRow]
    canonical_of: dict[int, int]  # copy claim id -> the claim it copies
    copies_of: dict[int, list[int]] = field(init=False)  # the other way round

    def __post_init__(self) -> None:
        object.__setattr__(self, "copies_of", copies_by_claim(self.canonical_of))

    def group(self, claim_id: int) -> list[int]:
        """The claim a row names, and every copy of it: the canonical one first."""
        first = self.canonical_of.get(claim_id, claim_id)
        return [first, *self.copies_of.get(first, [])]


def copies_by_claim(canonical_of: Mapping[int, int]) -> dict[int, list[int]]:
    """canonical claim id -> its copies' ids, in order."""
    copies: dict[int, list[int]] = defaultdict(list)
    for copy, first in sorted(canonical_of.items()):
        copies[first].append(copy)
    return dict(copies)


def _pairing_key(claim: ClaimRow) -> tuple[Any, ...]:
    return (claim.indicator, claim.unit, claim.placeholder, claim.value, claim.level, claim.modality)


def pair_copies(claims: Iterable[ClaimRow], canonical_report: Mapping[int, int | None]) -> dict[int, int]:
    """copy claim id -> canonical claim id: a near-duplicate report's claims paired with
    its canonical report's, in text order, among claims alike in indicator, unit, level,
    modality and value (masked or not). A claim with no partner stays its own."""
    firsts: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    copies: list[ClaimRow] = []
    for claim in sorted(claims, key=lambda c: (c.report_id, c.start, c.id)):
        if canonical_report.get(claim.report_id) is None:
            firsts[(claim.report_id, *_pairing_key(claim))].append(claim.id)
        else:
            copies.append(claim)
    taken: Counter[tuple[Any, ...]] = Counter()
    links = {}
    for claim in copies:
        key = (canonical_report[claim.report_id], *_pairing_key(claim))
        if taken[key] < len(firsts[key]):
            links[claim.id] = firsts[key][taken[key]]
        taken[key] += 1
    return links


def load_family(session: Session, claim_ids: Iterable[int]) -> Family:
    """The named claims, with every claim of their reports' near-duplicate groups."""
    named = [c for chunk in batched(sorted(set(claim_ids)), ID_CHUNK)
             for c in session.scalars(select(ClaimRow).where(ClaimRow.id.in_(chunk)))]
    report_ids = sorted({c.report_id for c in named})
    canonical = {rid: first for chunk in batched(report_ids, ID_CHUNK) for rid, first in session.execute(
        select(ReportRow.id, ReportRow.canonical_report_id).where(ReportRow.id.in_(chunk)))}
    roots = sorted({canonical.get(rid) or rid for rid in report_ids})
    reports: dict[int, int | None] = {}
    for chunk in batched(roots, ID_CHUNK):
        found = select(ReportRow.id, ReportRow.canonical_report_id).where(
            or_(ReportRow.id.in_(chunk), ReportRow.canonical_report_id.in_(chunk)))
        reports.update((rid, first) for rid, first in session.execute(found))
    claims = {c.id: c for chunk in batched(sorted(reports), ID_CHUNK)
              for c in session.scalars(select(ClaimRow).where(ClaimRow.report_id.in_(chunk)))}
    return Family(claims, pair_copies(claims.values(), reports))


# ---------------------------------------------------------------- the queue

def _latest_resolutions() -> Any:
    """Subquery: the id of each claim's latest resolution."""
    return (select(ResolutionRow.claim_id, func.max(ResolutionRow.id).label("latest"))
            .group_by(ResolutionRow.claim_id).subquery())


def queue_rows(engine: Engine, include_resolved: bool = False) -> list[tuple[Any, ...]]:
    """The masked claims, one row per claim and its near-duplicate copies (`copies`),
    open ones only unless `include_resolved`: a row is open while one of its claims has
    no value. `value` is the latest value found, in `value_unit` (the token's own)."""
    latest = _latest_resolutions()
    statement = (
        select(ClaimRow, ReportRow.canonical_report_id, DocumentRow.name, ReportRow.title, ReportRow.region,
               ReportRow.year, ResolutionRow)
        .join(ClaimRow.document).join(ClaimRow.report)
        .outerjoin(latest, latest.c.claim_id == ClaimRow.id)
        .outerjoin(ResolutionRow, ResolutionRow.id == latest.c.latest)
        .where(ClaimRow.placeholder.is_(True))
        .order_by(DocumentRow.name, DocumentRow.id, ClaimRow.start, ClaimRow.id)
    )
    with Session(engine) as session:
        found = session.execute(statement).all()
    links = pair_copies([row[0] for row in found], {row[0].report_id: row[1] for row in found})
    resolved = {row[0].id: row[6] is not None for row in found}
    copies = copies_by_claim(links)
    rows = []
    for claim, _, document, title, region, year, resolution in found:
        if claim.id in links:
            continue
        group = [claim.id, *copies.get(claim.id, [])]
        if include_resolved or not all(resolved[c] for c in group):
            rows.append(_queue_row(claim, group[1:], document, title, region, year, resolution))
    return rows


def _queue_row(claim: ClaimRow, copies: list[int], document: str, title: str, region: str | None,
               year: int | None, resolution: ResolutionRow | None) -> tuple[Any, ...]:
    unit = token_unit(claim)
    value = None if resolution is None else canonical(unit.from_stored(resolution.value))
    found: tuple[Any, ...] = (None, None, None, None, None) if resolution is None else (
        value, resolution.source, resolution.note, resolution.resolved_by, resolution.resolved_at)
    return (claim.id, ",".join(map(str, copies)) or None, document, title, region, year,
            claim.indicator, claim.text, claim.start, claim.sentence, unit.label, claim.unit, *found)


# ---------------------------------------------------------------- recording values

@dataclass(frozen=True)
class Entry:
    """One value to record: for a claim (and its copies), from a row of an import or `resolve`."""

    line: int
    claim_id: int
    value: object  # the cell as read: text, or a number from XLSX
    source: str
    note: str | None
    unit: str | None = None  # the unit the value is typed in, when the row says (value_unit)


@dataclass(frozen=True)
class Checked:
    entry: Entry
    group: list[int]
    quantity: Quantity


@dataclass
class Recorded:
    """What became of one entry: the claims it resolved now, and those already at this value."""

    entry: Entry
    quantity: Quantity
    added: list[ResolutionRow] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)  # claim ids

    @property
    def copies(self) -> int:
        return len(self.added) + len(self.unchanged) - 1


def _check(entry: Entry, family: Family, override: bool) -> Checked:
    claim = family.claims.get(entry.claim_id)
    if claim is None:
        raise ResolutionError(f"no claim with id {entry.claim_id}")
    if not claim.placeholder and not override:
        raise ResolutionError(f"claim {claim.id} is not masked (it says {claim.text}); "
                              "use --override to record a value for it anyway")
    if not entry.source.strip():
        raise ResolutionError("a source is required (where the value was verified)")
    unit = token_unit(claim)
    if entry.unit and entry.unit.strip() and entry.unit.strip() != unit.label:
        typed_in = written_unit("1" + entry.unit.strip())
        if typed_in is None or typed_in.unit != claim.unit:
            raise ResolutionError(f"value_unit {entry.unit.strip()} is no unit of {claim.unit}")
        unit = typed_in
    quantity = parse_quantity(entry.value, unit, claim.indicator)
    return Checked(entry, family.group(claim.id), quantity)


def _same(resolution: ResolutionRow | None, checked: Checked) -> bool:
    entry = checked.entry
    return resolution is not None and (resolution.value, resolution.source, resolution.note) == (
        checked.quantity.stored, entry.source.strip(), (entry.note or "").strip() or None)


def _latest_of(session: Session, claim_ids: Sequence[int]) -> dict[int, ResolutionRow]:
    latest: dict[int, ResolutionRow] = {}
    for chunk in batched(sorted(set(claim_ids)), ID_CHUNK):
        for row in session.scalars(select(ResolutionRow).where(ResolutionRow.claim_id.in_(chunk))
                                   .order_by(ResolutionRow.resolved_at, ResolutionRow.id)):
            latest[row.claim_id] = row  # the last one wins, as in the view claims_effective
    return latest


def _record(session: Session, checked: Sequence[Checked], by: str) -> list[Recorded]:
    latest = _latest_of(session, [c for item in checked for c in item.group])
    done = []
    for item in checked:
        entry, outcome = item.entry, Recorded(item.entry, item.quantity)
        for claim_id in item.group:
            if _same(latest.get(claim_id), item):
                outcome.unchanged.append(claim_id)
                continue
            row = ResolutionRow(claim_id=claim_id, value=item.quantity.stored, source=entry.source.strip(),
                                note=(entry.note or "").strip() or None, resolved_by=by)
            session.add(row)
            outcome.added.append(row)
        done.append(outcome)
    session.flush()
    return done


def _resolver(by: str | None) -> str:
    who = (by or default_resolver()).strip()
    if not who or len(who) > MAX_RESOLVER:
        raise ResolutionError(f"--by must name who verified the value in 1 to {MAX_RESOLVER} characters")
    return who


def resolve(engine: Engine, claim_id: int, value: str, source: str, note: str | None = None,
            by: str | None = None, override: bool = False) -> Recorded:
    """Record a verified value for a claim and its copies; ResolutionError when it cannot be.

    The value is in the unit of the claim's token unless it carries its own (`0.05万元`);
    only a masked claim takes a value unless `override`.
    """
    who = _resolver(by)
    entry = Entry(0, claim_id, value, source, note)
    with Session(engine, expire_on_commit=False) as session, session.begin():
        checked = _check(entry, load_family(session, [claim_id]), override)
        return _record(session, [checked], who)[0]


@dataclass
class ImportReport:
    recorded: list[Recorded] = field(default_factory=list)  # empty when a row was bad
    unfilled: int = 0  # rows left without a value
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)

    @property
    def added(self) -> list[int]:
        """The ids of the resolutions recorded."""
        return [row.id for outcome in self.recorded for row in outcome.added]

    @property
    def unchanged(self) -> int:
        """Rows whose every claim already had this value."""
        return sum(1 for outcome in self.recorded if not outcome.added)


@dataclass(frozen=True)
class SheetRow:
    """A row of a filled sheet: its line (or row) number and its cells by column name."""

    line: int
    cells: Mapping[str, object]


def import_rows(engine: Engine, rows: Iterable[SheetRow], by: str | None = None,
                override: bool = False, read_errors: Sequence[tuple[int, str]] = ()) -> ImportReport:
    """Record every filled row, or nothing: each bad row is reported by line, and when one
    is bad (or `read_errors` holds what the reader could not read) nothing is stored."""
    report = ImportReport(errors=list(read_errors))
    entries = []
    for row in rows:
        entry = _entry(row, report)
        if entry is not None:
            entries.append(entry)
    who = _resolver(by)
    with Session(engine, expire_on_commit=False) as session, session.begin():
        family = load_family(session, [e.claim_id for e in entries])
        checked = _check_all(entries, family, override, report)
        if report.errors:
            report.errors.sort()
            return report
        report.recorded = _record(session, checked, who)
    return report


def _entry(row: SheetRow, report: ImportReport) -> Entry | None:
    cells = row.cells
    value = cells.get("value")
    if value is None or not _cell_text(value).strip():
        report.unfilled += 1
        return None
    raw_id = cells.get("claim_id")
    claim_id = _claim_id(raw_id)
    if claim_id is None:
        report.errors.append((row.line, f"bad claim_id {_cell_text(raw_id)!r}"))
        return None
    note, unit = cells.get("note"), cells.get("value_unit")
    return Entry(row.line, claim_id, value, _cell_text(cells.get("source")),
                 None if note is None else _cell_text(note), None if unit is None else _cell_text(unit))


def _claim_id(cell: object) -> int | None:
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    try:
        claim_id = int(_cell_text(cell).strip())
    except ValueError:
        return None
    return claim_id if 0 < claim_id <= MAX_CLAIM_ID else None


def _check_all(entries: Sequence[Entry], family: Family, override: bool,
               report: ImportReport) -> list[Checked]:
    checked: list[Checked] = []
    first_line: dict[int, Checked] = {}  # canonical claim id -> the row that gave it a value
    for entry in entries:
        try:
            item = _check(entry, family, override)
        except ResolutionError as exc:
            report.errors.append((entry.line, str(exc)))
            continue
        earlier = first_line.get(item.group[0])
        if earlier is None:
            first_line[item.group[0]] = item
            checked.append(item)
        elif (earlier.quantity.stored, earlier.entry.source.strip(), earlier.entry.note) != (
                item.quantity.stored, entry.source.strip(), entry.note):
            report.errors.append((entry.line, f"claim {entry.claim_id} is given another value on line "
                                              f"{earlier.entry.line} (copies of one claim take one value)"))
    return checked


def history(engine: Engine, claim_id: int) -> list[ResolutionRow]:
    """Every resolution of a claim, oldest first: the audit trail."""
    with Session(engine) as session:
        return list(session.scalars(select(ResolutionRow).where(ResolutionRow.claim_id == claim_id)
                                    .order_by(ResolutionRow.id)))

