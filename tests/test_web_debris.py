"""What web copies leave in a report's text: HTML tags of any case and with attributes,
blank entities named or numbered (escaped twice, too), typographic spaces and the small
percent sign. The claim reads as in the clean sentence; its token keeps the original
characters (offsets point into the file)."""

from __future__ import annotations

import pytest

from extractor.extract.claims import extract_text

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
