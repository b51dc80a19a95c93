"""Attributes of a claim besides its indicator: level, modality and qualifier."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from extractor.extract.lexicon import GENERIC, MIXED, Lexicon
from extractor.extract.rules import (
    Decision,
    Place,
    aside_opened,
    clause_start_of,
    list_item_end,
    next_clause_end,
    trigger_ending_at,
)
from extractor.extract.tables import fills_its_cell
from extractor.extract.tokens import MONEY_ANY, NumberToken, grammar, holds_token, numeral_value, tokens_in
from extractor.segment.meta import in_document_name
from extractor.text.patterns import Match, Pattern, compile_pattern, words

# ---- level -------------------------------------------------------------------------


def level_of(place: Place, lex: Lexicon, decision: Decision) -> str | None:
    """The school stage the number is about, as the text states it.

    Looked for first before the number in its clause, then after it in its clause
    (投资2800万元新建城南幼儿园), then before it in its sentence; for one of several rates
    with 分别, only in that rate's own phrase.
    """
    text = place.text
    clause_start = max(place.clause[0], place.sentence[0])
    if (place.token.unit_unwritten or fills_its_cell(text, place.token, lex.table_cell_separators)) and (
            header := place.column_header(lex)) and (column := one_stage(header, lex)) is not None:
        if decision.indicator in lex.admission_indicators and _names_a_destination(header, lex):
            return None  # 中职录取人数 over a county's row: where the admitted go, no stage of theirs
        return column  # 小学金额(元) above a school's row: its cells' stage
    if (bracketed := _stage_bracketed_after(place, lex)) is not None:
        return bracketed  # 1000元(小学)
    if (listed := _stages_bracketed_after_group(place, lex)) is not None:
        return listed  # 入学率分别为100%、99.8%、96.5%(小学、初中、高中阶段)
    if (closed := lex.list_etc_before.search(text, clause_start, place.group[0].start)) is not None and len(
            stages := {_tag(lex, m) for m in _stage_words_leftwards(text, lex, clause_start, closed.start())}
            - {GENERIC}) > 1:
        return _union(sorted(stages), lex)  # 学前…资助、…、高中国家助学金等资金1.8亿元: all of them
    if decision.indicator in lex.admission_indicators and decision.span is not None:
        # 内地新疆高中班共录取我县初中毕业生568人: the candidates named after the counting word
        named = _candidates_stage(place, lex, decision.span[1], place.group[0].start)
        if named is not _NOT_FOUND:  # (the exam named in its sentence: 中考…,录取普高学生1286人)
            exam = lex.own_exam.search(text, place.sentence[0], place.group[0].start)
            if exam is not None and named not in lex.own_exam_stages[exam.group()]:
                # 中考录取普通高中学生3260人: those admitted to where they go; the candidates named
                # before the exam are its (全县初中毕业生2865人,中考录取普通高中学生1652人: 初中)
                lo = min(place.period_start, place.sentence[0])
                before = _candidates_stage(place, lex, lo, exam.start())
                return before if before in lex.own_exam_stages[exam.group()] else None
            return named  # type: ignore[return-value]
    for (lo, hi), leftwards in _level_windows(place, lex, decision, clause_start):
        found = _stage_in(text, lex, lo, hi, leftwards, place, decision)
        if found is not _NOT_FOUND:
            borrowed = found is not None and hi == clause_start
            if borrowed and decision.indicator not in lex.admission_indicators and len(
                    stages := _last_stages(text, lex, lo, hi)) > 1:
                # borrowed from a clause that builds 中学, 小学 and 幼儿园 alike: none; by a lone
                # sum from one that names 小学 and 初中 (按小学每生每年1000元、初中…1250元…,需资金约
                # 480万元): 义务教育 (a list's items take one stage each); not for admissions, whose
                # candidates' stage is judged apart from where they go (初中毕业生升入高中阶段…)
                if len(place.group) == len(stages) and lex.distributive.search(
                        text, clause_start, place.group[0].start):
                    return found  # type: ignore[return-value]  # …分别资助…人次,资助金额分别为600万元、…: in order
                union = _union(sorted(stages), lex)
                return union if union is None or len(place.group) == 1 else found  # type: ignore[return-value]
            return found  # type: ignore[return-value]
    if decision.indicator in lex.admission_indicators:
        lo = min(place.period_start, place.sentence[0])
        if (parallel := _parallel_stage(place, lex, decision, clause_start)) is not None:
            return parallel  # 城区初中普高录取率达到78.2%,而农村初中仅为46.5%
        if (label := _labelled_stage(place, lex, clause_start)) is not None:
            return label  # 5.县职业中专:对口升学考试本科上线94人,…,升学率100%: the school's candidates
        if (exam := lex.own_exam.search(text, clause_start, place.group[0].start)) is not None:
            # 初中毕业生升学率…,高考本科上线率达到61.2%: 高考 names its own candidates, of its stages
            # only (普通高中毕业生2030人,高考一本上线326人: 高中)
            named = _candidates_stage(place, lex, lo, clause_start, exams=False)
            return named if named in lex.own_exam_stages[exam.group()] else None
        # (the candidates a part is of, named before it in its clause, too: 高中毕业生中有12467人
        # 被各类高校录取, its phrase after naming no stage)
        # (the clauses before naming one group each, for a 分别 list: 普通高中毕业生录取10.32万人,
        # 中职毕业生录取5.54万人,录取率分别为48.6%和71.3%)
        if len(place.group) > 1 and lex.distributive.search(text, clause_start, place.group[0].start) and (
                each := _one_stage_each(text, lex, lo, clause_start, len(place.group))):
            return each[place.index]  # one stage for each number of the group
        # (and those of a semicolon-joined part before: 中职毕业生1893人,…;…本科上线215人)
        # (and those named before a change's from-value in its clause: 全县初中毕业生普高录取人数由
        # 2022年的3210人增加到2024年的3580人)
        hi = place.group[0].start if decision.rule in ("person-after", "to-value") else clause_start
        exams: list[Match] = list(lex.own_exam.finditer(text, lo, hi))
        if exams:  # 初中毕业生升入高中阶段比例为95.3%,高考本科上线1286人,本科上线率56.2%: the exam's
            exam_clause = clause_start_of(text, lex, lo, exams[-1].start())  # clause names whom it counts,
            named = _candidates_stage(place, lex, exam_clause, hi)  # or those before it of its stages
            if named is _NOT_FOUND or named not in lex.own_exam_stages[exams[-1].group()]:
                named = _candidates_stage(place, lex, lo, exam_clause, exams=False)
            return named if named in lex.own_exam_stages[exams[-1].group()] else None
        # (new pupils admitted are no pupils enrolled: 普通高中在校生1.56万人,录取新生5280人)
        intake = decision.span is not None and lex.admitted_intake.match(text, decision.span[1]) is not None
        named = _candidates_stage(place, lex, lo, hi, enrolled=not intake)
        return None if named is _NOT_FOUND else named  # type: ignore[return-value]
    if lex.education_money.search(place.text, clause_start, place.clause[1]):
        return None  # 全市教育支出98.7亿元 in a report on 义务教育: education as a whole
    return place.report_level


def _parallel_stage(place: Place, lex: Lexicon, decision: Decision, clause_start: int) -> str | None:
    """For an admission whose rate noun stands in an earlier clause (an ellipsis), the stage its
    own clause names when the noun's clause names the same one (城区初中普高录取率达到78.2%,而农村初中
    仅为46.5%: schools of one stage compared), or naming none when its own is one a pass of the college
    exam's lines is of (县一中本科上线率为78%,县实验高中为46%); else None (中职为40% after 普高录取率60%:
    where they go)."""
    if decision.span is None or decision.span[0] >= clause_start:
        return None
    own = _stage_in(place.text, lex, clause_start, place.group[0].start, True, place, decision)
    if not isinstance(own, str):
        return None
    noun_clause = clause_start_of(place.text, lex, place.sentence[0], decision.span[0])
    named = _stage_in(place.text, lex, noun_clause, decision.span[1], True, place, decision)
    if named == own:
        return own
    # (a pass of the college exam's lines names candidates of a stage that takes it: 县一中本科上线率为
    # 78%,县实验高中为46%: 高中; its clause naming the school and its figure only, not 各高中依次为…)
    college = lex.college_pass.search(place.text, noun_clause, decision.span[1]) is not None
    alone = lex.part_places.fullmatch(place.text, clause_start, place.group[0].start) is not None
    return own if college and alone and named is _NOT_FOUND and own in lex.candidate_exam_stages else None


def _labelled_stage(place: Place, lex: Lexicon, clause_start: int) -> str | None:
    """The one stage a label opening the sentence names (县职业中专:, 3.凤凰镇初级中学:), its
    semicolon-joined parts too (1.宁陵县高级中学:…;一本上线601人), for an admission: its school's
    candidates; none when an exam named in the sentence is not of its stage (县一中:中考录取…,
    where they go)."""
    text, start = place.text, min(place.period_start, place.sentence[0])
    label = lex.stage_label.match(text, start, clause_start)
    if label is None or (stage := one_stage(label.group(), lex)) is None:
        return None
    exam = lex.own_exam.search(text, start, place.group[-1].end)
    return stage if exam is None or stage in lex.own_exam_stages[exam.group()] else None


def one_stage(text: str, lex: Lexicon) -> str | None:
    """The one stage `text` names (a title's 县实验幼儿园, a column header's 小学金额(元)), else None:
    none, several, a mixture, or only inside a document's name (《义务教育法》). A generic school
    word right after a stage word is that stage's school (县职业中专学校: 中职).

    >>> from extractor.extract.lexicon import lexicon
    >>> texts = ("小学金额(元)", "中小学校数", "《义务教育法》执法检查", "县职业中专学校")
    >>> [one_stage(t, lexicon()) for t in texts]
    ['小学', None, None, '中职']
    """
    stages: set[str] = set()
    stage_end = -1
    for m in lex.level_word_forward.finditer(text):
        if m.group() not in lex.level_tags or in_document_name(text, m.start()):
            continue
        tag = lex.level_tags[m.group()]
        if not (tag == GENERIC and m.start() == stage_end):
            stages.add(tag)
        stage_end = m.end() if tag != GENERIC else -1
    return stages.pop() if len(stages) == 1 and not stages & {MIXED, GENERIC} else None


def _candidates_stage(place: Place, lex: Lexicon, lo: int, hi: int,
                      exams: bool = True, enrolled: bool = True) -> str | object | None:
    """The stage of the candidates text[lo:hi] names, for an admission (a clause before it:
    全县初中毕业生3260人参加中考,普通高中录取2180人 -> 初中): the nearest stage word right
    before a candidate noun; _NOT_FOUND when there is none."""
    text = place.text
    for m in _stage_words_leftwards(text, lex, lo, hi):
        tag = _tag(lex, m)
        if tag in lex.admission_destination_levels and lex.candidates_end.search(text, *m.span()):
            return tag  # 专科毕业生专升本录取405人,专升本率56.56%: the word names the candidates
        if tag != GENERIC and (candidates := lex.candidate_noun.match(text, m.end())) and (
                enrolled or not candidates.group().endswith(lex.enrolled_noun)):
            if candidates.group("exam") and (not exams or tag not in lex.candidate_exam_stages):
                continue  # 中职学生参加高职高考: where they go; 中职对口升学… before 普通高考: another exam's
            if lex.candidate_destination.search(text, max(0, m.start() - 8), m.start()) is not None or (
                    tag in lex.admission_destination_levels and _is_destination(text, lex, m, tag)):
                return None  # 考入本科院校学生9人, 高职专科上线4612人: where they went, no stage of theirs
            return None if tag == MIXED else tag  # (学校 of 中职学校毕业生 is read past)
    return _NOT_FOUND


def _aside(text: str, lex: Lexicon, start: int, at: int) -> bool:
    """Whether `at` stands inside brackets opened after `start` (an aside: (包括普通高中…))."""
    return aside_opened(text, lex, start, at) is not None


def _inclusion_aside(text: str, lex: Lexicon, start: int, at: int) -> bool:
    """Whether `at` stands inside brackets opened after `start` on an inclusion word ((含技工学校))."""
    opened = max(text.rfind(open_, start, at) for open_, _ in lex.aside_brackets)
    return opened >= 0 and _aside(text, lex, start, at) and lex.inclusion.match(text, opened + 1) is not None


def _names_several_stages(text: str, lex: Lexicon, lo: int, hi: int) -> bool:
    """Whether the last clause in text[lo:hi] naming a stage names stages of several kinds
    that make no one stage together (7所中学和20所小学及19所幼儿园; 小学和初中 are 义务教育).

    >>> from extractor.extract.lexicon import lexicon
    >>> text = "新建7所中学和20所小学及19所幼儿园,新增学位5.5万余个"
    >>> _names_several_stages(text, lexicon(), 0, text.index("新增"))
    True
    >>> text = "新建小学2所、初中1所,新增学位3000个"
    >>> _names_several_stages(text, lexicon(), 0, text.index("新增"))
    False
    >>> text = "高中段教育(包括普通高中、职业高中)毛入学率为92.5%,比上年提高0.5个百分点"
    >>> _names_several_stages(text, lexicon(), 0, text.index("比上年"))
    False
    """
    stages = _last_stages(text, lex, lo, hi)
    return len(stages) > 1 and _union(sorted(stages), lex) is None


def _last_stages(text: str, lex: Lexicon, lo: int, hi: int) -> set[str]:
    """The stages (no generic school) the last clause in text[lo:hi] naming one names."""
    last = next(_stage_words_leftwards(text, lex, lo, hi), None)
    if last is None:
        return set()
    clause = _clause_around(text, lex, lo, last.start(), last.end(), hi)
    # read right to left, as the stage itself was found (扩大学前: 学前, not 大学)
    stages = {_tag(lex, m) for m in _stage_words_leftwards(text, lex, *clause)
              if not _aside(text, lex, clause[0], m.start())}
    # (…,小学每生每年1000元,初中每生每年1250元,…发放补助资金487.3万元: the stages of the items
    # of standards before it, each a clause opening on its stage, too)
    start = clause[0]
    for _ in range(STAGE_ITEMS_MAX):
        if _stage_item_clause(text, lex, start) is None or start - 1 <= lo:
            break
        before = clause_start_of(text, lex, lo, start - 2)
        item = _stage_item_clause(text, lex, before)
        if item is None or before >= start:
            break
        stages.add(_tag(lex, item))
        start = before
    stages.discard(GENERIC)
    return stages


STAGE_ITEMS_MAX = 4  # the most items of per-head standards, one stage each, read back


def _stage_item_clause(text: str, lex: Lexicon, start: int) -> Match | None:
    """The stage word opening the clause at `start` when a per-head amount follows it (初中每生
    每年1250元), else None."""
    m = lex.level_word_forward.match(text, start)
    return m if m is not None and lex.per_head.match(text, m.end()) else None


def _level_windows(place: Place, lex: Lexicon, decision: Decision,
                   clause_start: int) -> list[tuple[tuple[int, int], bool]]:
    """Where to look for the stage, in order, and whether leftwards from the end.

    Admission counts and rates take the stage of their own phrase only (普高二本以上录取率;
    not 各高中 naming schools, nor 高中 of another clause), or as a part after 其中 their
    total's (普通高中本科上线1650人,其中一本上线420人); the stage of an earlier clause
    of the sentence (semicolon-joined parts included) passes to a clause that names no
    group of its own.
    """
    first, last = place.group[0], place.group[-1]
    if decision.windows:
        return [(window, True) for window in decision.windows]
    if decision.indicator in lex.admission_indicators:
        own = decision.span is not None and decision.span[0] >= clause_start
        windows = [((clause_start, decision.span[1]), True)] if own and decision.span else []
        if decision.span is not None and not own and _in_row_label(place, lex, decision.span[0]):
            row_start = place.text.rfind("\n", 0, decision.span[0]) + 1  # 8|普通高中本科上线率|65%
            windows.append(((row_start, decision.span[1]), True))
        if lex.part_marker.match(place.text, clause_start):  # 本科上线率达到56.3%,其中一本上线率…
            windows.append(((place.sentence[0], clause_start), True))
        return windows
    after_end = place.clause[1]
    # 规划投资3.8亿元,新建、改扩建幼儿园20所: what it builds (investment only: 投入课后服务经费1400万元,
    # 新建城西初级中学 does not build it); 助学贷款3860万元,惠及大学生: whom it reached
    next_clause = lex.money_next_clause if decision.indicator == "investment" else lex.recipient_next_clause
    if first.unit_class in ("money", "bare_money") and next_clause.match(place.text, after_end + 1):
        next_end = next_clause_end(place, lex)
        if not holds_token(place.text, after_end + 1, next_end, MONEY_ANY):
            after_end = next_end  # (not a next clause naming a sum of its own: 新建城东小学总投资1.15亿元)
    forward_end = list_item_end(place, lex, after_end, frozenset((first.unit_class,)))
    asides = list(_open_asides(place, lex))  # the brackets it stands in (read once for both uses below)
    forward = ((last.end, _aside_end(place, asides, forward_end)), False)
    windows = [((clause_start, first.start), True), forward]
    if (own_start := _list_item_start(place, lex, clause_start)) is not None:
        # (its own item's words first, then the clause's before it: 投资2800万元新建城南幼儿园、投资3000万元
        # 新建城北小学 -> 小学; 义务教育阶段发放生活补助860万元、营养改善计划补助1200万元 -> 义务教育)
        windows = [((own_start, first.start), True), forward, ((clause_start, own_start), True)]
    if (owner := _aside_owner(place, lex, asides)) is not None:  # 七都第一小学(总投资3.2亿元,新增学位1620个):
        windows.append((owner, True))  # the school the brackets follow, before the sentence's other items
    source_start = _stage_source_start(place, lex)
    # (生源地信用助学贷款: its own clause's stage, its label's or its heading's, a clause before's only
    # when that is the loan's own: …大学新生入学资助28.6万元,办理生源地信用助学贷款465.7万元)
    own_only = lex.own_clause_stage_money.search(place.text, clause_start, first.start) is not None and not (
        lex.stage_label.match(place.text, place.sentence[0], clause_start)) and not _nearest_stage_in(
        place.text, lex, source_start, clause_start, lex.own_clause_money_stages)
    if not own_only and _takes_sentence_stage(place, lex, clause_start):
        if place.period_start < place.sentence[0] and (label := lex.stage_label.match(
                place.text, place.period_start, place.sentence[0])) is not None:
            # (its own part first, then the label over the parts: 2.义务教育:…;初中寄宿生…,每生每学期625元;
            # 为…非寄宿…学生发放生活补助31.7万元: 初中, then the label's 义务教育)
            windows += [((place.sentence[0], clause_start), True), (label.span(), True)]
        windows.append(((source_start, clause_start), True))
        if (total_start := place.total_sentence_start(lex)) is not None:  # 。其中,农村为5167.32元
            windows.append(((total_start, place.sentence[0]), True))
    if (heading := _stage_heading(place, lex)) is not None:
        windows.append((heading, True))  # (三)普通高中。国家助学金…每生每年2000元
    return windows


def _open_asides(place: Place, lex: Lexicon) -> Iterator[tuple[int, str]]:
    """The brackets (lex.aside_brackets, in their order) opened in the number's sentence before
    it and not closed before it: where each opens, and its closing bracket."""
    text, start, first = place.text, place.sentence[0], place.group[0].start
    for opening, closing in lex.aside_brackets:
        opened = text.rfind(opening, start, first)
        if opened >= 0 and closing not in text[opened:first]:
            yield opened, closing


def _aside_owner(place: Place, lex: Lexicon, asides: list[tuple[int, str]]) -> tuple[int, int] | None:
    """The item the brackets the number stands in (`asides`) follow (from the list separator or
    clause end before it to the opening bracket), when they open before its clause."""
    text, start = place.text, place.sentence[0]
    for opened, _ in asides:
        if opened < place.clause[0]:
            items = [m.start() for m in lex.item_separator.finditer(text, start, opened)]
            clauses = (text.rfind(mark, start, opened) for mark in lex.clause_delimiters)
            separator = max([*items[-1:], *clauses])
            return (max(separator + 1, start), opened)
    return None


def _aside_end(place: Place, asides: list[tuple[int, str]], end: int) -> int:
    """Where the brackets the number stands in (`asides`) close, before `end`, else `end`: what
    follows them is the next item's (七都第一小学(总投资3.2亿元,新增学位1620个)、双屿街道中心幼儿园(…))."""
    for _, closing in asides:
        if (close := place.text.find(closing, place.group[-1].end, end)) >= 0:
            return close
    return end


