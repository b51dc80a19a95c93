"""Rules: what a number token counts, decided from the words around it.

Each rule looks at one token in the matching view and answers with a `Decision`
(indicator, rule name, trigger word) or None. The words come from data/lexicon.yaml;
the functions here only say where to look.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import cast

import regex

from extractor.extract.lexicon import GENERIC, Lexicon
from extractor.extract.tables import fills_its_cell, header_row
from extractor.extract.tokens import (
    MONEY,
    MONEY_ANY,
    NumberToken,
    grammar,
    holds_token,
    tokens_in,
    written_as_number,
)
from extractor.text.patterns import Match, Pattern

MONEY_INDICATORS = frozenset({"investment", "funding"})  # the codes money_rule gives


# slots, not frozen: one is made per number token, and a frozen init costs about 3x;
# keyword-only, so that two fields of one type cannot be swapped unseen
@dataclass(slots=True, kw_only=True)
class Decision:
    """What a token counts (`indicator`), by which rule and trigger word.

    A token that is no claim has `indicator` None and the reason in `rule` (see `reject`).
    """

    indicator: str | None
    rule: str
    trigger: str = ""
    span: tuple[int, int] | None = None  # the trigger's place in the view
    # where this claim's own stage is named, nearest first, when the sentence names several
    windows: tuple[tuple[int, int], ...] = ()
    final: bool = False  # a rejection that an item of a list may not override (a forecast, 托位)


@dataclass(slots=True, kw_only=True)  # one per number token: see Decision
class Place:
    """Where a token stands: its sentence and clause, and the list it belongs to."""

    text: str
    token: NumberToken
    sentence: tuple[int, int]
    clause: tuple[int, int]
    clause_before_start: int  # start of the clause before this one, inside the sentence
    group: list[NumberToken]  # the list the token is an item of (itself alone if none)
    index: int  # the token's position in `group`
    is_range: bool  # the group is the two ends of a range (95%—98%)
    # place in a list of numbers of different units (分别达到3120人、67.8%): (index, size)
    mixed: tuple[int, int] | None
    left_limit: int  # no trigger is looked for before this (the previous list's end)
    education_report: bool
    education_by_share: bool = False  # only partly about education (a township's summary)
    # the last list item of its unit claimed before it in the text: (its end, unit, indicator)
    previous_item: tuple[int, str, str] | None = None
    period_start: int = 0  # of its sentence with the ones joined to it by semicolons
    report_level: str | None = None  # the one stage its report's title names, if any
    on_link_line: bool = False  # its line holds a link (an image caption, a related-article list)
    # its table's header row and its column's index there, once read
    _header: tuple[tuple[list[str], int] | None] | None = field(default=None, repr=False)

    def header_row(self, lex: Lexicon) -> tuple[list[str], int] | None:
        """The header row of the table holding the token and its column's index, if any (read
        once per token)."""
        if self._header is None:
            self._header = (header_row(self.text, self.token.start, lex.table_rows_max,
                                       lex.table_cell_separators),)
        return self._header[0]

    def column_header(self, lex: Lexicon) -> str | None:
        """The header of the table column holding the token, if any."""
        found = self.header_row(lex)
        return None if found is None else found[0][found[1]]

    def total_sentence_start(self, lex: Lexicon) -> int | None:
        """The start of the sentence before, when this one opens with 其中 and names only
        places or stages before the number (a part of a total there: 全省普通小学生均公用经费
        为2863.55元。其中,农村为2950.12元; not 其中全市共有少数民族考生1200人)."""
        start = self.sentence[0]
        opening = lex.part_marker.match(self.text, start)
        if opening is None or not lex.part_places.fullmatch(self.text, opening.end(), self.group[0].start):
            return None
        return sentence_before_start(self.text, lex, start)


def sentence_before_start(text: str, lex: Lexicon, start: int) -> int:
    """The start of the sentence ending right before `start` (at most sentence_reach back)."""
    before = max(start - lex.sentence_reach, 0)
    return max(before, *(text.rfind(ch, before, start - 1) + 1 for ch in lex.sentence_delimiters))


def reject(reason: str, trigger: str = "", final: bool = False) -> Decision:
    """The decision that a token is no claim, and why; a `final` one no list overrides."""
    return Decision(indicator=None, rule=reason, trigger=trigger, final=final)


def classify(place: Place, lex: Lexicon) -> Decision:
    """What the token counts; a change (rate_change, amount_change) only when it is about
    education, by the rule money follows (a government report's GDP growth is none)."""
    decision = _classify(place, lex)
    if decision.indicator == "admission_rate" and lex.forecast.search(
            place.text, place.sentence[0], place.token.start):  # (as its count is none; 根据…预测,…上线率)
        return reject("an exam's result foretold (预计, 估计), no claim", final=True)
    if decision.indicator in lex.change_indicators and (
            why := _education_topic(place, lex) or _change_of_other(place, lex)) is not None:
        return reject(f"a change of something else ({why})")
    return decision


def _change_of_other(place: Place, lex: Lexicon) -> str | None:
    """Why a change is not about education: the word nearest before it, since the clause
    before (whose figure it changes), names something else (教育局帮扶村人均纯收入增长12%;
    县教育局官方网站全年访问量达56.8万人次,较上年增长15%); or its own clause names nothing
    and the clause before names something else only (人均可支配收入达到1.68万元,较2020年增长37%)."""
    text, own = place.text, (place.clause[0], place.group[0].start)
    other, education = _last_topic_words(text, lex, place.clause_before_start, place.group[0].start)
    if other > education:
        return "the figure it changes (the nearest word before it) is something else's"
    if lex.education.search(text, *own) or lex.non_education.search(text, *own):
        return None
    before = (place.clause_before_start, place.clause[0])
    if _names_other_only(text, lex, *before):
        return "the clause before, whose figure it changes, names something else"
    return None


def _last_topic_words(text: str, lex: Lexicon, start: int, end: int) -> tuple[int, int]:
    """Where in text[start:end] the last word naming something else and the last naming
    education start (-1 for none): the nearer one says what the figure after them is of."""
    other = max(_last_start(words, text, start, end) for words in (lex.non_education, lex.non_education_head))
    education = max(_last_start(words, text, start, end) for words in (lex.education, lex.education_money))
    return other, education


def _after_a_cell(text: str, start: int) -> bool:
    """Whether the number before the blanks before `start` is a table's cell of its own, a
    blank before it too (学前 980 49万元, 学前教育资助 1215 60.75万元: a row's count and sum),
    no number's head a blank split off (可提供学位13 50个), nor one of the groups a run of
    blanks split a number into, the run glued to a word (补助1 02 4万元: no 4万元).

    >>> _after_a_cell("学前 980 49万元", 7), _after_a_cell("可提供学位13 50个", 8)
    (True, False)
    >>> _after_a_cell("补助1 02 4万元", 7), _after_a_cell("中心学校 612 306000 518 323750", 20)
    (False, True)
    """
    i = start
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    if i == start:
        return False  # a line break: a PDF's
    j = i
    while j > 0 and (text[j - 1].isdigit() or text[j - 1] in ".,"):
        j -= 1
    if not (j < i and j > 0 and text[j - 1] in " \t" and j - 2 >= 0 and text[j - 2] not in " \t\n"):
        return False
    while j >= 2 and text[j - 1] == " " and text[j - 2].isdigit():  # the run's first group
        j -= 1
        while j > 0 and (text[j - 1].isdigit() or text[j - 1] in ".,"):
            j -= 1
    return j == 0 or text[j - 1] in " \t\n|"


THRESHOLD_REACH = 16  # characters of a count of places past a bound before a figure (8所学校过)


def _last_start(pattern: Pattern, text: str, start: int, end: int) -> int:
    """Where the last match of `pattern` in text[start:end] starts, or -1."""
    last = -1
    for m in pattern.finditer(text, start, end):
        last = m.start()
    return last


def _classify(place: Place, lex: Lexicon) -> Decision:
    """Dispatch on the token's unit class."""
    token = place.token
    if token.ordinal:
        return reject("ordinal (第…)")
    if place.on_link_line:
        return reject("a link or image caption (page furniture)")
    if token.unit_unwritten and _in_change_column(place, lex):
        return reject("a cell under a header naming a change (比上年增减), no value", final=True)
    if token.unit_class != "percent" and not token.unit_unwritten and lex.split_number.search(
            place.text, max(0, token.start - lex.split_number_reach), token.start) and not (
            _after_a_cell(place.text, token.start)):  # (not a table's cell)
        return reject("the tail of a number a blank or a break split (13 50个), no value read", final=True)
    if lex.hope.search(place.text, place.clause[0], token.start):
        return reject("a forecast (有望, 可望), no claim", final=True)
    if lex.threshold_after.match(place.text, place.group[-1].end) or lex.threshold_before.search(
            place.text, max(place.clause[0], token.start - THRESHOLD_REACH), token.start):
        return reject("a size defining a class of things (投资5000万元以上的项目, 8所学校过60%), no amount",
                      final=True)
    if token.unit_class == "count" and lex.per_unit_before.search(place.text, place.clause[0], token.start):
        return reject("the unit of a rate (每新增1个学位), no count", final=True)
    if token.unit_class == "count" and token.value == 1 and lex.count_per_unit.search(
            place.text, place.clause[0], token.start):
        return reject("the unit a reward is set per (每超额上线1人), no count", final=True)
    if token.unit_class == "percent":
        decision = percent_rule(place, lex)
        per_mille = token.surface.endswith(lex.per_mille_signs)
        if per_mille and decision.indicator not in (None, *lex.per_mille_rates):
            return reject(f"a {decision.indicator} written per mille (an OCR'd %?), no value read")
        return decision
    if token.unit_class == "points":
        return Decision(indicator="rate_change", rule="points", trigger="个百分点")
    if token.unit_class == "bare_money" and lex.bare_money_word_after.match(place.text, token.end):
        return reject("a bare 万/亿 with a word after it (比上年增加42.6万平方米: an area)")
    # (a list's or a range's first item stands for them all: 比省定标准分别高出80元、100元)
    first = place.group[0]
    comparison = lex.comparison.search(place.text, max(place.clause[0], first.start - 12), first.start)
    if comparison is None:
        comparison = _framed_change(place, lex)
    if comparison is not None:  # 比上年增加3000万元: a change, not an amount
        code = "rate_change" if token.unit_class == "percent" else "amount_change"
        return Decision(indicator=code, rule="comparison", trigger=comparison.group())
    if token.unit_class == "money":
        return money_rule(place, lex)
    if token.unit_class == "bare_money":
        if not is_bare_money(place, lex):
            return reject("a bare 万/亿 with no money word right before it, or a word after it")
        return money_rule(place, lex)
    if token.unit == "个":
        counted = person_rule if _persons_in_ge(place, lex) else seat_rule  # 辍学的是五个: persons
        return _or_list_item(counted(place, lex), place, lex)
    if token.unit == "人":
        return _or_list_item(person_rule(place, lex), place, lex)
    return reject("a count of something else (所, 人次)")


def _framed_change(place: Place, lex: Lexicon) -> Match | None:
    """A change verb right before the token (or the list it opens: 分别增加50元、80元) that
    changes a sum (生均公用经费增加50元) or a count named (录取人数增加了2万人), or, before a
    count, in a sentence comparing with another year first (与2022年相比,全县学位增加800个), or
    alone in its clause after a clause
    ending with a figure (总投入10.2亿元,增加0.6亿元; not 共增加x个班: that adds classes), or,
    with the money it changes, after a clause comparing with a figure (比上年增长15.2%,增加资金1320万元);
    the verb's last character is tested first."""
    text, start = place.text, place.group[0].start
    clause_start = place.clause[0]
    if place.token.unit_class in MONEY_ANY and (money := lex.money_change_before.search(
            text, max(clause_start, start - 6), start)) and lex.comparison_frame.search(
            text, place.sentence[0], clause_start):
        return money  # 资助资金总额比上年增长15.2%,增加资金1320万元
    if place.token.unit_class not in MONEY_ANY and (object_change := lex.change_object_before.search(
            text, clause_start, start)) and lex.comparison_frame.search(text, place.sentence[0], start):
        return object_change  # 与上年相比,全县减少辍学学生12人: the verb and its object before the count
    if not start or text[start - 1] not in lex.change_ends:
        return None
    change = lex.change_before.search(text, max(clause_start, start - 4), start)
    if change is None:
        return None
    if place.token.unit_class in MONEY_ANY:
        return change  # 生均公用经费增加50元
    if lex.count_before_change.search(text, clause_start, change.start()) or lex.seat_change.search(
            text, change.start() - len(lex.seat_noun), start):
        return change  # 录取人数增加了2万人, 学位减少420个
    after_figure = place.clause_before_start < place.left_limit <= clause_start  # a number before it
    alone = after_figure and not text[clause_start:change.start()].strip()
    return change if alone or lex.comparison_frame.search(text, place.sentence[0], start) else None


# ---- percent -----------------------------------------------------------------------

def percent_rule(place: Place, lex: Lexicon) -> Decision:
    text, first, last = place.text, place.group[0], place.group[-1]
    start = place.sentence[0]
    if _is_delta(place, lex):
        changed = lex.rate_noun.search(text, place.clause[0], first.start)
        if changed is not None and _subject_before(text, lex, start, place.clause[0], changed.start()):
            return reject("a change of a rate of something else (景区入园游客…,入园率同比提高5%)")
        return Decision(indicator="rate_change", rule="percent-delta", trigger="")
    after = lex.rate_noun_after.match(text, last.end, place.clause[1])
    if after is not None:  # 以98.7%的义务教育巩固率
        if after.lastgroup == "known":
            noun = after.group("known")
            own = (after.span(),)
            return Decision(indicator=lex.rate_tags[noun], rule="rate-noun-after", trigger=noun,
                            span=after.span("known"), windows=own)
        return reject(f"another rate ({after.group('other')}) is not claimed")
    if (going := lex.progression_after.match(text, last.end, place.clause[1])) is not None:
        # 小学毕业生100%升入初中: its phrase is the clause before the number (where they go is no stage, D4)
        return Decision(indicator="admission_rate", rule="progression-after", trigger=going.group(),
                        span=(place.clause[0], first.start))
    if lex.completion_share.search(text, max(start, first.start - 16), first.start) and not (
            lex.target_after.match(text, last.end)):  # (not 提前完成规划确定的91%目标: the target's value)
        return reject("a share of a target reached (完成…的), not the rate")
    reach = max(place.clause[0], first.start - 12)
    if lex.benchmark_before.search(text, reach, first.start) or (
            lex.benchmark_compared_before.search(text, reach, first.start)
            and not lex.target_after.match(text, last.end)):  # (not 低于省定1.5%的控制目标: a target's value)
        return reject("a benchmark the rate is short of or compared with (入学率距离100%还有差距, "
                      "未达到省定90%的标准), not the rate")
    if lex.share_of_group_after.match(text, last.end, place.clause[1]):
        return reject("a share of a group (约10%的适龄幼儿未能…), not the rate")
    if (paired_before := _distributed_over_clauses_before(place, lex)) is not None:
        return paired_before
    noun = lex.rate_noun.search(text, start, first.start)
    if noun is not None and _points_back(text, lex, noun, start):
        # 这一比例: the rate before, in the sentence's parts before too (…为89.3%;到2025年,这一比例…)
        noun = lex.rate_noun.search(text, min(place.period_start, start), noun.start()) or noun
    if noun is None:
        no_noun = reject("no rate noun before it in its sentence")
        return (_rate_by_column(place, lex) or _distributed_over_part_before(place, lex)
                or _places_of_the_rate_before(place, lex) or _places_of_the_rate_in_part_before(place, lex)
                or _or_list_item(no_noun, place, lex))
    noun_clause = min(place.clause[0], clause_start_of(text, lex, start, noun.start()))
    subject = (noun_clause, noun.start())
    if _counts_staff(text, lex, *subject) and not _counted_before(text, lex, *subject):
        return reject("a rate of staff, not of pupils (教师流失率)")
    column = _column_rate(place, lex)
    if column is not None and column[1] is not None and column[1].lastgroup == "other":
        return reject(f"its table column names another rate ({column[1].group()})")  # 完成率
    blocker = lex.rate_blocker.search(text, noun.end(), first.start)
    if blocker and noun.lastgroup != "share" and not _places_of_the_rate(text, lex, blocker, first.start):
        return reject("占/其中 between the rate noun and the number")
    rule, windows = "rate-noun", cast(tuple[tuple[int, int], ...], ())
    nouns = _coordinated_nouns(text, lex, start, noun)
    if (paired := _nouns_of_from_values(place, lex)) is not None:
        # 学前三年毛入园率由85%、九年义务教育巩固率由93%分别提高到92%、96%: the i-th noun's
        noun, rule = paired[place.index], "rate-noun-from-list"
        windows = ((paired[place.index - 1].end() if place.index else start, noun.end()),)
    elif len(nouns) > 1:
        if len(place.group) > 1 and lex.distributive.search(text, noun.end(), first.start):
            # 入园率和普惠率分别达96%和94%: the i-th number goes with the i-th noun
            if place.index >= len(nouns):
                return reject("more numbers than coordinated rate nouns")
            i = place.index  # its own phrase, then what the nouns share (小学适龄儿童入学率、巩固率), but
            # for a phrase naming a stage or group of its own (…、初中适龄少年入学率和残疾儿童入学率: not
            # 小学's; 一本上线率、本科上线率 share 普通高中)
            phrase = (nouns[i - 1].end() if i else start, nouns[i].end())
            named = i > 0 and any(pattern.search(text, phrase[0], nouns[i].start()) is not None
                                  for pattern in (lex.level_word, lex.special_education))
            windows = (phrase,) if named else (phrase, (start, nouns[0].start()))
            noun, rule = nouns[i], "rate-noun-distributed"
        else:  # 入学率和巩固率均达到100%: one number, claimed for the first noun
            noun, rule = nouns[0], "rate-noun-first-of-several"
    kind = noun.lastgroup
    if kind != "other" and (_of_other_subject(text, lex, noun_clause, noun.start())
                            or _subject_before(text, lex, start, noun_clause, noun.start())):
        return reject("a rate of something else (水土流失率, 企业入园率)")
    if kind == "known":
        return Decision(indicator=lex.rate_tags[noun.group()], rule=rule, trigger=noun.group(),
                        span=noun.span(), windows=windows)
    if kind == "share" and lex.admission_context.search(text, start, noun.start()):
        return Decision(indicator="admission_rate", rule="share-of-candidates", trigger=noun.group(),
                        span=noun.span())
    if kind == "progression":
        # no span: the stage inside 升入高中阶段的比例 is the destination; the candidates' stands before it
        return Decision(indicator="admission_rate", rule="progression-share", trigger=noun.group(),
                        windows=((place.clause[0], noun.start()),))
    return reject(f"another rate ({noun.group()}) is not claimed", noun.group())


def _nouns_of_from_values(place: Place, lex: Lexicon) -> list[Match] | None:
    """For a 分别 list of to-values, the rate nouns before it in its sentence when as many as
    its numbers each stand right before their own from-value (入园率由85%、巩固率由93%分别提高到…),
    in order; else None."""
    text, first, start = place.text, place.group[0], place.sentence[0]
    if len(place.group) < 2 or not lex.distributive.search(text, start, first.start):
        return None
    nouns: list[Match] = sorted(lex.rate_noun.finditer(text, start, first.start), key=lambda m: m.start())
    if len(nouns) != len(place.group):
        return None
    if not all(lex.own_from_value.match(text, noun.end()) for noun in nouns):
        return None
    return nouns


def _distributed_over_part_before(place: Place, lex: Lexicon) -> Decision | None:
    """A 分别 list in a part naming no rate, after a part naming as many rates with their
    values (学前三年毛入园率76.4%、九年义务教育巩固率92.1%;2019年,分别提高到89.7%、95.6%):
    the i-th number is the i-th rate's."""
    text, first, lo = place.text, place.group[0], min(place.period_start, place.sentence[0])
    if len(place.group) < 2 or lo == place.sentence[0] or not lex.distributive.search(
            text, place.sentence[0], first.start):
        return None
    return _ith_rate_before(place, lex, lo, place.sentence[0])


def _distributed_over_clauses_before(place: Place, lex: Lexicon) -> Decision | None:
    """A 分别 list in a clause naming no rate, after clauses of its sentence naming as many
    different rates (巩固率达到97%以上,学前三年毛入园率达到92%以上,确保2025年分别达到98%和95%):
    the i-th number is the i-th rate's."""
    text, first, (clause_start, _) = place.text, place.group[0], place.clause
    if len(place.group) < 2 or clause_start <= place.sentence[0] or not lex.distributive.search(
            text, clause_start, first.start) or lex.rate_noun.search(text, clause_start, first.start):
        return None
    return _ith_rate_before(place, lex, place.sentence[0], clause_start, distinct=True)


def _ith_rate_before(place: Place, lex: Lexicon, lo: int, hi: int, distinct: bool = False) -> Decision | None:
    """For the i-th number of a 分别 list, the i-th rate text[lo:hi] names, when it names as many
    known rates as the list has numbers (of as many indicators, `distinct`); else None."""
    nouns = sorted(lex.rate_noun.finditer(place.text, lo, hi), key=lambda m: m.start())
    if len(nouns) != len(place.group) or any(noun.lastgroup != "known" for noun in nouns) or (
            distinct and len({lex.rate_tags[noun.group()] for noun in nouns}) != len(nouns)):
        return None
    noun = nouns[place.index]
    own = (nouns[place.index - 1].end() if place.index else lo, noun.end())
    # (a stage the list's own clause names is its values' first: …巩固率分别为100%、99.9%,初中分别为…)
    clause = (max(place.clause[0], hi), place.group[0].start)
    return Decision(indicator=lex.rate_tags[noun.group()], rule="rate-noun-distributed-before",
                    trigger=noun.group(), span=noun.span(), windows=(clause, own))


def _places_of_the_rate_before(place: Place, lex: Lexicon) -> Decision | None:
    """A sentence naming places or stages and their figures only, opening with 其中, 分县看 or
    nothing: the places' values of the rate the sentence before names last (…毛入园率达到92.7%。
    其中,城固县、洋县分别达到96.1%、93.5%,宁强县为85.2%; 分县看,樊城区、襄城区分别达到98.2%、97.5%)."""
    text, start = place.text, place.sentence[0]
    opening = lex.part_marker.match(text, start) or lex.by_place_opener.match(text, start)
    opened = opening.end() if opening is not None else start
    if not lex.part_places.fullmatch(text, opened, place.group[0].start) or (
            opening is None and not _names_a_place(text, start, place.group[0].start)):
        return None  # (no opening: places named first, 樊城区、襄城区分别达到…; not 。95%以上。)
    previous = sentence_before_start(text, lex, start)
    noun = lex.rate_noun.search(text, previous, start)
    if noun is None or noun.lastgroup != "known":
        return None
    # a stage the part names is its own (其中,初中为92.8%), else the rate's
    own = (opened, place.group[0].start)
    return Decision(indicator=lex.rate_tags[noun.group()], rule="rate-noun-sentence-before",
                    trigger=noun.group(), span=noun.span(), windows=(own, (previous, noun.end())))


def _names_a_place(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] holds a name (two Han characters in a row), as a place's is."""
    return _TWO_HAN.search(text, start, end) is not None


_TWO_HAN = regex.compile(r"\p{Han}{2}")


def _places_of_the_rate_in_part_before(place: Place, lex: Lexicon) -> Decision | None:
    """A semicolon part naming places or schools and their figures only, after a part of its
    sentence naming a rate: the places' values of that rate (县二中普高上线率达到91.25%,位居全县
    第一;县四中为72.6%)."""
    text, start, lo = place.text, place.sentence[0], place.period_start
    if lo >= start or not lex.part_places.fullmatch(text, start, place.group[0].start):
        return None
    nouns = list(lex.rate_noun.finditer(text, lo, start))
    if not nouns or nouns[-1].lastgroup != "known":
        return None
    noun = nouns[-1]
    return Decision(indicator=lex.rate_tags[noun.group()], rule="rate-noun-part-before",
                    trigger=noun.group(), span=noun.span(), windows=((start, place.group[0].start),))


def _places_of_the_rate(text: str, lex: Lexicon, blocker: Match, end: int) -> bool:
    """Whether 其中 is followed by places and their figures only, up to `end` (巩固率达到
    98.6%,其中东平县99.1%,西河县…): the places' values of the rate before it."""
    return lex.part_marker.fullmatch(blocker.group()) is not None and lex.part_places.fullmatch(
        text, blocker.end(), end) is not None


def _coordinated_nouns(text: str, lex: Lexicon, limit: int, last: regex.Match[str]) -> list[regex.Match[str]]:
    """The rate nouns joined by 和/、 that end with `last`, in text order.

    Modifiers may stand between them (巩固率、高中阶段毛入学率).
    """
    nouns = [last]
    while (m := lex.rate_noun.search(text, limit, nouns[0].start())) is not None:
        if not lex.coordination_gap.fullmatch(text, m.end(), nouns[0].start()):
            break
        nouns.insert(0, m)
    return nouns


def _in_change_column(place: Place, lex: Lexicon) -> bool:
    """Whether the token is a bare cell of a column whose header names a change (比上年增减(百分点))."""
    header = place.column_header(lex)
    return header is not None and lex.change_column.search(header) is not None


def _column_rate(place: Place, lex: Lexicon) -> tuple[str, Match | None] | None:
    """The header of the table column holding the token and the rate noun it names, if any."""
    header = place.column_header(lex)
    return None if header is None else (header, lex.rate_noun.search(header))


def _rate_by_column(place: Place, lex: Lexicon) -> Decision | None:
    """A percent in a table's row: the rate its column's header names (上线率 above 75.34%)."""
    column = _column_rate(place, lex)
    if column is None:
        return None
    header, noun = column
    if noun is not None and noun.lastgroup == "progression":  # 升入高中阶段比例
        return Decision(indicator="admission_rate", rule="rate-column", trigger=header)
    if noun is None or noun.lastgroup != "known":
        return None
    return Decision(indicator=lex.rate_tags[noun.group()], rule="rate-column", trigger=header)


def _is_delta(place: Place, lex: Lexicon) -> bool:
    """提高2%, 增长15%, 比全省低0.6%: a change; 提高到95%: a value."""
    token = place.group[0]
    window_start = max(place.clause[0], token.start - 8)
    verb = lex.delta_verb.search(place.text, window_start, token.start)
    if token.start and any(place.text[token.start - 1] == opening and place.text.startswith(
            closing, place.group[-1].end) for opening, closing in lex.aside_brackets) and (
            lex.compared_year_end.search(place.text, window_start, token.start - 1)):
        return False  # the value compared with, in brackets: 较上年(90.3%)提高1.5个百分点
    if verb is None:  # (a gap to another place or a standard: 比全省平均水平高2%, 比全市高3%; not
        # the standard's own value: 高于全省平均水平89.7%)
        reach = max(place.clause[0], token.start - COMPARISON_REACH)
        return lex.comparison.search(place.text, reach, token.start) is not None and not (
            lex.benchmark_compared_before.search(place.text, reach, token.start))
    after = place.text[verb.end():token.start]
    return not any(w in after for w in lex.delta_to)


COMPARISON_REACH = 20  # characters of a comparison before a percent (比全省平均水平高)


# ---- counts --------------------------------------------------------------------------

def _or_list_item(decision: Decision, place: Place, lex: Lexicon) -> Decision:
    """The count's own decision; if it found nothing, what the list it stands in counts
    (not a forecast: 李鑫等4人可望被清华北大录取 after 考生30人 is no item of it)."""
    if decision.indicator is not None or place.previous_item is None:
        return decision
    forecast_after = lex.forecast.search(place.text, place.token.end, place.clause[1])
    if decision.final or forecast_after or _aided_after(place, lex, place.token.start):
        return decision  # nor those aided (为其中568名…学生办理助学贷款)
    if lex.part_own_verb_after.match(place.text, place.token.end):
        return decision  # nor what else a part did (其中568人申请了助学贷款)
    end, unit, indicator = place.previous_item
    text, token = place.text, place.token
    period_start = min(place.period_start, place.sentence[0])
    if unit != token.unit or end < period_start or _counts_other_noun(place, lex):
        return decision
    header = place.column_header(lex) if token.unit_unwritten else None
    if header is not None and grammar().header_unit.search(header):
        # a table's cell under a header of its own unit: its column says what it counts (劝返人数(人)
        # after 辍学人数(人); not 2019年 after 2018年 in a row labelled 辍学人数(人))
        return decision
    if end < place.sentence[0] and not lex.list_item_across_parts.fullmatch(text, end, token.start):
        return decision  # in the sentence's next part, a year's or a place's item only
    if lex.milestone_after.match(text, token.end):  # 5099人,较上年净增196人,首破五千人大关
        return Decision(indicator=indicator, rule="milestone", trigger=text[token.end:token.end + 2])
    if lex.to_value_gap.fullmatch(text, end, token.start):  # 由198人增加到265人, 减少至二十七人
        return Decision(indicator=indicator, rule="to-value", trigger=text[end:token.start])
    if not (token.placeholder or written_as_number(token)):
        return decision  # 无一人流失: a word, not an item written as a number
    if lex.result_gap.fullmatch(text, end, token.start):  # 目标为560人,实际完成612人
        return Decision(indicator=indicator, rule="result-of-target", trigger=text[end:token.start])
    # after a milestone, the count it was (突破3000人大关,达到3126人), as after a list's item
    milestone = lex.milestone_after.match(text, end)
    gap_start = milestone.end() if milestone is not None else end
    compared = lex.list_gap_compared.fullmatch(text, gap_start, token.start) is not None
    if (compared or lex.list_item_gap.fullmatch(text, gap_start, token.start)) and (compared or not (
            lex.list_gap_blocker.search(text, end, token.start) or lex.staff.search(text, end, token.start))):
        rule = "after-milestone" if milestone is not None else "list-item"
        return Decision(indicator=indicator, rule=rule, trigger=text[end:token.start].strip())
    return decision


def _persons_in_ge(place: Place, lex: Lexicon) -> bool:
    """Whether a count in 个 ending its clause counts the persons a counting word right before
    it names (spoken: 初中辍学的是五个, 流失了七个, 清华北大录取了三个; not 上线项目3个)."""
    text, token = place.text, place.token
    if place.group[-1].end != place.clause[1] and not lex.clause_end.match(text, token.end):
        return False
    gap = lex.persons_in_ge_gap.search(text, place.clause[0], token.start)
    return gap is not None and trigger_ending_at(text, lex, gap.start()) is not None


def _reached_after_a_change(place: Place, lex: Lexicon) -> Decision | None:
    """The count a change reached, its clause only 达到 (本科上线人数同比增加45人,达到136人): the
    count of what the clause before names before its change."""
    text, lo, hi = place.text, place.clause_before_start, place.clause[0]
    if hi <= lo or not lex.reached_opening.fullmatch(text, hi, place.token.start):
        return None
    change = lex.delta_verb.search(text, lo, hi)
    if change is None:
        return None
    trigger = lex.person_trigger.search(text, lo, change.start())
    if trigger is None or lex.staff.search(text, lo, change.start()):
        return None
    return Decision(indicator=lex.person_tags[trigger.group()], rule="person-reached-after-change",
                    trigger=trigger.group(), span=trigger.span())


def _clause_before(place: Place) -> tuple[int, int] | None:
    """The clause before the token's, when it holds no number: the head of a list
    (新增学位中,福州10715个; 从本科进线人数看,各高中依次为光山二高3786人)."""
    lo, hi = place.clause_before_start, place.clause[0]
    if hi <= lo or place.left_limit > lo:  # the clause before holds a number token
        return None
    return lo, hi


def _spent_on_before(place: Place) -> tuple[int, int] | None:
    """The clause before the token's, when it holds no sum: what a spending word's sum paid
    for (完成校舍维修改造12所,支出1186.42万元: its count is no sum of its own)."""
    lo, hi = place.clause_before_start, place.clause[0]
    if hi <= lo or holds_token(place.text, lo, hi, MONEY):
        return None
    return lo, hi


def _counts_other_noun(place: Place, lex: Lexicon) -> bool:
    """x个班, xx个公益早教指导中心: a 个 count followed by its own noun, which is no 学位."""
    text, end = place.text, place.token.end
    return place.token.unit == "个" and lex.word_after.match(text, end) is not None and not text.startswith(
        lex.seat_noun, end)

def _cell_clause_start(place: Place, lex: Lexicon) -> int:
    """Where a token's clause starts, for a counting word before it: for a bare cell of a row
    parted by | (本科上线人数 | 人 | 2980 | 3120), where the row does, as its label names what
    the cells count."""
    text, token = place.text, place.token
    if not token.unit_unwritten:
        return place.clause[0]
    row_start = text.rfind("\n", 0, token.start) + 1
    parted = any(separator in text[row_start:token.start] for separator in lex.table_cell_separators)
    return row_start if parted else place.clause[0]


def _reach_from(text: str, token: NumberToken, reach: int) -> int:
    """Where a counting word before a token is looked for: `reach` characters back, or for a
    table's bare cell back to its row's label (新增学位    个          1200, 本科上线人数    人    6104:
    a unit's cell and blanks between)."""
    back = token.start - reach
    return min(back, text.rfind("\n", 0, token.start) + 1) if token.unit_unwritten else back


def _years_length(text: str, lex: Lexicon, start: int, end: int) -> int:
    """The characters of the years named in text[start:end], which a reach back to a counting
    word passes over (学位总数由2020年的11.2万个: the from-value's year)."""
    return sum(len(m.group()) for m in lex.claim_year.finditer(text, max(0, start), end))


def _places_lacked(text: str, lex: Lexicon, clause_start: int, at: int) -> bool:
    """Whether the 学位 at `at` are places lacked, approved or needed (缺少学位, 核定学位,
    需普通高中学位), not places provided."""
    if text.endswith(lex.seat_shortage_before, clause_start, at):
        return True
    stage = lex.level_word.match(text, clause_start, at)
    return stage is not None and lex.seat_shortage_stage.search(text, clause_start, stage.start()) is not None


def _seats_blocked(text: str, lex: Lexicon, clause_start: int, at: int, end: int) -> bool:
    """Whether a word between 学位 at `at` and a count at `end` makes it no count of places
    (学位缺口3000个, 学位不足约2400个); a bound after places added is none (新增学位不足200个)."""
    blocker = lex.seat_blocker.search(text, at + len(lex.seat_noun), end)
    if blocker is None:
        return False
    return blocker.group() not in lex.seat_bound_words or not lex.seats_added_before.search(
        text, max(clause_start, at - lex.seat_reach_before), at)


def seat_rule(place: Place, lex: Lexicon) -> Decision:
    """新增学位3000个 / 提供2074个学位 / 幼儿园学位xxxx个; not 学位缺口3000个."""
    text, first, last = place.text, place.group[0], place.group[-1]
    if first.value == 1 and not first.surface[0].isdigit() and text.startswith(lex.seat_noun, last.end):
        return reject("一个学位: a single place, no count of places", final=True)
    noun = lex.seat_noun
    reach = lex.seat_reach_before + _years_length(text, lex, first.start - lex.seat_reach_before, first.start)
    left_from = max(place.clause[0], place.left_limit, _reach_from(text, first, reach))
    at = text.rfind(noun, left_from, first.start)
    if at >= 0:
        if _seats_blocked(text, lex, place.clause[0], at, first.start) or _places_lacked(
                text, lex, place.clause[0], at):
            return reject("a shortfall or a share of places, or calls about them, not places", final=True)
        if not _own_item_counts(place, lex, at + len(noun)):
            return reject("its item of a 分别 list counts something else (托位和学位分别为…)", final=True)
        if lex.seat_owner_blocker.search(text, place.clause[0], at):
            return reject("child-care places (托育学位), no school places", final=True)
        return Decision(indicator="degree_seats", rule="seats-before", trigger=noun,
                        span=(at, at + len(noun)))
    right_end = min(place.clause[1], last.end + lex.seat_reach_after + len(noun))
    at = text.find(noun, last.end, right_end)
    if at >= 0:
        between = text[last.end:at]
        if lex.seat_noun_head.match(text, at + len(noun)):
            return reject("a count of projects, not places (13个学位建设项目)")
        if lex.seat_owner_blocker.search(text, last.end, at):
            return reject("child-care or boarding places (约1200个寄宿学位), no school places", final=True)
        if not any(ch.isdigit() for ch in between) and (
                not lex.list_joiner.search(between) or _stages_only(between, lex)):
            return Decision(indicator="degree_seats", rule="seats-after", trigger=noun,
                            span=(at, at + len(noun)))
    head = _clause_before(place)
    if (head is not None and text.find(noun, *head) >= 0 and not lex.seat_blocker.search(text, *head)
            and not _counts_other_noun(place, lex)):
        at = text.rfind(noun, *head)
        return Decision(indicator="degree_seats", rule="seats-list-head", trigger=noun,
                        span=(at, at + len(noun)))
    label = _row_label(place, lex)
    if label is not None and (at := text.rfind(noun, *label)) >= 0 and not lex.seat_blocker.search(
            text, *label):
        return Decision(indicator="degree_seats", rule="seats-row-label", trigger=noun,
                        span=(at, at + len(noun)))
    return (_seats_part_of_total(place, lex) or _seats_by_column(place, lex) or _seats_again(place, lex)
            or reject("no 学位 next to it"))


def _seats_again(place: Place, lex: Lexicon) -> Decision | None:
    """A bare 个 count its clause adds again (再新增) after places named earlier in its sentence
    (今年新增学位2000个,明年力争再新增3000个以上): places."""
    text, first, end = place.text, place.group[0], place.token.end
    if (qualifier := grammar().suffix_qualifier.match(text, end)) is not None:
        end = qualifier.end()  # 再新增3000个以上
    if place.token.unit != "个" or lex.word_after.match(text, end) is not None:
        return None
    if lex.seats_again.search(text, place.clause[0], first.start) is None:
        return None
    at = text.rfind(lex.seat_noun, place.sentence[0], place.clause[0])
    if at < 0 or lex.seat_blocker.search(text, at, place.clause[0]):
        return None
    return Decision(indicator="degree_seats", rule="seats-again", trigger=lex.seat_noun,
                    span=(at, at + len(lex.seat_noun)))


def _seats_by_column(place: Place, lex: Lexicon) -> Decision | None:
    """A table's bare cell under a header naming places (新增学位(个) above 21500)."""
    if not place.token.unit_unwritten:
        return None
    header = place.column_header(lex)
    if header is None or lex.seat_noun not in header or lex.seat_blocker.search(header):
        return None
    return Decision(indicator="degree_seats", rule="seats-column", trigger=header)


def _row_label(place: Place, lex: Lexicon) -> tuple[int, int] | None:
    """The first cell of the table row (cells parted by |) a number stands in a later cell of,
    past a cell holding only the row's number: its label (新增中小学学位(个) | — | 12000 | 7650;
    4 | 新增学位 | 个 | 900 | 960)."""
    text, at = place.text, place.group[0].start
    start = text.rfind("\n", 0, at) + 1
    while (end := _cell_end(text, lex, start, at)) is not None:
        if not text[start:end].strip().isdigit():
            return start, end
        start = end + 1
    return None


def _cell_end(text: str, lex: Lexicon, start: int, limit: int) -> int | None:
    """Where the table cell opening at `start` ends (its separator), if before `limit`."""
    ends = [i for sep in lex.table_cell_separators if (i := text.find(sep, start, limit)) >= 0]
    return min(ends) if ends else None


def _stages_only(words: str, lex: Lexicon) -> bool:
    """Whether `words` list school stages and nothing else (小学及中学 of 4000个小学及中学学位)."""
    return all(item and lex.level_word.fullmatch(item) for item in lex.list_joiner.split(words))


def _own_item_counts(place: Place, lex: Lexicon, noun_end: int) -> bool:
    """Whether, with 分别 after the counted noun, the number's own item of the list before
    it names no other countable (新增普惠托位和幼儿园学位分别为420个、2880个: 420个 counts 托位;
    小学、初中学位分别新增…: both are places)."""
    text, first = place.text, place.group[0]
    marker = lex.distributive.search(text, noun_end, first.start) if len(place.group) > 1 else None
    if marker is None:
        return True
    items = lex.list_joiner.split(text[place.clause[0]:marker.start()])
    return len(items) != len(place.group) or lex.other_countable.search(items[place.index]) is None


def _seats_part_of_total(place: Place, lex: Lexicon) -> Decision | None:
    """A count after 其中 whose sentence counts places before it, a number between (新增学位约
    12万个,其中小学、初中分别新增7.4万个和4.6万个; places named, 其中喀什地区、和田地区分别新增
    4000个、3500个; a part after a semicolon too: 新增义务教育学位1.5万个;其中信都区新增5000个): a part
    of those places."""
    text, start, first = place.text, place.sentence[0], place.group[0]
    marker = lex.part_marker_before.search(text, start, first.start)
    if marker is None:
        return None
    between = text[marker.end():first.start]
    places = lex.part_places.match(between)  # 其中喀什地区、和田地区分别新增4000个、3500个; 其中新建学校提供
    rest = lex.level_word.sub("", between[places.end() if places else 0:])  # 小学、初中分别新增 -> 、分别新增
    if not lex.part_seats_gap.fullmatch(rest):
        return None  # the part counts a noun of its own (其中新建班级12个)
    at = text.rfind(lex.seat_noun, min(place.period_start, start), marker.start())
    if at < 0 or not any(ch.isdigit() for ch in text[at:marker.start()]):
        return None
    return Decision(indicator="degree_seats", rule="seats-part-of-total", trigger=lex.seat_noun,
                    span=(at, at + len(lex.seat_noun)))


def person_rule(place: Place, lex: Lexicon) -> Decision:
    """一本上线283人 / 流失7人 / 报到入学12275人 / 4200名学生参加了高考."""
    text, token = place.text, place.group[0]
    if lex.forecast.search(text, place.clause[0], token.start) or lex.forecast.search(
            text, place.group[-1].end, place.clause[1]):  # 李鑫等4人可望被清华北大录取
        return reject("a forecast or a suspicion (可望, 有望, 预计, 疑似), not a count", final=True)
    if lex.count_negation.search(text, max(0, token.start - 4), token.start):
        return reject("no one is counted (无一人流失)", final=True)
    if lex.count_rank.search(text, max(0, token.start - 4), token.start):
        return reject("a rank (前50名), no count", final=True)
    if lex.returned.search(text, place.clause[0], token.start):
        return reject("those brought back to school (劝返复学28人), no count of dropouts", final=True)
    reach_from = _reach_from(text, token, lex.person_reach)
    left_from = max(_cell_clause_start(place, lex), place.left_limit, reach_from)
    trigger = lex.person_trigger.search(text, left_from, token.start)
    opened = _aside_around(text, lex, place.clause[0], trigger, token.start) if trigger is not None else None
    if opened is not None:  # a word in brackets naming a line (一本上线(特殊类型招生控制线)人数): the word
        before = max(place.clause[0], opened - lex.person_reach)  # before the brackets counts
        trigger = lex.person_trigger.search(text, before, opened) or trigger
    if trigger is None and (admitted := lex.admitted_object.search(text, max(
            place.clause[0], place.left_limit, token.start - lex.admitted_object_reach), token.start)):
        trigger = lex.person_trigger.search(text, admitted.start(), admitted.end())  # 考入清华、北大的学生
    if trigger is not None and lex.person_tags[trigger.group()] == "dropout_count" and (
            lex.talent_drain.search(text, place.clause[0], token.start)):
        return reject("those who went to school elsewhere (流失优秀初中毕业生), no dropouts", final=True)
    if trigger is not None:
        if lex.person_trigger_negated.search(text, max(0, trigger.start() - 3), trigger.start()):
            # (未上线考生中有300人被专科录取: what the word after it counts)
            return _count_named_after(place, lex) or reject(
                "those it did not happen to (未入学, 未被录取), no count", final=True)
        if lex.staff_or_parents.search(text, trigger.start(), token.start) or _counts_staff(
                text, lex, place.clause[0], trigger.start()) or _staff_leaving_before(place, lex, trigger):
            return reject("a count of staff or of callers (家长, 群众), not of pupils")
        if any(_of_other_subject(text, lex, place.clause[0], end) for end in (trigger.start(), token.start)) \
                or _counts_group_before(place, lex, trigger.start()):  # 公务员…录取; 上线主播620人
            return reject("a count of something else (劳动力流失, 干部…录取)")
        if lex.aided.search(text, place.clause[0], trigger.start()) or _aided_after(
                place, lex, trigger.start()) or _awarded_each(place, lex):
            return reject("those aided or honoured (资助考入…的新生440名), no count of its own")
        indicator = _counted_by(text, lex, trigger)
        after = _count_named_after(place, lex) if indicator in lex.group_indicators else None
        if after is not None and after.indicator != indicator:
            return after  # 考生中有9人被本科院校录取: a part of the candidates, admitted
        return Decision(indicator=indicator, rule="person-before", trigger=trigger.group(),
                        span=trigger.span())
    phrase = distributed_phrase(place, lex)
    if phrase is not None:  # 上线人数、上线率均创新高,分别达到3120人、67.8% (the rate no block of the count)
        trigger = lex.person_trigger.search(text, *phrase)
        if trigger is not None:
            return Decision(indicator=lex.person_tags[trigger.group()], rule="person-distributed",
                            trigger=trigger.group(), span=trigger.span())
    if lex.person_trigger_blocked.search(text, left_from, token.start):
        return reject("its own clause names an intake plan, a rate or a time (招生计划, 录取率), no count")
    if (reached := _reached_after_a_change(place, lex)) is not None:
        return reached
    head = _clause_before(place)
    trigger = lex.person_trigger.search(text, *head) if head is not None else None
    if trigger is not None and head is not None and _of_other_subject(text, lex, head[0], trigger.start()):
        trigger = None  # 网上报名系统上线以来,…报名4200人: a system went online
    if trigger is not None and lex.person_tags[trigger.group()] in lex.group_indicators and (
            named := _count_named_after(place, lex)) is not None and named.indicator is not None:
        return named  # 参加高考的学生中,有1386人本科上线: a part of the takers, passed
    if trigger is not None and not lex.staff_or_parents.search(text, trigger.start(), token.start):
        return Decision(indicator=lex.person_tags[trigger.group()], rule="person-list-head",
                        trigger=trigger.group(), span=trigger.span())
    part = part_of_total(place, lex)
    named_after = _count_named_after(place, lex)  # (a rejection too: 其中12名可望被…录取, a forecast)
    if part is not None and named_after is not None and named_after.indicator != part.indicator:
        return named_after  # 参加高考共计194人,其中…,有四十一名…被本科院校录取: no part of the takers
    return part or named_after or _count_by_column(place, lex) or reject(
        "no counting word (上线, 流失, 入学, 考生…) next to it")


def _count_by_column(place: Place, lex: Lexicon) -> Decision | None:
    """A table's bare cell under a header naming whom it counts (辍学人数(人) above 3), not
    staff, another subject, a plan or a rate (招生计划(人)), nor those brought back (劝返人数); a
    count with its unit filling its cell too (普高录取人数 above 2610人)."""
    if not (place.token.unit_unwritten or fills_its_cell(place.text, place.token, lex.table_cell_separators)):
        return None
    header = place.column_header(lex)
    trigger = lex.person_trigger.search(header) if header is not None else None
    if header is None or trigger is None or lex.person_trigger_blocked.search(header) or lex.staff.search(
            header) or lex.returned.search(header) or _of_other_subject(header, lex, 0, trigger.start()):
        return None
    return Decision(indicator=lex.person_tags[trigger.group()], rule="person-column", trigger=header)


def _count_named_after(place: Place, lex: Lexicon) -> Decision | None:
    """What the phrase right after a count says it counts (4200名学生参加了高考, 12名辍学学生
    未返校), if anything."""
    text = place.text
    right = text[place.group[-1].end:place.clause[1]]
    for code, pattern in lex.person_after.items():
        m = pattern.match(right)
        if m is not None:
            if lex.forecast.search(m.group()):
                return reject("a forecast or a suspicion (可望, 有望, 预计, 疑似), not a count", final=True)
            if lex.staff.search(m.group()):
                return reject("a count of staff or of callers (家长, 群众), not of pupils")
            if lex.aided.search(text, place.clause[0], place.clause[1]) or text.endswith(
                    "为", max(place.clause[0], place.token.start - 1), place.token.start):
                return reject("those aided or honoured (为526名考入本科院校的学生每人资助5000元), no count",
                              final=True)
            end = place.group[-1].end  # its stage is the one its phrase names (41名高中毕业生被…录取)
            return Decision(indicator=code, rule="person-after", trigger=m.group(),
                            windows=((end, end + m.end()),))
    return None


def _counted_by(text: str, lex: Lexicon, trigger: Match) -> str:
    """What a counting word counts: its own indicator, or for a group's total that of a
    counting word right before it, which names the group (辍学学生共计9人: dropouts, not
    pupils enrolled), or for a verb's object that of the verb (录取农村考生: admitted)."""
    if trigger.group() in lex.verb_objects:
        verb = lex.object_of.search(text, max(0, trigger.start() - lex.person_reach), trigger.start())
        counting = lex.person_trigger.search(text, verb.start(), verb.end()) if verb is not None else None
        if counting is not None:
            return lex.person_tags[counting.group()]
    if trigger.group() not in lex.group_totals:
        return lex.person_tags[trigger.group()]
    before = trigger_ending_at(text, lex, trigger.start()) or _trigger_describing(text, lex, trigger.start())
    return lex.person_tags[(before or trigger).group()]


DESCRIBING_REACH = 20  # characters of a phrase describing a group (考入“985”“211”院校的)


def _trigger_describing(text: str, lex: Lexicon, at: int) -> Match | None:
    """The counting word of a phrase describing the group right before `at` (考入重点院校的
    学生共计186人: 考入), in its clause."""
    if not text.endswith(lex.aided_group_end, 0, at):
        return None
    lo = max(0, at - DESCRIBING_REACH)
    clause_end = lex.clause_end_before.search(text, lo, at)
    triggers = list(lex.person_trigger.finditer(text, clause_end.end() if clause_end else lo, at))
    return triggers[-1] if triggers else None


def aside_opened(text: str, lex: Lexicon, start: int, at: int) -> tuple[int, str] | None:
    """Where the brackets open that `at` stands inside (opened after `start`, an aside:
    (包括普通高中…)), with their closing bracket; else None."""
    for opening, closing in lex.aside_brackets:
        if (opened := text.rfind(opening, start, at)) > text.rfind(closing, start, at):
            return opened, closing
    return None


def _aside_around(text: str, lex: Lexicon, start: int, word: Match, end: int) -> int | None:
    """Where the brackets open that hold `word` and close before `end` (both after `start`),
    else None."""
    aside = aside_opened(text, lex, start, word.start())
    return aside[0] if aside is not None and aside[1] in text[word.end():end] else None


def trigger_ending_at(text: str, lex: Lexicon, at: int) -> Match | None:
    """The counting word (流失, 辍学, 录取) that ends right at `at`, if any."""
    trigger = lex.person_trigger.search(text, max(0, at - lex.person_reach), at)
    return trigger if trigger is not None and trigger.end() == at else None


def _of_other_subject(text: str, lex: Lexicon, clause_start: int, word_start: int,
                      rate_words_aside: bool = False) -> bool:
    """Whether the words before a rate noun or counting word in its clause name another
    subject than pupils (水土流失率, 企业入园率, 劳动力流失), nearer to it than any word
    of education (智慧校园平台上线率: the platform's, online); with `rate_words_aside`, not
    when the nearest is another rate's own word (就业 of 就业率) or a count's (就业360人).

    >>> from extractor.extract.lexicon import lexicon
    >>> texts = ("智慧校园平台上线率", "平台学校本科上线率")
    >>> [_of_other_subject(t, lexicon(), 0, t.index("上线率")) for t in texts]
    [True, False]
    """
    other = _last(lex.other_subject, text, clause_start, word_start)
    if other is None or (rate_words_aside and lex.rate_suffix.match(text, other.end())):
        return False
    education = _last(lex.education, text, clause_start, word_start)
    return education is None or education.end() <= other.start()


def _points_back(text: str, lex: Lexicon, noun: regex.Match[str], start: int) -> bool:
    """Whether a rate noun points back to the one before it (这一比例, 该比率: D8); the noun's
    match may hold the pointing word or follow it."""
    m = lex.rate_anaphor.search(text, max(start, noun.start() - 3), noun.end())
    return m is not None and m.end() == noun.end()


def _subject_before(text: str, lex: Lexicon, lo: int, clause_start: int, noun_start: int) -> bool:
    """Whether a rate noun opening its clause (an adverb at most before it) is of another
    subject the clause before names (公园入园游客达到260万人次,入园率达到85%; 286名大学毕业生考录
    为公务员,录取率为4.5%), or of the staff it names, for a dropout rate (保教人员待遇偏低,流失率
    达到9%), or counts (教师流失2人,流失率5.9%), also where that
    clause's count opens it after a clause naming them (特岗教师招聘考试报名1860人,录取326人,
    录取率为17.5%)."""
    if clause_start <= lo or lex.group_count_opener.fullmatch(text, clause_start, noun_start) is None:
        return False
    before = clause_start_of(text, lex, lo, clause_start - 1)
    if lex.dropout_rate_noun.match(text, noun_start) and _counts_staff(text, lex, before, clause_start - 1):
        return True  # 三是保教人员待遇偏低,流失率达到9%: the staff's
    if lex.admission_rate_noun.match(text, noun_start) and (
            hiring := lex.staff_hiring.search(text, lo, clause_start)) is not None and lex.staff.search(
            text, hiring.end(), clause_start):
        return True  # 面向社会公开招聘教师320名,报名2680人,录取率为11.9%: the hiring's
    counted = _last(lex.person_trigger, text, before, clause_start - 1)
    if counted is not None and text.startswith(counted.group(), noun_start):
        if _counts_staff(text, lex, before, counted.start()):
            return True  # 教师流失2人,流失率5.9%: the staff's rate of what the clause before counts
        if before > lo and lex.group_count_opener.fullmatch(text, before, counted.start()) is not None:
            # 特岗教师招聘考试报名1860人,录取326人,录取率…: the clause before that names whom it counts
            earlier, end = clause_start_of(text, lex, lo, before - 1), before - 1
            if _counts_staff(text, lex, earlier, end) or _of_other_subject(text, lex, earlier, end):
                return True
    # (中职毕业生就业率为97.1%,升入高等院校的比例为68.3%: 就业 is another rate's own word)
    return _of_other_subject(text, lex, before, clause_start - 1, rate_words_aside=True)


def clause_start_of(text: str, lex: Lexicon, lo: int, at: int) -> int:
    """Where the clause holding text[at] starts (not before `lo`): a rate noun's subject
    stands in its own clause, which may come before the number's (教师流失率偏高,达到6.5%).

    >>> from extractor.extract.lexicon import lexicon
    >>> t = "二是部分乡村学校教师流失率偏高,达到6.5%"
    >>> t[clause_start_of(t, lexicon(), 0, t.index("流失率")):t.index("流失率")]
    '二是部分乡村学校教师'

    A comma inside a number in thousands ends no clause, as the document's clauses leave out
    the tokens' spans:

    >>> t = "高三毕业生4,120人参加普通高考"
    >>> t[clause_start_of(t, lexicon(), 0, t.index("高考")):]
    '高三毕业生4,120人参加普通高考'
    """
    end = lex.clause_end_before.search(text, lo, at)
    while end is not None and _thousands_comma(text, end.start()):
        end = lex.clause_end_before.search(text, lo, end.start())
    return lo if end is None else end.end()


def _thousands_comma(text: str, at: int) -> bool:
    """Whether text[at] is the comma of a number in thousands (4,120: ARABIC's grouping)."""
    return (text[at] == "," and at > 0 and text[at - 1].isdigit() and text[at + 1:at + 4].isdigit()
            and not text[at + 4:at + 5].isdigit())


LOOK_PAST = 6  # how far a soft word's guard looks past the window's end (困境儿童 before 入学率)
# how far into a sentence a sum looks for its cues away from its clause (a building word before
# it, a fee's item chain, a school built beside, a total's parts): bounded, so that a sentence
# of thousands of characters stays linear
SENTENCE_REACH = 400
PARAGRAPH_SPAN = 2000  # ...and for the paragraph around it
FEE_HEADING_MAX = 20  # the longest heading naming a fee above its items (一、收费标准)
FEE_ITEM_LINES = 6  # how many item lines a fee's heading may stand above
FEE_ITEM_LINE_MAX = 200  # ...each at most this long
FEE_ITEMS_REACH = 160  # how far back in its sentence a sum looks for the fee it is an item of


def _last(pattern: Pattern, text: str, start: int, end: int) -> Match | None:
    """The last match of `pattern` in text[start:end], its guards looking past `end`
    (困境儿童 is welfare's word, not before 入学: 困境儿童入学率 is education's)."""
    found = [m for m in pattern.finditer(text, start, min(len(text), end + LOOK_PAST)) if m.end() <= end]
    return found[-1] if found else None


def _counts_group_before(place: Place, lex: Lexicon, word_start: int) -> bool:
    """Whether a counting word opening its clause counts staff or another subject the
    clause before names, with nothing of education (组织村级后备干部选拔考试,录取12人; an
    adverb may stand before it: 社区工作者招录考试,最终上线9人)."""
    text, clause_start = place.text, place.clause[0]
    if lex.group_count_opener.fullmatch(text, clause_start, word_start) is None:
        return False
    return _counts_staff(text, lex, place.clause_before_start, clause_start) or _of_other_subject(
        text, lex, place.clause_before_start, clause_start)


def _aided_after(place: Place, lex: Lexicon, trigger_start: int) -> bool:
    """Whether the count is the object of an aiding verb after it in its clause, opened by
    对, 给 or 为 before its counting word (对考入…高校的85名新生每人奖励3000元; 为…考入大学的
    786名…学生办理生源地信用助学贷款)."""
    text, (clause_start, clause_end) = place.text, place.clause
    return (lex.aided_object.search(text, clause_start, trigger_start) is not None
            and lex.aided_after.search(text, place.token.end, clause_end) is not None)


def _awarded_each(place: Place, lex: Lexicon) -> bool:
    """Whether the count is of a group described before it whose next clause awards each of
    them (其中考入本科院校的287名,每人资助5000元): those aided, no count of its own."""
    text = place.text
    return text.endswith(lex.aided_group_end, 0, place.token.start) and lex.aided_next.match(
        text, place.clause[1] + 1) is not None


def _counts_staff(text: str, lex: Lexicon, clause_start: int, word_start: int) -> bool:
    """Whether a staff word stands before a counting word or rate noun in its clause, no
    pupil word between, nor a stage right before the counting word (骨干教师流失, 专任教师年流失率,
    特岗教师招聘笔试合格上线; not 特岗教师所在学校义务教育巩固率, a stage's pupils)."""
    staff = lex.staff_before.search(text, clause_start, word_start)
    if staff is None or lex.pupil_word.search(text, staff.end(), word_start) is not None:
        return False
    return not any(word_start - stage.end() <= STAGE_NOUN_GAP and lex.level_tags.get(stage.group()) not in (
        GENERIC, None) for stage in lex.level_word_forward.finditer(text, staff.end(), word_start))


def _staff_leaving_before(place: Place, lex: Lexicon, trigger: Match) -> bool:
    """Whether a dropout count naming no one (no pupils, no stage) goes on a clause before about
    staff (非在编教师流失率较高,2023年流失38人; 幼儿园教师队伍不够稳定,全年流失12人): staff leaving."""
    text, clause_start = place.text, place.clause[0]
    if lex.person_tags[trigger.group()] != "dropout_count" or place.clause_before_start >= clause_start:
        return False
    if lex.pupil_word.search(text, clause_start, place.token.start) or lex.level_word_forward.search(
            text, clause_start, place.token.start):
        return False  # (…,初中流失7人: a stage's pupils)
    return _counts_staff(text, lex, place.clause_before_start, clause_start)


STAGE_NOUN_GAP = 2  # characters between a stage word and the rate noun it names (初中三年巩固率)


def _counted_before(text: str, lex: Lexicon, start: int, noun_start: int) -> bool:
    """Whether the staff word nearest before a rate noun has a count of its own after it (专任教师
    3186人 初中三年巩固率99.21%: a table row's staff, no subject of the rate)."""
    staff = lex.staff_before.search(text, start, noun_start)
    return staff is not None and any(ch.isdigit() for ch in text[staff.end():noun_start])


PART_LABEL_MAX = 8  # characters of a later part's label after 其中's (…,其中小学5人,初中18人)


def part_of_total(place: Place, lex: Lexicon) -> Decision | None:
    """A count after 其中 counts what the total before it counts: 学生共计10856名,其中,
    小学8506名 -> enrolled_count (for the indicators listed as part_indicators); staff
    named in the count's own clause are no part of pupils (在园教职工2171人)."""
    text, start = place.text, place.sentence[0]
    marker = lex.part_marker_before.search(text, start, place.token.start)
    if marker is None or lex.staff.search(text, max(place.clause[0], marker.end()), place.token.start):
        return None
    trigger = lex.person_trigger.search(text, start, marker.start())
    if trigger is None or lex.person_tags[trigger.group()] not in lex.part_indicators:
        return None
    if not any(ch.isdigit() for ch in text[start:marker.start()]):
        return None  # no total before 其中
    if lex.part_own_verb_after.match(text, place.token.end) or _aided_after(place, lex, marker.start()):
        return None  # 其中986人申请了生源地信用助学贷款; 为其中568名…学生办理…贷款: what else the part did
    clause_start = place.clause[0]
    if clause_start > marker.end() and place.token.start - clause_start > PART_LABEL_MAX and not (
            lex.person_trigger.search(text, clause_start, place.token.start)):
        return None  # 其中一本上线653人,受到县政府表彰的优秀毕业生32人: a clause of its own, no part
    # (what the total counts: 流失学生共计23人,其中小学5人 -> dropouts, as the total)
    return Decision(indicator=_counted_by(text, lex, trigger), rule="person-part-of-total",
                    trigger=trigger.group(), span=trigger.span())


def distributed_phrase(place: Place, lex: Lexicon) -> tuple[int, int] | None:
    """The phrase a number of a mixed 分别 list stands for: the i-th of the coordinated
    phrases before 分别 (本科上线人数、上线率…分别达到3120人、67.8% -> 本科上线人数)."""
    if place.mixed is None:
        return None
    index, size = place.mixed
    text, start = place.text, place.sentence[0]
    markers: list[Match] = list(lex.distributive.finditer(text, start, place.token.start))
    if not markers:
        return None
    end = markers[-1].start()  # the 分别 nearest the number
    while end > start:  # the nearest clause before 分别 that coordinates several phrases
        clause_start = max(text.rfind(ch, start, end) for ch in ",，:：")
        clause_start = max(clause_start + 1, start) if clause_start >= 0 else start
        joints: list[Match] = list(lex.list_joiner.finditer(text, clause_start, end))
        if len(joints) == size - 1:
            edges = [clause_start] + [j.end() for j in joints]
            stops = [j.start() for j in joints] + [end]
            return edges[index], stops[index]
        end = clause_start - 1
    return None


# ---- money ---------------------------------------------------------------------------

def _class_bound(place: Place, lex: Lexicon) -> bool:
    """Whether the sum alone in brackets closing a line, with 以上/以下 or as a range's end,
    bounds a list's class (一、单位捐赠(10万元以上), 二、单位捐赠(1万元至10万元))."""
    text, start, end = place.text, place.group[0].start, place.group[-1].end
    before = lex.class_bound_before.search(text, max(0, start - 16), start)
    after = lex.class_bound_after.match(text, end) if before is not None else None
    if before is None or after is None:
        return False
    return bool(before["low"] or after["high"] or after["bound"]) or len(place.group) > 1  # 1万元至10万元


def money_rule(place: Place, lex: Lexicon) -> Decision:
    """Education money: investment for building projects, funding for the rest."""
    text, token = place.text, place.group[0]
    clause_start = place.clause[0]
    # a clause that is only an amount per head, a restatement, a highest or a comparison, or a
    # stage (the next item of a list), or one after a label, is of what the clause before names
    # (仪器设备总值5.26亿元,生均1.58万元; 即95.07万元; 起薪…3200元,最高达8000元; 小学生均教学仪器
    # 设备值2856元,初中3642元; 投标保证金:8万元), and so
    # is a list of stages' sums in one (设备值,小学为4215元、初中为5380元)
    alone = any(pattern.fullmatch(text, clause_start, token.start)
                for pattern in (lex.per_head, lex.restating, lex.continuing, lex.stage_item)
                ) or _stage_items(place, lex)
    labelled = clause_start > 0 and text[clause_start - 1] in lex.label_ends
    # (保育教育费:每生每月680元,…每生每年补助1000元: aid in its own clause, no fee under the label)
    aided = lex.fee_aided.search(text, clause_start, token.start) is not None
    held_from = place.clause_before_start if (alone or labelled) and not aided else clause_start
    if lex.foreign_currency.search(text, clause_start, token.start):
        return reject("a currency other than the yuan (新台币, 港币)")
    if lex.average_pay.fullmatch(text, clause_start, token.start) and lex.pay_word.search(
            text, place.clause_before_start, clause_start):
        return reject("an average of the pay named before (…绩效工资约860万元,人均2.3万元), no money spent")
    if _class_bound(place, lex):
        return reject("the bound of a list's class (单位捐赠(10万元以上)), no sum", final=True)
    if lex.in_words_again.search(text, place.clause_before_start, token.start):
        return reject("the sum before, written again in words (大写)")
    if lex.standard_named_after.match(text, place.group[-1].end) and lex.standard_compared_before.search(
            text, clause_start, token.start):
        return reject("a standard a value is compared with (未达到2000元的标准), no money spent", final=True)
    label = _row_label(place, lex) if aided else (  # 设备值(元) | 2645; 投标保证金:…; 保育教育费:…
        _label_over_items(place, lex) or _row_label(place, lex) or _fee_label(place, lex))
    header = place.column_header(lex) if token.unit_unwritten else None  # 平均月收入(元) over 4420
    held = lex.not_spent.search(text, held_from, token.start) or (
        lex.not_spent.search(text, *label) if label else None) or (
        lex.not_spent.search(header) if header else None) or (
        None if aided else _fee_schedule_item(place, lex) or _fee_heading_above(place, lex)) or (
        lex.not_spent_after.match(text, place.group[-1].end))
    # (滞留的…资金326.5万元已于2022年9月全部拨付到校: held back, then paid out, so spent)
    if held is not None and not lex.paid_later.match(text, place.group[-1].end):
        return reject(f"no money spent ({held.group()}: a value held, a shortfall, a price, a wage, takings)")
    about = _education_topic(place, lex)
    if about is not None:
        return reject(f"money about something else: {about}")
    if token.unit_unwritten:  # a table's bare cell, its unit from a header or a caption
        if token.value == 0:
            return reject("an empty table cell (0), no sum", final=True)
        # 完成投资(万元) over 98600; 教育项目完成投资 | 万元 | 12000; not a row of aid under it
        # (学生资助及营养改善 | 18000 | 18030: what the row pays decides over the column's word)
        if label is not None and lex.aid.search(text, *label) and header is not None:
            return Decision(indicator="funding", rule="money-row-aid", trigger=text[label[0]:label[1]])
        if header is not None and (named := _money_named(header, 0, len(header), lex, "column")):
            return named
        if label is not None and (named := _money_named(text, *label, lex, "row-label")):
            return named
    elif (row := _row_label(place, lex)) is not None and (
            named := _money_named(text, *row, lex, "row-label")) is not None:
        return named  # 教育基础设施建设投资|2.6亿元|2.74亿元: the row's label names its sums
    own = _own_item_start(place, lex)
    before = lex.investment_before.search(text, own, token.start) or (
        lex.investment_before.search(text, clause_start, token.start) if own > clause_start else None) or (
        # 项目总投资:2350万元: the label names the sum
        lex.investment_before.search(text, held_from, clause_start) if labelled else None)
    if before is not None:
        code = "investment" if before.lastgroup == "inv" else "funding"
        if code == "investment" and _pays_for_aid(text, lex, before, token.start):
            code = "funding"
        spending = before.group() in lex.spending_words
        word = lex.investment_before.search(text, own, before.start()) if spending else None
        if word is not None and word.lastgroup == "inv" and word.end() == before.start():
            # 基建支出1.2亿元: the spending's own word names building
            return Decision(indicator="investment", rule="money-investment-before", trigger=word.group())
        # 购置…教学设备,支出38.6万元: a word naming no purpose looks into the clause before
        head = _spent_on_before(place) if spending else None
        purpose = own if head is None else head[0]
        if code == "funding" and (building := lex.investment_around.search(text, purpose, token.start)) \
                and not lex.aid.search(text, purpose, token.start):
            return Decision(indicator="investment", rule="money-building-before", trigger=building.group())
        if code == "funding" and (built := _building_purpose(place, lex)) is not None:
            return Decision(indicator="investment", rule="money-building-purpose", trigger=built)
        item = max(purpose, place.left_limit)  # (资助3600万元、新建幼儿园9000万元: the item's own deed)
        if code == "funding" and before.end() <= item and (
                building := lex.investment_around.search(text, item, token.start)) and not (
                lex.aid.search(text, item, token.start) or lex.money_noun.search(text, item, token.start)):
            return Decision(indicator="investment", rule="money-building-own-item", trigger=building.group())
        return Decision(indicator=code, rule=f"money-{code}-before", trigger=before.group())
    if (own_purpose := _own_purpose(place, lex)) is not None:
        return Decision(indicator="funding", rule="money-own-purpose", trigger=own_purpose)
    after_end = next_clause_end(place, lex)
    around = lex.investment_around.search(text, token.end, after_end)
    clause_end = place.clause[1]
    # 公用资金3.2亿元,学校建设资金1.1亿元: the next clause's cue is its own sum's (with its unit:
    # the bare 6.2万 of 6.2万平方米 is an area)
    if around is not None and around.start() > clause_end and holds_token(text, clause_end, after_end, MONEY):
        around = None
    if around is None:  # 完成校舍维修改造3万平方米,投入资金2000万元
        around = lex.investment_around.search(text, place.clause_before_start, token.start)
    own_end = list_item_end(place, lex, clause_end, MONEY) if around is not None else clause_end
    if around is not None and around.end() <= token.start and (
            _pays_for_aid(text, lex, around, token.start) or lex.aid.search(text, token.end, own_end)):
        around = None  # (购置教学仪器设备,投入资金120万元落实…生活补助: its own clause aids)
    # 投入资金50万元为困难学生购置冬装: whom it bought for is named before what it bought
    if around is not None and around.start() >= token.end and lex.aid.search(text, token.end, around.start()):
        around = None
    if around is not None:
        return Decision(indicator="investment", rule="money-investment-around", trigger=around.group())
    if (built := _building_purpose(place, lex)) is not None:
        return Decision(indicator="investment", rule="money-building-purpose", trigger=built)
    if lex.part_marker.match(text, clause_start) and (total := lex.investment_before.search(
            text, place.clause_before_start, clause_start)) is not None and total.lastgroup == "inv":
        # 全年教育基建投资达到4.6亿元,其中市本级投入2.1亿元: a part of an investment is one
        return Decision(indicator="investment", rule="money-investment-part", trigger=total.group())
    return _result_of_target_money(place, lex) or _building_later(place, lex) or _building_earlier(
        place, lex) or _building_after_sources(place, lex) or Decision(
        indicator="funding", rule="money-funding-default", trigger="")


def _own_purpose(place: Place, lex: Lexicon) -> str | None:
    """The purpose word (用于) of a sum's own clause, before it or right after it, when the
    purpose names no building (…,其中用于学校建设1.9亿元,用于教师培训320万元; 投入150万元用于教师
    培训): the clause says what it pays for, and no building word around it does."""
    text, (clause_start, clause_end) = place.text, place.clause
    token = place.token
    before = lex.purpose_words.search(text, clause_start, token.start)
    if before is not None:
        return None if lex.investment_around.search(text, before.end(), token.start) else before.group()
    after = lex.purpose_words.match(text, place.group[-1].end)
    if after is None or lex.investment_around.search(text, after.end(), clause_end):
        return None
    return after.group()


def list_item_end(place: Place, lex: Lexicon, end: int, kinds: frozenset[str]) -> int:
    """Where the number's list item ends before `end`: at the item separator before the next
    number of one of `kinds` (发放学生资助资金860万元、学前教育幼儿资助资金126万元: the next item's
    stage is its own figure's; 校舍建设800万元、学生资助260万元: 资助 is the next item's aid),
    else `end`."""
    text, start = place.text, place.group[-1].end
    if lex.item_separator.search(text, start, end) is None:
        return end
    following = next(tokens_in(text, start, end, kinds), None)
    if following is None:
        return end
    separators: list[Match] = list(lex.item_separator.finditer(text, start, start + following.start))
    return separators[-1].start() if separators else end


def _building_later(place: Place, lex: Lexicon) -> Decision | None:
    """The building word later in the sentence of the last sum in it, no aid named before it
    (投入资金1.12亿元,撤并教学点17个,新建寄宿制学校3所: D9's cue in its sentence)."""
    text, end = place.text, place.sentence[1]
    if holds_token(text, place.group[-1].end, end, MONEY):
        return None
    building = lex.investment_around.search(text, place.group[-1].end, end)
    if building is None or lex.aid.search(text, place.group[-1].end, building.end()):
        return None
    return Decision(indicator="investment", rule="money-building-later", trigger=building.group())


SOURCES_MAX = 3  # the most sums of parallel sources before the purpose they share


def _building_after_sources(place: Place, lex: Lexicon) -> Decision | None:
    """The building a sum pays for with the parallel sources after it, each in a clause of its
    own naming no purpose, their shared purpose opening the clause after them (争取上级资金1.85亿元,
    区财政投入2.9亿元,实施全面改薄工程; 争取中央预算内资金1260万元,县级配套资金540万元,建设…周转宿舍)."""
    text, sentence_end = place.text, place.sentence[1]
    end, sources = place.clause[1], 0
    while end + 1 < sentence_end and sources <= SOURCES_MAX:
        start = end + 1
        end = _clause_end_from(text, lex, start, sentence_end)
        if not holds_token(text, start, end, MONEY):
            break
        if lex.investment_around.search(text, start, end) or lex.aid.search(text, start, end):
            return None  # (公用经费3.2亿元,学校建设资金1.1亿元: the next sum names its own purpose)
        sources += 1
    else:
        return None
    if not 0 < sources <= SOURCES_MAX or not lex.deed_next_clause.match(text, start):
        return None
    building = lex.investment_around.search(text, start, end)
    if building is None or lex.aid.search(text, start, building.end()):
        return None
    return Decision(indicator="investment", rule="money-building-after-sources", trigger=building.group())


def _building_earlier(place: Place, lex: Lexicon) -> Decision | None:
    """The building word earlier in the sentence of a sum naming nothing of its own, no aid
    named from it to the sum (新建幼儿园5所,新增学位1350个,投入资金4500万元: D9's cue in its
    sentence; not a source after a total, 项目总投资2.36亿元…资金来源为:…地方政府专项债券8000万元)."""
    text, end = place.text, place.clause[0]
    cue = lex.investment_around.search(text, max(place.sentence[0], end - SENTENCE_REACH), end)
    if cue is None:
        return None
    between = (cue.start(), place.token.start)
    if lex.aid.search(text, *between) or lex.fee_aided.search(text, *between):
        return None
    if lex.aid.search(text, *place.clause):
        return None  # (…助学工程,…按每人每年1万元标准给予助学金资助: the clause aids)
    return Decision(indicator="investment", rule="money-building-earlier", trigger=cue.group())


def _result_of_target_money(place: Place, lex: Lexicon) -> Decision | None:
    """A sum right after a target's sum, reached (计划完成教育项目投资1.5亿元,实际完成1.62亿元): of
    the target's kind."""
    if place.previous_item is None:
        return None
    (end, _, indicator), text = place.previous_item, place.text
    if indicator not in MONEY_INDICATORS or not lex.result_gap.fullmatch(text, end, place.token.start):
        return None
    return Decision(indicator=indicator, rule="money-result-of-target", trigger=text[end:place.token.start])


def _money_named(text: str, start: int, end: int, lex: Lexicon, where: str) -> Decision | None:
    """A table's money cell that its column's header or its row's label, text[start:end], says
    what it is (完成投资(万元) | 98600: investment)."""
    named = lex.investment_before.search(text, start, end)
    if named is None:
        return None
    code = "investment" if named.lastgroup == "inv" else "funding"
    return Decision(indicator=code, rule=f"money-{code}-{where}", trigger=named.group())


def _pays_for_aid(text: str, lex: Lexicon, building: Match, number_start: int) -> bool:
    """Whether an aid word (wages, running costs) stands between a building word and the sum
    (支付学校食堂炊事员工资260万元: the canteen's wages build nothing)."""
    return lex.aid.search(text, building.end(), number_start) is not None


def _paid_for(place: Place, lex: Lexicon) -> tuple[Match, int] | None:
    """The purpose word right after a sum (,用于…) and where the clause it opens ends."""
    purpose = lex.paid_for_after.match(place.text, place.group[-1].end)
    if purpose is None:
        return None
    return purpose, _clause_end_from(place.text, lex, purpose.end(), place.sentence[1])


def _building_purpose(place: Place, lex: Lexicon) -> str | None:
    """The building word of the purpose right after a sum, when it names no aid (拨付资金120万元,
    用于城关小学校舍维修: 维修; not 用于食堂运行、从业人员工资), or the building or buying verb
    right after it in its clause (经费85万元购置课桌椅: 购置)."""
    text = place.text
    purpose = _paid_for(place, lex)
    if purpose is None:  # 投入经费85万元购置课桌椅1200套, 投入1200万元为农村学校更新校车40辆
        built = lex.built_right_after.match(text, place.group[-1].end, place.clause[1])
        return built.group("verb") if built is not None and not lex.aid.search(text, *place.clause) else None
    start, end = purpose[0].start(), purpose[1]
    if lex.building_part.search(purpose[0].group()) and holds_token(text, start, end, MONEY):
        return None  # 投入教育资金3.25亿元,其中新建、改扩建校舍投资1.86亿元: a part of its own sum
    building = lex.investment_around.search(text, start, end)
    return building.group() if building is not None and not lex.aid.search(text, start, end) else None


def _stage_items(place: Place, lex: Lexicon) -> bool:
    """Whether a sum is a later item of its clause, the item only a stage, in a clause that
    opens with a stage (小学为4215元、初中为5380元: the 5380元's item is 初中为)."""
    text, clause_start, item_start = place.text, place.clause[0], place.left_limit
    if item_start <= clause_start:
        return False
    if (separator := lex.item_separator.match(text, item_start)) is not None:
        item_start = separator.end()
    opening = lex.stage_item.match(text, clause_start)
    return opening is not None and lex.stage_item.fullmatch(text, item_start, place.token.start) is not None


def _own_item_start(place: Place, lex: Lexicon) -> int:
    """Where the words that say what a sum pays for start: after the sum before it in its
    clause when the sum names its own fund (拨付改造资金3912万元、职业教育专项资金912万元) or its own
    verb (新建幼儿园2000万元、奖补民办园1000万元), else at its clause's start (投资新建A小学1200万元、
    B初中800万元: the clause's words are its).

    >>> from extractor.extract.claims import extract_text
    >>> text = "拨付全面改薄资金3912万元、职业教育专项资金912万元、吴桥小学资金80万元"
    >>> [c.indicator for c in extract_text(text, education_report=True)]
    ['investment', 'funding', 'funding']
    >>> [c.indicator for c in extract_text("投资新建城东小学1200万元、城西初中800万元")]
    ['investment', 'investment']
    """
    clause_start = place.clause[0]
    item_start = max(clause_start, place.left_limit)
    text, end = place.text, place.token.start
    if item_start > clause_start and (lex.money_noun.search(text, item_start, end)
                                      or lex.investment_before.search(text, item_start, end)):
        return item_start
    return clause_start


def _education_among_other_heads(text: str, lex: Lexicon, start: int, end: int) -> bool:
    """Whether text[start:end] lists education with another head in one phrase (教育、卫生、
    社保等民生支出; 教育和医疗卫生支出): a sum over them all is not education's."""
    education = lex.education.search(text, start, end)
    other = lex.non_education.search(text, start, end)
    if education is None or other is None:
        return False
    first, second = sorted((education, other), key=lambda m: m.start())
    between = text[first.end():second.start()].rstrip()
    # the second head opens its item (教育、卫生; 新建幼儿园3所、乡镇卫生院2所; not 企业和个人捐资助学)
    return lex.head_item_gap.fullmatch(between) is not None and not any(
        ch in lex.clause_delimiters for ch in between) and not lex.partnership_after.match(text, second.end())


def _for_someone_else(text: str, lex: Lexicon, start: int, end: int) -> bool:
    """Whether the last 为 in text[start:end] names a beneficiary of something else and nothing
    of education (学生为社区孤寡老人募集善款1800元: the pupils give, the old receive)."""
    marker = _last(lex.beneficiary_marker, text, start, end)
    if marker is None:
        return False
    return _names_other_only(text, lex, marker.end(), end)


def _built_clause_end(place: Place, lex: Lexicon) -> int | None:
    """Where the clause after money ends when it says what the money builds, pays for,
    reaches or does (投资3.1亿元,新建…第二实验小学; 投入资金85万元,对镇中心小学校舍进行维修), else None;
    a next clause with money of its own is a parallel item, not this one's purpose
    (为老人发放高龄补贴58万元,为在校大学生发放奖励金15万元)."""
    if place.token.unit_class in MONEY_ANY and lex.deed_next_clause.match(place.text, place.clause[1] + 1):
        end = next_clause_end(place, lex)
        if not holds_token(place.text, place.clause[1] + 1, end, MONEY):
            return end
    return None


def _names_education_only(text: str, lex: Lexicon, start: int, end: int) -> bool:
    """Whether text[start:end] names education and nothing else (改造学校周边道路: roads)."""
    return lex.education.search(text, start, end) is not None and lex.non_education.search(
        text, start, end) is None


def _names_other_only(text: str, lex: Lexicon, start: int, end: int) -> bool:
    """Whether text[start:end] names something else and nothing of education (受灾群众)."""
    return lex.non_education.search(text, start, end) is not None and lex.education.search(
        text, start, end) is None


def _pays_for_other(place: Place, lex: Lexicon) -> bool:
    """Whether the clause after money says it pays for or covers something else and nothing of
    education (学校协调帮扶资金35万元,发展天麻种植120亩; 总投资9.2亿元,包括投资3.5亿元的南片区路网工程):
    what it pays for decides over who holds it."""
    clause_end = place.clause[1]
    after_end = _built_clause_end(place, lex) or (  # (what it covers, its parts' sums there too)
        next_clause_end(place, lex) if lex.cover_next_clause.match(place.text, clause_end + 1) else None)
    if lex.education.search(place.text, place.group[-1].end, clause_end):
        return False  # 筹资15万元为村小修建围墙,新建村道2.5公里: its own clause builds a school after it
    return after_end is not None and _names_other_only(place.text, lex, clause_end, after_end)


def _parted_among_heads(place: Place, lex: Lexicon) -> bool:
    """Whether the clause after money parts it among education and other heads with sums of
    their own, there or later in the sentence (专项债券安排支出6.5亿元,用于县城二中新校区建设1.2亿元、
    县人民医院门诊综合楼0.9亿元; 安排支出52.6亿元,用于棚户区改造、产业园区基础设施和中小学校建设等
    项目,其中安排中小学校建设项目3.8亿元),
    or, its own words naming nothing of education, its parts after 其中 do by their purposes
    (筹集资金1.15亿元,其中9800万元用于学校校舍恢复重建,1700万元用于医疗卫生机构重建; not a
    school's budget by its heads, 财政拨款支出…,其中:教育支出…社会保障和就业支出…): only the
    education part is education's."""
    text = place.text
    purpose = _paid_for(place, lex)
    parts = lex.parts_after.match(text, place.group[-1].end)
    if purpose is not None:  # its sums in it, or after it in the sentence
        start, end = purpose[0].end(), purpose[1]
        sums_end = min(place.sentence[1], end + SENTENCE_REACH)
    elif parts is not None and not lex.education.search(text, place.clause[0], place.group[0].start):
        start = parts.end()
        end = sums_end = min(place.sentence[1], start + SENTENCE_REACH)
        if not lex.purpose_verb.search(text, start, end):
            return False
    else:
        return False
    # (the other head may stand in a purpose of its own after: …用于县职业教育中心实训楼建设1.2亿元,
    # 用于产业园区基础设施5.4亿元)
    other = lex.non_education.search(text, start, end) or (purpose is not None and any(
        words.search(text, end, sums_end) for words in (lex.non_education, lex.non_education_head))
        and lex.purpose_verb.search(text, end, sums_end))
    return bool(other) and lex.education.search(text, start, end) is not None and holds_token(
        text, start, sums_end, MONEY)


def _given_to_other(place: Place, lex: Lexicon) -> bool:
    """Whether, after money (in its clause or the next), a gift goes to something else and
    nothing of education (善款12.38万元,全部捐赠给市红十字会用于疫情防控; 捐款15.6万元支援疫情防控),
    or its clause before it names such a recipient (向受灾群众捐赠方便面500箱,价值2.5万元)."""
    text, end, clause_end = place.text, place.group[-1].end, place.clause[1]
    # (the clause before too when its own names nothing of education: …捐赠方便面500箱,价值2.5万元)
    own_names_education = lex.education.search(text, place.clause[0], place.group[0].start) is not None
    start = place.clause[0] if own_names_education else place.clause_before_start
    if (to := lex.given_to_before.search(text, start, place.group[0].start)) and (
            _names_other_only(text, lex, *to.span("recipient"))):
        return True
    next_end = _clause_end_from(text, lex, clause_end + 1, place.sentence[1])
    given = lex.given_to.search(text, end, max(clause_end, next_end))
    if given is None:
        return False
    rest_end = _clause_end_from(text, lex, given.end(), place.sentence[1])
    return _names_other_only(text, lex, given.end(), rest_end)


def _own_head_other(text: str, lex: Lexicon, start: int, end: int) -> bool:
    """Whether text[start:end] names a head that is no education's (科研经费, 利润), not only as
    where the money comes from (学校从校园超市利润中拿出5万元资助贫困学生: the source)."""
    head = lex.non_education_head.search(text, start, end)
    if head is None:
        return False
    source = lex.source_phrase.search(text, start, end)
    return source is None or not source.start() <= head.start() < source.end()


def _deed_after_comma(purpose: Match, lex: Lexicon) -> bool:
    """Whether a purpose matched after money is a deed opening the next clause (…3200万元,改造
    校舍危房), no purpose said (用于…)."""
    said = purpose.group()
    return ("," in said or "，" in said) and lex.purpose_verb.search(said) is None


def _builds_for_education(place: Place, lex: Lexicon) -> bool:
    """Whether the clause after money says it builds something of education, and nothing else,
    its own clause after it naming nothing else (投资3500万元建设县全民健身中心,新建体育场地…: the
    centre's, whatever the next clause builds)."""
    after_end = _built_clause_end(place, lex)
    text, clause_end = place.text, place.clause[1]
    if after_end is None or lex.non_education.search(text, place.group[-1].end, clause_end):
        return False
    return _names_education_only(text, lex, clause_end, after_end)


def _education_topic(place: Place, lex: Lexicon) -> str | None:
    """Why the number (money or a change) is not about education, or None when it is.

    A head that is no education's whoever holds it (学校…科研经费, 党费, 生产总值) and what the
    clause after it pays for (…,发展天麻种植) decide first. Then its own words (since the number
    before it in its clause: a list's item):
    naming education, it is (其中学生资助资金8600万元、…城乡低保金…), as when the purpose
    after it does (债券资金3亿元用于学校建设); naming something else only, it is not
    (、卫生健康支出8.3亿元). Else, in a text about education, it is about
    education unless its clause names something else and nothing of education, or its
    paragraph does (a statistics bulletin's science paragraph), or, for money in a text
    only partly about education (a township's summary), its sentence names nothing of
    education; elsewhere (a government work report) its clause or the one before, or the
    clause after saying what it builds, must name education (or a list of education's sums
    goes on), and nothing else.
    """
    text = place.text
    clause_start, clause_end = place.clause
    item, number = max(clause_start, place.left_limit), place.group[0].start
    if (own := _distributed_item(place, lex)) is not None:
        item, number = own  # 教育、卫生健康、社会保障和就业支出分别达到…: the i-th sum's own words
    if (owner := lex.owned_after.match(text, place.group[-1].end)) is not None:
        # 投资3.2亿元的县人民医院新院区和投资2.6亿元的县第二高级中学新校区: each sum is its owner's
        if lex.education.search(owner.group("owner")):
            return None
        if lex.non_education.search(owner.group("owner")):
            return "what it is the sum of (…的县人民医院新院区) is something else, and nothing of education"
    built = place.group[-1].end  # (投资5000万元新建乡镇卫生院5所、村小3所: what it builds, right after it)
    purpose = lex.purpose_after.match(text, built)  # (…,用于学校建设: what it is for)
    purpose_end = _clause_end_from(text, lex, purpose.end(), place.sentence[1]) if purpose else built
    if _education_among_other_heads(text, lex, item, number) or (
            not lex.education.search(text, item, number) and not lex.non_education.search(text, item, number)
            and _education_among_other_heads(text, lex, place.clause_before_start, item)) or (
            (lex.built_right_after.match(text, built) or purpose) and _education_among_other_heads(
                text, lex, built, _purpose_end(place, lex, purpose, clause_end))):
        return "a total over education and other heads (教育、卫生、社保等民生支出; 幼儿园3所、卫生院2所)"
    if _for_someone_else(text, lex, item, number):
        return "its beneficiary (为…) names something else and nothing of education"
    if lex.built_right_after.match(text, built) and (around := lex.school_surroundings.search(
            text, built, clause_end)) and lex.non_education.search(text, around.end(), clause_end):
        return "what it builds is around a school (学校周边道路), something else"
    if _own_head_other(text, lex, item, number) or (
            lex.non_education_head.search(text, place.clause_before_start, clause_start)
            and not lex.education.search(text, clause_start, clause_end)):
        return "its head (科研经费, 党费, 生产总值…) is no education's, whoever holds it"
    if _pays_for_other(place, lex) or _purpose_other(place, lex, purpose, purpose_end):
        return "what it pays for (the clause after it, or 用于…) is something else, and nothing of education"
    if _parted_among_heads(place, lex):
        return "a total parted after it among education and other heads, each with its sum"
    if _given_to_other(place, lex):
        return "where it is given (捐赠给…, 支援…) is something else, and nothing of education"
    if lex.education.search(text, item, number) or lex.education_money.search(text, item, number):
        return None
    beside_end = min(place.sentence[1], clause_end + SENTENCE_REACH)
    if lex.school_built_beside.search(text, clause_end, beside_end) or (  # (not 捐资800万元配建…幼儿园)
            lex.school_built_beside.search(text, place.clause_before_start, clause_start)
            and lex.project_total.search(text, clause_start, number)):
        # (城东棚户区改造项目配建小学1所,项目总投资28亿元: the clause before too, for the project's total)
        return "the sum of a project a school is built beside (该项目总投资35亿元,其中配套学校…)"
    if lex.education_part_after.match(text, place.group[-1].end) or (
            not place.education_report and lex.school_part_after.match(text, place.group[-1].end)):
        return "a total over more than education, whose part after it (其中教育…) is education's"
    # (its own words naming a project of something else, a deed in the clause after says nothing of
    # it, only a purpose (用于…) or what it builds right after it: 农村危房改造投入资金3200万元,改造校舍
    # 危房…; not 从微薄的收入中拿出两万元,资助考上大学的贫困学生, where it comes from)
    own_other = lex.non_education.search(text, item, number)
    own_project = own_other is not None and bool(lex.building_verb.search(text, own_other.end(), number))
    if purpose is not None and not (own_project and _deed_after_comma(purpose, lex)) and (
            _names_education_only(text, lex, purpose.end(), purpose_end)):
        return None  # 争取专项债券资金3亿元以上用于学校建设 (or ,用于…): its purpose is education
    if lex.built_right_after.match(text, place.group[-1].end) and _names_education_only(
            text, lex, place.group[-1].end, clause_end):
        return None  # 投入协作资金480万元为23所乡村小学配备录播教室: what it builds is education's
    if not own_project and _builds_for_education(place, lex):
        return None  # 某企业捐资450万元,援建了柳林镇中心小学综合楼: who pays says nothing
    if own_other is not None:
        return "its own words name something else and nothing of education"
    if lex.education_money.search(text, clause_start, clause_end):
        return None  # 一般公共预算教育支出
    around_end = _built_clause_end(place, lex) or clause_end  # the next clause says what it builds
    education = lex.education.search(text, place.clause_before_start, around_end) is not None
    other = lex.non_education.search(text, clause_start, clause_end) is not None
    if not place.education_report:
        if other:
            return "its clause names GDP, roads, budget totals or the like"
        if education or _sums_of_education_go_on(text, lex, place.sentence[0], clause_start):
            return None  # 教育支出年初预算8.4亿元,调整预算8.9亿元,决算数8.76亿元: the topic goes on
        if _part_of_education_total(place, lex) or _sentence_of_education(place, lex, clause_start) or (
                _project_of_its_item(place, lex)):
            return None
        return "nothing of education around it in a text not about education"
    if other and not lex.education.search(text, clause_start, clause_end):
        return "its clause names GDP, roads, budget totals or the like, and nothing of education"
    if lex.non_education.search(text, place.clause_before_start, clause_start) and not lex.education.search(
            text, place.clause_before_start, clause_end):  # 公交集团新购公交车120辆,投资1.08亿元
        return "the clause before names something else, and neither names education"
    if not education and _nearest_topic_other(place, lex):
        return "the nearest thing its sentence names before it is something else (新建道路3条,…,投资…)"
    if not education:
        # (its line, at most PARAGRAPH_SPAN characters either side: a page run into one line
        # would be read again for each of its numbers)
        line_start = text.rfind("\n", max(0, clause_start - PARAGRAPH_SPAN), clause_start) + 1
        line_start = max(line_start, clause_start - PARAGRAPH_SPAN)
        line_end = text.find("\n", clause_end, clause_end + PARAGRAPH_SPAN)
        line_end = min(len(text), clause_end + PARAGRAPH_SPAN) if line_end < 0 else line_end
        if _names_other_only(text, lex, line_start, line_end):
            return "its paragraph is about something else"
        if place.education_by_share and place.token.unit_class in MONEY_ANY and not lex.education.search(
                text, min(place.period_start, place.sentence[0]), place.sentence[1]) and not (
                _part_of_education_total(place, lex)):
            return "its sentence names nothing of education, in a text no education body wrote"
    return None


def _purpose_other(place: Place, lex: Lexicon, purpose: Match | None, end: int) -> bool:
    """Whether what a sum is for (用于… right after it, to `end`) names something else and nothing
    of education, whoever pays (学校拿出20万元用于帮扶村修建道路); not a purpose with a sum of its
    own, the next item's (…实训楼建设1.2亿元,用于产业园区基础设施5.4亿元)."""
    if purpose is None or not lex.purpose_verb.search(purpose.group()):
        return False  # (学校去年投入180万元建设的科技馆: the school's own, built)
    return _names_other_only(place.text, lex, purpose.end(), end) and not holds_token(
        place.text, purpose.end(), end, MONEY)


def _nearest_topic_other(place: Place, lex: Lexicon) -> bool:
    """Whether, of the words naming education or something else in the sum's sentence (to its
    semicolon) before the clause before its own, the nearest names something else, not as where
    a thing stands (县交通局在学校周边新建道路3条,总长4.2公里,投资2400万元: the road, the school
    saying where; not …新校区位于县工业园区东侧,规划用地280亩,规划总投资6.5亿元)."""
    text, start, end = place.text, place.sentence[0], place.clause_before_start
    if start >= end:
        return False
    other, education = _last_topic_words(text, lex, start, end)
    if other < 0 or lex.location_before.search(text, start, other):
        return False  # (…新校区位于县工业园区东侧: where the campus stands)
    return other > education


def _purpose_end(place: Place, lex: Lexicon, purpose: Match | None, clause_end: int) -> int:
    """The end of what a sum is for: its clause's, or the next clause's when that opens on its
    `purpose` (投入资金1.5亿元,用于改善农村学校办学条件和县医院设备购置)."""
    if purpose is None or purpose.end() <= clause_end:
        return clause_end
    return _clause_end_from(place.text, lex, purpose.end(), place.sentence[1])


def _sentence_of_education(place: Place, lex: Lexicon, clause_start: int) -> bool:
    """Whether the clauses of the sum's sentence before its own (which names nothing) name
    education and nothing else: its topic (县城第三小学新建项目计划投资1.35亿元,…,目前主体工程
    已封顶,完成投资8600万元)."""
    start = place.sentence[0]
    return start < clause_start and _names_education_only(place.text, lex, start, clause_start)


def _project_of_its_item(place: Place, lex: Lexicon) -> bool:
    """Whether the sum's sentence names a project and nothing else, after sentences of its line
    (a list's item) that name education and nothing else: the item's project (一、新增中小学和
    幼儿园学位。新建、改扩建中小学和幼儿园26所,…。项目总投资约23.5亿元。)."""
    text, (start, end) = place.text, place.sentence
    if not lex.project_word.search(text, start, end) or lex.education.search(text, start, end) or (
            lex.non_education.search(text, start, end)):
        return False
    line_start = text.rfind("\n", max(0, start - PARAGRAPH_SPAN), start) + 1
    return line_start < start and _names_education_only(text, lex, line_start, start)


def _part_of_education_total(place: Place, lex: Lexicon) -> bool:
    """Whether the sum opens a sentence with 其中 after a sentence naming education and
    nothing else, with a sum (生均公用经费为2863.55元。其中,农村为2950.12元)."""
    start = place.total_sentence_start(lex)
    if start is None:
        return False
    text, end = place.text, place.sentence[0]
    return _names_education_only(text, lex, start, end) and holds_token(text, start, end, MONEY)


def _fee_schedule_item(place: Place, lex: Lexicon) -> Match | None:
    """The fee (or any sum not spent: not_spent) a sum is a further item of, named in an earlier
    clause of its sentence, its own clause an amount per head naming no money word (学费标准为每生
    每学期800元,一般普通高中为每生每学期600元; 保教费每生每月380元,一级园每生每月300元; 债务余额达
    3.12亿元,每年需偿还利息1500余万元) or naming none at all (一般专业学费标准为每生每学年5500元,
    理工、体育类为6000元) or opening on the money a finding before involves (有3所学校未足额发放教师绩效
    工资,涉及资金86万元); none whose clause aids after it (退休金4200元,却每年拿出一万元资助贫困学生)."""
    text, (clause_start, clause_end), start = place.text, place.clause, place.token.start
    if lex.investment_before.search(text, clause_start, start) or lex.fee_aided.search(
            text, place.group[-1].end, clause_end):
        return None
    per_head = lex.per_head.search(text, clause_start, start)
    finding = lex.finding_sum.match(text, clause_start, start)
    if not per_head and not finding and _names_money(text, lex, clause_start, clause_end):
        return None
    return _fee_named_before(text, lex, place.sentence[0], clause_start)


def _fee_named_before(text: str, lex: Lexicon, sentence_start: int, clause_start: int) -> Match | None:
    """The fee (not_spent) named in a clause before `clause_start`, no sum naming money of its
    own between (学费标准为每生每学年5500元,理工、体育类为6000元,医学类…: 学费; 学校收费标准经市发改委
    备案,小学每生每学期9800元,初中…: 收费标准; not 平均工资收入…的要求,全年发放教职工工资福利14.2亿元,
    其中绩效工资总额4.36亿元: 发放 pays the sum between)."""
    end, lo = clause_start, max(sentence_start, clause_start - FEE_ITEMS_REACH)
    while end > lo:
        start = clause_start_of(text, lex, lo, end - 1)
        if (fee := lex.not_spent.search(text, start, end)) is not None:
            return fee
        if holds_token(text, start, end, MONEY) and _names_money(text, lex, start, end):
            return None
        end = start
    return None


def _fee_heading_above(place: Place, lex: Lexicon) -> Match | None:
    """The fee (not_spent) a short heading names above the line of an amount per head naming no
    money, the lines between being items of it (二、住宿费 / 6人间每生每学年600元,8人间每生每学年
    400元; 一、收费标准 / (一)省级示范幼儿园:全日制每生每月由260元调整为400元 / (二)…)."""
    text, clause = place.text, place.clause
    end = text.rfind("\n", max(0, place.token.start - FEE_ITEM_LINE_MAX), place.token.start)
    if end < 0 or not lex.per_head.search(text, end, place.token.start):
        return None  # (no line break near: no item line under a heading)
    own_item = (end, place.sentence[1])  # its line up to its sentence's end (not a rule after it)
    if _names_money(text, lex, *clause):
        return None
    if lex.fee_aided.search(text, *own_item) or lex.aid.search(text, *own_item):
        return None  # (享受国家助学金,每生每年2000元: aid)
    lines = blanks = 0
    while lines < FEE_ITEM_LINES and blanks <= FEE_ITEM_LINES:
        found = text.rfind("\n", max(0, end - FEE_ITEM_LINE_MAX), end)
        if found < 0 and end > FEE_ITEM_LINE_MAX:
            return None  # a long line above: no item of a fee, nor its heading
        start = found + 1
        if start > 0 and not text[start:end].strip():
            end, blanks = start - 1, blanks + 1  # a blank line between (一、保育教育费标准 / / (一)…)
            continue
        lines += 1
        if end - start <= FEE_HEADING_MAX and (fee := lex.not_spent.search(text, start, end)) is not None:
            return None if lex.fee_aided.search(text, start, end) else fee  # (三、收费及资助: aid too)
        if not (lex.per_head.search(text, start, end) and holds_token(text, start, end, MONEY)):
            return None  # a line that is no item of the fee
        if start == 0:
            return None
        end = start - 1
    return None


def _names_money(text: str, lex: Lexicon, start: int, end: int) -> bool:
    """Whether text[start:end] names what money is or does (投入, 资金, 拨款, 建设, 补助, 教育经费),
    or totals items (小计)."""
    return any(pattern.search(text, start, end) for pattern in (
        lex.investment_before, lex.investment_around, lex.fee_aided, lex.education_money, lex.money_verb,
        lex.money_noun, lex.sum_word))


def _fee_label(place: Place, lex: Lexicon) -> tuple[int, int] | None:
    """The label opening the sentence before a colon (its span) when it names a fee: the
    sentence is a schedule of fees (保育教育费:每生每月680元,按学期收取,…,计3060元/学期)."""
    text, clause_start = place.text, place.clause[0]
    start = min(place.period_start, place.sentence[0])  # 代收费:作业本费…60元;教辅资料费…,每科不超过20元
    colons = [at for mark in lex.label_ends if (at := text.find(mark, start, clause_start)) >= 0]
    colon = min(colons, default=-1)
    if colon < 0 or colon - start > lex.fee_label_max:
        return None
    return (start, colon) if lex.not_spent.search(text, start, colon) else None


def _label_over_items(place: Place, lex: Lexicon) -> tuple[int, int] | None:
    """The label (its span) a sum is an item under: a label before a colon earlier in the
    sentence, every clause from it to the sum's own holding a sum (投标保证金:包1为6万元,
    包2为5万元,包3为2.9万元: the label of 5万元 and 2.9万元 is 投标保证金)."""
    text, sentence_start, clause_start = place.text, place.sentence[0], place.clause[0]
    colon = max(text.rfind(mark, sentence_start, clause_start) for mark in lex.label_ends)
    if colon < 0 or colon == clause_start - 1:
        return None
    ends = (m.end() for m in lex.clause_end.finditer(text, colon + 1, clause_start - 1))
    edges = [colon + 1, *ends, clause_start]
    if not all(holds_token(text, a, b, MONEY) for a, b in pairwise(edges) if b > a + 1):
        return None
    label_ends = (m.end() for m in lex.clause_end.finditer(text, sentence_start, colon))
    return max(label_ends, default=sentence_start), colon


def _sums_of_education_go_on(text: str, lex: Lexicon, start: int, end: int) -> bool:
    """Whether text[start:end] (the clauses before a sum's) names education last, and then
    nothing else, and every clause after it holds a sum: a list of education's sums going on
    (教育支出年初预算8.4亿元,调整预算8.9亿元,决算数8.76亿元; not 新建学校12所,…,完成投资120亿元)."""
    last = max((m.end() for m in lex.education.finditer(text, start, end)), default=-1)
    if last < 0 or lex.non_education.search(text, last, end):
        return False
    edges = [last, *(m.end() for m in lex.clause_end.finditer(text, last, end)), end]
    return all(holds_token(text, a, b, MONEY) for a, b in pairwise(edges) if b > a + 1)


def _clause_end_from(text: str, lex: Lexicon, at: int, limit: int) -> int:
    """Where the clause holding `at` ends, at most at `limit`."""
    end = lex.clause_end.search(text, at, limit)
    return end.start() if end is not None else limit


def _distributed_item(place: Place, lex: Lexicon) -> tuple[int, int] | None:
    """The i-th item of the phrase before 分别 in the clause, for the i-th number of a list
    distributed over as many items parted by 、 (教育、卫生健康、社会保障和就业支出分别达到
    68.3亿元、42.6亿元、71.8亿元), or by 、 and 和 when that makes as many."""
    if len(place.group) < 2:
        return None
    text, clause_start = place.text, place.clause[0]
    marker = lex.distributive.search(text, clause_start, place.group[0].start)
    if marker is None:
        return None
    starts = []
    for separator in (lex.item_separator, lex.list_joiner):  # (…补贴和学生营养餐补助资金分别为…: 和 too)
        starts = [clause_start] + [m.end() for m in separator.finditer(text, clause_start, marker.start())]
        if len(starts) == len(place.group):
            break
    else:
        return None
    ends = [s - 1 for s in starts[1:]] + [marker.start()]
    return starts[place.index], ends[place.index]


def is_bare_money(place: Place, lex: Lexicon) -> bool:
    """投入4亿 7校: a money word right before the number and no word after the scale
    but its purpose (投入2.3个亿用于学校建设)."""
    text, token = place.text, place.token
    if lex.bare_money_word_after.match(text, token.end):
        return False
    return lex.bare_money_before.search(text, max(place.clause[0], token.start - 8), token.start) is not None


def next_clause_end(place: Place, lex: Lexicon) -> int:
    """End of the clause after the token's clause, inside the sentence.

    A next clause that details a part of the amount (其中…) is not looked into.
    """
    end = place.clause[1]
    if lex.part_marker.match(place.text, end + 1):
        return end
    candidates = [p for p in (place.text.find(",", end + 1, place.sentence[1]),
                              place.text.find("，", end + 1, place.sentence[1])) if p >= 0]
    return min(candidates) if candidates else place.sentence[1]
