"""Section headings and modality: a figure with no cue of its own takes the modality its
section heading says (二、2024年工作打算: targets; 一、主要成绩: results), and a heading
that says neither leaves the report's kind to decide."""

from __future__ import annotations

import pytest

from extractor.pipeline import process_source
from extractor.sources.read import SourceFile

TITLE = "城关镇中心小学2023年工作总结\n"

CASES = [
    # an amount past a target (超出目标45人) is no target's value
    ("二、主要成绩\n学校本科上线人数达到525人,超出目标45人。\n", [("525人", "actual"), ("45人", "actual")]),
    # a question at a press conference after a plan's heading and list: its answer reports
    ("下半年工作思路:\n1. 下半年将投入资金2.5亿元改扩建学校7所;\n\n成都商报记者:请问今年中考成绩如何?\n"
     "周小平:今年全区普高录取率为65.3%。\n", [("2.5亿元", "target"), ("65.3%", "actual")]),
    # a figure of an earlier year opening its sentence under a later year's plan heading is its base
    ("二、2024年工作思路\n2023年全镇学前三年毛入园率为91.6%,2024年力争达到93%。\n",
     [("91.6%", "actual"), ("93%", "target")]),
    # a top-level sibling heading closes the plan's section; sub-items under it do not
    ("五、下一步目标\n力争新增学位600个。\n六、教师队伍\n发放乡村教师生活补助320万元。\n",
     [("600个", "target"), ("320万元", "actual")]),
    ("五、2024年工作打算\n(一)学前教育\n新增学位600个。\n(二)教师队伍\n发放乡村教师生活补助320万元。\n",
     [("600个", "target"), ("320万元", "target")]),
    # a table's header row of space-parted cells naming a target column is no plan heading for the
    # sections after its table (its own row's cells: the target column's a target)
    ("指标名称 单位 2019年 2020年 2020年目标\n巩固率 % 95.8 96.4 96\n\n二、教育投入\n"
     "全市教育经费总投入63.2亿元。\n",
     [("95.8", "actual"), ("96.4", "actual"), ("96", "target"), ("63.2亿元", "actual")]),
    # a plan heading before the results keeps its targets (the control)
    ("二、2024年重点工作\n新增学位360个,投资850万元新建教学楼。\n",
     [("360个", "target"), ("850万元", "target")]),
    # a heading on how the key work went reviews it: with 重点工作 it says neither
    ("二、重点工作开展情况\n全年新增学位360个,残疾儿童少年义务教育入学率达到97.5%。\n",
     [("360个", "actual"), ("97.5%", "actual")]),
    ("三、重点任务推进情况\n投资1200万元新建中心幼儿园,新增学前学位270个。\n",
     [("1200万元", "actual"), ("270个", "actual")]),
    # a programme's name is no plan: 营养改善计划 heads the year's aid, not its plans
    ("四、学生资助和营养改善计划\n本学年共落实营养餐补助资金约93万元,生均公用经费720元。\n",
     [("约93万元", "actual"), ("720元", "actual")]),
    ("(二)营养改善计划方面\n全县下达营养膳食补助资金2180万元。\n", [("2180万元", "actual")]),
    ("五、特岗计划\n招聘特岗教师46人,落实工资性补助资金368万元。\n", [("368万元", "actual")]),
    # ...nor is an office's name on a table's source line
    ("(表格数据来源:市教育局计划财务科)\n全县初中巩固率达到99.6%。\n", [("99.6%", "actual")]),
    # a heading on what was reached reviews it, whatever plan word it holds
    ("三、绩效目标实现情况\n全年新增学位930个,学前三年毛入园率达到93.5%。\n", [("930个", "actual"), ("93.5%", "actual")]),
    # ...but a table's column headed 目标值 holds targets (0dce0da; both were actual)
    ("指标名称 目标值 完成值\n义务教育巩固率 ≥96.5% 97.1%\n", [("96.5%", "target"), ("97.1%", "actual")]),
    # problems found are facts, a plan word beside them or not
    ("四、存在问题与下一步打算\n个别乡镇初中年辍学率超过3%。\n", [("3%", "actual")]),
    # a table's header row is no heading, though it names a target column: only that column
    # holds targets (its header's year is no figure)
    ("指标名称\t2022年\t2023年\t2023年目标\n学前三年毛入园率\t90.8%\t92.1%\t92%\n",
     [("90.8%", "actual"), ("92.1%", "actual"), ("92%", "target")]),
    # an appendix after the plan's section (附:…) is no part of it (its table's figures were targets)
    ("四、下一步工作\n力争新增学位600个。\n附:近两年学校建设情况\n2023年新增学位3100个。\n",
     [("600个", "target"), ("3100个", "actual")]),
    # ...while a plan word beside it still plans
    ("五、营养改善计划下步打算\n力争营养餐覆盖全部学校,补助资金安排600万元。\n", [("600万元", "target")]),
]


@pytest.mark.parametrize(("section", "expected"), CASES)
def test_a_figure_takes_its_section_headings_modality(section: str, expected: list[tuple[str, str]]) -> None:
    text = TITLE + "一、主要成绩\n全年学生资助资金发放到位,义务教育巩固率达到99.2%。\n" + section
    processed = process_source(SourceFile("school.txt", text.encode("utf-8")))
    claims = [(c.text, c.modality) for c in processed.claims]
    assert claims[0] == ("99.2%", "actual")
    assert claims[1:] == expected


PLAN_CASES = [
    # what a plan builds on reviews last year: its later sentences too
    ("一、上年工作基础\n上年全县学前三年毛入园率达到91.2%。全年新增学位3000个,发放学生资助资金2000万元。\n"
     "二、2024年主要目标\n新增学位2400个。\n",
     [("91.2%", "actual"), ("3000个", "actual"), ("2000万元", "actual"), ("2400个", "target")]),
    ("一、“十四五”发展基础\n全县新建幼儿园12所,新增学位5400个。\n二、主要任务\n新增学位2400个。\n",
     [("5400个", "actual"), ("2400个", "target")]),
]


@pytest.mark.parametrize(("body", "expected"), PLAN_CASES)
def test_a_plans_review_heading_gives_its_figures_actual(body: str, expected: list[tuple[str, str]]) -> None:
    text = "清水县教育局2024年工作计划\n" + body
    processed = process_source(SourceFile("plan.txt", text.encode("utf-8")))
    assert [(c.text, c.modality) for c in processed.claims] == expected
