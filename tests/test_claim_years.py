"""The year each claim is about: its own where its sentence names one, else its report's.

A sentence shaped like 由2015年的93.0%提高到2020年的95.2% holds two claims of two
years; a report's year alone would put both in one. Each case is a sentence with two
years (or more) and the years of its scored claims in text order, for a report of
REPORT_YEAR; None where the sentence names no one year (a span, a list, a masked year).

Provenance: the first cases take the wording of China's national education documents
(the 2010-2020 纲要, the 十三五/十四五 plans, the national statistics bulletins) with their
published figures; the b08/b09 cases are dev2 text; the rest are real-style sentences
of county bureau summaries and plans, written for the wordings (tests/cases/wording.yaml
has the same provenance).
"""

from __future__ import annotations

import pytest

from extractor.extract.claims import extract_text

REPORT_YEAR = 2021

SCORED = frozenset({"degree_seats", "retention_rate", "admission_rate", "admitted_count",
                    "enrollment_rate", "dropout_rate", "dropout_count", "investment", "funding"})

CASES = [
    # a from-value and a to-value, each with its year
    ("九年义务教育巩固率由2015年的93.0%提高到2020年的95.2%", "summary", [2015, 2020]),
    ("学前三年毛入园率从2015年的75.0%提高到2020年的85.2%", "summary", [2015, 2020]),
    ("高中阶段毛入学率由2015年的87.0%提高到2020年的91.2%", "summary", [2015, 2020]),
    ("学前三年毛入园率从2020年的xx%提升至2025年的xx%", "plan", [2020, 2025]),
    # the to-value has no year of its own: the from-value's is not its
    ("力争到2025年,全县学前三年毛入园率由2020年的88%提高到92%", "plan", [2020, 2025]),
    ("全县初中巩固率由2016年的96.5%提高到98.1%", "summary", [2016, REPORT_YEAR]),
    # two years, two numbers, each after its own year
    ("全县学前三年毛入园率2016年为82%,2017年达到86%", "summary", [2016, 2017]),
    ("2016年全市义务教育阶段辍学率控制在0.5%以内,2017年降至0.3%", "summary", [2016, 2017]),
    ("2015年全县教育经费支出12.5亿元,2016年达到13.8亿元", "summary", [2015, 2016]),
    ("2013年全县小学入学率100%,初中入学率99.8%;2014年小学入学率保持100%", "summary",
     [2013, 2013, 2014]),
    ("2019年9月,全县新建的3所幼儿园投入使用,新增学位1080个;2020年将再新增学位900个", "summary",
     [2019, 2020]),
    ("2014年秋季学期起,全县对中职学生免除学费,2015年共免除学费860万元", "summary", [2015]),
    # the other year is a comparison's base or a "since"
    ("2021年全国学前教育毛入园率达到88.1%,比2020年提高2.9个百分点", "summary", [2021]),
    ("到2025年,全国学前教育毛入园率达到90%以上,比2020年提高4.8个百分点", "plan", [2025]),
    ("与2015年相比,2020年全市小学入学率达到100%", "summary", [2020]),
    ("2017年高考本科上线1769人,比2016年增加120人", "summary", [2017]),
    ("截至2020年底,全县学前三年毛入园率达到91.5%,比2015年提高12个百分点", "summary", [2020]),
    ("自2016年以来,全县累计投入资金3.2亿元新建改扩建学校15所", "summary", [REPORT_YEAR]),
    ("2018年以来,全县新增学位6000个,2020年新增学位2400个", "summary", [REPORT_YEAR, 2020]),
    # a year in a title or a document number is not the number's
    ("2019年根据《2018年学前教育行动计划》,全县新增幼儿园学位1200个", "summary", [2019]),
    ("按照县政府〔2019〕12号文件,2020年全县投入资金800万元改造薄弱学校", "summary", [2020]),
    # spans, lists and masks give no one year
    ("2019—2021年,全县累计新增学位12000个,2021年新增学位4800个", "summary", [None, 2021]),
    ("2012年至2015年,全县累计投入校舍改造资金2.3亿元", "summary", [None]),
    ("2018年、2019年分别新增学位3000个、4500个", "summary", [None, None]),
    ("20xx年全县高考本科上线1200人,较20xx年增加80人", "summary", [None]),
    # a school year is its first year
    ("2019-2020学年全县初中巩固率为98.5%,2020-2021学年达到99.1%", "summary", [2019, 2020]),
    # a line leading into the figures with a colon gives its year (dev2 b08)
    ("2021 年全县生均一般公共预算教育经费增长情况是:\n普通小学生均经费为 xxxxx.xx 元,比上年的 xxxxx.xx 元增长 x.xx%",
     "summary", [2021, 2021]),
    # dev2 b09: targets of a 2005 policy for 2007 and 2010
    ("2007年,全市学前三年幼儿入园率达到96%以上。2010年,全面普及学前三年教育,入园率达到98%", "plan",
     [2007, 2010]),
    # a year named relative to the report's (they all took the report's year)
    ("上年全县本科上线率为56.2%,今年达到58.9%", "summary", [REPORT_YEAR - 1, REPORT_YEAR]),
    ("去年全县新增学位3200个,今年计划再新增学位4000个", "summary_plan", [REPORT_YEAR - 1, REPORT_YEAR]),
    ("明年,全县将新增普惠性学位2400个", "summary_plan", [REPORT_YEAR + 1]),
    # ... but not a comparison's base or a "since" (比上年, 今年以来)
    ("今年以来,全县新增学位3200个,比上年多600个", "summary", [REPORT_YEAR]),
]