def _stage_source_start(place: Place, lex: Lexicon) -> int:
    """Where a clause naming no group of its own looks for its sentence's stage: from the
    sentence's start, its semicolon-joined parts before included; for a sum whose own part
    names staff, or says what it builds after parts with no sums, only from that part
    (新增学前学位540个;改造薄弱学校校舍12所,投资2100万元: the seats' stage is not the repairs'; not
    开工建设7所…;完成投资3212万元, the works before, nor 幼儿园购置…,支出38.6万元;园舍维修改造,
    支出41.32万元, a list of sums)."""
    text, start, part_start = place.text, min(place.period_start, place.sentence[0]), place.sentence[0]
    if place.token.unit_class not in MONEY_ANY or start == part_start:
        return start
    if lex.staff.search(text, part_start, place.token.start):
        return part_start  # 落实乡村教师生活补助,按每人每月400元…,全年共计1280万元: staff's, no pupils' stage
    builds = lex.building_verb.search(text, part_start, place.clause[1]) or lex.building_verb.match(
        text, place.clause[1] + 1)
    return part_start if builds and not holds_token(text, start, part_start, MONEY_ANY) else start


def _list_item_start(place: Place, lex: Lexicon, clause_start: int) -> int | None:
    """Where the number's list item starts after earlier items with figures of its kind in its
    clause (the end of the item separator after the last of them); None when no such item
    comes before."""
    text, first = place.text, place.group[0]
    if lex.item_separator.search(text, clause_start, first.start) is None:
        return None  # (no item before it: the clause is not read for numbers again)
    earlier = list(tokens_in(text, clause_start, first.start, frozenset((first.unit_class,))))
    if not earlier:
        return None
    after_last = clause_start + earlier[-1].end
    separators: list[Match] = list(lex.item_separator.finditer(text, after_last, first.start))
    return separators[-1].end() if separators else None


