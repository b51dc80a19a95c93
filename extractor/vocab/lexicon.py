"""The extraction lexicon (extractor/data/lexicon.yaml): the words the rules read.

Checked across files when loaded: every indicator code it names is in the catalog and
every school stage is a `Level` of the claim record, so renaming a key there is an error
at start, never a claim quietly lost.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated

import regex
from pydantic import Field

from extractor.models.records import Level
from extractor.vocab.catalog import unknown_codes
from extractor.vocab.loader import DataFile, RegexText, load, pattern_problems, require

FILE = "lexicon.yaml"

Words = list[str]  # no word empty (DataFile checks)
Characters = Annotated[str, Field(min_length=1)]
Reach = Annotated[int, Field(ge=0)]
BracketPairs = list[Annotated[str, Field(min_length=2, max_length=2)]]


class LevelUnion(DataFile):
    of: list[Level]
    is_: Level = Field(alias="is")


class NarrowedLevel(DataFile):
    word: str
    within: str
    is_: Level = Field(alias="is")


class AgeLevel(DataFile):
    stage: Level
    from_: Annotated[int, Field(ge=0, alias="from")]
    to: Annotated[int, Field(ge=0)]


class SoftWord(DataFile):
    """A word that means something else between some words (建设 of 队伍建设)."""

    word: Annotated[str, Field(min_length=1)]
    not_after: Words
    not_before: Words


class LexiconData(DataFile):
    """lexicon.yaml, key by key (the comments in the file say what each one is for)."""

    # text structure
    sentence_delimiters: Characters
    clause_delimiters: Characters
    label_ends: Characters
    sentence_joiners: Characters
    sentence_reach: Annotated[int, Field(ge=40)]
    item_separators: Words
    list_joiners: Words
    title_joiners: Words
    title_rate: RegexText
    range_joiners: Words
    coordination_gap: RegexText
    distributive: Words
    collective: RegexText
    link_line: RegexText
    furniture_words: Words
    link_stretch_stops: Annotated[str, Field(min_length=1)]
    # percent tokens
    rate_nouns: dict[str, Words]
    other_rate_pattern: RegexText
    share_of_candidates: RegexText
    admission_context: Words
    rate_noun_after: RegexText
    progression_share: RegexText
    rate_blockers: Words
    part_places: RegexText
    list_etc_before: RegexText
    by_place_openers: RegexText
    completion_share: RegexText
    benchmark_before: RegexText
    standard_compared_before: RegexText
    standard_named_after: RegexText
    benchmark_compared_before: RegexText
    share_of_group_after: RegexText
    person_trigger_negated: RegexText
    delta_verbs: Words
    delta_to: Words
    comparison_before: RegexText
    comparison_frame: RegexText
    change_verbs: Words
    changed_money_nouns: Words
    count_before_change: RegexText
    seat_change_verbs: Words
    # count tokens
    person_triggers: dict[str, Words]
    group_totals: Words
    verb_objects: Words
    object_of: RegexText
    person_triggers_after: dict[str, str]
    group_indicators: list[str]
    count_negations: Words
    hope_words: Words
    threshold_after: RegexText
    threshold_before: RegexText
    per_unit_before: RegexText
    split_number_before: RegexText
    split_number_reach: Reach  # characters before a number its split head is looked for in
    per_mille_rates: list[str]
    count_rank: RegexText
    trigger_not_before: Words
    fee_label_max: int
    owned_after: RegexText
    fee_aided: RegexText
    count_per_unit: RegexText
    persons_in_ge_gap: RegexText
    aided_before: Words
    aid_waivers: Words
    aided_places_after: Words
    aided_passive_before: Words
    aided_object_markers: Words
    aided_after_verbs: Words
    aided_next_clause: RegexText
    aided_group_end: Characters
    returned_before: Words
    talent_drain: RegexText
    returned_negations: Words
    forecast_words: Words
    person_trigger_reach: Reach
    admitted_object_before: RegexText
    admitted_object_reach: Reach
    pupil_words: Words
    staff_words: Words
    parents_counted_words: Words
    staff_not_after: Words
    table_cell_separators: Characters
    seat_owner_blocker: RegexText
    beneficiary_marker: RegexText
    given_to: Words
    given_to_before: RegexText
    rate_suffix: RegexText
    group_count_openers: Words
    list_item_gap: RegexText
    to_value_gap: RegexText
    result_gap: RegexText
    list_gap_blockers: Words
    list_gap_compared: RegexText
    compared_year_end: RegexText
    list_item_across_parts: RegexText
    other_countables: Words
    list_gap_actions: Words
    list_indicators: list[str]
    milestone_after: Words
    seat_noun: Characters
    seat_blockers: Words
    seat_shortage_before: Words
    seat_shortage_stage: RegexText
    seat_bound_words: list[str]
    seats_added_before: RegexText
    seat_noun_heads: RegexText
    seats_again: RegexText
    seat_reach_before: Reach
    seat_reach_after: Reach
    # money tokens
    education_words: Words
    education_patterns: list[RegexText]
    soft_education: list[SoftWord]
    soft_non_education: list[SoftWord]
    change_indicators: list[str]
    non_education_words: Words
    field_of_study_after: RegexText
    non_education_heads: Words
    source_phrase: RegexText
    project_words: Words
    other_subjects: Words
    education_money_words: Words
    not_spent: RegexText
    not_spent_after: RegexText
    class_bound_before: RegexText
    class_bound_after: RegexText
    paid_later: RegexText
    finding_sum: RegexText
    foreign_currencies: Words
    education_report_words: Words
    education_text_share: Annotated[float, Field(ge=0, le=1)]
    education_text_full_share: Annotated[float, Field(ge=0, le=1)]
    education_sentence_min: Reach
    report_title_words: Words
    investment_before: Words
    funding_before: Words
    bare_money_before: Words
    bare_money_gap: Words
    bare_money_after: Words
    part_markers: Words
    part_own_verbs: Words
    sum_words: Words
    part_indicators: list[str]
    part_seats_gap: RegexText
    purpose_words: Words
    investment_around: Words
    soft_construction: list[SoftWord]
    building_verbs: Words
    recipient_verbs: Words
    cover_openers: Words
    school_surroundings: RegexText
    own_clause_stage_money: Words
    own_clause_money_stages: Words
    purpose_verbs: Words
    building_part_markers: Words
    deed_openers: Words
    purpose_adverbs: Words
    spending_words: Words
    money_nouns: Words
    aid_words: Words
    # level
    levels: dict[Level, Words]
    level_word_joins: Words
    level_several_schools: RegexText
    level_counted_list_close: RegexText
    level_added_brackets: list[Annotated[str, Field(min_length=2, max_length=2)]]
    level_added_after: Words
    school_kind_ends: Words
    level_field_after: RegexText
    mixed_levels: Words
    level_not_after: dict[str, Words]
    generic_schools: Words
    destination_markers: Words
    destination_reach: Reach
    candidate_destination_reach: Reach
    admission_indicators: list[str]
    admission_destination_levels: list[Level]
    admission_destination_after: Words
    admission_destination_gap: RegexText
    candidate_nouns: Words
    candidate_pass: RegexText
    candidate_exam: RegexText
    admitted_intake: RegexText
    enrolled_noun: str
    candidate_sections: Words
    candidate_cohort: RegexText
    candidate_sitting: RegexText
    candidate_class: RegexText
    candidate_exam_stages: list[Level]
    own_exams: dict[str, list[Level]]
    higher_students: RegexText
    higher_candidates: RegexText
    level_unions: list[LevelUnion]
    narrowed_levels: list[NarrowedLevel]
    age_range: RegexText
    age_levels: list[AgeLevel]
    own_subject_words: Words
    rate_own_nouns: Words
    recipients_money_words: Words
    running_totals: Words
    running_progress: Words
    per_head_words: Words
    restating_words: Words
    continuing_clause: RegexText
    stage_item_verbs: Words
    in_words_again: RegexText
    stage_label: RegexText
    run_in_item: RegexText
    stage_heading: RegexText
    plan_word: Annotated[str, Field(min_length=1)]
    plan_verbs: Words
    plan_time: RegexText
    plan_not_after: Words
    plan_reach_verbs: Words
    plan_reach_chars: Reach
    aside_brackets: BracketPairs
    inclusion_words: Words
    special_education_words: Words
    special_qualifier_gap: Reach
    # modality
    target_cues: list[RegexText]
    will_object_cue: str
    prospective_cue: RegexText
    money_needed: RegexText
    need_met: RegexText
    will_object: RegexText
    actual_cues: list[RegexText]
    result_column_words: Words
    plan_column_words: Words
    year_column: RegexText
    weak_actual_cues: Words
    target_after: RegexText
    bracketed_target_before: RegexText
    target_value_before: RegexText
    staff_hiring_words: Words
    average_pay: RegexText
    pay_words: Words
    reached_opening: RegexText
    actual_after: RegexText
    dated_opening: str  # a pattern once {plan_periods} is filled in (checked when the file loads)
    intake_plan: RegexText
    rate_anaphors: Words
    figure_bracket_before: RegexText
    from_arrow: RegexText
    plan_periods: dict[Characters, Annotated[int, Field(ge=1950, le=2100)]]
    claim_year: RegexText
    relative_years: dict[Characters, Annotated[int, Field(ge=-5, le=5)]]
    own_months: RegexText
    result_opening: RegexText
    claim_year_not_before: Words
    claim_year_not_after: Words
    claim_year_after_gap: Reach
    claim_year_bound: RegexText
    year_bound_before: RegexText
    plan_by_targets: Annotated[float, Field(ge=0, lt=1)]
    plan_uncued_per_target: Annotated[int, Field(ge=1)]
    table_rows_max: Annotated[int, Field(ge=1)]
    education_part_after: RegexText
    school_part_after: RegexText
    parts_after: RegexText
    school_built_beside: RegexText
    project_total: RegexText
    progression_after: RegexText
    head_item_gap: RegexText
    partnership_after: Words
    change_column: RegexText
    reported_indicators: list[str]
    next_step_openers: Words
    from_markers: Words
    base_phrase: RegexText
    own_from_value: RegexText
    to_markers: Words
    plan_headings: Words
    weak_plan_headings: Words
    whole_review_headings: Words
    review_headings: Words
    result_headings: Words
    programme_names: Words
    office_names: Words
    work_headings: Words
    heading_max_chars: Reach
    heading_not_ends: Characters
    heading_sentence: RegexText
    heading_ranks: list[RegexText]
    location_before: RegexText
    question_turn: RegexText
    run_in_heading: RegexText
    appendix_line: RegexText
    caption: RegexText


    def dated_opening_pattern(self) -> str:
        """dated_opening with its {plan_periods} filled in (the five-year plans' names)."""
        return self.dated_opening.replace("{plan_periods}", "|".join(map(regex.escape, self.plan_periods)))


@lru_cache(maxsize=1)
def lexicon_data() -> LexiconData:
    """lexicon.yaml, validated and checked against the catalog."""
    data = load(FILE, LexiconData)
    require(FILE, [
        *unknown_codes(data.rate_nouns, "rate_nouns"),
        *unknown_codes(data.person_triggers, "person_triggers"),
        *unknown_codes(data.person_triggers_after, "person_triggers_after"),
        *unknown_codes(data.part_indicators, "part_indicators"),
        *unknown_codes(data.admission_indicators, "admission_indicators"),
        *unknown_codes(data.list_indicators, "list_indicators"),
        *unknown_codes(data.group_indicators, "group_indicators"),
        *unknown_codes(data.change_indicators, "change_indicators"),
        *unknown_codes(data.per_mille_rates, "per_mille_rates"),
        *[f"soft_education: {w.word!r} is not one of education_words" for w in data.soft_education
          if w.word not in data.education_words],
        *[f"soft_non_education: {w.word!r} is not one of non_education_words" for w in data.soft_non_education
          if w.word not in data.non_education_words],
        *[f"soft_construction: {w.word!r} is not one of investment_around" for w in data.soft_construction
          if w.word not in data.investment_around],
        *[f"weak_plan_headings: {word!r} is not one of plan_headings" for word in data.weak_plan_headings
          if word not in data.plan_headings],
        *[f"whole_review_headings: {word!r} is not one of review_headings"
          for word in data.whole_review_headings if word not in data.review_headings],
        *([] if data.enrolled_noun in data.candidate_nouns else [
            f"enrolled_noun: {data.enrolled_noun!r} is not one of candidate_nouns"]),
        *[f"{key}: {word!r} is guarded twice (one entry holds all its guards)"
          for key, softs in (("soft_education", data.soft_education),
                             ("soft_non_education", data.soft_non_education),
                             ("soft_construction", data.soft_construction))
          for word in sorted({w.word for w in softs if sum(v.word == w.word for v in softs) > 1})],
        *[f"dated_opening: {problem}" for problem in pattern_problems(data.dated_opening_pattern())],
        *([] if "{plan_periods}" in data.dated_opening else ["dated_opening: it names no {plan_periods}"]),
    ])
    return data