@pytest.mark.parametrize(("sentence", "kind", "years"), CASES)
def test_claim_years(sentence: str, kind: str, years: list[int | None]) -> None:
    claims = [c for c in extract_text(sentence, kind=kind, year=REPORT_YEAR, education_report=True)
              if c.indicator in SCORED]
    assert [c.year for c in claims] == years, [(c.text, c.year) for c in claims]


def test_the_table_has_twenty_sentences_with_two_years() -> None:
    two_years = [s for s, _, _ in CASES if sum(s.count(f"{y}") for y in range(1990, 2031)) >= 2
                 or s.count("20xx") >= 2]
    assert len(two_years) >= 20


def test_without_a_year_of_its_own_a_claim_takes_its_reports() -> None:
    claims = extract_text("全县小学入学率达到100%,初中巩固率99.2%。", year=2019, education_report=True)
    assert [c.year for c in claims] == [2019, 2019]
    assert [c.year for c in extract_text("全县小学入学率达到100%。", education_report=True)] == [None]


# Section headings naming a year: a government work report of 2026 reviews 2025 under
# 一、2025年工作回顾 (shared/corpus, Beijing's) and a bureau's summary plans the next year
# under 二、2024年工作打算; a sentence's own year still comes first.
SECTIONS = [
    ("一、2025年工作回顾\n新增中小学学位2.4万个,适龄儿童入园率达96%。\n二、2026年主要任务\n新增中学学位1万个。",
     2026, [2025, 2025, 2026]),
    ("一、2023年工作回顾\n全年新增学位2850个。\n二、2024年工作打算\n新增学位900个;到2026年,学前三年毛入园率达到95%以上。",
     2023, [2023, 2024, 2026]),
    ("一、主要工作回顾\n全年新增学位2850个。\n二、2019年以来的主要成效\n全县新增学位6000个。",
     2021, [2021, 2021]),
]


@pytest.mark.parametrize(("text", "report_year", "years"), SECTIONS,
                         ids=["review-of-the-year-before", "next-years-plan", "no-one-year"])
def test_a_section_heading_gives_its_year(text: str, report_year: int, years: list[int | None]) -> None:
    claims = [c for c in extract_text(text, kind="summary_plan", year=report_year, education_report=True)
              if c.indicator in SCORED]
    assert [c.year for c in claims] == years, [(c.text, c.year) for c in claims]


