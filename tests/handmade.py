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


# ---------------------------------------------------------------- where and when
# Reports placed by hand as the region gazetteer places them (GB/T 2260 codes), with
# claims that name their own year or not, from real texts: dev2 b09 (杭州, a 2005 policy
# whose targets are for 2007 and 2010), sample 003 (成武县's 2011 plan, traditional
# characters) and sample 001 (新华区: two of them in 河北省, one in 河南省, so no province).

HANGZHOU = ("杭州市人民政府关于加快学前教育改革与发展的若干意见(试行)\n"
            "2007年,全市学前三年幼儿入园率达到96%以上,其中市区学前三年幼儿入园率达到98%以上,"
            "县(市)学前三年幼儿入园率达到92%以上,乡镇中心幼儿园建园率达到90%以上。\n"
            "2010年,全市学前第四年幼儿入园率达到50%以上。")
CHENGWU = "成武縣教育局二○一一年工作計劃要點\n——3—6周歲幼兒入園率達到60%以上,學前一年幼兒入園率達到93%以上。"
XINHUA = "教育局思想宣传工作总结\n在招生工作中,较好的为1657名进城务工子女解决了入学问题,目前全区进城务工子女入学率100%,占学生总数的1/6。"

HANGZHOU_PLACE: dict[str, object] = {
    "region": "杭州", "region_name": "杭州市", "region_code": "330100", "region_level": "prefecture",
    "province": "浙江省", "province_code": "330000"}
CHENGWU_PLACE: dict[str, object] = {
    "region": "成武縣", "region_name": "成武县", "region_code": "371723", "region_level": "county",
    "province": "山东省", "province_code": "370000"}


def one_report(name: str, text: str, report: dict[str, object],
               claims: list[tuple[str, str, int | None]], salt: str = "", level: str | None = "学前",
               modality: str = "target", qualifier: str = "at_least") -> ProcessedDocument:
    """One document of one report titled by its first line; `claims` are enrollment rates
    (token, sentence, the claim's own year) at `level`."""
    text += salt
    data = text.encode("utf-8")
    document = Document(name=name, path=f"/tmp/{name}", sha256=hashlib.sha256(data).hexdigest(),
                        encoding="utf-8", size=len(data))
    record = Report(doc=name, index=0, title=text.split("\n", 1)[0], start=0, end=len(text), **report)
    made = [claim(text, token, name, "enrollment_rate", token.rstrip("%"), "%", 0, sentence, year=year,
                  qualifier=qualifier, modality=modality, level=level)
            for token, sentence, year in claims]
    return ProcessedDocument(document, text, [record], made)


def located_documents() -> list[ProcessedDocument]:
    """杭州 (浙江省): 96, 98, 92 in 2007 and 50 in 2010, a 2005 report; 成武县 (山东省): 60, 93
    in its report's 2011, and a copy of it (mark it with reports.canonical_report_id); 新华区:
    100, no province, no year."""
    first, second = HANGZHOU.split("\n")[1:]
    first = first.rstrip("。")
    targets = CHENGWU.split("\n")[1].rstrip("。")
    chengwu = {"kind": "plan", "year": 2011, "genre": "work_plan", **CHENGWU_PLACE}
    return [
        one_report("hangzhou.txt", HANGZHOU, {"kind": "plan", "year": 2005, "genre": "policy", **HANGZHOU_PLACE},
                   [("96%", first, 2007), ("98%", first, 2007), ("92%", first, 2007),
                    ("50%", second.rstrip("。"), 2010)]),
        one_report("chengwu.txt", CHENGWU, chengwu, [("60%", targets, None), ("93%", targets, None)]),
        one_report("chengwu-copy.txt", CHENGWU, chengwu, [("60%", targets, None), ("93%", targets, None)],
                   salt="\n(转载)"),
        one_report("xinhua.txt", XINHUA, {"kind": "summary", "region": "新华区", "genre": "work_summary"},
                   [("100%", XINHUA.split("\n")[1].split(",")[2], None)], level=None,
                   modality="actual", qualifier="exact"),
    ]
