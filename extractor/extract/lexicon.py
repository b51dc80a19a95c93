"""The extraction lexicon (extractor/data/lexicon.yaml), compiled into the patterns the rules use."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import regex

from extractor.text.patterns import Pattern, compile_pattern, reverse, unsplit_words, words
from extractor.vocab.lexicon import LexiconData, SoftWord, lexicon_data
from extractor.vocab.numbers import numbers_data

MIXED = "*mixed*"  # tag of a word naming several stages at once (中小学)
GENERIC = "*generic*"  # tag of a word naming schools of any stage (学校)


@dataclass(frozen=True)
class Lexicon:
    sentence_end: Pattern
    clause_end: Pattern
    clause_end_before: Pattern  # reverse: the last clause end before a place
    sentence_delimiters: str
    sentence_reach: int  # characters a number's sentence reaches on each side of its list
    period_delimiters: str  # the sentence delimiters but the joiners (；)
    clause_delimiters: str  # the sentence delimiters included
    label_ends: str
    item_separator: Pattern  # parts the items a 分别 list is distributed over
    list_joiner: Pattern
    list_words: tuple[str, ...]  # the joiners of list_joiner, and of ranges, as words
    title_joiner: regex.Pattern[str]  # between the topics of a title (暨)
    title_rate: Pattern  # a rate a headline states: its stage is the rate's
    range_words: tuple[str, ...]
    coordination_gap: Pattern
    distributive: Pattern
    collective: Pattern
    link_line: Pattern
    furniture_words: tuple[str, ...]
    furniture_line: Pattern  # link_line or one of furniture_words
    link_stretch_stops: str
    rate_noun: regex.Pattern[str]  # reverse; groups: known, share, progression, other
    rate_tags: dict[str, str]
    rate_noun_words: tuple[str, ...]  # its keys, for `startswith`
    dropout_rate_noun: Pattern  # `match`: a rate noun staff may have too (流失率)
    admission_rate_noun: Pattern  # `match`: a rate noun staff hired may have too (录取率)
    rate_noun_after: Pattern  # forward: 的 + modifiers + a rate noun
    rate_blocker: Pattern
    part_places: Pattern  # fullmatch after 其中: places and their figures only
    completion_share: Pattern  # for `search` ending at a percent: 完成…的 (a share of a target)
    standard_compared_before: Pattern  # `search` ending at a sum: 未达到 (a standard compared with)
    standard_named_after: Pattern  # `match` after a sum: 的国家标准
    benchmark_before: Pattern  # for `search` ending at a percent: 距离… (a benchmark it is short of)
    benchmark_compared_before: Pattern  # `search` ending at a percent: 未达到省定… (a standard)
    share_of_group_after: Pattern  # for `match` right after a percent: 的适龄幼儿 (a group's share)
    person_trigger_negated: Pattern  # for `search` ending at a counting word: 未 (those it did not happen to)
    staff_before: regex.Pattern[str]  # reverse: the last staff word before a counting word
    pupil_word: Pattern
    admission_context: Pattern
    delta_verb: regex.Pattern[str]  # reverse
    delta_to: frozenset[str]
    comparison: Pattern
    comparison_frame: Pattern  # 与2022年相比: a sentence comparing with another year
    count_before_change: Pattern  # for `search` ending at a change verb: a count's noun
    seat_change: Pattern  # for `search` ending at the token: 学位 and a drop or a net change (学位减少)
    change_before: Pattern  # a change verb right before an amount (增加800个)
    change_object_before: Pattern  # search ending at a count: a change verb and its object (减少辍学学生)
    change_ends: frozenset[str]  # the characters change_before may end with (a cheap test first)
    money_change_before: Pattern  # a change verb and its money right before a sum (增加资金)
    person_trigger: regex.Pattern[str]  # reverse
    person_trigger_blocked: Pattern  # a counting word naming no count (录取计划, 招生计划)
    person_trigger_at: Pattern  # the same, for `match` where one starts (学生流失21人)
    person_tags: dict[str, str]
    person_after: dict[str, Pattern]
    forecast: Pattern
    group_totals: frozenset[str]  # counting words that total the group named before them
    verb_objects: frozenset[str]  # counting nouns a verb before them counts (录取…考生)
    object_of: Pattern  # for `search` ending at such a noun: the verb and the noun's own words
    group_indicators: frozenset[str]  # a count of them may be a part with its own phrase after
    count_rank: Pattern  # search ending at a count: a rank, no count
    count_per_unit: Pattern  # search ending at a count of 1: the unit a reward is set per
    persons_in_ge_gap: Pattern  # search ending at a count in 个: what stands after a counting word
    split_number: Pattern  # search ending at a number: the tail of a number a blank split
    split_number_reach: int
    per_mille_rates: frozenset[str]
    per_mille_signs: tuple[str, ...]  # the units of numbers.yaml worth a tenth of a percent (‰)
    aided: Pattern  # before a counting word in its clause: whom it aids, no count
    aided_object: Pattern  # 对, 给, 为 opening the object of an aiding verb after the count
    aided_next: Pattern  # `match` at the clause after a count: an award to each of them
    aided_group_end: str  # right before such a count: the group it counts was described (…的287名)
    aided_after: Pattern  # that aiding verb (资助, 奖励, 办理…)
    aid_verb: Pattern  # an aiding or waiving verb (资助, 减免): its object's stage is the aid's
    returned: Pattern  # before a counting word in its clause: those brought back, no dropouts
    talent_drain: Pattern  # a clause naming those who went to school elsewhere (流失优秀初中毕业生)
    hope: Pattern  # in the clause before any number: a forecast
    threshold_after: Pattern  # `match` right after a number: a size defining a class
    threshold_before: Pattern  # `search` ending at a figure: 8所学校过 (a class's bar)
    per_unit_before: Pattern  # `search` right before a count (ends with $): the unit of a rate
    count_negation: Pattern  # search ending at a count: no one is counted
    person_reach: int
    admitted_object: Pattern  # search ending at a count: 考入清华、北大的学生人数达
    admitted_object_reach: int
    staff: Pattern
    staff_or_parents: Pattern  # staff or parents between a counting word and its count: those counted
    list_item_gap: Pattern  # fullmatch between two items
    list_item_across_parts: Pattern  # fullmatch: the gap's start in the next part
    to_value_gap: Pattern  # fullmatch between a change's from- and to-value (198人增加到265人)
    result_gap: Pattern  # fullmatch between a target and its result (560人,实际完成612人)
    list_gap_blocker: Pattern
    list_gap_compared: Pattern  # `fullmatch` of a gap: 比上年的, the value compared with
    compared_year_end: Pattern  # search ending before a bracket: 较上年(
    other_countable: Pattern  # 托位, 床位: counted with 个 but no places
    list_indicators: frozenset[str]
    milestone_after: Pattern
    part_indicators: frozenset[str]
    seat_noun: str
    seat_blocker: Pattern
    seat_shortage_before: tuple[str, ...]  # endswith right before 学位
    seat_shortage_stage: Pattern  # search up to a stage word right before 学位
    seat_bound_words: frozenset[str]
    seats_added_before: Pattern  # search ending at 学位
    seat_noun_head: Pattern  # for `match` right after 学位: what the count counts instead
    seats_again: Pattern  # `search` ending at a count: places counted again (再新增)
    seat_reach_before: int
    seat_reach_after: int
    education: Pattern
    change_indicators: frozenset[str]
    non_education: Pattern
    project_word: Pattern  # 项目, 工程
    source_phrase: Pattern  # search: 从…中, where money comes from
    non_education_head: Pattern
    other_subject: Pattern  # a rate's or a count's subject that is no pupil
    seat_owner_blocker: Pattern  # `search` ending at 学位: child-care places
    table_cell_separators: str
    beneficiary_marker: Pattern  # 为 before money: whom it goes to
    given_to: Pattern  # after money: where a gift goes (捐赠给, 支援)
    given_to_before: Pattern  # before money in its clause: whom a gift is given to (group recipient)
    rate_suffix: Pattern  # `match` after another subject's word: a rate's own word, or a count's
    group_count_opener: Pattern  # an adverb before a count opening its clause (最终)
    education_money: Pattern
    not_spent: Pattern
    paid_later: Pattern  # `match` at a sum's end: paid out later (…已全部拨付到校), so spent
    finding_sum: Pattern  # `match` at a clause's start: the sum of a finding before (…,涉及资金86万元)
    class_bound_before: Pattern  # `search` ending at a sum: an opening bracket (and a range's low end)
    class_bound_after: Pattern  # `match` at a sum's end: the rest of a class's bound, ending a line
    not_spent_after: Pattern  # `match` at a sum's end: a wage, a bribe, money misused after it
    owned_after: Pattern  # for `match` right after a sum: what it is the sum of (的… group owner)
    fee_label_max: int  # the longest label of a fee schedule (保育教育费:)
    fee_aided: Pattern  # in a sum's clause: aid or a waiver, no fee
    foreign_currency: Pattern
    education_report: Pattern
    education_text_share: float
    education_text_full_share: float
    education_sentence_min: int
    report_title: Pattern
    investment_before: regex.Pattern[str]  # reverse, with funding_before: groups inv / fund
    purpose_words: Pattern  # 用于: a sum's own purpose named before it
    investment_around: Pattern
    spending_words: frozenset[str]  # funding words naming no purpose (支出)
    aid: Pattern
    money_next_clause: Pattern  # match: a next clause saying what money builds or whom it reached
    deed_next_clause: Pattern  # match: ...or what it did (对…进行维修, 为…购置, 完成…建设)
    recipient_next_clause: Pattern  # match: a next clause saying whom money reached
    cover_next_clause: Pattern  # match: a next clause saying what a total covers (涵盖, 包括)
    school_surroundings: Pattern  # search: a school as where a thing stands (学校周边)
    own_clause_stage_money: Pattern  # search in a sum's clause: money whose stage is its own clause's
    own_clause_money_stages: frozenset[str]  # ...or a clause before's, when it is one of these
    money_noun: Pattern
    bare_money_before: Pattern  # ends where the token starts
    money_verb: Pattern  # any of bare_money_before's words, anywhere (投入, 资金, 拿出)
    sum_word: Pattern  # a word totalling a list of items (小计, 合计)
    purpose_verb: Pattern  # a purpose verb anywhere (用于)
    word_after: Pattern  # a Han character right after a token
    bare_money_word_after: Pattern  # one that does not open bare_money_after
    purpose_after: Pattern  # for `match` right after money: 用于… (its purpose follows)
    building_part: Pattern  # in a purpose after a sum: a part naming what it built (其中新建…)
    paid_for_after: Pattern  # for `match` right after money: 用于…, or 其中 before a building verb
    building_verb: Pattern  # a verb of building or equipping (新建, 改造, 购置)
    built_right_after: Pattern  # for `match` right after money in its clause: (为…)购置/新建… (group verb)
    part_marker: Pattern
    list_etc_before: Pattern  # search ending at a sum: a list closed by 等 whose total it is
    by_place_opener: Pattern  # match: a sentence's opening on its places' values (分县看,)
    part_marker_before: regex.Pattern[str]  # reverse
    part_own_verb_after: Pattern  # match right after a part's count: what else the part did
    part_seats_gap: Pattern  # fullmatch: what may stand between 其中 and a part of the places
    level_word: regex.Pattern[str]  # reverse; level_tags gives a stage, MIXED or GENERIC
    level_word_forward: Pattern
    level_several_schools: Pattern  # for `match` right after a stage word
    level_counted_list_close: Pattern  # search in a list's last item, up to its stage word
    level_added_brackets: tuple[tuple[str, str], ...]  # (open, close) pairs
    level_added_after: tuple[str, ...]  # the group words such a bracket adds to
    generic_school_words: frozenset[str]  # 学校, 院校: a school of no stage named
    school_kind_ends: tuple[str, ...]  # a school's kind in brackets (九年一贯制) ends with one
    admission_indicators: frozenset[str]
    admission_destination_levels: frozenset[str]
    admission_destination_after: Pattern
    candidate_noun: Pattern  # after a stage word: the candidates it names (初中毕业生)
    admitted_intake: Pattern  # match right after an admission's word: new pupils (录取新生), an intake
    enrolled_noun: str  # the candidate noun of pupils enrolled (在校生): none of an intake's
    college_pass: Pattern  # a pass of the college exam's lines (本科上线): candidates of 高中 or 中职
    own_exam: Pattern  # an exam naming its own candidates (高考, 中考)
    own_exam_stages: dict[str, frozenset[str]]  # each exam's: the stages of those who take it
    candidate_exam_stages: frozenset[str]  # the stages that take the college exam
    students_after: Pattern  # `match` after a destination stage word: it names students
    students_end: Pattern  # `search` in a destination stage word: it names students
    candidates_end: Pattern  # `search` in a destination stage word: it names candidates
    level_tags: dict[str, str]  # a Level, MIXED or GENERIC
    destination: Pattern
    candidate_destination: Pattern  # a destination marker right before a candidate's stage
    level_not_after: dict[str, frozenset[str]]
    level_unions: dict[frozenset[str], str]
    narrowed_levels: dict[str, tuple[str, str]]  # word -> (within, stage)
    age_levels: tuple[tuple[int, int, str], ...]  # (from, to, stage), narrowest first
    own_subject: Pattern
    rate_own_nouns: tuple[str, ...]  # such a word right before a rate noun is its noun
    recipients_money: frozenset[str]  # own_subject words a clause before may name the recipients of
    running_total: Pattern
    running_progress: Pattern  # `match` after a running total: one project's progress to date
    per_head: Pattern  # in an amount's clause before it: an amount per head
    continuing: Pattern  # `fullmatch` of an amount's clause before it: a highest, or a comparison
    restating: Pattern  # `fullmatch` of an amount's clause before it: it restates the clause before
    in_words_again: Pattern  # right before a sum: it is the sum before, written in words (大写:)
    stage_item: Pattern  # `fullmatch` of an amount's clause before it: a stage (小学为), a list's next item
    stage_label: Pattern  # for `match` at a sentence's start: a label (3．普通高中：)
    run_in_item: Pattern  # an item opening after a full stop on a line (。二是, 。(三))
    stage_heading: Pattern  # fullmatch from a line's start: a heading sentence ((三)普通高中。)
    aside_brackets: tuple[tuple[str, str], ...]  # (open, close) pairs
    inclusion: Pattern  # `match` after an aside's opening bracket: 含, 包括
    special_education: Pattern
    special_qualifier_gap: int  # a stage this close before special education qualifies it
    target_cue: regex.Pattern[str]  # reverse; groups: target / actual
    will_object_cue: str
    prospective_cue: Pattern  # search in a figure's clause before it: what a work done will hold
    money_needed: Pattern  # search in a sum's clause before it: money needed
    need_met: Pattern  # search in its sentence: the need is met
    will_object: Pattern  # `match` after the cue 将: it takes an object, no will
    weak_actual_cue: Pattern
    result_column: Pattern  # in a table column's header: it holds results
    plan_column: Pattern  # in a table column's header naming no result: it holds targets
    year_column: Pattern  # a table column's header naming a year only (2020年)
    target_after: Pattern  # right after a number: a target named (2000个的目标)
    bracketed_target_before: Pattern  # for `search` ending at a number: (目标为 (a target beside a figure)
    target_value_before: Pattern  # for `search` ending at a number: 目标 (the target's own value)
    staff_hiring: Pattern  # 招聘 (of staff, in a clause before an admission rate)
    average_pay: Pattern  # fullmatch of a sum's clause before it: 人均 (after a clause naming pay)
    pay_word: Pattern  # 工资, 薪酬, 绩效
    reached_opening: Pattern  # fullmatch of a count's clause before it: 达到 (a count a change reached)
    actual_after: Pattern  # right after a number: the base a target builds on
    dated_opening: Pattern  # for `match` at a sentence's start; group: year or plan
    plan_periods: dict[str, int]  # a five-year plan's last year
    plan_by_targets: float
    plan_uncued_per_target: int
    table_rows_max: int  # rows a percent's column header may stand above it
    change_column: Pattern  # `search` in a column's header: its bare cells are changes
    education_part_after: Pattern  # `match` right after money: its part that is education's
    school_part_after: Pattern  # `match` right after money: its part for schools (其中用于学校建设…)
    parts_after: Pattern  # `match` right after money: its parts follow (,其中)
    school_built_beside: Pattern  # a school built beside a host project (配建, 配套学校)
    project_total: Pattern  # search in a sum's clause before it: 项目总投资
    progression_after: Pattern  # `match` right after a percent: going up to a stage (100%升入初中)
    head_item_gap: Pattern  # `search` in what stands between two heads: the second opens its item
    partnership_after: Pattern  # match right after a head: partners, no list of heads
    reported_indicators: frozenset[str]  # uncued, they vote actual in settle_open_kinds
    next_step: Pattern  # match at a sentence's start: it tells the next steps
    claim_year: Pattern  # groups: year, until, unit (年/学年) or masked
    relative_year: Pattern  # 去年, 上年, 明年: a year named relative to the report's
    relative_years: dict[str, int]  # each one's distance from the report's year
    own_months: Pattern  # opening a clause: months of its own (1-9月)
    result_opening: Pattern  # opening a clause: a result against a target (最终达到)
    claim_year_not_before: Pattern  # for `search` ending right before the year
    claim_year_not_after: Pattern  # for `match` right after the year's 年
    claim_year_bound: Pattern  # for `match` right after the year's 年
    year_bound_before: Pattern  # search ending right before a number: its own year (2023年为)
    base_phrase: Pattern  # 在上年91%的基础上: a base its cue dates
    from_marker: Pattern
    own_from_value: Pattern  # `match` right after a rate noun: its own from-value (由85%)
    intake_plan: Pattern  # `match` at a cue: 计划招生, a cue of its own clause only
    rate_anaphor: Pattern  # a rate noun pointing back (这一比例)
    figure_bracket_before: Pattern  # `search` ending before a year: a figure's bracket opens
    from_arrow: Pattern  # `match` right after a from-value: 96.5%→97%
    to_marker: Pattern
    plan_heading: Pattern  # groups: plan, or programme (a programme's name holding a plan word)
    whole_review_headings: frozenset[str]  # 回顾, 总结: a heading reviewing the whole work
    weak_plan_headings: frozenset[str]  # plan words naming a plan only after a review or with a year
    review_heading: Pattern
    result_heading: Pattern  # reviews whatever plan word the heading holds (绩效目标实现情况)
    work_headings: frozenset[str]  # review_heading's words that name a year's work only
    heading_max_chars: int
    heading_not_ends: tuple[str, ...]
    run_in_heading: Pattern  # `match` at a line's start: 六、2024年目标。 (its text going on)
    heading_sentence: Pattern  # an unnumbered line holding a comma: a sentence, no heading
    heading_ranks: tuple[Pattern, ...]  # match: a heading's numbering, highest first (六、 before (六))
    location_before: Pattern  # search up to a word: a place it names says where (位于…)
    question_turn: Pattern  # match: a question at a press conference (…记者:), closing a section
    appendix_line: Pattern  # match: an appendix after the text (附:…), closing a section
    caption: Pattern  # 表2 …: a table's caption, no heading


def _per_mille_signs() -> tuple[str, ...]:
    """The units numbers.yaml reads as a tenth of a percent (‰).

    >>> _per_mille_signs()
    ('‰',)
    """
    return tuple(sign for sign, unit in numbers_data().units.items()
                 if unit.unit == "%" and unit.factor == Decimal("0.1"))


def _campaign_money(d: LexiconData) -> list[SoftWord]:
    """The education money words (教育经费) guarded as the word 教育 is in soft_education:
    禁毒宣传教育经费 and 国防教育经费 fund campaigns, not schooling."""
    education = next((w for w in d.soft_education if w.word == "教育"), None)
    if education is None:
        return []
    return [SoftWord(word=m, not_after=education.not_after, not_before=[])
            for m in d.education_money_words if m.startswith(education.word)]


def guarded_words(items: list[str], *softs: SoftWord) -> str:
    """`words` of the items, each soft word not taken after its `not_after` words nor
    before its `not_before` ones.

    >>> soft = SoftWord(word="建设", not_after=["队伍"], not_before=["单位"])
    >>> p = regex.compile(guarded_words(["建设", "新建"], soft))
    >>> [bool(p.search(t)) for t in ("学校建设资金", "教师队伍建设经费", "建设单位", "新建学校")]
    [True, False, False, True]
    """
    guarded = [(f"(?<!{words(soft.not_after)})" if soft.not_after else "") + regex.escape(soft.word)
               + (f"(?!{words(soft.not_before)})" if soft.not_before else "") for soft in softs]
    soft_words = {soft.word for soft in softs}
    others = (regex.escape(w) for w in sorted(set(items), key=len, reverse=True) if w not in soft_words)
    return "|".join([*guarded, *others])


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    d = lexicon_data()
    rate_tags = {w: code for code, items in d.rate_nouns.items() for w in items}
    person_tags = {w: code for code, items in d.person_triggers.items() for w in items}
    level_tags: dict[str, str] = {w: lv for lv, items in d.levels.items() for w in items}
    level_tags.update({w: MIXED for w in d.mixed_levels})
    level_tags.update({w: GENERIC for w in d.generic_schools})
    plan_word = regex.escape(d.plan_word)  # a verb before plan_verbs, else a programme's name
    stage_words = unsplit_words(level_tags, [*d.part_markers, *d.level_word_joins])
    person_trigger = rf"(?:{words(person_tags)})(?!{words(d.trigger_not_before)})"
    # what may stand between money and its purpose: a qualifier's tail, a comma, an adverb
    purpose_lead, adverb = "(?:以上|左右|多|余)?[,，]?", rf"(?:{words(d.purpose_adverbs)})?"
    programme_heads = [name.removesuffix(d.plan_word) for name in d.programme_names]  # 营养改善 of …计划
    money_openers = [*d.building_verbs, *d.recipient_verbs, *d.purpose_verbs]  # of the clause after money
    not_a_programme = rf"(?<!{words(programme_heads)})"
    plan_as_verb = (rf"(?<!(?:{words(d.plan_not_after)})\p{{Han}}{{0,3}}){not_a_programme}{plan_word}"
                    rf"(?={d.plan_time}(?:{words(d.plan_verbs)}))")
    plan_reaching = (rf"(?<!{words(d.plan_not_after)}){not_a_programme}{plan_word}"
                     rf"(?=[^,，。;；]{{1,{d.plan_reach_chars}}}?(?:{words(d.plan_reach_verbs)}))")
    level_word = f"(?:{stage_words})(?!{d.level_field_after})|{d.age_range}"
    clause_end = "[" + regex.escape(d.clause_delimiters + d.sentence_delimiters) + "]"
    return Lexicon(
        sentence_end=compile_pattern("[" + regex.escape(d.sentence_delimiters) + "]"),
        clause_end=compile_pattern(clause_end),
        clause_end_before=reverse(clause_end),
        sentence_delimiters=d.sentence_delimiters,
        sentence_reach=d.sentence_reach,
        period_delimiters="".join(ch for ch in d.sentence_delimiters if ch not in d.sentence_joiners),
        clause_delimiters=d.clause_delimiters + d.sentence_delimiters,
        label_ends=d.label_ends,
        list_joiner=compile_pattern(rf"\s*(?:{words(d.list_joiners)})\s*"),
        item_separator=compile_pattern(words(d.item_separators)),
        list_words=tuple(d.list_joiners),
        title_joiner=regex.compile(words(d.title_joiners)),
        title_rate=compile_pattern(d.title_rate),
        range_words=tuple(d.range_joiners),
        coordination_gap=compile_pattern(d.coordination_gap),
        distributive=compile_pattern(words(d.distributive)),
        collective=compile_pattern(d.collective),
        link_line=compile_pattern(d.link_line),
        furniture_words=tuple(d.furniture_words),
        furniture_line=compile_pattern(f"{d.link_line}|{words(d.furniture_words)}"),
        link_stretch_stops=d.link_stretch_stops,
        rate_noun=reverse(
            rf"(?P<known>{words(rate_tags)})|(?P<share>{d.share_of_candidates})"
            rf"|(?P<progression>{d.progression_share})|(?P<other>{d.other_rate_pattern})"
        ),
        rate_tags=rate_tags,
        rate_noun_words=tuple(rate_tags),
        dropout_rate_noun=compile_pattern(words(d.rate_nouns["dropout_rate"])),
        admission_rate_noun=compile_pattern(words(d.rate_nouns["admission_rate"])),
        rate_noun_after=compile_pattern(
            rf"{d.rate_noun_after}(?P<known>{words(rate_tags)})|{d.rate_noun_after}(?P<other>{d.other_rate_pattern})"
        ),
        rate_blocker=compile_pattern(words(d.rate_blockers)),
        part_places=compile_pattern(d.part_places),
        completion_share=compile_pattern(d.completion_share),
        benchmark_before=compile_pattern(d.benchmark_before),
        standard_compared_before=compile_pattern(d.standard_compared_before, regex.REVERSE),
        standard_named_after=compile_pattern(d.standard_named_after),
        benchmark_compared_before=compile_pattern(d.benchmark_compared_before),
        share_of_group_after=compile_pattern(d.share_of_group_after),
        person_trigger_negated=compile_pattern(d.person_trigger_negated),
        staff_before=reverse(rf"(?<!{words(d.staff_not_after)})(?:{words(d.staff_words)})"),
        pupil_word=compile_pattern(words(d.pupil_words)),
        admission_context=compile_pattern(words(d.admission_context)),
        delta_verb=reverse(words(d.delta_verbs)),
        delta_to=frozenset(d.delta_to),
        comparison=compile_pattern(d.comparison_before),
        comparison_frame=compile_pattern(d.comparison_frame),
        count_before_change=compile_pattern(d.count_before_change),
        seat_change=compile_pattern(f"{regex.escape(d.seat_noun)}(?:{words(d.seat_change_verbs)})了?$"),
        change_before=compile_pattern(f"(?:{words(d.change_verbs)})了?$"),
        change_object_before=compile_pattern(f"(?:{words(d.change_verbs)})了?\\p{{Han}}{{1,8}}$"),
        change_ends=frozenset(w[-1] for w in d.change_verbs) | {"了"},
        money_change_before=compile_pattern(f"(?:{words(d.change_verbs)})了?(?:{words(d.changed_money_nouns)})$"),
        person_trigger=reverse(person_trigger),
        person_trigger_blocked=compile_pattern(rf"(?:{words(person_tags)})(?={words(d.trigger_not_before)})"),
        person_trigger_at=compile_pattern(person_trigger),
        person_tags=person_tags,
        person_after={code: compile_pattern(p) for code, p in d.person_triggers_after.items()},
        forecast=compile_pattern(words(d.forecast_words)),
        aided=compile_pattern(rf"(?<!{words(d.aided_passive_before)})(?:{words(d.aided_before)})"
                              rf"(?!{words(d.aided_places_after)})"),
        aided_object=compile_pattern(words(d.aided_object_markers)),
        aided_next=compile_pattern(d.aided_next_clause),
        aided_group_end=d.aided_group_end,
        aided_after=compile_pattern(words([*d.aided_before, *d.aided_after_verbs, *d.aid_waivers])),
        aid_verb=compile_pattern(words([*d.aided_before, *d.aid_waivers])),
        talent_drain=compile_pattern(d.talent_drain),
        returned=compile_pattern(rf"(?<!{words(d.returned_negations)})(?:{words(d.returned_before)})"),
        group_totals=frozenset(d.group_totals),
        verb_objects=frozenset(d.verb_objects),
        object_of=compile_pattern(d.object_of),
        group_indicators=frozenset(d.group_indicators),
        count_rank=compile_pattern(d.count_rank),
        count_per_unit=compile_pattern(d.count_per_unit),
        persons_in_ge_gap=compile_pattern(d.persons_in_ge_gap),
        split_number=compile_pattern(d.split_number_before),
        split_number_reach=d.split_number_reach,
        per_mille_rates=frozenset(d.per_mille_rates),
        per_mille_signs=_per_mille_signs(),
        hope=compile_pattern(words(d.hope_words)),
        threshold_after=compile_pattern(d.threshold_after),
        threshold_before=compile_pattern(d.threshold_before, regex.REVERSE),
        per_unit_before=compile_pattern(d.per_unit_before),
        count_negation=compile_pattern(rf"(?:{words(d.count_negations)})$"),
        person_reach=int(d.person_trigger_reach),
        admitted_object=compile_pattern(d.admitted_object_before),
        admitted_object_reach=d.admitted_object_reach,
        staff=compile_pattern(rf"(?<!{words(d.staff_not_after)})(?:{words(d.staff_words)})"),
        staff_or_parents=compile_pattern(
            rf"(?<!{words(d.staff_not_after)})(?:{words([*d.staff_words, *d.parents_counted_words])})"),
        list_item_gap=compile_pattern(d.list_item_gap),
        list_item_across_parts=compile_pattern(d.list_item_across_parts),
        to_value_gap=compile_pattern(d.to_value_gap),
        result_gap=compile_pattern(d.result_gap),
        list_gap_compared=compile_pattern(d.list_gap_compared),
        compared_year_end=compile_pattern(d.compared_year_end),
        list_gap_blocker=compile_pattern(
            words([*d.list_gap_blockers, *d.other_countables, *d.list_gap_actions, *d.building_verbs])),
        other_countable=compile_pattern(words(d.other_countables)),
        list_indicators=frozenset(d.list_indicators),
        milestone_after=compile_pattern(words(d.milestone_after)),
        part_indicators=frozenset(d.part_indicators),
        seat_noun=d.seat_noun,
        seat_blocker=compile_pattern(words(d.seat_blockers)),
        seat_shortage_before=tuple(d.seat_shortage_before),
        seat_shortage_stage=compile_pattern(d.seat_shortage_stage),
        seat_bound_words=frozenset(d.seat_bound_words),
        seats_added_before=compile_pattern(d.seats_added_before),
        seat_noun_head=compile_pattern(d.seat_noun_heads),
        seats_again=compile_pattern(d.seats_again),
        seat_reach_before=int(d.seat_reach_before),
        seat_reach_after=int(d.seat_reach_after),
        education=compile_pattern("|".join(
            [guarded_words([*d.education_words, *level_tags], *d.soft_education), *d.education_patterns])),
        change_indicators=frozenset(d.change_indicators),
        non_education=compile_pattern(f"(?:{guarded_words(d.non_education_words, *d.soft_non_education)})"
                                      f"(?!{d.field_of_study_after})"),
        non_education_head=compile_pattern(words(d.non_education_heads)),
        source_phrase=compile_pattern(d.source_phrase),
        project_word=compile_pattern(words(d.project_words)),
        other_subject=compile_pattern(
            guarded_words([*d.non_education_words, *d.other_subjects], *d.soft_non_education)),
        seat_owner_blocker=compile_pattern(d.seat_owner_blocker),
        table_cell_separators=d.table_cell_separators,
        beneficiary_marker=compile_pattern(d.beneficiary_marker),
        given_to=compile_pattern(words(d.given_to)),
        given_to_before=compile_pattern(d.given_to_before),
        rate_suffix=compile_pattern(d.rate_suffix),
        group_count_opener=compile_pattern(rf"[ \t]*(?:{words(d.group_count_openers)})?[ \t]*"),
        education_money=compile_pattern(guarded_words(d.education_money_words, *_campaign_money(d))),
        not_spent=compile_pattern(d.not_spent),
        not_spent_after=compile_pattern(d.not_spent_after),
        class_bound_before=compile_pattern(d.class_bound_before),
        class_bound_after=compile_pattern(d.class_bound_after),
        paid_later=compile_pattern(d.paid_later),
        finding_sum=compile_pattern(d.finding_sum),
        owned_after=compile_pattern(d.owned_after),
        fee_label_max=d.fee_label_max,
        fee_aided=compile_pattern(d.fee_aided),
        foreign_currency=compile_pattern(rf"(?:{words(d.foreign_currencies)})[ \t]*$"),
        education_report=compile_pattern(guarded_words(d.education_report_words, *d.soft_education)),
        education_text_share=d.education_text_share,
        education_text_full_share=d.education_text_full_share,
        education_sentence_min=d.education_sentence_min,
        report_title=compile_pattern(words(d.report_title_words)),
        investment_before=reverse(rf"(?P<inv>{words(d.investment_before)})|(?P<fund>{words(d.funding_before)})"),
        purpose_words=compile_pattern(words(d.purpose_words)),
        investment_around=compile_pattern(guarded_words(d.investment_around, *d.soft_construction)),
        aid=compile_pattern(words(d.aid_words)),
        spending_words=frozenset(d.spending_words),
        money_next_clause=compile_pattern(r"\s*(?:" + words(money_openers) + ")"),
        deed_next_clause=compile_pattern(
            r"\s*(?:" + words([*money_openers, *d.deed_openers, *d.cover_openers]) + ")"),
        cover_next_clause=compile_pattern(r"\s*(?:" + words(d.cover_openers) + ")"),
        school_surroundings=compile_pattern(d.school_surroundings),
        recipient_next_clause=compile_pattern(r"\s*(?:" + words(d.recipient_verbs) + ")"),
        own_clause_stage_money=compile_pattern(words(d.own_clause_stage_money)),
        own_clause_money_stages=frozenset(d.own_clause_money_stages),
        money_noun=compile_pattern(words(d.money_nouns)),
        bare_money_before=compile_pattern(rf"(?:{words(d.bare_money_before)})(?:{words(d.bare_money_gap)}){{0,2}}$"),
        money_verb=compile_pattern(words(d.bare_money_before)),
        sum_word=compile_pattern(words(d.sum_words)),
        purpose_verb=compile_pattern(words(d.purpose_verbs)),
        word_after=compile_pattern(r"\p{Han}"),
        bare_money_word_after=compile_pattern(rf"(?!{words(d.bare_money_after)})\p{{Han}}"),
        building_part=compile_pattern(words(d.building_part_markers)),
        paid_for_after=compile_pattern(rf"{purpose_lead}\s*{adverb}(?:{words(d.purpose_verbs)}"
                                       rf"|(?:{words(d.building_part_markers)})[,，]?(?=\s*(?:{words(d.building_verbs)})))"),
        building_verb=compile_pattern(words(d.building_verbs)),
        built_right_after=compile_pattern(rf"\s*(?:为[^,，。;；]{{1,12}}?)?(?P<verb>{words(d.building_verbs)})"),
        purpose_after=compile_pattern(rf"{purpose_lead}{adverb}(?:{words(d.bare_money_after)})"),
        part_marker=compile_pattern(rf"\s*(?:{words(d.part_markers)})"),
        list_etc_before=compile_pattern(d.list_etc_before),
        by_place_opener=compile_pattern(d.by_place_openers),
        part_marker_before=reverse(words(d.part_markers)),
        part_own_verb_after=compile_pattern(rf"[\p{{Han}}]{{0,2}}?(?:{words(d.part_own_verbs)})"),
        part_seats_gap=compile_pattern(d.part_seats_gap),
        level_word=reverse(level_word),
        level_word_forward=compile_pattern(level_word),
        stage_item=compile_pattern(rf"(?:{level_word})(?:{words(d.stage_item_verbs)})?"),
        level_several_schools=compile_pattern(d.level_several_schools),
        level_counted_list_close=compile_pattern(d.level_counted_list_close),
        level_added_brackets=tuple((pair[0], pair[1]) for pair in d.level_added_brackets),
        level_added_after=tuple(d.level_added_after),
        generic_school_words=frozenset(d.generic_schools),
        school_kind_ends=tuple(d.school_kind_ends),
        admission_indicators=frozenset(d.admission_indicators),
        admission_destination_levels=frozenset(d.admission_destination_levels),
        admission_destination_after=compile_pattern(
            rf"(?:{d.admission_destination_gap})(?:{words(d.admission_destination_after)})"),
        students_after=compile_pattern(d.higher_students),
        students_end=compile_pattern(f"(?:{d.higher_students})$"),
        candidates_end=compile_pattern(f"(?:{d.higher_candidates})$"),
        admitted_intake=compile_pattern(d.admitted_intake),
        enrolled_noun=d.enrolled_noun,
        candidate_noun=compile_pattern(
            rf"(?:{words(d.candidate_sections)})?(?:{d.candidate_class})?{d.candidate_cohort}"
            rf"(?:{words(d.generic_schools)})?(?:{words(d.candidate_nouns)})|(?:{d.candidate_class})?{d.candidate_pass}"
            # (中职学校对口升学, 中职部对口升学)
            rf"|(?:{words(d.candidate_sections)})?(?:{d.candidate_class})?{d.candidate_sitting}"
            rf"|(?:{words([*d.candidate_sections, *d.generic_schools])})?{d.candidate_cohort}"
            rf"(?P<exam>{d.candidate_exam})"),
        college_pass=compile_pattern(d.candidate_pass),
        own_exam=compile_pattern(words(d.own_exams)),
        own_exam_stages={exam: frozenset(stages) for exam, stages in d.own_exams.items()},
        candidate_exam_stages=frozenset(d.candidate_exam_stages),
        level_tags=level_tags,
        destination=compile_pattern(
            rf"(?:{words(d.destination_markers)})\p{{Han}}{{0,{int(d.destination_reach)}}}$"
        ),
        candidate_destination=compile_pattern(
            rf"(?:{words(d.destination_markers)})\p{{Han}}{{0,{int(d.candidate_destination_reach)}}}$"
        ),
        level_not_after={w: frozenset(chars) for w, chars in d.level_not_after.items()},
        level_unions={frozenset(u.of): u.is_ for u in d.level_unions},
        narrowed_levels={n.word: (n.within, n.is_) for n in d.narrowed_levels},
        age_levels=tuple(sorted(((a.from_, a.to, a.stage) for a in d.age_levels), key=lambda a: a[1] - a[0])),
        recipients_money=frozenset(d.recipients_money_words),
        rate_own_nouns=tuple(d.rate_own_nouns),
        own_subject=compile_pattern(
            f"(?:{words(d.own_subject_words)})(?!额)|{plan_word}(?!{d.plan_time}(?:{words(d.plan_verbs)}))"),
        running_total=compile_pattern(words(d.running_totals)),
        running_progress=compile_pattern(words(d.running_progress)),
        per_head=compile_pattern(words(d.per_head_words)),
        restating=compile_pattern(words(d.restating_words)),
        continuing=compile_pattern(d.continuing_clause),
        in_words_again=compile_pattern(d.in_words_again),
        stage_label=compile_pattern(d.stage_label),
        stage_heading=compile_pattern(d.stage_heading),
        run_in_item=compile_pattern(d.run_in_item),
        aside_brackets=tuple((pair[0], pair[1]) for pair in d.aside_brackets),
        inclusion=compile_pattern(words(d.inclusion_words)),
        special_education=compile_pattern(words(d.special_education_words)),
        special_qualifier_gap=d.special_qualifier_gap,
        target_cue=reverse(
            "(?P<target>" + "|".join([*d.target_cues, plan_as_verb, plan_reaching])
            + ")|(?P<actual>" + "|".join(d.actual_cues) + ")"
        ),
        will_object_cue=d.will_object_cue,
        prospective_cue=compile_pattern(d.prospective_cue),
        money_needed=compile_pattern(d.money_needed),
        need_met=compile_pattern(d.need_met),
        will_object=compile_pattern(d.will_object),
        weak_actual_cue=compile_pattern(words(d.weak_actual_cues)),
        result_column=compile_pattern(words(d.result_column_words)),
        # (a programme's name holds no plan: 营养改善计划 over its aid's cells)
        plan_column=compile_pattern(f"(?<!{words(programme_heads)})(?:{words(d.plan_column_words)})"),
        year_column=compile_pattern(d.year_column),
        target_after=compile_pattern(d.target_after),
        bracketed_target_before=compile_pattern(d.bracketed_target_before),
        target_value_before=compile_pattern(d.target_value_before),
        staff_hiring=compile_pattern(words(d.staff_hiring_words)),
        average_pay=compile_pattern(d.average_pay),
        pay_word=compile_pattern(words(d.pay_words)),
        reached_opening=compile_pattern(d.reached_opening),
        actual_after=compile_pattern(d.actual_after),
        dated_opening=compile_pattern(d.dated_opening_pattern()),
        plan_periods=dict(d.plan_periods),
        plan_by_targets=d.plan_by_targets,
        plan_uncued_per_target=d.plan_uncued_per_target,
        table_rows_max=d.table_rows_max,
        change_column=compile_pattern(d.change_column),
        education_part_after=compile_pattern(d.education_part_after),
        school_part_after=compile_pattern(d.school_part_after),
        parts_after=compile_pattern(d.parts_after),
        school_built_beside=compile_pattern(d.school_built_beside),
        project_total=compile_pattern(d.project_total),
        progression_after=compile_pattern(d.progression_after),
        head_item_gap=compile_pattern(d.head_item_gap),
        partnership_after=compile_pattern(words(d.partnership_after)),
        reported_indicators=frozenset(d.reported_indicators),
        next_step=compile_pattern(rf"[ \t]*(?:{words(d.next_step_openers)})"),
        claim_year=compile_pattern(d.claim_year),
        relative_year=compile_pattern(words(d.relative_years)),
        own_months=compile_pattern(d.own_months),
        result_opening=compile_pattern(d.result_opening),
        relative_years=dict(d.relative_years),
        claim_year_bound=compile_pattern(d.claim_year_bound),
        year_bound_before=compile_pattern(d.year_bound_before),
        claim_year_not_before=compile_pattern(f"(?:{words(d.claim_year_not_before)})[ \t]*$"),
        claim_year_not_after=compile_pattern(
            rf"[^,，。;；、\d]{{0,{d.claim_year_after_gap}}}?(?:{words(d.claim_year_not_after)})"),
        from_marker=compile_pattern(words(d.from_markers)),
        base_phrase=compile_pattern(d.base_phrase),
        own_from_value=compile_pattern(d.own_from_value),
        intake_plan=compile_pattern(d.intake_plan),
        rate_anaphor=compile_pattern(words(d.rate_anaphors)),
        figure_bracket_before=compile_pattern(d.figure_bracket_before),
        from_arrow=compile_pattern(d.from_arrow),
        to_marker=compile_pattern(words(d.to_markers)),
        weak_plan_headings=frozenset(d.weak_plan_headings),
        whole_review_headings=frozenset(d.whole_review_headings),
        plan_heading=compile_pattern(
            f"(?P<programme>{words(d.programme_names + d.office_names)})|(?P<plan>{words(d.plan_headings)})"),
        review_heading=compile_pattern(words(d.review_headings)),
        result_heading=compile_pattern(words(d.result_headings)),
        work_headings=frozenset(d.work_headings),
        heading_max_chars=int(d.heading_max_chars),
        heading_not_ends=tuple(d.heading_not_ends),
        heading_sentence=compile_pattern(d.heading_sentence),
        heading_ranks=tuple(compile_pattern(rank) for rank in d.heading_ranks),
        location_before=compile_pattern(d.location_before),
        question_turn=compile_pattern(d.question_turn),
        run_in_heading=compile_pattern(d.run_in_heading),
        appendix_line=compile_pattern(d.appendix_line),
        caption=compile_pattern(d.caption),
    )
