"""Hand-made processed documents for the storage tests, from real seed sentences.

Built by hand (not by the extractor, whose rules are still changing) so that the
storage tests know exactly which reports and claims they store.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

from extractor.models.records import Claim, Document, Report
from extractor.pipeline import ProcessedDocument

# from seeds 000 (初中 retention) and 002 (masked seats): two reports in one file
REPORT_0 = "教育局工作总结\n初中生报到入学12275人,流失7人,巩固率99.04%;"
REPORT_1 = "\n区教育局2021年工作总结\nx所公办中小学、幼儿园,x所优质民办学校竣工,新增学位xxxx个。"
TEXT = REPORT_0 + REPORT_1


def claim(text: str, token: str, doc: str, indicator: str, value: str | None, unit: str,
          report_index: int, sentence: str, **fields: object) -> Claim:
    start = text.index(token, text.index(sentence))
    return Claim(doc=doc, report_index=report_index, indicator=indicator,
                 value=None if value is None else Decimal(value), unit=unit, placeholder=value is None,
                 start=start, end=start + len(token), text=token, sentence=sentence,
                 sentence_start=text.index(sentence), rule="handmade", trigger="", **fields)


def processed_document(name: str = "handmade.txt", salt: str = "") -> ProcessedDocument:
    """Two reports, three claims (one masked); `salt` changes the bytes, so the sha256."""
    text = TEXT + salt
    data = text.encode("utf-8")
    document = Document(name=name, path=f"/tmp/{name}", sha256=hashlib.sha256(data).hexdigest(),
                        encoding="utf-8", size=len(data))
    split = len(REPORT_0)
    reports = [
        Report(doc=name, index=0, title="教育局工作总结", start=0, end=split),
        Report(doc=name, index=1, title="区教育局2021年工作总结", year=2021, start=split, end=len(text)),
    ]
    first = "初中生报到入学12275人,流失7人,巩固率99.04%"
    claims = [
        claim(text, "7人", name, "dropout_count", "7", "人", 0, first, level="初中"),
        claim(text, "99.04%", name, "retention_rate", "99.04", "%", 0, first, level="初中"),
        claim(text, "xxxx个", name, "degree_seats", None, "个", 1,
              "x所公办中小学、幼儿园,x所优质民办学校竣工,新增学位xxxx个"),
    ]
    return ProcessedDocument(document, text, reports, claims)