def _stage_heading(place: Place, lex: Lexicon) -> tuple[int, int] | None:
    """The heading sentence opening the number's line ((三)普通高中。), or the line's last item
    opened before it (一是学前教育快速发展。…。二是义务教育资助。…), when the sentences between
    are all on that line: its span."""
    text, start = place.text, min(place.period_start, place.sentence[0])
    line_start = text.rfind("\n", 0, start) + 1
    if line_start == start:
        return None
    items = [m.start() for m in lex.run_in_item.finditer(text, line_start, start)]
    line_start = max([line_start, *items])  # (the item the number stands in)
    end = text.find("。", line_start, start)
    if end < 0 or not lex.stage_heading.fullmatch(text, line_start, end + 1):
        return None
    if _names_several_stages(text, lex, line_start, end):
        return None  # 一、新增中小学和幼儿园学位。: a heading over several stages gives none
    return line_start, end + 1


def _in_row_label(place: Place, lex: Lexicon, at: int) -> bool:
    """Whether `at` stands in an earlier cell (cells parted by |) of the table row the number
    stands in: the row's label, its own phrase."""
    between = place.text[at:place.group[0].start]
    return "\n" not in between and any(separator in between for separator in lex.table_cell_separators)


def _takes_sentence_stage(place: Place, lex: Lexicon, clause_start: int) -> bool:
    """Whether a clause names no group of its own before its number (own_subject_words in
    extractor/data/lexicon.yaml) or only the one a clause before named with its stage (落实
    普通高中国家助学金,…发放助学金428.9万元), or is a part (其中…) of a total before it, or
    stands under a label naming a stage (3．普通高中：…); a running total (累计) after several
    stages sums them."""
    text = place.text
    if lex.part_marker.match(text, clause_start):
        return True
    sentence_start = min(place.period_start, place.sentence[0])
    if (label := lex.stage_label.match(text, sentence_start, clause_start)) and lex.level_word.search(
            text, *label.span()):
        return True  # 3．普通高中：发放国家助学金2280万元: the label's stage covers its sentence, parts too
    total = lex.running_total.search(text, clause_start, place.group[0].start)
    progress = total is not None and lex.running_progress.match(text, total.end()) is not None
    part_start = place.sentence[0]
    # (a part before closing on a total of its own holds no items of this one: …共计38.4万元;…共计342.5万元;
    # nor does one before a part whose total follows its own standard: …每人5000元,共计186万元)
    closed = part_start > sentence_start and (lex.running_total.search(text, sentence_start, part_start) or (
        total is not None and _per_head_before(place, lex, part_start, clause_start)))
    items_from = part_start if closed else sentence_start
    if total and _sums_items(place, lex, sentence_start, clause_start, not progress, items_from) and not (
            _stages_make_one(place, lex, part_start, clause_start)):
        return False  # (共计发放760万元 after 小学1000元、初中1250元: their union, 义务教育, see below)
    own = lex.own_subject.search(text, clause_start, place.group[0].start)
    if own is not None and (trigger_ending_at(text, lex, own.start()) is not None
                            or lex.person_trigger_at.match(text, own.end()) is not None
                            or _rate_noun_of(text, lex, own)):
        own = None  # 流失学生86人, 学生流失21人, 学生流失率: the counting word's noun, no group of its own
    return own is None or _named_with_a_stage(text, lex, own.group(), sentence_start, clause_start) or (
        own.group() in lex.recipients_money and _aids_a_stage(text, lex, sentence_start, clause_start))


def _rate_noun_of(text: str, lex: Lexicon, own: Match) -> bool:
    """Whether a subject word is a rate noun's own (学生流失率), no group of its own."""
    return own.group() in lex.rate_own_nouns and text.startswith(lex.rate_noun_words, own.end())


def _aids_a_stage(text: str, lex: Lexicon, start: int, end: int) -> bool:
    """Whether the last aid verb in text[start:end] stands in a clause naming a stage (资助
    家庭经济困难大学生1280人, 减免中职学生学费): those it aids, whose stage the aid's money after it is of."""
    verbs: list[Match] = list(lex.aid_verb.finditer(text, start, end))
    return bool(verbs) and _named_with_a_stage(text, lex, verbs[-1].group(), verbs[-1].start(), end)


def _sums_items(place: Place, lex: Lexicon, lo: int, hi: int, items_count: bool = True,
                items_lo: int | None = None) -> bool:
    """Whether a running total sums more than text[lo:hi] names a stage for: that text names
    several stages (…高中学位1000个,职业教育学位1600个,累计新增学位5200个) or, `items_count`, an
    item of the total's own kind from `items_lo` on (投入资金1200万元改造初中校舍,全年累计投入资金3500万元;
    not a project's progress to date: …本月完成投资860万元,累计完成投资9200万元)."""
    return len(_stages_named(place.text, lex, lo, hi)) > 1 or (
        items_count and next(_items_of_a_total(place, lex, lo if items_lo is None else items_lo, hi),
                             None) is not None)


