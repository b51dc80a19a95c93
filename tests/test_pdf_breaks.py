"""PDF-to-text damage inside a number: a line break at its decimal point, a page number
between a number and its unit or between a verb and its number (bare or with blank
lines around it). The claim reads as in the clean sentence, or (two numbers that only
stand on adjacent lines) not at all: never a value made of a page number's digits."""

from __future__ import annotations

import pytest

from extractor.extract.claims import extract_text

OPENING = "今年以来,我局认真贯彻落实上级各项决策部署,"

CASES = [
    # (text after the opening, expected (token text, value) of each claim)
    ("累计投资1.\n2亿元新建城南幼儿园。", [("1.\n2亿元", "12000")]),
    ("累计投资1\n.2亿元新建城南幼儿园。", [("1\n.2亿元", "12000")]),
    ("高中阶段毛入学率达到93.\n2%。", [("93.\n2%", "93.2")]),
    ("全县新增学位3200\n3\n个,学前三年毛入园率达到\n3\n92.5%。", [("3200\n3\n个", "3200"), ("92.5%", "92.5")]),
    ("全县新增学位3200\n\n- 3 -\n\n个,学前三年毛入园率达到92.5%。",
     [("3200\n\n- 3 -\n\n个", "3200"), ("92.5%", "92.5")]),
    ("学前三年毛入园率达到\n\n第3页\n\n92.5%。", [("92.5%", "92.5")]),
    # a running header naming the document before its page number, inside a sentence
    ("全县新增学位\n临川县教育局 2023年工作总结 第2页\n4150个,全县普通高考成绩稳步提升,本科上\n临川县教育局 2023年工作总结 第3页\n线1420人。",
     [("4150个", "4150"), ("1420人", "1420")]),
    # a qualifier or a unit on the next line (the qualifier was lost; a short line's
    # scale stayed apart from its unit, the stage after it lost)
    ("学前三年毛入园率达到92.5%\n以上。", [("92.5%", "92.5")]),
    ("投资1.2亿\n元新建城南幼儿园。", [("1.2亿\n元", "12000")]),
    # a bare page number between a number and its unit
    ("全县新增学位\n3200\n12\n个。", [("3200\n12\n个", "3200")]),
    # digits spaced one by one in an otherwise unspaced line (an OCR copy) read whole
    ("本科上线率达7 2 . 6 %,新增公办学位3 2 0 0个。", [("7 2 . 6 %", "72.6"), ("3 2 0 0个", "3200")]),
    # ...and a number broken at a hyphen, or after an OCR'd 1 (l) and its comma, not at all:
    # its tail alone (00万元, 856.4万元) would be a wrong value
    ("清河县投资36-\n00万元实施义务教育薄弱环节改造,发放资助资金l,856.4万元。", []),
    # ...nor at a hyphen after a thousands comma (500万元 was taken, a wrong value); a break after
    # a decimal digit wraps the number, as one between digits does (its tail alone, 6亿元, was
    # taken before)
    ("总投资12,-\n500万元,新建浔阳区第五小学。全年完成教育项目投资3.4\n6亿元。", [("3.4\n6亿元", "34600")]),
]


@pytest.mark.parametrize(("tail", "expected"), CASES, ids=[repr(c[0])[:30] for c in CASES])
def test_a_number_broken_by_a_pdf_reads_whole(tail: str, expected: list[tuple[str, str]]) -> None:
    claims = extract_text(OPENING + tail, education_report=True)
    assert [(c.text, str(c.value)) for c in claims] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("全年发放资助资金3\n,218万元。", [("3\n,218万元", "3218")]),
    ("全县新增学位4\n,800个。", [("4\n,800个", "4800")]),
])
def test_a_short_line_broken_before_a_thousands_comma(text: str, expected: list[tuple[str, str]]) -> None:
    """A short line broken right before a thousands comma is joined (218万元 was taken, a wrong
    value, and 800个 lost)."""
    claims = extract_text(text, education_report=True)
    assert [(c.text, str(c.value)) for c in claims] == expected


def test_a_qualifier_and_a_stage_across_a_break() -> None:
    (rate,) = extract_text(OPENING + "学前三年毛入园率达到92.5%\n以上。", education_report=True)
    assert rate.qualifier == "at_least"
    (money,) = extract_text("投资1.2亿\n元新建城南幼儿园。", education_report=True)
    assert (money.text, money.level) == ("1.2亿\n元", "学前")


