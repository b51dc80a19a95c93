"""Claims of the product's own indicators (enrolled_count, exam_takers, changes), which the
shared gold does not score but reconciliation reads: real sentences and what they count."""

from __future__ import annotations

import pytest

from extractor.extract.claims import extract_text

CASES = [
    # dev2 b04: staff after the pupils' parts are neither pupils nor a part of them
    ("在园幼儿18527人,其中城区幼儿11023人,农村幼儿7504人,在园教职工2171人。",
     [("18527人", "enrolled_count"), ("11023人", "enrolled_count"), ("7504人", "enrolled_count")]),
    # seeds 001: the parts of a total of pupils
    ("全区中小学在校学生共计10856名,其中,小学8506名,初中2350名。",
     [("10856名", "enrolled_count"), ("8506名", "enrolled_count"), ("2350名", "enrolled_count")]),
    # seeds 000: a forecast is no count, nor an item of the list before it
    ("600分以上考生30人,李鑫等4人可望被清华北大录取,李鑫以666分的档案分居全市理科第一名。", [("30人", "exam_takers")]),
    # a bare 万 followed by a word is no money, not even a change (an area: it was 42.6 万元)
    ("全市中小学校舍建筑面积比上年增加42.6万平方米,教育投入比上年增加1.2亿。", [("1.2亿", "amount_change")]),
    # a change whose clause names nothing changes the figure of the clause before: income's
    ("全镇农村居民人均可支配收入达到1.68万元,较2020年增长37%;义务教育巩固率较2020年提高2.3个百分点。",
     [("2.3个百分点", "rate_change")]),
    ("全县教育经费总投入10.2亿元,比上年增长8.5%;城镇居民人均可支配收入4.3万元,增长6.1%。",
     [("8.5%", "rate_change")]),
    # an education bureau's own office: what it disclosed, its website's visits, its 三公 spending
    ("全年受理依申请公开37件,同比下降15.9%;门户网站全年访问量达到126.8万人次,较上年增长12.3%;"
     "三公经费支出合计18.6万元,比预算减少3.2万元;全县教育经费比上年增长8.5%。", [("8.5%", "rate_change")]),
    # the word nearest before a change (since the clause before) says what changes, an education
    # word further off does not: a bureau's website visits, petitions, an aided village's income,
    # a company's margin and profit
    ("县教育局官方网站全年访问量达56.8万人次,较上年增长15%。全年办理信访件数同比下降12.5%。"
     "教育局帮扶村人均纯收入增长12%。毛利率为55.5%,较上年度的53.9%上升1.6个百分点。"
     "归属于上市公司股东的净利润3126.45万元,比上年减少21.3%。全县教育经费同比增长6.2%。",
     [("6.2%", "rate_change")]),
    # those not enrolled (未入学, 未入园) are no enrolled count; the enrolled are
    ("全县尚有未入学适龄残疾儿童12人,未入园幼儿350人;全县在校生12860人。", [("12860人", "enrolled_count")]),
    # ...and education's nearest: a budget's growth beside the revenue before it
    ("财政收入增长8%,教育支出增长12%,一般公共预算教育支出增长7.5%。", [("12%", "rate_change"), ("7.5%", "rate_change")]),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_own_indicators(sentence: str, expected: list[tuple[str, str]]) -> None:
    own = {"enrolled_count", "exam_takers", "rate_change", "amount_change"}
    got = [(c.text, c.indicator) for c in extract_text(sentence, education_report=True) if c.indicator in own]
    assert got == expected


def test_changes_in_a_bulletin_are_educations_only() -> None:
    """A statistics bulletin's investment growth by field: only education's is a claim (the
    health investment's growth after it was stored as an education change)."""
    sentence = "社会领域投资增长21.5%,其中教育投资增长26.8%,卫生投资增长33.2%。"
    got = [(c.text, c.indicator) for c in extract_text(sentence, education_report=False)]
    assert got == [("26.8%", "rate_change")]
