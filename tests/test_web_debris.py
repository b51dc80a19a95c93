"""What web copies leave in a report's text: HTML tags of any case and with attributes,
blank entities named or numbered (escaped twice, too), typographic spaces and the small
percent sign. The claim reads as in the clean sentence; its token keeps the original
characters (offsets point into the file)."""

from __future__ import annotations

import pytest

from extractor.extract.claims import extract_text
from extractor.pipeline import process_source
from extractor.sources.read import SourceFile

CASES = [
    # (text, expected (token text, value) of each claim)
    ("投资1.2&#160;亿元新建城南幼儿园。", [("1.2&#160;亿元", "12000")]),
    ("投资1.2&amp;nbsp;亿元新建城南幼儿园。", [("1.2&amp;nbsp;亿元", "12000")]),
    ("投资1.2&NBSP;亿元新建城南幼儿园。", [("1.2&NBSP;亿元", "12000")]),
    ("全县新增学位<strong>3200</strong>个,学前三年毛入园率达到<b>92.5</b>%。",
     [("3200</strong>个", "3200"), ("92.5</b>%", "92.5")]),
    ("学前三年毛入<BR>园率达到92.5%。", [("92.5%", "92.5")]),
    ('投资<font color="red">1.2</font>亿元新建学校。', [("1.2</font>亿元", "12000")]),
    ("学前三年毛入园率达到92.5﹪。", [("92.5﹪", "92.5")]),
    ("学前三年毛入园率达到92.5\u2009%。", [("92.5\u2009%", "92.5")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[repr(c[0])[:40] for c in CASES])
def test_web_debris_leaves_the_claim(text: str, expected: list[tuple[str, str]]) -> None:
    claims = extract_text(text, education_report=True)
    assert [(c.text, str(c.value)) for c in claims] == expected


def test_a_raw_html_page_reads_as_its_text() -> None:
    """A page saved as raw HTML: its head (the page's title), styles, comments, doctype and
    every tag are cut from the reading; its report is titled by its own title line (the
    doctype line was a report of its own, the stylesheet the first paragraph), its quotation
    entities end no sentence."""
    page = ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">\n'
            '<html><head><meta charset="utf-8"><title>关于2023年学生资助工作情况的报告_汉阴县人民政府</title>\n'
            "<style>.TRS_Editor P{margin-top:0;margin-bottom:12px;}</style></head>\n<body>\n"
            "<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]-->\n"
            "<h1>关于2023年学生资助工作情况的报告</h1>\n<p>汉阴县教育体育局</p>\n"
            "<p>&#12288;&#12288;2023年,我县学前三年毛入园率达到&ldquo;92.3%&rdquo;,全年发放资助资金5783.26万元。</p>\n"
            "</body></html>\n")
    processed = process_source(SourceFile("page.html.txt", page.encode("utf-8")))
    (report,) = processed.reports
    assert (report.title, report.year, report.region) == ("关于2023年学生资助工作情况的报告", 2023, "汉阴县")
    assert [(c.indicator, c.text) for c in processed.claims] == [("enrollment_rate", "92.3%"),
                                                                  ("funding", "5783.26万元")]


def test_a_lossy_big5_copys_question_marks_end_no_sentence() -> None:
    """A simplified report saved as Big5 with replacement keeps an ASCII ? for each character
    Big5 lacks (区, 园, 资): read as ends of sentences, they parted 新建 from its sum (funding)."""
    from extractor.pipeline import process_source
    from extractor.sources.read import SourceFile

    text = ("南溪区教育局2023年上半年工作总结\n一、上半年工作完成情况\n"
            "新建南溪区第四小学,投入资金9600万元,新增学位1620个。\n"
            "新建城南幼儿园,投资2800万元。全区义务教育巩固率达到99.3%。\n")
    raw = text.encode("big5", errors="replace")
    assert raw.count(b"?") >= 3
    processed = process_source(SourceFile("lossy.txt", raw))
    money = [(c.indicator, c.text) for c in processed.claims if c.unit == "万元"]
    assert money == [("investment", "9600万元"), ("investment", "2800万元")]
