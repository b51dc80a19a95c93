"""Number tokens: surface -> (token text, value, unit, placeholder, qualifier)."""

from __future__ import annotations

import random
import re
from decimal import Decimal

import pytest

from extractor.extract.tokens import _decimal_digits, _resolve, find_tokens, grammar, with_unwritten
from extractor.text.normalize import build_view

CASES = [
    # (text, expected tokens: (surface, value or None, unit, placeholder, qualifier))
    ("巩固率99.04%", [("99.04%", "99.04", "%", False, "exact")]),
    ("投资1450万元", [("1450万元", "1450", "万元", False, "exact")]),
    ("发放了4800元资助金", [("4800元", "0.48", "万元", False, "exact")]),
    ("免除书费2787元", [("2787元", "0.2787", "万元", False, "exact")]),
    ("总投资1.2亿元", [("1.2亿元", "12000", "万元", False, "exact")]),
    ("投入三千万元", [("三千万元", "3000", "万元", False, "exact")]),
    ("拨付一千二百万元", [("一千二百万元", "1200", "万元", False, "exact")]),
    ("全区新增公办学位一万二千个", [("一万二千个", "12000", "个", False, "exact")]),
    ("受益学生三万五千余人", [("三万五千余人", "35000", "人", False, "at_least")]),
    ("总投资一亿二千万元", [("一亿二千万元", "12000", "万元", False, "exact")]),
    ("资助一万零五百元", [("一万零五百元", "1.05", "万元", False, "exact")]),
    # a scale inside a number in digits (1亿2000万元 was 1亿 and 2000万元, two claims)
    ("全年教育投入1亿零500万元", [("1亿零500万元", "10500", "万元", False, "exact")]),
    ("投入1亿2000万元", [("1亿2000万元", "12000", "万元", False, "exact")]),
    ("受益学生3万5千人", [("3万5千人", "35000", "人", False, "exact")]),
    ("投入2亿5千万,新建学校", [("2亿5千万", "25000", "万元", False, "exact")]),
    ("投入一亿二千万。", [("一亿二千万", "12000", "万元", False, "exact")]),
    ("投入1亿2019年完工", [("1亿", "10000", "万元", False, "exact")]),
    # ...with thousands separators after the scale (1亿6,800万元 was 1亿 and 6,800万元; in a
    # Taiwanese page, after 新臺幣, the 1亿 was lost and 6800 the value)
    ("本县投入1亿6,800万元新建幼儿园", [("1亿6,800万元", "16800", "万元", False, "exact")]),
    ("每生每学期补助1万1,800元", [("1万1,800元", "1.18", "万元", False, "exact")]),
    # a decimal point in words (二点四万个 was 四万个, 40000: the digits before 点 were lost)
    ("新增义务教育学位二点四万个", [("二点四万个", "24000", "个", False, "exact")]),
    ("投资二点四亿元", [("二点四亿元", "24000", "万元", False, "exact")]),
    ("提高零点五个百分点", [("零点五个百分点", "0.5", "百分点", False, "exact")]),
    ("巩固率达九十九点五%", [("九十九点五%", "99.5", "%", False, "exact")]),
    ("近亿元", [("近亿元", "10000", "万元", False, "at_most")]),
    ("免除了杂费270多万元", [("270多万元", "270", "万元", False, "at_least")]),
    ("资助3万余元", [("3万余元", "3", "万元", False, "at_least")]),
    ("新增学位3万余个", [("3万余个", "30000", "个", False, "at_least")]),
    ("新增三千余个学位", [("三千余个", "3000", "个", False, "at_least")]),
    ("新增中小学学位2.4万个", [("2.4万个", "24000", "个", False, "exact")]),
    ("入学率达９９．５％", [("99.5%", "99.5", "%", False, "exact")]),
    ("入园率达到九成五", [("九成五", "95", "%", False, "exact")]),  # was 九成, 90
    ("入园率达到九成", [("九成", "90", "%", False, "exact")]),
    ("确保普九成果不滑坡", []),  # 普九 is a term (普及九年义务教育): no 九成
    ("较预算节约43.2万元", [("43.2万元", "43.2", "万元", False, "exact")]),  # 约 of 节约 is no qualifier
    ("受疫情制约1200万元", [("1200万元", "1200", "万元", False, "exact")]),
    ("建立“一人一档”劝返台账", []),  # 一人一档: an idiom, no count of 1
    ("两人一组开展家访", []),
    ("巩固提高普九成果,普六人数达三千人", [("三千人", "3000", "人", False, "exact")]),
    ("百分之九十五的学生", [("百分之九十五", "95", "%", False, "exact")]),
    ("流失7人", [("7人", "7", "人", False, "exact")]),
    ("共12,275名学生", [("12,275名", "12275", "人", False, "exact")]),
    ("新增学位xxxx个", [("xxxx个", None, "个", True, "exact")]),
    ("上线率xx.xx%", [("xx.xx%", None, "%", True, "exact")]),
    ("总投资xxx亿元", [("xxx亿元", None, "万元", True, "exact")]),
    ("项目总投资xx,xxx万元", [("xx,xxx万元", None, "万元", True, "exact")]),  # masked in thousands (was xxx万元)
    ("将新增学位x万余个", [("x万余个", None, "个", True, "at_least")]),
    ("拿出近x千万元", [("近x千万元", None, "万元", True, "at_most")]),
    ("资助XX万元", [("XX万元", None, "万元", True, "exact")]),
    ("学位****个", [("****个", None, "个", True, "exact")]),
    ("入园率达%", [("%", None, "%", True, "exact")]),
    ("提高1.27个百分点", [("1.27个百分点", "1.27", "百分点", False, "exact")]),
    # no number token at all
    # (the digits after a separator or a damaged point are no number of their own:
    # 3 200个 was 200个, 92. 5% was 5%)
    ("全县新增学位3 200个", []),
    ("城关区 5126 3862 75.34%", [("75.34%", "75.34", "%", False, "exact")]),  # a table's cells
    # a row's one-digit cells, then the next cell (a lone 0 starts no thousands group); but
    # digits an OCR copy split stay unread (350 as 3 50)
    ("初中 1081 3 2 99.1%", [("99.1%", "99.1", "%", False, "exact")]),
    ("小学 2046 0 0 100%", [("100%", "100", "%", False, "exact")]),
    ("学前教育资助资金约 3 50 万元", []),
    ("学位3\u2009200个", []),
    ("学位3’200个", []),
    ("入园率达到92. 5%", []),
    ("入园率92·5%", []),
    ("二〇一一年工作计划", []),
    ("2014年11月25日", []),
    ("兴教[2019]33号", []),
    ("学生生机比达9:1", []),
    ("占学生总数的1/6", []),
    ("李鑫以666分居全市第一", []),
    ("电话0536-8221234", []),
    ("实施“x+x”帮扶模式", []),
    ("唱响cctv-7", []),
    ("为全区一三五七八年级学生", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_tokens(text: str, expected: list[tuple[str, str | None, str, bool, str]]) -> None:
    view = build_view(text)
    got = [
        (t.surface, None if t.value is None else str(t.value), t.unit, t.placeholder, t.qualifier)
        for t in find_tokens(view.text)
    ]
    assert got == expected


def test_ordinal_is_marked() -> None:
    (token,) = find_tokens("第二十七个教师节")
    assert token.ordinal and token.value == Decimal(27)


def test_values_are_exact_decimals() -> None:
    (token,) = find_tokens("免除书费2787元")
    assert token.value == Decimal("0.2787")
    assert isinstance(token.value, Decimal)


def _tokens_everywhere(text: str) -> list[tuple[int, int, str]]:
    """The tokens the number pattern finds when tried at every position (no gate)."""
    g = grammar()
    found = [t for m in g.pattern.finditer(text) if (t := _resolve(m, text, g)) is not None]
    return [(t.start, t.end, t.surface) for t in with_unwritten(text, found, g)]


# the characters tokens are made of, their neighbours in reports, and some others
ALPHABET = list("0123456789.,%xXn*零〇一二两三四五六七八九十百千万亿多余近将成分之个人次元名所点达为资"
                "入投学位率提高约以上下左右、和至—年第的,。;A ")


def test_gate_finds_every_token_the_pattern_finds() -> None:
    """find_tokens tries the pattern only where the gate lets it: on random strings over
    the token alphabet, it finds exactly what trying every position finds."""
    rng = random.Random(20261202)
    for _ in range(3000):
        text = "".join(rng.choices(ALPHABET, k=rng.randint(1, 30)))
        assert [(t.start, t.end, t.surface) for t in find_tokens(text)] == _tokens_everywhere(text), text


@pytest.mark.parametrize("text", [
    "入园率达%,普及率为%",
    "投资万元,资助亿元",
    "近亿元",
    "将近三千人",
    "1,234人和xx.xx%",
    "百分之九十五,九成",
])
def test_gate_on_report_shapes(text: str) -> None:
    assert [(t.start, t.end, t.surface) for t in find_tokens(text)] == _tokens_everywhere(text)


def test_gate_digits_are_what_re_calls_digits() -> None:
    """The gate's digit set is exactly re's \\d, over every code point."""
    every = "".join(map(chr, range(0x110000)))
    assert _decimal_digits() == "".join(re.findall(r"\d", every))