def _stages_make_one(place: Place, lex: Lexicon, lo: int, hi: int) -> bool:
    """Whether text[lo:hi] names several stages that make one together (小学 and 初中: 义务教育),
    and no item of the total's kind but per-head ones: a total after them is of that one."""
    stages = _stages_named(place.text, lex, lo, hi)
    return len(stages) > 1 and _union(sorted(stages), lex) is not None and next(
        _items_of_a_total(place, lex, lo, hi), None) is None


def _stages_named(text: str, lex: Lexicon, lo: int, hi: int) -> set[str]:
    """The stages text[lo:hi] names (no mixture, no bare school)."""
    return {_tag(lex, m) for m in _stage_words_leftwards(text, lex, lo, hi)} - {MIXED, GENERIC}


def _items_of_a_total(place: Place, lex: Lexicon, lo: int, hi: int) -> Iterator[NumberToken]:
    """The numbers in text[lo:hi] a total at `place` may sum: of its kind (money of any unit, a
    count of its unit: 三所小学 is no item of 新增学位合计1980个), none per head."""
    kind, unit = place.token.unit_class, place.token.unit
    kinds = MONEY_ANY if kind in MONEY_ANY else frozenset({kind})
    return (t for t in tokens_in(place.text, lo, hi, kinds)
            if not _per_head(place.text, lex, lo + t.start) and (kind in MONEY_ANY or t.unit == unit))


def _per_head_before(place: Place, lex: Lexicon, lo: int, hi: int) -> bool:
    """Whether text[lo:hi] holds a sum per head (每人5000元): the standard a total after it sums."""
    return any(_per_head(place.text, lex, lo + t.start) for t in tokens_in(place.text, lo, hi, MONEY_ANY))


def _per_head(text: str, lex: Lexicon, at: int) -> bool:
    """Whether the amount at `at` is one per head (每生每天4元, 生均公用经费720元): a per-head
    word before it in its clause."""
    clause_start = _clause_around(text, lex, 0, at, at, at)[0]
    return lex.per_head.search(text, clause_start, at) is not None


def _named_with_a_stage(text: str, lex: Lexicon, word: str, start: int, end: int) -> bool:
    """Whether `word` stands in text[start:end] in a clause that names a stage too."""
    at = text.rfind(word, start, end)
    if at < 0:
        return False
    return lex.level_word.search(text, *_clause_around(text, lex, start, at, at + len(word), end)) is not None


def _clause_around(text: str, lex: Lexicon, lo: int, start: int, end: int, hi: int) -> tuple[int, int]:
    """The clause holding text[start:end], inside text[lo:hi]."""
    first = max([lo, *(text.rfind(ch, lo, start) + 1 for ch in lex.clause_delimiters)])
    ends = [p for ch in lex.clause_delimiters if (p := text.find(ch, end, hi)) >= 0]
    return first, min(ends, default=hi)


_NOT_FOUND = object()


def _nearest_stage_in(text: str, lex: Lexicon, lo: int, hi: int, stages: frozenset[str]) -> bool:
    """Whether the stage word nearest `hi` in text[lo:hi] names one of `stages`."""
    nearest = next(_stage_words_leftwards(text, lex, lo, hi), None)
    return nearest is not None and _tag(lex, nearest) in stages


def _stage_words_leftwards(text: str, lex: Lexicon, lo: int, hi: int) -> Iterator[Match]:
    """The stage words in text[lo:hi], nearest `hi` first.

    >>> from extractor.extract.lexicon import lexicon
    >>> [m.group() for m in _stage_words_leftwards("初中专任教师和小学教师", lexicon(), 0, 11)]
    ['小学', '初中']
    """
    pos = hi
    while (m := lex.level_word.search(text, lo, pos)) is not None:
        pos = m.start()
        if _inside_a_word(text, lex, m):
            pos = m.start() + 1  # 初中专任: look again for the word ending one character earlier
            continue
        if m.end() < hi and lex.level_word_forward.match(text, m.start()) is None:
            continue  # what follows it, past the words found, makes it none (中学等3所初中)
        yield m


def _inside_a_word(text: str, lex: Lexicon, m: Match) -> bool:
    """Whether a stage word is the tail of another word (中专 of 初中专任, 义教 of 爱国主义教育)."""
    return m.start() > 0 and text[m.start() - 1] in lex.level_not_after.get(m.group(), ())


def _stage_in(text: str, lex: Lexicon, lo: int, hi: int, leftwards: bool, place: Place,
              decision: Decision) -> str | object | None:
    """The first usable stage word in text[lo:hi], nearest the number first."""
    if leftwards:
        # 残疾儿童入学率: special education, nearer than any stage, is no stage of the catalogue,
        # unless a stage right before it qualifies it in the number's own clause (高中阶段残疾学生
        # 毛入学率; not 资助学前至高中(中职)教育低保、孤儿、困境儿童、残疾…学生, a list)
        special = lex.special_education.search(text, lo, hi) if len(place.group) == 1 else None
        own_clause = lo >= max(place.clause[0], place.sentence[0])
        for m in _stage_words_leftwards(text, lex, lo, hi):
            if special is not None and special.start() >= m.end() and not (
                    own_clause and m.group() in lex.level_tags  # a stage word, not an age (7-15周岁)
                    and special.start() - m.end() <= lex.special_qualifier_gap):
                return None
            stage = _judge(text, lex, m, place, decision)
            if stage is not _SKIP:
                return stage
        return None if special is not None else _NOT_FOUND
    # (not a part's stage in an aside after the number: 新增学位2000个(含初中学位800个))
    found: list[Match] = [m for m in lex.level_word_forward.finditer(text, lo, hi)
                          if not (_inside_a_word(text, lex, m) or _inclusion_aside(text, lex, lo, m.start()))]
    # 新改扩建x姜堰高级中学、x县第二实验学校等x所学校: several kinds of school (a 学校 right after
    # a stage, as in 中等职业学校 or 义务教育薄弱学校, is that stage's school), of no stage unless
    # they make one together (新建城南小学和城南初级中学: 义务教育)
    kinds = {_tag(lex, m) for i, m in enumerate(found)
             if not (i and _school_of_the_stage(text, lex, found[i - 1], m))}
    if len(kinds) > 1:
        return _union(sorted(kinds), lex)
    for forward in found:
        stage = _judge(text, lex, forward, place, decision)
        if stage is not _SKIP:
            return stage
    return _NOT_FOUND


def _school_of_the_stage(text: str, lex: Lexicon, stage: Match, school: Match) -> bool:
    """Whether a stage word's school follows it: right after it (中等职业学校), or a generic
    school word after a modifier of up to SCHOOL_MODIFIER characters (义务教育薄弱学校), or of
    up to SCHOOL_PHRASE joining nothing (奖励义务教育优质均衡发展先进学校)."""
    if school.start() == stage.end():
        return True
    between = text[stage.end():school.start()]
    reach = SCHOOL_MODIFIER if any(joiner in between for joiner in lex.list_words) else SCHOOL_PHRASE
    return (_tag(lex, school) == GENERIC and len(between) <= reach
            and _HAN_ONLY.fullmatch(between) is not None
            and lex.level_several_schools.match(text, stage.end()) is None)  # 实验小学东校区等学校6所


SCHOOL_MODIFIER = 4  # 薄弱, 寄宿制, 小规模
SCHOOL_PHRASE = 10  # 优质均衡发展先进
_HAN_ONLY = compile_pattern(r"\p{Han}+")

_SKIP = object()


def _added_in_brackets(text: str, lex: Lexicon, m: Match) -> bool:
    """Whether the stage word alone fills brackets right after a group word, adding its
    stage to the group's (中小学校(幼儿园); not 生活补助(小学), which names the stage)."""
    start, end = m.span()
    if not (start > 1 and end < len(text) and (text[start - 1], text[end]) in lex.level_added_brackets
            and text.endswith(lex.level_added_after, 0, start - 1)):
        return False
    # (one school named with no stage, its stage in brackets: 城南学校(九年一贯制) names it)
    school = next(w for w in lex.level_added_after if text.endswith(w, 0, start - 1))
    if school not in lex.generic_school_words or not m.group().endswith(lex.school_kind_ends):
        return True
    group = text[max(0, start - 1 - len(school) - ADDED_GROUP_REACH):start - 1]  # (中小学校, not 城南学校)
    return any(word in group for word, tag in lex.level_tags.items() if tag != GENERIC)


ADDED_GROUP_REACH = 4  # characters before 学校 a stage word of a group of schools stands in (中小学校)


def _after_a_number(text: str, lex: Lexicon, start: int, end: int) -> bool:
    """Whether text[start:end] alone fills brackets right after a number and its unit
    (1000元(小学)): it states that number's stage."""
    if start < 2 or end >= len(text) or (text[start - 1], text[end]) not in lex.level_added_brackets:
        return False
    return text[start - 2].isdigit() or text.endswith(tuple(grammar().units), 0, start - 1)


def _stage_bracketed_after(place: Place, lex: Lexicon) -> str | None:
    """The stage a stage word alone in brackets right after the number states (按每生每年
    1000元(小学)、1250元(初中)标准), else None."""
    text, end = place.text, place.group[-1].end
    m = lex.level_word_forward.match(text, end + 1)
    if m is None or not _after_a_number(text, lex, *m.span()):
        return None
    tag = _tag(lex, m)
    return None if tag in (GENERIC, MIXED) else tag


