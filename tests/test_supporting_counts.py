"""The product's own counts that reconciliation checks rates and totals against
(enrolled_count, exam_takers), on sentences from the seeds and the corpus' wording."""

from __future__ import annotations

import pytest

from extractor.extract.claims import extract_text

CASES = [
    ("据统计,全区位于城乡接合部的24所小学和3所中学义务教育阶段的农村学生共计10856名,其中,小学8506名,中学2350名。",
     # 中学 inside a count of 义务教育 pupils is 初中 (as the dev2 gold reads 中学学位 within 义务教育学位)
     [("enrolled_count", "10856", "义务教育"), ("enrolled_count", "8506", "小学"), ("enrolled_count", "2350", "初中")]),
    ("全区中小学在校生共计20000人,其中小学在校生12000人,初中在校生8000人。",
     [("enrolled_count", "20000", None), ("enrolled_count", "12000", "小学"), ("enrolled_count", "8000", "初中")]),
    ("初中生报到入学12275人,流失7人,巩固率99.04%。",
     [("enrolled_count", "12275", "初中"), ("dropout_count", "7", "初中"), ("retention_rate", "99.04", "初中")]),
    ("今年全区共有4200名高三毕业学生参加了高考,共有3881名初中毕业生参加了全市统一组织的中考。",
     [("exam_takers", "4200", "高中"), ("exam_takers", "3881", "初中")]),
    # a part of an admitted count is admitted too (the dev2 gold counts 普通类4805人 and
    # 一本4573人 after their totals)
    ("一本上线283人,其中理科200人。", [("admitted_count", "283", None), ("admitted_count", "200", None)]),
    # 其中 followed by 学生: a part of the students, and no 中学 level read across the marker
    ("全区在校生共计20000人,其中学生干部300人。", [("enrolled_count", "20000", None), ("enrolled_count", "300", None)]),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[s[:12] for s, _ in CASES])
def test_supporting_counts(sentence: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert [(c.indicator, str(c.value), c.level) for c in extract_text(sentence)] == expected