TABLE = ("五、其他\n"
         "生源地信用助学贷款(大学新生)    742人        593.6万元\n"
         "市政府“雨露计划”教育补助    210人    1500元/生    31.5万元\n")


def test_rows_of_a_flattened_table_stay_apart() -> None:
    """Two rows of a table (columns parted by runs of blanks) are no sentence broken across
    lines: the stage of one row (大学新生) is not the next one's (it was 高等)."""
    claims = extract_text(TABLE, education_report=True)
    assert [(c.text, c.level) for c in claims] == [("593.6万元", "高等"), ("1500元", None), ("31.5万元", None)]


RESULTS_TABLE = ("附表:2023年各县(市、区)普通高考本科上线情况统计\n县区 参考人数 本科上线 上线率\n"
                 "城关区 5126 3862 75.34%\n河东区 4480 2947 65.78%\n合计 9606 6809 70.88%\n")


def test_a_rate_column_of_a_table_with_single_blanks() -> None:
    """Cells parted by single blanks: each row is a line of its own (the header was joined
    to the first row), a number after a cell's digits and a blank starts a cell of its own
    (no thousands group), and a percent takes the rate its column's header names; a header
    counting people (参考人数) or a pass (本科上线) gives its bare cells 人."""
    claims = extract_text(RESULTS_TABLE, education_report=True)
    assert [(c.indicator, c.text, c.level) for c in claims] == [
        ("exam_takers", "5126", None), ("admitted_count", "3862", None), ("admission_rate", "75.34%", None),
        ("exam_takers", "4480", None), ("admitted_count", "2947", None), ("admission_rate", "65.78%", None),
        ("exam_takers", "9606", None), ("admitted_count", "6809", None), ("admission_rate", "70.88%", None)]


def test_a_progression_share_column() -> None:
    """A column headed by a share of pupils going up (升入高中阶段比例) holds admission rates."""
    table = "附表2 各县区中考情况\n县区 中职录取人数 升入高中阶段比例\n东平县 2318 94.8%\n西河县 1920 92.1%\n"
    claims = extract_text(table, education_report=True)
    assert [(c.indicator, c.text, c.level) for c in claims] == [
        ("admitted_count", "2318", None), ("admission_rate", "94.8%", None),
        ("admitted_count", "1920", None), ("admission_rate", "92.1%", None)]  # 中职录取: where they go


@pytest.mark.parametrize(("tail", "expected"), [
    ("全年免除中职学生学费3\n80万元。", [("3\n80万元", "380")]),
    ("学前三年毛入园率达到9\n4.5%。", [("9\n4.5%", "94.5")]),
    ("全县新增学位27\n00个。", [("27\n00个", "2700")]),
    # after its point, and at the end of a numbered heading's line
    ("全年新增学位1.3\n5万个,完成投资28亿元。", [("1.3\n5万个", "13500"), ("28亿元", "280000")]),
    ("2.全年新增学位1\n800个。", [("1\n800个", "1800")]),
    # across a traditional copy's page footer (第2頁 共5頁, －3－): its value was 6, the tail's
    ("全縣義務教育鞏固率達到97.\n第2頁 共5頁\n6%。", [("97.\n第2頁 共5頁\n6%", "97.6")]),
    ("全年新增學位2\n\n－3－\n\n400個。", [("2\n\n－3－\n\n400個", "2400")]),
])
def test_a_number_wrapped_between_its_digits_reads_whole(tail: str, expected: list[tuple[str, str]]) -> None:
    """A hard-wrapped copy breaks a line anywhere, between two digits too (学费3\\n80万元 was
    80万元 while two digit lines stayed apart: a bare page number between them is debris)."""
    claims = extract_text(OPENING + tail, education_report=True)
    assert [(c.text, str(c.value)) for c in claims] == expected


def test_a_table_of_schools_gives_each_row_its_stage() -> None:
    table = "学校 入学率 巩固率\n实验小学 100% 99.8%\n城关初中 99.6% 98.9%\n"
    claims = extract_text(table, education_report=True)
    assert [(c.indicator, str(c.value), c.level) for c in claims] == [
        ("enrollment_rate", "100", "小学"), ("retention_rate", "99.8", "小学"),
        ("enrollment_rate", "99.6", "初中"), ("retention_rate", "98.9", "初中")]