def _stages_bracketed_after_group(place: Place, lex: Lexicon) -> str | None:
    """The i-th of as many stages as the group has numbers, listed in brackets right after its
    last (分别为100%、99.8%、96.5%(小学、初中、高中阶段)), for the group's i-th number; else None."""
    if len(place.group) < 2:
        return None
    text, end = place.text, place.group[-1].end
    for opening, closing in lex.aside_brackets:
        close = text.find(closing, end + 1, end + GROUP_STAGES_REACH) if text.startswith(opening, end) else -1
        if close > 0:
            parts = lex.item_separator.split(text[end + 1:close])
            stages = [one_stage(part, lex) for part in parts]
            if len(stages) == len(place.group) and None not in stages:
                return stages[place.index]
    return None


GROUP_STAGES_REACH = 40  # characters of a bracket listing a group's stages


def _judge(text: str, lex: Lexicon, m: Match, place: Place,
           decision: Decision) -> str | object | None:
    """The stage a stage word gives this claim, None for a mixture, or _SKIP."""
    if m.end() < place.group[0].start and _after_a_number(text, lex, *m.span()):
        return _SKIP  # 1000元(小学)、1250元(初中): the stage of the number before
    tag = _tag(lex, m)
    own = decision.span is not None and decision.span[0] <= m.start() < decision.span[1]
    if decision.span is not None and decision.span[1] <= m.start() < place.group[0].start and (
            _inclusion_aside(text, lex, decision.span[1], m.start())) and not (
            _aside(text, lex, decision.span[1], place.group[0].start)):
        # 高中阶段毛入学率(含技工学校)为93.2%: an aside on what the noun counts (not for the aside's
        # own figure: 新增学位2400个(其中幼儿园800个))
        return _SKIP
    if decision.indicator in lex.admission_indicators and not own and _is_destination(text, lex, m, tag):
        return _SKIP  # 升入高中阶段, 被清华大学录取: where candidates go, not who they are
    if not own and _part_of_other_rate(text, lex, m.end(), place.group[0].start):
        return _SKIP  # 入园率达到95%,巩固率…: 入园 names the other rate's stage
    if tag == MIXED:
        return _narrowed(text, lex, m, place)
    if tag == GENERIC:
        return _SKIP  # a bare 学校 says nothing of the stage
    if _added_in_brackets(text, lex, m):
        return None  # 中小学校(幼儿园): schools of several stages
    if (len(place.group) == 1 and lex.collective.search(text, m.end(), place.group[0].start)
            and len(items := _list_items(text, lex, min(place.period_start, place.sentence[0]), m)) > 1
            and not {GENERIC, MIXED} & set(items)):
        return _union(items, lex)  # 小学适龄儿童入学率、初中适龄少年入学率均达到100%: 义务教育
    members = _coordinated(text, lex, min(place.period_start, place.sentence[0]), m, place.token.surface[-1])
    if len(set(members)) == 1 and lex.level_several_schools.match(text, m.end()):
        return None  # 文化街小学、白云路小学等11所学校: the others' stages are unknown
    first = place.group[0]
    if len(place.group) > 1 and lex.distributive.search(text, m.end(), first.start):
        start = min(place.period_start, place.sentence[0])
        items = _list_items(text, lex, start, m) if len(members) != len(place.group) else members
        if len(items) == len(place.group) and not _qualifies_the_noun(text, lex, items, m, decision,
                                                                      first.start):
            members = items  # 实验小学、二中、阳光幼儿园分别…: one item per number
        elif len(members) == 1 and m.start() < place.clause[0]:
            # 小学流失2人,初中流失11人,流失率分别为…: the clauses before name one stage each
            members = _one_stage_each(text, lex, start, first.start, len(place.group)) or members
        if len(members) > 1:
            member = members[place.index] if place.index < len(members) else None
            return None if member in (None, GENERIC, MIXED) else member
    return _union(members, lex)


def _qualifies_the_noun(text: str, lex: Lexicon, items: list[str], m: Match, decision: Decision,
                        number_start: int) -> bool:
    """Whether the stage word closing a list of items naming none qualifies the counted
    noun before 分别, for every item (东平县、西河县初中辍学率分别为…: 初中 is both counties';
    not in 城关一中、实验小学分别新增学位…); for money, a phrase between it and 分别 (北京市、
    上海市普通高等学校生均…经费分别为…: both cities')."""
    if any(item != GENERIC for item in items[:-1]):
        return False
    if decision.span is None:
        marker = lex.distributive.search(text, m.end(), number_start)
        return marker is not None and lex.per_head.search(text, m.end(), marker.start()) is not None
    noun_start, noun_end = decision.span
    if noun_start <= m.start() < noun_end:
        return True
    return 0 <= noun_start - m.end() <= 4 and lex.distributive.search(text, m.end(), noun_start) is None


def _one_stage_each(text: str, lex: Lexicon, start: int, end: int, count: int) -> list[str] | None:
    """The stages text[start:end] names, in order, when it names `count` different ones
    and nothing else of the kind (no mixture, no bare 学校); else None."""
    tags = [_tag(lex, m) for m in _stage_words_leftwards(text, lex, start, end)][::-1]
    if len(tags) != count or len(set(tags)) != count or MIXED in tags or GENERIC in tags:
        return None
    return tags


def _list_items(text: str, lex: Lexicon, limit: int, last: Match) -> list[str]:
    """The stage tag of each item of the list joined by 、/和 that ends with the stage word
    `last`, inside its clause (实验小学、二中、阳光幼儿园 -> [小学, GENERIC, 学前]): an item's
    last stage word's, GENERIC for an item naming none."""
    start = _clause_around(text, lex, limit, last.start(), last.end(), last.end())[0]
    items = lex.list_joiner.split(text[start:last.end()])
    if len(items) > 1 and (counted := lex.level_counted_list_close.search(items[-1])) and (
            numeral_value(counted.group("count")) == len(items)):
        return [_tag(lex, last)] * len(items)  # 城东、城西两所幼儿园: both are kindergartens
    return [_tag(lex, m) if (m := next(_stage_words_leftwards(item, lex, 0, len(item)), None)) else GENERIC
            for item in items]


def _tag(lex: Lexicon, m: Match) -> str:
    """The stage (or MIXED, GENERIC) of a stage word or an age range (7-12周岁)."""
    tag = lex.level_tags.get(m.group())
    if tag is not None:
        return tag
    low, high = numeral_value(m.group("low")), numeral_value(m.group("high"))
    if low is None or high is None:
        return MIXED
    return next((stage for start, end, stage in lex.age_levels if start <= low and high <= end), MIXED)


def _narrowed(text: str, lex: Lexicon, m: Match, place: Place) -> str | None:
    """A mixed word that the sentence narrows to one stage (中学 within 义务教育 -> 初中)."""
    narrowing = lex.narrowed_levels.get(m.group())
    if narrowing is None:
        return None
    within, stage = narrowing
    start = min(place.period_start, place.sentence[0])
    return stage if text.find(within, start, m.start()) >= 0 else None  # the whole named before its part


def _names_a_destination(text: str, lex: Lexicon) -> bool:
    """Whether a stage `text` names is where pupils go (中职录取人数, 普通高中录取率)."""
    return any(_is_destination(text, lex, m, lex.level_tags[m.group()])
               for m in lex.level_word_forward.finditer(text) if m.group() in lex.level_tags)


def _is_destination(text: str, lex: Lexicon, m: Match, tag: str) -> bool:
    if tag in lex.admission_destination_levels:  # 被清华大学录取; not 本科毕业生考研录取, 大学生
        start, end = m.span()
        names_students = lex.students_after.match(text, end) or lex.students_end.search(text, start, end)
        return names_students is None
    if lex.admission_destination_after.match(text, m.end()):
        return True
    return lex.destination.search(text, max(0, m.start() - 8), m.start()) is not None


def _part_of_other_rate(text: str, lex: Lexicon, end: int, token_start: int) -> bool:
    """A stage word inside a rate noun (入园率) with another rate noun before the number."""
    if not text.startswith("率", end):
        return False
    return lex.rate_noun.search(text, end + 1, token_start) is not None


def _coordinated(text: str, lex: Lexicon, limit: int, last: Match, unit: str = "") -> list[str]:
    """Stage tags joined by 、/和 ending with `last` (小学、初中 -> [小学, 初中]).

    Short modifiers may stand between them (12所公办小学和8所公办初中, 小学2所、初中1所),
    but not a number in the claim's own unit (the last character of its token: 其中小学
    3800个、初中2400个 gives each its own stage).
    """
    members = [_tag(lex, last)]
    edge = last.start()
    while (m := lex.level_word.search(text, limit, edge)) is not None:
        if not lex.coordination_gap.fullmatch(text, m.end(), edge) or _number_in(text, m.end(), edge, unit):
            break
        members.insert(0, _tag(lex, m))
        edge = m.start()
    return members