# ...and whether it is a plan: 主要工作 names a year's work, reviewed in a summary, planned
# after the review of an earlier year (a government work report of 2024: 一、2023年工作回顾
# … 二、2024年主要工作); two reviewed years stay reviews.
SECTION_MODALITIES = [
    ("一、2023年工作回顾\n新增学位2.1万个,学前教育毛入园率达到92%。\n二、2024年主要工作\n新增学位1.5万个。",
     2024, ["actual", "actual", "target"]),
    ("一、2023年主要工作\n全年新增学位2850个。\n二、存在问题\n学位仍然紧张。", 2023, ["actual"]),
    ("一、2022年工作回顾\n全年新增学位2850个。\n二、2023年工作回顾\n全年新增学位3000个。",
     2023, ["actual", "actual"]),
]


@pytest.mark.parametrize(("text", "report_year", "modalities"), SECTION_MODALITIES,
                         ids=["work-after-an-earlier-review", "work-of-the-reviewed-year", "two-reviews"])
def test_a_section_heading_gives_its_modality(text: str, report_year: int, modalities: list[str]) -> None:
    claims = [c for c in extract_text(text, kind="summary_plan", year=report_year, education_report=True)
              if c.indicator in SCORED]
    assert [c.modality for c in claims] == modalities, [(c.text, c.modality) for c in claims]


def test_a_plan_looks_back_on_the_year_before_its_title_names() -> None:
    """A plan titled 2024 whose body opens on 2023's results: the plan covers 2024 (the
    body's 2023 is the other year); 2023's figures are actual, the plan's targets."""
    from extractor.models.records import Document
    from extractor.pipeline import process_text

    text = ("XX区教育局2024年工作计划\n\n2023年,全区新增学位3200个,学前三年毛入园率达到91.5%。"
            "2024年,区教育局将重点做好以下工作。\n\n一、扩大教育资源供给\n新建幼儿园8所,新增学位4800个。\n")
    document = Document(name="plan.txt", path="plan.txt", sha256="0" * 64, encoding="utf-8", size=len(text))
    processed = process_text(text, document)
    assert [(r.kind, r.year, r.year_alt) for r in processed.reports] == [("plan", 2024, 2023)]
    assert [(c.text, c.modality) for c in processed.claims if c.indicator in SCORED] == [
        ("3200个", "actual"), ("91.5%", "actual"), ("4800个", "target")]


def test_a_past_year_after_an_items_number_in_a_plan() -> None:
    """3.2023年… in a plan titled 2024 states a past fact, as 2023年… opening a sentence does
    (the item's number hid the year: it was a target)."""
    from extractor.models.records import Document
    from extractor.pipeline import process_text

    text = ("某区教育局2024年工作简报\n二、招生计划\n今年计划招收新生600人。\n三、办学成果\n"
            "3.2023年全区随迁子女入学率达到100%。\n")
    document = Document(name="plan.txt", path="plan.txt", sha256="0" * 64, encoding="utf-8", size=len(text))
    processed = process_text(text, document)
    assert [(c.text, c.modality) for c in processed.claims if c.indicator in SCORED] == [("100%", "actual")]


def test_a_question_is_no_heading() -> None:
    """A press conference's question (…有何安排？) plans nothing for the answers after it
    (they were targets)."""
    from extractor.models.records import Document
    from extractor.pipeline import process_text

    text = ("某区2024年义务教育招生政策答记者问\n【问】今年的民办小学招生有何安排？\n【答】今年民办小学实行电脑派位。\n"
            "【问】学前教育有什么新变化？\n【答】今年全区新增公办幼儿园3所,新增普惠性学位900个。\n")
    document = Document(name="qa.txt", path="qa.txt", sha256="0" * 64, encoding="utf-8", size=len(text))
    processed = process_text(text, document)
    assert [(c.text, c.modality) for c in processed.claims if c.indicator in SCORED] == [("900个", "actual")]
