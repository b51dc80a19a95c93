"""Regions from a gazetteer: administrative names found in a text, and the report's region.

Every division of the GB/T 2260 table (extractor/vocab/divisions.py) is known by its full
name (扬州市, 新疆维吾尔自治区, 娄星区) and its short form (扬州, 新疆, 娄星); one
Aho-Corasick automaton over all of them scans a text once. Each hit is then judged by its
surroundings (words in extractor/data/regions.yaml), because most short forms are also
ordinary words and a full name can be the tail of one:

- a full name is a name unless its suffix starts a word (江山市场); a one-character one
  (和县, 成县) or one ending like an ordinary word (海城市 in 沿海城市) must start at a
  word's edge, and an ordinary noun that is also a name (城区, 新城区) counts only right
  after its province or prefecture (阳泉市城区);
- a province's or prefecture's short form (新疆, 扬州) must start at a word's edge or be
  used as a name (扬州教育), and is never the head of a school's, road's or paper's name
  (中山大学, 中山路, 深圳中学);
- a county's short form (娄星, 新都) needs a word that uses it as a name (娄星教育, 新都教化),
  its parent right before it (厦门海沧), a headline tag ([龙岗]) or a headline's opening
  number (鸡泽7000名…); short forms that are ordinary words (白银, 平安, 朝阳) need the
  parent or the tag.

A name several divisions share (新华区, 鼓楼区, 朝阳) comes back with all of them;
`choose` picks the report's region from the names of its title and opening, using the
other names as context, or gives none when unsure.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Literal

import ahocorasick_rs
import regex

from extractor.text.patterns import alternation
from extractor.vocab.divisions import Division, divisions
from extractor.vocab.regions import RegionsData, regions_data

Form = Literal["full", "short", "national"]

_HAN = regex.compile(r"\p{Han}")


class Strength(Enum):
    """What a form needs around it to count as a name."""

    FULL = "a full name: its suffix must not start a word"
    EDGED = "must start at a word's edge (or be used as a name, for a short form)"
    MARKED = "a county's short form: used as a name, after its parent, or in a headline"
    CHAINED = "an ordinary word: only right after its parent (or in a headline tag)"
    NATIONAL = "the nation's name: anywhere but after a word ending in 全 (健全国家)"


@dataclass(frozen=True)
class Mention:
    """An administrative name in a text: its span, the text as written, and every division
    it can name (several when divisions share the name)."""

    start: int
    end: int
    written: str
    form: Form
    candidates: tuple[Division, ...]

    @property
    def division(self) -> Division | None:
        """The one division named, or None when the name is shared."""
        return self.candidates[0] if len(self.candidates) == 1 else None

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1


@dataclass(frozen=True)
class _Entry:
    """What one surface form names and what it needs around it."""

    form: Form
    candidates: tuple[Division, ...]
    strength: Strength


@dataclass(frozen=True)
class _Cues:
    left_chars: frozenset[str]
    suffix_ends: frozenset[str]
    not_before_nation: frozenset[str]
    suffix_words: tuple[str, ...]
    proper_head: regex.Pattern[str]
    name_marker: regex.Pattern[str]
    brackets: frozenset[tuple[str, str]]


class Gazetteer:
    """Every division by name and short form, and a scanner for them."""

    def __init__(self, known: Sequence[Division], cues: RegionsData) -> None:
        self.divisions = tuple(known)
        self._by_code: dict[str, list[Division]] = defaultdict(list)
        for division in self.divisions:
            self._by_code[division.code].append(division)
        self._entries = _entries(self.divisions, cues)
        self._entry_list = list(self._entries.values())  # the automaton's i-th word is entry i
        self._automaton = ahocorasick_rs.AhoCorasick(list(self._entries))
        self._cues = _Cues(
            left_chars=frozenset(cues.left_chars),
            suffix_ends=frozenset(cues.suffix_ends),
            not_before_nation=frozenset(cues.national.not_after),
            suffix_words=tuple(cues.suffix_words),
            proper_head=regex.compile(alternation(cues.proper_heads)),
            name_marker=regex.compile(alternation([regex.escape(w) for w in cues.name_markers])),
            brackets=frozenset((opening, closing) for opening, closing in cues.tag_brackets),
        )

    def lookup(self, name: str) -> tuple[Division, ...]:
        """The divisions a full name or short form names (the current ones, when any are).

        >>> [d.code for d in gazetteer().lookup("扬州")]
        ['321000']
        """
        entry = self._entries.get(name)
        return entry.candidates if entry else ()

    def by_code(self, code: str) -> Division | None:
        """The division with this code (the current one when a code was reused)."""
        found = self._by_code.get(code, [])
        return next((d for d in found if d.current), found[-1] if found else None)

    def find(self, text: str) -> list[Mention]:
        """The administrative names in `text` (the matching view), left to right.

        >>> [(m.written, m.candidates[0].code) for m in gazetteer().find("扬州市邗江区教育局")]
        [('扬州市', '321000'), ('邗江区', '321003')]
        >>> gazetteer().find("全县广大教师和教育工作者")
        []
        """
        entries = self._entry_list
        hits = sorted(((start, end, entries[i])
                       for i, start, end in self._automaton.find_matches_as_indexes(text, overlapping=True)),
                      key=lambda hit: (hit[0], -hit[1]))
        found: list[Mention] = []
        taken_to = 0
        for start, end, entry in hits:
            if start < taken_to:
                continue
            previous = found[-1] if found and found[-1].end == start else None
            candidates = self._judge(text, start, end, entry, previous)
            if candidates:
                found.append(Mention(start, end, text[start:end], entry.form, candidates))
                taken_to = end
        return found

    def _judge(self, text: str, start: int, end: int, entry: _Entry,
               previous: Mention | None) -> tuple[Division, ...]:
        """The divisions a hit names in its place, or () when it is no name there."""
        under = _under(entry.candidates, previous)
        c = self._cues
        if entry.form == "short" and c.proper_head.match(text, end):
            return ()
        if entry.form == "full" and any(text.startswith(word, end - 1) for word in c.suffix_words):
            return ()
        tagged = entry.form == "short" and (text[start - 1:start], text[end:end + 1]) in c.brackets
        if entry.strength is Strength.CHAINED:  # right after its own parent only (not 甘肃合作)
            parented = _under(entry.candidates, previous, parent_only=True)
            return parented or (entry.candidates if tagged else ())
        if entry.strength is Strength.FULL:
            return under or entry.candidates
        if entry.strength is Strength.NATIONAL:
            return () if text[start - 1:start] in c.not_before_nation else entry.candidates
        marked = entry.form == "short" and c.name_marker.match(text, end) is not None
        if entry.strength is Strength.EDGED:
            edged = previous is not None or self._at_edge(text, start)
            return (under or entry.candidates) if edged or marked else ()
        named = marked or tagged or _headline(text, start, end)
        if entry.form == "short" and text[end - 1] in c.suffix_ends and not self._at_edge(text, start):
            named = False  # 台中市政府: 中市 (of 中市区) is the tail of another name
        return under or (entry.candidates if named else ())

    def _at_edge(self, text: str, start: int) -> bool:
        before = text[start - 1:start]
        return not before or not _HAN.match(before) or before in self._cues.left_chars


def _under(candidates: tuple[Division, ...], previous: Mention | None,
           parent_only: bool = False) -> tuple[Division, ...]:
    """The candidates that lie under a division the name right before names (厦门 海沧),
    or right under it (`parent_only`)."""
    if previous is None:
        return ()
    above = {p.code for p in previous.candidates}
    if parent_only:
        return tuple(c for c in candidates if c.parent in above)
    return tuple(c for c in candidates if above.intersection(c.ancestry))


def _headline(text: str, start: int, end: int) -> bool:
    """A line that opens with the name and goes on with a number (鸡泽7000名贫困生…)."""
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip() and text[end:end + 1].isdigit()


def _entries(known: Sequence[Division], cues: RegionsData) -> dict[str, _Entry]:
    """Each surface form (full names, short forms, the nation's names) and what it names."""
    full: dict[str, list[Division]] = defaultdict(list)
    short: dict[str, list[Division]] = defaultdict(list)
    for division in known:
        if division.level == "national":
            continue
        full[division.name].append(division)
        if division.short != division.name:
            short[division.short].append(division)
        written = [tail for suffix, tail in cues.short_suffixes.items() if division.name.endswith(suffix)]
        if written and division.short != division.name:
            full[division.short + written[0]].append(division)  # 大理州 for 大理白族自治州
    entries = {surface: _Entry("short", named, _short_strength(surface, named, cues))
               for surface, found in short.items() if len(surface) >= 2
               for named in [_prefer_current(found)]}
    entries.update({surface: _Entry("full", _prefer_current(found), _full_strength(surface, cues))
                    for surface, found in full.items() if len(surface) >= 2})
    nation = tuple(d for d in known if d.level == "national")
    entries.update({form: _Entry("national", nation, Strength.NATIONAL) for form in cues.national.forms})
    return entries


def _prefer_current(found: list[Division]) -> tuple[Division, ...]:
    """A name that names a division today names no vanished one (新都 is 新都区, not 新都县);
    in code order."""
    current = [d for d in found if d.current]
    return tuple(sorted(current or found, key=lambda d: d.code))


def _full_strength(name: str, cues: RegionsData) -> Strength:
    if name in cues.generic_names:
        return Strength.CHAINED
    if (len(name) <= 2 or any(name.endswith(tail) for tail in cues.word_tails)
            or any(name.startswith(head) for head in cues.word_heads)):
        return Strength.EDGED
    return Strength.FULL


def _short_strength(surface: str, found: tuple[Division, ...], cues: RegionsData) -> Strength:
    if surface in cues.common_words:
        return Strength.CHAINED
    if any(d.level in ("province", "prefecture") for d in found):
        return Strength.EDGED
    return Strength.MARKED


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer of the installed division table (built once per process)."""
    return Gazetteer(divisions(), regions_data())


# ---------------------------------------------------------------- the report's region

@dataclass(frozen=True)
class Choice:
    """The region chosen for a text: its normalized name, the name as first written, its
    division (None when the name stays shared: 新华区 with nothing around it to tell which)
    and how many of the names agree with it (a caller may want more than one)."""

    name: str
    written: str
    division: Division | None
    candidates: tuple[Division, ...]
    support: int


def choose(mentions: Iterable[Mention], national: bool = False) -> Choice | None:
    """The most specific region the names agree on, or None when unsure.

    Each name's candidates are narrowed by the others (a parent named nearby picks one of
    several 新华区). The names then form lines of descent (a province, a prefecture under it,
    a county under that); the line holding most of the names wins if it holds more than
    half of them, and its deepest division is the region (a county report citing its
    province's plans is still the county's). Without such a line, the deepest division all
    lines share, if named (十堰市 above its listed counties), else nothing (福州, 泉州 and
    厦门市 named alike; a county and a province it is not in). The nation counts as context only,
    unless `national` (a title like 全国教育事业发展统计公报). A shared name alone gives
    its name without a division.

    >>> g = gazetteer()
    >>> choose(g.find("扬州市邗江区教育局")).division.code
    '321003'
    >>> choose(g.find("石家庄市新华区教育局")).division.code
    '130105'
    >>> choice = choose(g.find("新华区教育局"))
    >>> (choice.name, choice.division, len(choice.candidates))
    ('新华区', None, 3)
    >>> choose(g.find("新增学位中,福州10715个,泉州22007个,厦门市另外单列")) is None
    True
    """
    found = list(mentions)
    resolved: list[tuple[Mention, Division]] = []
    shared: list[Mention] = []
    for mention in found:
        division = _resolve(mention, [m for m in found if m is not mention])
        if division is None:
            shared.append(mention)
        elif national or division.level != "national":
            resolved.append((mention, division))
    if resolved:
        return _on_the_best_line(resolved)
    names = {c.name for m in shared for c in m.candidates}
    if len(names) == 1:
        candidates = tuple(dict.fromkeys(c for m in shared for c in m.candidates))
        return Choice(names.pop(), shared[0].written, None, candidates, len(shared))
    return None


def _resolve(mention: Mention, others: list[Mention]) -> Division | None:
    """The one division a mention names, given the other mentions, or None when shared."""
    context = {c.code for m in others for c in m.candidates}
    candidates = [c for c in mention.candidates if context.intersection(c.ancestry)]
    candidates = candidates or list(mention.candidates)
    if len(candidates) == 1:
        return candidates[0]
    top = min(candidates, key=lambda d: len(d.ancestry))
    if all(c == top or c.within(top) for c in candidates):  # 吉林 (province, city), 临夏 (州, 市, 县)
        return top
    provinces = [c for c in candidates if c.level == "province"]
    if mention.form == "short" and len(provinces) == 1:  # 海南: the province before a prefecture
        return provinces[0]
    return None


def _on_the_best_line(resolved: list[tuple[Mention, Division]]) -> Choice | None:
    named = Counter(division for _, division in resolved)
    leaves = [d for d in named if not any(other.within(d) for other in named)]
    lines = {leaf: [d for d in named if d == leaf or leaf.within(d)] for leaf in leaves}
    weight = {leaf: sum(named[d] for d in line) for leaf, line in lines.items()}
    best = max(leaves, key=lambda leaf: weight[leaf])
    total = sum(named.values())
    if 2 * weight[best] > total:
        chosen, support = best, weight[best]
    else:
        shared = [d for d in named if all(leaf == d or leaf.within(d) for leaf in leaves)]
        if not shared:
            return None
        chosen = max(shared, key=lambda d: len(d.ancestry))
        support = total
    written = next(m.written for m, d in resolved if d == chosen)
    return Choice(chosen.name, written, chosen, (chosen,), support)


def report_region(title: str, opening: str, body: str, level: str | None = None) -> Choice | None:
    """A report's region from its title, then its opening, then its whole body (view text).

    The title's region wins (the nation too: 全国教育事业发展统计公报); a shared name there
    (新华区) takes the division the opening settles on. Without one, the title and opening
    together, then the body when at least `body_support` names agree with it (one passing
    name is no region). A region read from the opening or the body must also end in the
    `level` character the body uses of itself (全市, 我县: meta.level_of), when it has one: a
    city's report that opens its list with a district (具体情况 茅箭区…) is the city's. A
    masked region (xx区, 某县) is the caller's to check first.

    >>> report_region("2017年光山县高考再创辉煌", "激情六月,高考大捷。", "").division.code
    '411522'
    >>> report_region("同安新增学位7860个", "记者从同安区教育局获悉,今年同安将新增7860个学位", "").name
    '同安区'
    >>> report_region("教育局工作总结", "今年,我县…", "北京专家来固出诊2419人次") is None
    True
    """
    return head_region(title, opening, level) or body_region(body, level)


def head_region(title: str, opening: str, level: str | None = None,
                titled: list[Mention] | None = None) -> Choice | None:
    """report_region's first two steps: the title's region, else that of title and opening
    (`titled`: the title's names, when the caller has found them)."""
    g = gazetteer()
    titled = g.find(title) if titled is None else titled
    opened = _not_destinations(opening, g.find(opening))
    in_title = choose(titled, national=True)
    head = choose(titled + opened)
    if in_title is not None:
        shared_settled = in_title.division is None and head is not None and head.name == in_title.name
        return head if shared_settled else in_title
    return head if head is not None and _at_level(head, level) else None


def body_region(body: str, level: str | None = None) -> Choice | None:
    """report_region's last step: the region most names in the body agree on, when enough do;
    below the level the body speaks of itself at, the division named above it at that level
    (a city's bulletin signed 苏州市教育局 that names three of its districts: 苏州市).

    >>> body_region("姑苏区、吴中区、相城区均有增长。苏州市教育局 苏州市统计局 苏州市财政局", "市").name
    '苏州市'
    """
    mentions = _not_destinations(body, gazetteer().find(body))
    whole = choose(mentions)
    if whole is None or whole.support < regions_data().body_support:
        return None
    if _at_level(whole, level):
        return whole
    return _named_above(whole, mentions, level)


def _named_above(choice: Choice, mentions: list[Mention], level: str | None) -> Choice | None:
    """The deepest division named among `mentions` above the chosen one, at `level`."""
    below = choice.division
    if below is None or level is None:
        return None
    above = [(m, c) for m in mentions for c in m.candidates if below.within(c) and c.name.endswith(level)]
    if not above:
        return None
    mention, division = max(above, key=lambda found: len(found[1].ancestry))
    return Choice(division.name, mention.written, division, (division,), choice.support)


def _not_destinations(text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions but the places people went to (赴江苏无锡: 江苏 and 无锡 chained to it).

    >>> text = "组织校长赴江苏无锡挂职培训,在成都市"
    >>> [m.written for m in _not_destinations(text, gazetteer().find(text))]
    ['成都市']
    """
    words = tuple(regions_data().destination_before)
    kept: list[Mention] = []
    went = -1  # where the last destination ended
    for mention in mentions:
        if mention.start == went or text.endswith(words, 0, mention.start):
            went = mention.end
        else:
            kept.append(mention)
    return kept


def _at_level(choice: Choice, level: str | None) -> bool:
    """Whether a choice is at the level a body speaks of itself at (全区: a …区)."""
    return level is None or choice.name.endswith(level)