def _number_in(text: str, start: int, end: int, unit: str) -> bool:
    """Whether text[start:end] holds a number written in `unit` (3800个; 12万元 for 元: a
    one-character scale of numbers.yaml may stand between; 270 个: so may a blank; in words
    too: 六百五十元).

    >>> _number_in("小学270 个、", 2, 8, "个"), _number_in("公办小学和", 2, 5, "个")
    (True, False)
    >>> _number_in("小学六百五十元、", 2, 8, "元")
    True
    """
    g = grammar()
    scales, numerals = g.scales, g.numeral_characters
    i = text.find(unit, start, end) if unit else -1
    while i > start:
        j = i - 1
        while j > start and text[j] in " \t":
            j -= 1
        if text[j] in scales and j > start:
            j -= 1
        if text[j].isdigit() or text[j] in numerals:
            return True
        i = text.find(unit, i + 1, end)
    return False


def _union(members: list[str], lex: Lexicon) -> str | None:
    stages = set(members)
    if len(stages) == 1 and GENERIC not in stages:
        return members[0]
    return lex.level_unions.get(frozenset(stages))


# ---- modality ------------------------------------------------------------------------


@dataclass(frozen=True)
class Headings:
    """Section headings that say whether what follows is a plan or a review, and of which
    year (二、2024年工作打算)."""

    positions: list[int]
    modalities: list[str | None]  # "target", "actual", or None (neither or both)
    years: list[int | None]  # the one year a heading names as its own, if any
    work_only: list[bool]  # a review by work_headings' words only (2024年主要工作)

    def _last(self, offset: int, floor: int) -> int | None:
        """The index of the last heading before `offset` and at or after `floor`."""
        i = bisect_right(self.positions, offset) - 1
        return None if i < 0 or self.positions[i] < floor else i

    def at(self, offset: int, floor: int) -> str | None:
        """Modality of the last heading before `offset` and at or after `floor`: a year's
        work after the review of an earlier year is that year's plan."""
        i = self._last(offset, floor)
        if i is None:
            return None
        if self.work_only[i] and self._reviews_earlier_year(i, floor):
            return "target"
        return self.modalities[i]

    def _reviews_earlier_year(self, i: int, floor: int) -> bool:
        """Whether a review heading at or after `floor` and before heading i names an
        earlier year than heading i's."""
        year = self.years[i]
        return year is not None and any(
            self.modalities[j] == "actual" and (earlier := self.years[j]) is not None and earlier < year
            for j in range(i) if self.positions[j] >= floor)

    def year_at(self, offset: int, floor: int) -> int | None:
        """Year of the last heading before `offset` and at or after `floor`."""
        i = self._last(offset, floor)
        return None if i is None else self.years[i]


def find_headings(text: str, lex: Lexicon, token_starts: Sequence[int] = (),
                  boilerplate: Callable[[int], bool] | None = None,
                  report_year: Callable[[int], int | None] | None = None) -> Headings:
    """The section headings of a text: short lines with a plan or review word and no
    sentence end. A line holding a number token (a table row flattened to a line: 营养改善
    计划 2135.6万元) is none, nor is a line `boilerplate` says is (a compilation's running
    header: 教育工作总结精选(2篇)); `token_starts` are the tokens' starts, in order;
    `report_year(offset)` the year of the report at a view offset, if known."""
    positions: list[int] = []
    modalities: list[str | None] = []
    years: list[int | None] = []
    work_only: list[bool] = []
    reviewed_whole = False  # a heading before reviewed the whole year's work (一、2023年工作回顾)
    reviewed_year: int | None = None  # the latest year a review heading before named
    pos = 0
    # the plan and review headings whose sections are open, outermost first: (rank, index);
    # a heading numbered with no rank is closed by none (下一步打算 over 1.…, 2.…)
    open_sections: list[tuple[int, int]] = []

    def close_section(back_to: int | None = None) -> None:
        """A heading that is neither's ends the sections numbered as high or lower before it;
        what follows is the enclosing section's (`back_to`, an index), or neither's."""
        positions.append(pos)
        modalities.append(None if back_to is None else modalities[back_to])
        years.append(None if back_to is None else years[back_to])
        work_only.append(False if back_to is None else work_only[back_to])

    for line in text.split("\n"):
        stripped = line.strip()
        if positions and modalities[-1] is not None and (
                lex.question_turn.match(stripped) or lex.appendix_line.match(stripped)):
            close_section()  # 成都商报记者:请问今年中考成绩如何? after 下半年工作思路: and its list; 附:…
            open_sections.clear()
        elif (stripped := _heading_of(line, pos, lex, token_starts)) and not (
                boilerplate is not None and boilerplate(pos + len(line) - len(line.lstrip()))):
            results = lex.result_heading.search(stripped) is not None  # 绩效目标实现情况, 目标值 完成值
            planned = [m for m in lex.plan_heading.finditer(stripped) if m.lastgroup == "plan"]
            plans = {m.group() for m in planned}
            year = _heading_year(stripped, lex)
            covered = report_year(pos) if report_year is not None and year is not None else None
            rank, closed = _heading_rank(stripped, lex), False
            while rank is not None and open_sections and open_sections[-1][0] >= rank:
                open_sections.pop()  # (二)… after (一)主要预期目标, under 三、2023年工作安排
                closed = True
            # (not under the review it follows, numbered lower: 一、2022年工作总结 … (二)重点工作)
            inside_review = rank is not None and any(
                opened >= 0 and modalities[i] == "actual" for opened, i in open_sections)
            plan = not results and bool(plans) and (  # 二、重点工作 after a review, 五、2025年工作重点
                not plans <= lex.weak_plan_headings or (reviewed_whole and not inside_review)  # of 2024
                or (covered is not None and year is not None and year > covered))
            # (a review's word that a plan's word overlaps or follows, closing the heading's phrase, is
            # the plan's: 二、20xx年主要工作安排; not 资金安排情况, where the review's word closes it)
            reviews = {m.group() for m in lex.review_heading.finditer(stripped) if not any(
                p.start() <= m.end() <= p.end() and m.start() < p.end() for p in planned)}
            # (not a topic's progress: 四、其他重点工作 after 三、线上教学开展情况 tells other work done)
            reviewed_whole = reviewed_whole or (not plan and bool(reviews & lex.whole_review_headings))
            if reviews and not plan and year is not None:
                reviewed_year = max(year, reviewed_year or year)
            elif not plans and not reviews and not results and year is not None and (
                    reviewed_year is not None and year > reviewed_year):
                plan = True  # 三、2024年民生实事 after 一、2023年工作回顾: the year after's, planned
            if results:
                reviews.add("results")
            if plan or reviews:
                positions.append(pos)
                modalities.append(None if plan == bool(reviews) else "target" if plan else "actual")
                years.append(year)
                work_only.append(not plan and reviews <= lex.work_headings)
                open_sections.append((-1 if rank is None else rank, len(positions) - 1))
            elif closed:  # 六、教师队伍 after 五、下一步目标: the plan's section ends
                close_section(open_sections[-1][1] if open_sections else None)
        pos += len(line) + 1
    return Headings(positions, modalities, years, work_only)


def _heading_of(line: str, pos: int, lex: Lexicon, token_starts: Sequence[int]) -> str:
    """The heading a line at `pos` is, or opens with (六、2024年目标。 before its section's
    text), else "": a short line with no sentence end, comma or number token, no table's
    header row nor caption.

    >>> from extractor.extract.lexicon import lexicon
    >>> lines = ("二、下一步打算", "六、2024年目标。学前三年毛入园率达到92%。")
    >>> [_heading_of(line, 0, lexicon(), ()) for line in lines]
    ['二、下一步打算', '六、2024年目标']
    """
    stripped = line.strip()
    if (0 < len(stripped) <= lex.heading_max_chars and not stripped.endswith(lex.heading_not_ends)
            and not lex.heading_sentence.match(stripped)
            and stripped.count("\t") < 2 and len(stripped.split()) < 4  # a table's header row
            and sum(stripped.count(bar) for bar in lex.table_cell_separators) < 2  # 学校|本科上线目标|…
            # (指标名称\t2022年\t2023年目标; 指标名称 单位 2019年 2020年 2020年目标; columns aligned by
            # runs of blanks: 项目　　　　目标值　　　实际值)
            and not _ALIGNED_COLUMNS.search(stripped)
            and not _holds(token_starts, pos, pos + len(line)) and not lex.caption.match(stripped)):
        return stripped
    run_in = lex.run_in_heading.match(stripped)
    start = pos + len(line) - len(line.lstrip())
    if run_in is None or _holds(token_starts, start, start + run_in.end()):
        return ""
    return run_in.group()[:-1]


_ALIGNED_COLUMNS = compile_pattern(r"\S(?:\s{2,}|\t)\S+(?:\s{2,}|\t)\S")  # three cells or more


def _heading_rank(line: str, lex: Lexicon) -> int | None:
    """The rank of a heading's numbering, 0 the highest; None when it has none.

    >>> from extractor.extract.lexicon import lexicon
    >>> [_heading_rank(h, lexicon()) for h in ("五、下一步目标", "(一)学前", "【民生实事】", "下一步")]
    [1, 2, 1, None]
    """
    return next((rank for rank, pattern in enumerate(lex.heading_ranks) if pattern.match(line)), None)


