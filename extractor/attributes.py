"""Attributes of a claim besides its indicator: level, modality and qualifier."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

import regex

from extractor.lexicon import GENERIC, MIXED, Lexicon, words
from extractor.quantities import grammar
from extractor.rules import Place

# ---- level -------------------------------------------------------------------------


def level_of(place: Place, lex: Lexicon) -> str | None:
    """The nearest stated school stage before the number, in its sentence."""
    text, first = place.text, place.group[0]
    start = place.sentence[0]
    pos = first.start
    while (m := lex.level_word.search(text, start, pos)) is not None:
        pos = m.start()
        tag = lex.level_tags[m.group()]
        if m.start() > 0 and text[m.start() - 1] in lex.level_not_after.get(m.group(), ()):
            pos = m.start() + 1  # 初中学位: look again for the word ending one character earlier
            continue
        if lex.destination.search(text, max(start, m.start() - 8), m.start()):
            continue  # 升入普通高中: where pupils go, not who they are
        if _part_of_other_rate(text, lex, m.end(), first.start):
            continue  # 入园率达到95%,巩固率…: 入园 names the other rate's stage
        if tag == MIXED:
            return None
        if tag == GENERIC:
            continue  # a bare 学校 says nothing of the stage
        members = _coordinated(text, lex, start, m)
        if len(members) > 1 and len(place.group) > 1 and lex.distributive.search(text, m.end(), first.start):
            member = members[place.index] if place.index < len(members) else None
            return None if member in (None, GENERIC) else member
        return _union(members, lex)
    return None


def _part_of_other_rate(text: str, lex: Lexicon, end: int, token_start: int) -> bool:
    """A stage word inside a rate noun (入园率) with another rate noun before the number."""
    if not text.startswith("率", end):
        return False
    return lex.rate_noun.search(text, end + 1, token_start) is not None


def _coordinated(text: str, lex: Lexicon, limit: int, last: regex.Match[str]) -> list[str]:
    """Stage tags joined by 、/和 ending with `last` (小学、初中 -> [小学, 初中])."""
    members = [lex.level_tags[last.group()]]
    edge = last.start()
    while (m := lex.level_word.search(text, limit, edge)) is not None:
        if not lex.list_joiner.fullmatch(text, m.end(), edge):
            break
        members.insert(0, lex.level_tags[m.group()])
        edge = m.start()
    return members


def _union(members: list[str], lex: Lexicon) -> str | None:
    stages = set(members)
    if len(stages) == 1 and GENERIC not in stages:
        return members[0]
    return lex.level_unions.get(frozenset(stages))


# ---- modality ------------------------------------------------------------------------


@dataclass(frozen=True)
class Headings:
    """Section headings that say whether what follows is a plan or a review."""

    positions: list[int]
    modalities: list[str | None]  # "target", "actual", or None (neither or both)

    def at(self, offset: int, floor: int) -> str | None:
        """Modality of the last heading before `offset` and at or after `floor`."""
        i = bisect_right(self.positions, offset) - 1
        if i < 0 or self.positions[i] < floor:
            return None
        return self.modalities[i]


def find_headings(text: str, lex: Lexicon) -> Headings:
    positions: list[int] = []
    modalities: list[str | None] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if 0 < len(stripped) <= lex.heading_max_chars and not stripped.endswith(("。", ";", "；")):
            plan = lex.plan_heading.search(stripped) is not None
            review = lex.review_heading.search(stripped) is not None
            if plan or review:
                positions.append(pos)
                modalities.append(None if plan == review else "target" if plan else "actual")
        pos += len(line) + 1
    return Headings(positions, modalities)


def modality_of(place: Place, lex: Lexicon, headings: Headings, report_start: int, report_kind: str) -> str:
    text, first = place.text, place.group[0]
    start = place.sentence[0]
    if _is_from_value(place, lex):
        return "actual"
    cue = lex.target_cue.search(text, start, first.start)
    if cue is not None:
        return "target" if cue.lastgroup == "target" else "actual"
    section = headings.at(first.start, report_start)
    if section is not None:
        return section
    return "target" if report_kind == "plan" else "actual"


def _is_from_value(place: Place, lex: Lexicon) -> bool:
    """由400元、600元提高到500元、700元: 400 and 600 are the old values."""
    text, first, last = place.text, place.group[0], place.group[-1]
    start, end = place.sentence
    marker = None
    for m in lex.from_marker.finditer(text, start, first.start):
        marker = m
    if marker is None or lex.to_marker.search(text, marker.end(), first.start):
        return False
    return lex.to_marker.search(text, last.end, end) is not None


# ---- qualifier ------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _qualifier_patterns() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    g = grammar()
    prefix = regex.compile(rf"(?:{words(g.prefix_qualifiers)})$")
    suffix = regex.compile(words(g.suffix_qualifiers))
    return prefix, suffix


def qualifier_of(place: Place) -> str:
    """Inside the token (270多万元), just before it (约), after it (以上), after its list."""
    g = grammar()
    token, text = place.token, place.text
    if token.qualifier != "exact":
        return token.qualifier
    prefix, suffix = _qualifier_patterns()
    m = prefix.search(text, max(0, token.start - 3), token.start)
    if m is not None:
        return g.prefix_qualifiers[m.group()]
    for item in (token, place.group[-1]):
        m = suffix.match(text, item.end)
        if m is not None:
            return g.suffix_qualifiers[m.group()]
    return "exact"
