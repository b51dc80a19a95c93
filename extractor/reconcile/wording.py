"""What the words around a claim say: its lead-in, what it counts, how deep in brackets
it sits, and the words a finding quotes. The word lists are in reconcile.yaml."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from extractor.reconcile.facts import ClaimFact
from extractor.vocab.reconcile import reconcile_rules

QUOTE_ENDS = ",，;；。!！?？\n"


def by_sentence(claims: Iterable[ClaimFact]) -> dict[tuple[int, int], list[ClaimFact]]:
    """Claims grouped by report and sentence, in the order they are written."""
    groups: dict[tuple[int, int], list[ClaimFact]] = defaultdict(list)
    for claim in claims:
        groups[(claim.report_id, claim.sentence_start)].append(claim)
    for group in groups.values():
        group.sort(key=lambda c: c.offset)
    return groups


def lead_in(claim: ClaimFact, sentence: list[ClaimFact] | None = None) -> str:
    """The words of the claim's clause before its number, after any claim before it:
    在园幼儿18527人,其中城区幼儿11023人 -> 其中城区幼儿 for 11023人.

    >>> lead_in(_fact("在园幼儿18527人,其中城区幼儿11023人", "11023人"))
    '其中城区幼儿'
    """
    delimiters = reconcile_rules().clause_delimiters
    start = max((claim.sentence.rfind(d, 0, claim.offset) + 1 for d in delimiters), default=0)
    earlier = [c.offset_end for c in sentence or [] if c.offset_end <= claim.offset and c is not claim]
    return claim.sentence[max([start, *earlier]):claim.offset]


def kind_of(claim: ClaimFact, lead: str) -> str | None:
    """What a claim counts besides its indicator: a change, a ratio, staff, or None.

    >>> kind_of(_fact("在园教职工2171人", "2171人"), "在园教职工")
    'staff'
    >>> kind_of(_fact("比上年增加1527人", "1527人"), "比上年增加")
    'change'
    """
    rules = reconcile_rules()
    if claim.indicator in rules.change_indicators:
        return "change"
    for kind in ("change", "ratio", "staff"):
        if any(word in lead for word in rules.claim_kinds[kind]):
            return kind
    return None


def depth(claim: ClaimFact) -> int:
    """How many brackets are open before the claim in its sentence."""
    rules = reconcile_rules()
    before = claim.sentence[:claim.offset]
    opened = sum(before.count(b) for b in rules.open_brackets)
    return opened - sum(before.count(b) for b in rules.close_brackets)


def quote(claims: list[ClaimFact]) -> str:
    """The words a finding quotes: from the clause of the first claim to the end of the
    clause of the last, in one sentence, on one line."""
    first = min(claims, key=lambda c: c.offset)
    last = max(claims, key=lambda c: c.offset_end)
    sentence = first.sentence
    start = max((sentence.rfind(d, 0, first.offset) + 1 for d in QUOTE_ENDS), default=0)
    ends = [at for d in QUOTE_ENDS if (at := sentence.find(d, last.offset_end)) >= 0]
    end = min(ends, default=len(sentence))
    return sentence[start:end].replace("\r", "").replace("\n", "")


def _fact(sentence: str, text: str) -> ClaimFact:
    """A claim of `text` in `sentence`, for the examples above."""
    at = sentence.index(text)
    return ClaimFact(id=1, report_id=1, indicator="enrolled_count", value=None, unit="人", qualifier="exact",
                     modality="actual", level=None, start=at, end=at + len(text), text=text,
                     sentence=sentence, sentence_start=0)