def _holds(starts: Sequence[int], start: int, end: int) -> bool:
    """Whether one of the sorted `starts` lies in [start, end)."""
    i = bisect_left(starts, start)
    return i < len(starts) and starts[i] < end


def _heading_year(heading: str, lex: Lexicon) -> int | None:
    """The one year a section heading names as its own (二、2024年工作打算 -> 2024); none
    for a span, a list, a masked year or a year the heading looks back from (2019年以来).

    >>> from extractor.extract.lexicon import lexicon
    >>> [_heading_year(h, lexicon()) for h in ("二、2024年工作打算", "2019年以来主要成效", "三、工作思路")]
    [2024, None, None]
    """
    own = [m for m in lex.claim_year.finditer(heading) if _own_year(heading, m, lex, 0)]
    if len(own) != 1 or own[0].group("masked") or own[0].group("listed") or own[0].group("until"):
        return None
    return int(own[0].group("year"))


def default_modality(report_kind: str) -> str:
    return "target" if report_kind == "plan" else "actual"


YEAR_BOUND_REACH = 12  # the longest year bound to a number (2023 年底的 )
PARAGRAPH_REACH = 600  # how far back a sentence looks for its paragraph's opening year


def modality_cue(place: Place, lex: Lexicon, headings: Headings, report_start: int,
                 report_year: int | None, latest_year: int | None = None,
                 report_end: int | None = None, plan: bool = False) -> str | None:
    """target / actual as the text says it: a cue word before the number in its sentence
    (将, 计划, 已, 截至; a weak one, 累计 or 全年共, not in a `plan` report), a year after the
    report's opening the sentence (2007年,全市… in a report of 2005), or one before the latest
    year the report names (its title's or its body's: 2023年,全区新增学位3200个 in a plan for
    2024), the section heading it stands under (inside the report's body: not a related
    article's headline after it); None when nothing says.

    A target cue naming a year (到2020年) is a target only after the report's year: before
    it the date is past (actual), in it the cue says neither.

    >>> from extractor.extract.claims import extract_text
    >>> text = "学前教育毛入园率由2015年的75%提高到2018年的90%"
    >>> [(c.modality, c.year) for c in extract_text(text, year=2019)]
    [('actual', 2015), ('actual', 2018)]
    >>> [c.modality for c in extract_text(text, year=2016)]
    ['actual', 'target']
    """
    text, first = place.text, place.group[0]
    start = min(place.period_start, place.sentence[0])  # 截至4月,…;完成投资3212万元: the cue covers the parts
    start = _own_time_clause(text, lex, start, first.start)
    if _is_from_value(place, lex):
        return "actual"
    bound = lex.year_bound_before.search(text, max(0, first.start - YEAR_BOUND_REACH), first.start)
    if bound is not None and report_year is not None and int(bound.group("year")) < report_year:
        return "actual"  # (2023年为92.4%) beside a target in a plan of 2024: its base
    if lex.target_after.match(text, place.group[-1].end) or lex.target_value_before.search(
            text, max(0, first.start - 4), first.start):
        return "target"  # 新增学位2000个的目标任务全面完成; 较年初目标98%高出…
    if lex.actual_after.match(text, place.group[-1].end):
        return "actual"  # 在毛入园率达到88.5%的基础上,力争…: the base reached
    # (the token's own header, read once per token, by the rules too; a cell's own, not its group's
    # first cell's: 学校|本科上线目标|本科上线 over 城关一中|1650|1702, 1702 the result)
    found = place.header_row(lex)
    header = None if found is None else found[0][found[1]]
    if (by_year := _by_column_year(found, report_year, lex)) is not None:
        # 指标 | 2020年 | 2025年: the base, whatever a lead-in above says (到2025年,…)
        return None if by_year == _KIND_DECIDES else by_year
    end = first.start
    while (cue := lex.target_cue.search(text, start, end)) is not None:
        if cue.lastgroup == "target" and (
                _inside_an_earlier_part(text, lex, start, cue.start(), place.sentence[0])
                or (cue.start() < place.clause[0] and lex.intake_plan.match(text, cue.start()))):
            end = cue.start()  # …,建成后可新增学位1350个;投入2480万元…; 计划招生600人,…录取600人
            continue
        if cue.group() == lex.will_object_cue and lex.will_object.match(text, cue.end(), place.sentence[1]):
            end = cue.start()  # 将学生资助资金45.2万元用于…: the object marker, no will
            continue
        if in_document_name(text, cue.start()):
            end = cue.start()  # 《…三年行动计划(2023—2025年)》: the document's span, no cue
            continue
        if cue.lastgroup == "actual" and _in_from_phrase(
                text, lex, place.clause[0], cue.start(), first.start):
            end = cue.start()  # 由去年的96.3%提高到97%: 去年 dates the old value only
            continue
        dated, span = (None, False)
        if cue.lastgroup == "target" and report_year is not None:
            dated, span = _cue_year(cue, lex)
        if dated is not None and report_year is not None and dated >= report_year and span:
            end = cue.start()  # 2021—2023年,全县共新建… in an evaluation its plan's first year dates
            continue
        if dated is None or report_year is None or dated > report_year:
            return "target" if cue.lastgroup == "target" else "actual"
        if dated < report_year:
            return "actual"
        end = cue.start()  # the report's own year: look for another cue before it
    if header is not None:
        if (cue := lex.target_cue.search(header)) is not None:  # 年度目标 | 完成情况 columns
            return "target" if cue.lastgroup == "target" else "actual"
        if lex.result_column.search(header):
            return "actual"
        if lex.plan_column.search(header):
            return "target"  # 年度计划投资
    if not plan and lex.weak_actual_cue.search(text, start, first.start):
        return "actual"
    opening = lex.dated_opening.match(text, start, first.start) if report_year is not None else None
    year = _opening_year(opening, lex, report_year) if opening is not None and report_year else None
    if year is not None and report_year is not None:
        if year > report_year:
            return "target"
        if latest_year is not None and year < latest_year:
            return "actual"
    sentence_start = place.sentence[0]
    if opening is None and report_year and _paragraph_of_a_past_year(text, lex, sentence_start, report_year):
        return "actual"  # 2023年,全县教育系统…取得新成效。全年教育支出完成6.83亿元 in a plan of 2024
    if report_end is not None and first.start >= report_end:
        return None  # · 石泉县投资1.1亿元… in a related-article list after 三、下一步工作打算
    under = headings.at(first.start, report_start)
    own = int(opening.group("year")) if opening is not None and opening.group("year") and not opening.group(
        "since") else None
    if under == "target" and own is not None and (
            planned := headings.year_at(first.start, report_start)) is not None and own < planned:
        return "actual"  # 2023年全县…毛入园率为91.6%,2024年力争… under 二、2024年工作思路: the base
    return under


def _paragraph_of_a_past_year(text: str, lex: Lexicon, sentence_start: int, report_year: int) -> bool:
    """Whether the paragraph a sentence stands in (not first) opens on a year before the
    report's, no target cue after it up to the sentence but in brackets (超额完成省定任务(省定目标
    为2万个): an aside): its sentences tell that year's work (not after 2022年,…为89.3%;到2025年,
    这一比例将提高到93%)."""
    paragraph_start = text.rfind("\n", max(0, sentence_start - PARAGRAPH_REACH), sentence_start) + 1
    if paragraph_start >= sentence_start or (paragraph_start == 0 and sentence_start > PARAGRAPH_REACH):
        return False  # the first sentence, or one too far from its paragraph's opening
    cues = lex.target_cue.finditer(text, paragraph_start, sentence_start)
    if any(cue.lastgroup == "target" and not _aside(text, lex, paragraph_start, cue.start()) for cue in cues):
        return False
    opening = lex.dated_opening.match(text, paragraph_start, sentence_start)
    year = _opening_year(opening, lex, report_year) if opening is not None else None
    return year is not None and year < report_year


_KIND_DECIDES = "kind"  # a cell of the report's own year: its kind says (a summary's done, a plan's aim)


def _by_column_year(found: tuple[list[str], int] | None, report_year: int | None,
                    lex: Lexicon) -> str | None:
    """Actual for a table cell under a header naming a year alone (2020年) before the report's
    year (a plan's base); _KIND_DECIDES for one of the report's own year beside a later year's
    column (a review of 2020 closing on 指标 | 2020年 | 2025年 under “十四五”…指标: no cue
    of the caption's or a lead-in's); else None: a later year's is a plan's target by default,
    and a record's over its years (2018—2022年主要指标, dated by its first) says nothing of aims."""
    if found is None or report_year is None:
        return None
    row, index = found  # (the header row and the token's column in it)
    dated = lex.year_column.fullmatch(row[index])
    if dated is None:
        return None
    year = int(dated.group("year"))
    if year == report_year:
        later = (lex.year_column.fullmatch(cell) for i, cell in enumerate(row) if i > index)
        return _KIND_DECIDES if any(m is not None and int(m.group("year")) > year for m in later) else None
    return "actual" if year < report_year else None


