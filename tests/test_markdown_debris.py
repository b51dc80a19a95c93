"""What PDF-to-Markdown tools (MinerU, pandoc, marker) leave in a report's text: heading
marks, a pipe table's rule row, bold markers around figures and formula debris. The claim
reads as in the clean sentence; its token keeps the original characters (offsets point
into the file). Masks of asterisks stay masks."""

from __future__ import annotations

import pytest

from extractor.extract.claims import extract_text
from extractor.pipeline import process_source
from extractor.sources.read import SourceFile

HEADINGS = "# 兴隆县教育和体育局2023年工作总结\n\n## 一、主要工作\n\n"

CASES = [
    # (text after two Markdown headings, expected (indicator, token text, value, qualifier))
    ("全年新增学位**540个**,本科上线**1769人**。",
     [("degree_seats", "540个", "540", "exact"), ("admitted_count", "1769人", "1769", "exact")]),
    ("初中辍学率控制在**0.3%**以内,毛入园率达到**94%**以上。",
     [("dropout_rate", "0.3%", "0.3", "at_most"), ("enrollment_rate", "94%", "94", "at_least")]),
    ("幼儿园完成投资近**5000万元**。", [("investment", "近**5000万元", "5000", "at_most")]),
    ("新建学校3所,总投资**$4 6 0 0$ 万元**。", [("investment", "4 6 0 0$ 万元", "4600", "exact")]),
    ("学前三年毛入园率**$9 2 . 4 \\%$**。", [("enrollment_rate", "9 2 . 4 \\%", "92.4", "exact")]),
    # a mask in bold stays a mask, and a mask of asterisks is no bold
    ("上线人数达到**xx人**以上,投入资金****万元。",
     [("admitted_count", "xx人", "None", "at_least"), ("funding", "****万元", "None", "exact")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:24] for c in CASES])
def test_markdown_debris_leaves_the_claim(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    claims = extract_text(HEADINGS + text, education_report=True)
    assert [(c.indicator, c.text, str(c.value), c.qualifier) for c in claims] == expected


def test_masks_of_two_asterisks_in_a_text_with_no_markdown_stay() -> None:
    """由**所调整为**所 (dev2 a05): without a heading's marks or a table's rule row the
    asterisks are masks, not bold."""
    (claim,) = extract_text("全县小学由**所调整为**所,新增学位**个。", education_report=True)
    assert (claim.indicator, claim.text, claim.placeholder) == ("degree_seats", "**个", True)


def test_a_markdown_report_reads_as_its_text() -> None:
    """Its title loses the heading's mark; a pipe table's row label names its cells' unit
    and the header stands above the rows across the rule row."""
    page = (HEADINGS.replace("## 一、主要工作\n\n", "")
            + "**社会事业全面进步。**全年一般公共预算教育支出**52.6亿元**。\n\n"
            + "| 指标 | 2022年 | 2023年 |\n|---|---|---|\n| 地区生产总值(亿元) | 2718.6 | 2865.3 |\n"
            + "| 学前三年毛入园率(%) | 92.1 | 93.8 |\n\n"
            + "## 二、高考\n\n| 类别 | 参考人数(人) | 本科上线(人) | 上线率(%) |\n|---|---|---|---|\n"
            + "| 物理类 | 1023 | 826 | 80.74 |\n")
    processed = process_source(SourceFile("report.md", page.encode("utf-8")))
    (report,) = processed.reports
    assert report.title == "兴隆县教育和体育局2023年工作总结"
    assert [(c.indicator, c.text) for c in processed.claims if c.indicator != "exam_takers"] == [
        ("funding", "52.6亿元"), ("enrollment_rate", "92.1"), ("enrollment_rate", "93.8"),
        ("admitted_count", "826"), ("admission_rate", "80.74")]