def _opening_year(opening: Match, lex: Lexicon, report_year: int) -> int | None:
    """The year a sentence's dated opening names: 2023年 -> 2023; a span's last year, or a
    five-year plan's, only when past (2017—2020年 -> 2020, “十三五”期间 -> 2020; 2021年至2023年
    in a report dated 2021, or “十四五”期间 in one of 2023, may be a record so far as well as an aim),
    or always when proposed (建议“十四五”期间…: an aim)."""
    if opening.group("year") and not opening.group("since"):
        return int(opening.group("year"))
    last = int(opening.group("year")) if opening.group("year") else lex.plan_periods.get(
        opening.group("plan"))
    return last if last is not None and (last < report_year or opening.group("proposed")) else None


def _inside_an_earlier_part(text: str, lex: Lexicon, start: int, at: int, part_start: int) -> bool:
    """Whether a cue at `at` stands in a semicolon-joined part before the number's
    (`part_start`), past that period's opening clause: an opening cue covers the parts
    (截至4月,…;完成投资…; 力争…;…), one inside an earlier part is that part's own."""
    return at < part_start and lex.clause_end.search(text, start, at) is not None


def _own_time_clause(text: str, lex: Lexicon, start: int, end: int) -> int:
    """Where the cues of a number's statement start: at the last clause in text[start:end]
    opening with a year named relative to the report's (去年发放…3100万元,今年计划发放3300万元:
    去年 is not the second sum's), with months of its own (1-9月完成投资2.9亿元) or with a
    result against a target before it (目标为1800人,最终达到1926人), else at `start`."""
    opened = start
    for pattern in (lex.relative_year, lex.own_months, lex.result_opening):
        for m in pattern.finditer(text, start, end):
            if m.start() > start and text[m.start() - 1] in lex.clause_delimiters:
                opened = max(opened, m.start())
    return opened


def _cue_year(cue: Match, lex: Lexicon) -> tuple[int | None, bool]:
    """The year a cue names (到2020年 -> 2020; a span's last: 2022—2024年 -> 2024), if any, and
    whether it names a span (past once over, but no aim of itself).

    >>> from extractor.extract.lexicon import lexicon
    >>> [_cue_year(lexicon().target_cue.search(t), lexicon()) for t in ("到2020年", "2022—2024年")]
    [(2020, False), (2024, True)]
    """
    year = lex.claim_year.search(cue.group())
    if year is None or not year.group("year"):
        return None, False
    first, until = year.group("year"), year.group("until")
    if not until:
        return int(first), False
    return int(until if len(until) == 4 else first[:2] + until), True


def _in_from_phrase(text: str, lex: Lexicon, clause_start: int, at: int, number_start: int) -> bool:
    """Whether `at` stands in a change's from-phrase (由…, 从…) closed by its to-marker before
    the number (由去年的96.3%提高到97%: 去年 is the old value's), or in a base phrase before
    the number (在上年91%的基础上提高到92%)."""
    marker = lex.from_marker.search(text, clause_start, at)
    if marker is not None and lex.to_marker.search(text, at, number_start) is not None:
        return True
    base = lex.base_phrase.search(text, clause_start, number_start)
    return base is not None and base.start() <= at < base.end()


def _is_from_value(place: Place, lex: Lexicon) -> bool:
    """由400元、600元提高到500元、700元: 400 and 600 are the old values."""
    text, first, last = place.text, place.group[0], place.group[-1]
    if lex.from_arrow.match(text, last.end):  # 96.5%→97%
        return True
    start, end = place.sentence
    marker = None
    for m in lex.from_marker.finditer(text, start, first.start):
        marker = m
    if marker is None or lex.to_marker.search(text, marker.end(), first.start):
        return False
    return lex.to_marker.search(text, last.end, end) is not None


# ---- qualifier ------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _prefix_qualifier() -> Pattern:
    g = grammar()
    # (blanks may stand before the number: 不少于 1500 个, as PDF text spaces numbers)
    return compile_pattern(
        rf"(?:{words(g.prefix_qualifiers)})(?:{words(g.qualifier_verbs)})?{g.qualifier_per}[ \t]*$")


PREFIX_REACH = 16  # the longest prefix qualifier, verb and "per" (不超过 达到 每生每学期; 约占全县考生总数的)


def _prefix_before(text: str, at: int) -> str | None:
    """What the prefix qualifier right before `at` means (the longest word that fits), if any."""
    m = _prefix_qualifier().search(text, max(0, at - PREFIX_REACH), at)
    if m is None:
        return None
    g = grammar()
    word = next(w for w in sorted(g.prefix_qualifiers, key=len, reverse=True) if m.group().startswith(w))
    if any(text.endswith(alike, 0, m.start() + len(word)) for alike in g.prefix_qualifier_look_alikes
           if alike not in g.prefix_qualifiers):  # (接近 is one itself, no token's 近)
        return None  # 按距县城远近每人每月发放400元: far or near, no "nearly"
    return g.prefix_qualifiers[word]


def qualifier_of(place: Place) -> str:
    """Inside the token (270多万元), just before it (约为), after it (以上) or its list; the ends
    of a range (95%—98%) are bounds."""
    g = grammar()
    token, text = place.token, place.text
    if token.qualifier != "exact":
        return token.qualifier
    if (prefix := _prefix_before(text, token.start)) is not None:
        return prefix
    if place.is_range:
        return "at_least" if place.index == 0 else "at_most"
    if place.index and (prefix := _prefix_before(text, place.group[0].start)) is not None:
        return prefix  # 分别不低于30元和50元: the list's prefix is every item's
    for item in (token, place.group[-1]):
        m = g.suffix_qualifier.match(text, item.end)
        if m is not None:
            return g.suffix_qualifiers[m.group("word")]
    return "exact"


# ---- the claim's own year -------------------------------------------------------------

def claim_year(place: Place, lex: Lexicon, report_year: int | None) -> int | None:
    """The year the number is about: the last year written before it in its sentence (its
    parts joined by semicolons included) that is its own (see lexicon.yaml, claim_year),
    else the report's. A span of years or a masked one gives None.

    >>> from extractor.extract.claims import extract_text
    >>> [c.year for c in extract_text("全县初中巩固率由2015年的92.6%提高到2020年的95.2%", year=2021)]
    [2015, 2020]
    >>> [c.year for c in extract_text("全县投入教育资金500万元,比2015年多。", year=2021)]
    [2021]
    """
    text, start = place.text, place.token.start
    window = _lead_in_start(text, min(place.period_start, place.sentence[0]))
    relative = _relative_year(text, lex, window, start) if report_year is not None else None
    years: list[Match] = list(lex.claim_year.finditer(text, window, start))
    for m in reversed(years):
        if not _own_year(text, m, lex, window) or _bound_elsewhere(text, m, lex, start):
            continue
        if relative is not None and relative.start() > m.start():
            break  # 2022年…,上年…: the nearer names the year
        if m.group("masked") or m.group("listed") or _listed_after(text, m):
            return None
        if m.group("until") and m.group("unit") == "年":
            return None
        return int(m.group("year"))
    if relative is not None and report_year is not None:
        return report_year + lex.relative_years[relative.group()]
    return report_year


def _relative_year(text: str, lex: Lexicon, window: int, start: int) -> Match | None:
    """The last year named relative to the report's (去年, 明年) before `start` that is the
    number's own, by the rules of written years.

    >>> from extractor.extract.claims import extract_text
    >>> text = "上年全县本科上线1890人。今年本科上线2010人,比上年增加120人。"
    >>> [c.year for c in extract_text(text, year=2024, education_report=True)]
    [2023, 2024, 2024]
    """
    found = None
    for m in lex.relative_year.finditer(text, window, start):
        if _own_year(text, m, lex, window) and not _bound_elsewhere(text, m, lex, start):
            found = m
    return found


def _bound_elsewhere(text: str, m: Match, lex: Lexicon, start: int) -> bool:
    """A year bound to another number (由2015年的93%提高到95.2%: not 95.2%'s; 88.4%(2022年)→92%:
    a year in brackets right after a figure is that figure's)."""
    if lex.figure_bracket_before.search(text, max(0, m.start() - 8), m.start()):
        return True
    bound = lex.claim_year_bound.match(text, m.end())
    return bound is not None and bound.end() != start



def _listed_after(text: str, m: Match) -> bool:
    """The last year of a list (2018年、2019年分别…)."""
    return text[max(0, m.start() - 2):m.start()] == "年、"


def _lead_in_start(text: str, sentence_start: int) -> int:
    """The start of the line that leads into a sentence with a colon (2021 年全县生均教育
    经费增长情况是:\\n普通小学生均经费为…), else the sentence's own start."""
    i = sentence_start
    while i > 0 and text[i - 1].isspace():
        i -= 1
    if i == 0 or text[i - 1] not in ":：":
        return sentence_start
    return text.rfind("\n", 0, i) + 1


def _own_year(text: str, m: Match, lex: Lexicon, window: int) -> bool:
    """Not a comparison's base or a "since" (比2015年, 2015年以来), and not inside a
    document number or a title (〔2019〕, 《…2018年…》)."""
    if lex.claim_year_not_before.search(text, max(window, m.start() - 3), m.start()):
        return False
    if lex.claim_year_not_after.match(text, m.end()):
        return False
    before = text[window:m.start()]
    return before.rfind("《") <= before.rfind("》") and text[m.start() - 1:m.start()] not in ("〔", "[", "【")
