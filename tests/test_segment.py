"""Segmentation and report metadata.

Cases come in three groups:
- SEED_REPORTS / SEED_BOILERPLATE: the shapes of the five bundled seeds (compilation
  with `| 返回目录`, 篇一/篇二, "更多…推荐", docx dump, web chrome), with the gold bodies of
  shared/gold/dev-reports.jsonl written as their first and last words;
- compilations built here from three small reports, joined with each kind of separator,
  with and without web boilerplate, and as a traditional copy;
- metadata tables: a title and a body snippet -> kind, year, region, issuer, period.
"""

from __future__ import annotations

import json
from pathlib import Path

import opencc
import pytest
from click.testing import CliRunner

from extractor.cli import main
from extractor.errors import VocabularyError
from extractor.models.records import Report
from extractor.pipeline import process_source
from extractor.segment.meta import ReportMeta, describe
from extractor.segment.split import Segmentation, segment
from extractor.sources.read import SourceFile
from extractor.text.normalize import build_view, find_page_splices, matching_view, views_of
from extractor.vocab.loader import data_text, parse_yaml, validated
from extractor.vocab.segmentation import SegmentationData, segmentation_data

# ---------------------------------------------------------------- seeds

# (doc, first words of the body, last words of the body), in file order
SEED_REPORTS = [
    ("000_f472a60a5901be7c.txt", "基教科在各位领导关心指导", "成功承办了XX年xxxx市基础教育工作会议。"),
    ("000_f472a60a5901be7c.txt", "根据《县中小学、幼儿园及少年儿童安全管理专项整治行动实施方案》精神", "十一月二十九日"),
    ("000_f472a60a5901be7c.txt", "上半年,区教育局紧紧围绕区委、区政府中心工作", "市示范高中的创建验收工作,确保顺利通过。"),
    ("000_f472a60a5901be7c.txt", "一、 xx年上半年主要工作", "激发学生和教师的活力和创造力,提升学生综合素质。"),
    ("001_91bd548f20111c10.txt", "XX年,我区教育工作在区委、区政府的坚强领导下", "《人民日报》等新闻媒体报道。"),
    ("001_91bd548f20111c10.txt", "XX年年,在区委、区委宣传部的正确领导下", "创建了优美校园、文明校园、和谐校园。"),
    ("001_91bd548f20111c10.txt", "xx年是我市教育灾后重建的决胜年", "全年各级各类教师参培人数达xx余人次。"),
    ("001_91bd548f20111c10.txt", "xx年,紧紧围绕本局的年度工作思路和工作中心", "同时选派社会力量办学的校长参加校长岗位培训。"),
    ("002_d3b064de2d82a876.txt", "xxxx年,全区教化系统深化实行党的十九大精神", "创建省、市级依法治校示范校。"),
    ("003_25d3d6e1bcc2c82d.txt", "2014年市教育局工作思路是", "迎接黨的十八大的勝利召開。"),
    ("003_25d3d6e1bcc2c82d.txt", "以科學發展觀為指導,全面貫徹黨的十七屆五中全會", "保障學校正常的教育教學秩序。"),
    ("004_0004396cb48acd1a.txt", "20xx年,区教体局以多彩教育为基础", "一些需要长期推进的,正在抓紧研究落实。"),
]

# text that is web boilerplate, site furniture or a separator, per seed
SEED_BOILERPLATE = [
    ("000_f472a60a5901be7c.txt", ["天天范文", "教育局工作总结模板4篇", "本文目录", "(2) | 返回目录", "(3) | 返回目录",
                                  "(4) | 返回目录", "&nbs", "标签:模板 教育局"]),
    ("001_91bd548f20111c10.txt", ["小编特地为您收集整理", "Gz85.Com更多总结小编推荐"]),
    ("002_d3b064de2d82a876.txt", ["由会员分享,可在线阅读", "taowenge.com"]),
    ("003_25d3d6e1bcc2c82d.txt", ["《教育局工作計劃》工作計劃範文", "篇一:", "篇二:", "文章閱讀網:www.sanwen.net",
                                  "推薦閱讀:", "護理部工作計劃", "TAG:教育"]),
    ("004_0004396cb48acd1a.txt", ["专业文书写作范文服务资料分享网站", "分享 时间: 加入收藏 我要投稿 点赞", "221381",
                                  "领取福利", "微信扫码分享"]),
]


def _segment(text: str, doc: str = "doc") -> Segmentation:
    return segment(text, build_view(text, find_page_splices(text)), doc)


def _bodies(text: str, rows: list[tuple[str, str]]) -> list[tuple[int, int]]:
    spans = []
    for first, last in rows:
        start = text.index(first)
        spans.append((start, text.index(last, start) + len(last)))
    return spans


# inside a body only small pieces of chrome (a watermark, a broken entity) are boilerplate
INLINE_MAX = 40


def _holds_no_body(seg: Segmentation, bodies: list[tuple[int, int]], text: str) -> bool:
    for start, end in seg.boilerplate:
        for b_start, b_end in bodies:
            inside = text[max(start, b_start):min(end, b_end)]
            if len(inside) > INLINE_MAX or "。" in inside:
                return False
    return True


@pytest.fixture(scope="module")
def seed_texts(sample_paths: list[Path]) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sample_paths}


@pytest.mark.parametrize("doc", sorted({row[0] for row in SEED_REPORTS}))
def test_seed_split(seed_texts: dict[str, str], doc: str) -> None:
    text = seed_texts[doc]
    seg = _segment(text, doc)
    bodies = _bodies(text, [(first, last) for d, first, last in SEED_REPORTS if d == doc])
    assert len(seg.reports) == len(bodies)
    for report, (start, end) in zip(seg.reports, bodies, strict=True):
        assert report.start <= start and end <= report.end, report.title
    assert _holds_no_body(seg, bodies, text)


@pytest.mark.parametrize(("doc", "snippets"), SEED_BOILERPLATE, ids=[row[0][:3] for row in SEED_BOILERPLATE])
def test_seed_boilerplate(seed_texts: dict[str, str], doc: str, snippets: list[str]) -> None:
    text = seed_texts[doc]
    seg = _segment(text, doc)
    for snippet in snippets:
        at = text.index(snippet)
        assert seg.report_at(at) is None, snippet
        assert any(start <= at < end for start, end in seg.boilerplate), snippet


def test_seed_titles(seed_texts: dict[str, str]) -> None:
    titles = [r.title for doc in sorted(seed_texts) for r in _segment(seed_texts[doc], doc).reports]
    assert titles == [
        "教育局教育工作总结", "县教育局校园安全管理专项整治工作总结", "教育局工作总结",
        "区教育局上半年工作总结及2018年工作计划", "2016年11月教育局宣传工作总结", "教育局思想宣传工作总结",
        "2016年11月市教育局工作总结", "2016年11月教育局人事科工作总结",
        "教育局委员会关于2021年工作总结及来年工作思路报告", "2014年教育局工作计划",
        "成武县教育局二〇一一年工作计划要点", "某市辖区教育和体育局关于2024年工作年度总结",
    ]


def test_report_at_boilerplate_inside_a_report(seed_texts: dict[str, str]) -> None:
    text = seed_texts["003_25d3d6e1bcc2c82d.txt"]
    seg = _segment(text)
    mark = text.index("文章閱讀網")
    assert seg.report_at(mark) is None
    assert seg.report_at(mark - 30) is seg.reports[0]


# ---------------------------------------------------------------- compilations built here

REPORTS = [
    ("2019年兴山县教育局工作总结",
     "2019年,县教育局紧紧围绕县委、县政府中心工作,全县教育事业稳步发展。\n\n一、主要工作\n\n"
     "全县小学入学率达到100%,初中巩固率99.2%。\n\n二、存在问题\n\n部分学校办学条件仍需改善,教师队伍结构有待优化。"),
    ("成华区教育局2020年上半年工作总结及下半年工作思路",
     "上半年,区教育局认真落实区委部署,成华区各项工作有序推进。\n\n一、上半年主要工作\n\n"
     "新建幼儿园3所,新增学位900个。\n\n二、下半年工作思路\n\n继续推进成华区学校建设,确保秋季按时开学。"),
    ("XX市教育局20XX年工作计划",
     "20XX年,全市教育工作的总体思路是:以办好人民满意的教育为目标,推进教育优质均衡发展。\n\n一、工作目标\n\n"
     "学前三年毛入园率达到90%以上。\n\n二、主要措施\n\n加快xx市第一中学新校区建设,年内完成主体工程。"),
]
NUMBERS = "一二三"

SEPARATED = {
    "返回目录": lambda i, title: f"{title}工作总结范文({i + 1}) | 返回目录\n\n",
    "篇一": lambda i, title: f"篇{NUMBERS[i]}:{title}\n\n",
    "【篇一】": lambda i, title: f"【篇{NUMBERS[i]}】{title}\n",
    "第一篇": lambda i, title: f"第{NUMBERS[i]}篇 {title}\n\n",
    "title lines": lambda i, title: f"{title}\n\n",
    "更多推荐": lambda i, title: ("" if i == 0 else "XueXi.Com更多工作总结推荐\n\n") + f"{title}\n\n",
    "subtitle": lambda i, title: f"强化管理 促进发展\n\n——{title}\n\n",
}
HEADER = ("某某范文网 - 专业范文写作网站\n\n分享 时间: 加入收藏 我要投稿 点赞\n\n"
          "小编为大家整理了教育局工作总结,供大家参考。\n\n工作总结范文3篇\n\n")
FOOTER = "推荐阅读:\n\n学校工作计划\n\n班主任工作总结范文\n\n标签:工作总结 教育局\n\n微信扫码分享\n"


def _compilation(style: str, boilerplate: bool) -> str:
    parts = [SEPARATED[style](i, title) + body + "\n\n" for i, (title, body) in enumerate(REPORTS)]
    text = "".join(parts)
    return HEADER + text + FOOTER if boilerplate else text


def _check_compilation(text: str, reference: str) -> None:
    seg = _segment(text)
    assert [r.title for r in seg.reports] == [title for title, _ in REPORTS]
    rows = [(body[:12], body[-12:]) for _, body in REPORTS]
    # a traditional copy keeps the offsets, so the reference text locates the bodies
    bodies = _bodies(reference, rows)
    for report, (start, end) in zip(seg.reports, bodies, strict=True):
        assert report.start <= start and end <= report.end
        assert not reference[report.start:report.end].strip().startswith(("篇", "【", "第"))
    assert _holds_no_body(seg, bodies, reference)
    if "推荐阅读" in reference:
        for snippet in ("某某范文网", "小编为大家整理", "工作总结范文3篇", "推荐阅读", "班主任工作总结范文", "微信扫码"):
            assert seg.report_at(reference.index(snippet)) is None, snippet


@pytest.mark.parametrize("boilerplate", [False, True], ids=["bare", "boilerplate"])
@pytest.mark.parametrize("style", list(SEPARATED))
def test_compilation_split(style: str, boilerplate: bool) -> None:
    text = _compilation(style, boilerplate)
    _check_compilation(text, text)


@pytest.mark.parametrize("style", ["返回目录", "篇一", "title lines"])
def test_traditional_compilation_splits_the_same(style: str) -> None:
    text = _compilation(style, boilerplate=True)
    traditional = opencc.OpenCC("s2t").convert(text)
    assert len(traditional) == len(text)
    _check_compilation(traditional, text)
    assert [r.model_dump() for r in _segment(traditional).reports] == [
        r.model_dump() for r in _segment(text).reports]


def test_compilation_metadata() -> None:
    reports = _segment(_compilation("返回目录", boilerplate=True)).reports
    got = [(r.kind, r.year, r.year_masked, r.region, r.region_masked, r.issuer) for r in reports]
    assert got == [
        ("summary", 2019, False, "兴山县", False, "县教育局"),
        ("summary_plan", 2020, False, "成华区", False, "区教育局"),
        ("plan", None, True, None, True, "市教育局"),
    ]


def test_numbered_titles_over_their_own_bylines_split_a_compilation() -> None:
    """A township compilation numbers its titles as sections and names no issuing body in them
    (一、罗渡镇2022年教育工作总结), but each stands over its own byline: three reports; a section
    heading naming a year with no byline under it stays a heading."""
    text = ("岳池县乡镇教育工作总结汇编(2022年度)\n岳池县教育局编印\n\n"
            "一、罗渡镇2022年教育工作总结\n罗渡镇人民政府\n(2022年12月28日)\n\n"
            "2022年,我镇坚持教育优先发展,各项工作取得新进展。全镇初中三年巩固率98.9%。\n\n"
            "二、2023年工作打算\n\n2023年,全镇将新增学位200个。\n\n"
            "二、中和镇2022年教育工作总结\n中和镇人民政府\n(2023年1月5日)\n\n"
            "一年来,中和镇扎实推进各项工作。镇中心幼儿园完成扩建,新增学位180个。\n\n"
            "三、酉溪镇2022年教育工作总结\n(2022年12月30日)\n\n"
            "2022年,酉溪镇教育工作稳步推进。全镇小学适龄儿童入学率为99.9%。\n")
    reports = _segment(text).reports
    assert [(r.title, r.kind) for r in reports] == [
        ("罗渡镇2022年教育工作总结", "summary_plan"),
        ("中和镇2022年教育工作总结", "summary"),
        ("酉溪镇2022年教育工作总结", "summary"),
    ]


def test_title_lines_inside_a_list_open_no_report() -> None:
    title, body = REPORTS[0]
    text = f"{title}\n\n{body}\n\n相关文章:\n\n2018年教育局工作总结\n\n2017年教育局工作计划\n"
    assert len(_segment(text).reports) == 1


def test_section_headings_shaped_like_titles_stay_in_their_report() -> None:
    text = ("XX县教育局2019年工作总结\n\n2019年,县教育局紧紧围绕县委中心工作,全县教育稳步发展。\n\n"
            "教师发表论文15篇\n\n今年更多教师被推荐\n\n全县小学入学率达到100%,初中巩固率99.2%。\n\n"
            "2020年工作计划\n\n2020年,全县将新建幼儿园3所,新增学位900个。\n")
    seg = _segment(text)
    (report,) = seg.reports
    assert report.kind == "summary_plan"
    assert text[report.start:report.end].endswith("新增学位900个。")
    for line in ("教师发表论文15篇", "今年更多教师被推荐", "2020年工作计划"):
        assert seg.report_at(text.index(line)) is report, line


def test_notice_title_opens_its_report() -> None:
    """An allocation notice (…的通知) has its title line, its year and no plan kind."""
    text = ("关于下达2023年学生资助补助资金的通知\n各县(市、区)教育局、财政局:\n"
            "现下达2023年学生资助补助资金12580万元,其中学前教育幼儿资助资金1260万元。\n"
            "请各地按照规定及时足额发放。\n")
    (report,) = _segment(text).reports
    assert (report.title, report.kind, report.year) == ("关于下达2023年学生资助补助资金的通知", "summary", 2023)
    assert text[report.start:report.end].rstrip().endswith("及时足额发放。")


@pytest.mark.parametrize("addressees", ["各街道办事处,区直有关单位,各中小学校:", "各乡镇中心学校,县直各幼儿园,各民办幼儿园:",
                                        "各位家长:"])
def test_a_list_of_addressees_opens_the_body(addressees: str) -> None:
    """The addressees' line under a notice's title (各街道办事处,区直有关单位,各中小学校:) is the
    body's first line, however many it lists (a gold body starting on it was not covered)."""
    text = (f"雨花区2024年义务教育阶段招生入学工作方案\n\n{addressees}\n"
            "为切实做好我区2024年义务教育阶段招生入学工作,制定本方案。\n一、基本情况\n全区共有小学58所。\n")
    (report,) = _segment(text).reports
    assert text[report.start:].startswith(addressees)


BYLINE_CASES = [
    # (text, region, masked, issuer): the unit under the title names the region and issuer
    ("关于2023年上半年教育工作总结及下半年工作打算的报告\n临泽县教育局\n"
     "2023年上半年,我局紧紧围绕县委县政府中心工作,新增学位1200个,各项工作稳步推进。\n",
     "临泽县", False, "县教育局"),
    ("2022年教育工作情况汇报\n——在全县教育工作会议上的发言\n旌阳区教育局局长 张三\n"
     "今年以来,在区委区政府的坚强领导下,全区教育系统扎实推进各项工作。\n", "旌阳区", False, "区教育局"),
    ("2021年教育工作总结\nXX县教育局\n2021年,在县委县政府的坚强领导下,全县教育工作取得新成效。\n",
     None, True, "县教育局"),
    # addressees (各县(市、区)教育局:) are no byline: the notice names no region of its own
    ("关于下达2023年学生资助补助资金的通知\n各县(市、区)教育局、财政局:\n"
     "现下达2023年学生资助补助资金12580万元,请各地按照规定及时足额发放。\n", None, False, None),
    # a subtitle, the speaker and the date in brackets under a government report's title
    ("政府工作报告\n——在宜城市第十届人民代表大会第二次会议上\n宜城市人民政府代市长 李建国\n(2023年1月9日)\n"
     "各位代表:\n现在,我代表市人民政府,向大会报告工作,请予审议。\n", "宜城市", False, "政府"),
    # a speaker holding two posts joined by 、
    ("在全县教育工作会议上的讲话\n桐梓县教育局党组书记、局长  刘建华\n同志们:\n"
     "今天,我们召开全县教育工作会议,主要任务是总结2023年工作,安排部署2024年任务。\n", "桐梓县", False, "县教育局"),
]


@pytest.mark.parametrize(("text", "region", "masked", "issuer"), BYLINE_CASES,
                         ids=["unit", "subtitle-and-speaker", "masked-unit", "addressees", "dated-in-brackets",
                              "speaker-of-two-posts"])
def test_byline_under_the_title(text: str, region: str | None, masked: bool, issuer: str | None) -> None:
    (report,) = _segment(text).reports
    assert (report.region, report.region_masked, report.issuer) == (region, masked, issuer)


def test_a_compilations_titles_numbered_after_them_open_reports() -> None:
    """A compilation numbering its parts after their titles (社区教育工作总结 篇二) splits as one
    numbering them before (篇二:…): the second report was read into the first."""
    text = ("社区教育工作总结范文(精选2篇)\n社区教育工作总结 篇一\n"
            "20xx年,我街道社区教育工作在区社区教育中心的指导下稳步推进,全年投入经费xx万元。\n"
            "社区教育工作总结 篇二\n2021年是“十四五”开局之年,我镇社区教育工作紧紧围绕镇党委、政府中心工作开展。\n")
    reports = _segment(text).reports
    assert [(r.title, r.year, r.year_masked) for r in reports] == [
        ("社区教育工作总结", None, True), ("社区教育工作总结", 2021, False)]


COMPILATION_PARTS = [
    # parts numbered as sections, each naming its issuer (a 学区 too) and its year
    ("东湖区各学区2023年上半年工作总结及下半年工作思路汇编\n东湖区教育体育局\n\n"
     "一、滨江学区2023年上半年工作总结及下半年工作思路\n滨江学区 2023年7月5日\n"
     "上半年,学区投入资金230万元改造薄弱学校,义务教育巩固率保持100%。\n"
     "二、湖滨学区2023年上半年工作总结及下半年工作思路\n湖滨学区 2023年7月6日\n"
     "上半年,湖滨学区新增公办学位360个,学前三年毛入园率达到95.1%。\n",
     ["滨江学区2023年上半年工作总结及下半年工作思路", "湖滨学区2023年上半年工作总结及下半年工作思路"]),
    ("2023年全市普通高中高考工作总结汇编\n市教育局基础教育科 2023年9月\n\n"
     "第一部分  市第一中学2023年高考工作总结\n市第一中学 教务处\n今年我校参加高考学生1286人,本科上线1102人。\n"
     "第二部分  市第二中学2023年高考工作总结\n市第二中学\n2023年高考,我校本科上线人数达到826人。\n",
     ["市第一中学2023年高考工作总结", "市第二中学2023年高考工作总结"]),
    # parts headed 述职报告一, 述职报告二 above titles that name no issuer
    ("2023年度述职报告汇编(中小学校长)\n来源:某县教育局人事科 时间:2024-01-20\n\n述职报告一\n2023年度述职报告\n"
     "——红星镇中心学校校长 陈志强\n2023年,我认真履行校长职责,全镇适龄儿童入学率达到100%。\n"
     "述职报告二\n2023年度个人述职报告\n——青山县第三中学校长 赵丽\n2023年高考,我校本科上线人数达到612人。\n",
     ["2023年度述职报告", "2023年度个人述职报告"]),
    # a section heading holding an issuer's word (处 of 处理意见) and no year stays in its report
    ("盐城市教育局关于2022年度民办学校年度检查结果的公告\n\n一、检查结果\n全市参检民办学校186所,合格172所。\n"
     "四、处理意见\n对基本合格的学校限期3个月整改;对不合格学校暂停招生。\n",
     ["盐城市教育局关于2022年度民办学校年度检查结果的公告"]),
]


@pytest.mark.parametrize(("text", "titles"), COMPILATION_PARTS,
                         ids=["section-numbered-parts", "numbered-parts", "part-headers", "section-heading-stays"])
def test_a_compilations_parts_open_reports(text: str, titles: list[str]) -> None:
    assert [r.title for r in _segment(text).reports] == titles


def test_a_compilations_name_with_its_source_opens_no_report() -> None:
    """A compilation's name repeated with its source on the line (…报告2篇 文章来源:公文写作网
    2023-05-14) is a site's line, no report of its own."""
    text = ("人大视察教育工作报告2篇\n人大视察教育工作报告2篇 文章来源:公文写作网 2023-05-14\n"
            "篇一:关于全区义务教育均衡发展情况的视察报告\n根据区人大常委会工作安排,视察组对全区义务教育均衡发展情况进行了视察。\n"
            "篇二:关于全县高中教育发展情况的视察报告\n县人大常委会视察组于2023年3月对全县高中教育发展情况进行了视察。\n")
    assert [r.title for r in _segment(text).reports] == ["关于全区义务教育均衡发展情况的视察报告",
                                                        "关于全县高中教育发展情况的视察报告"]


def test_a_newsletters_name_above_its_issue_line_is_its_title() -> None:
    """A newsletter's name right above its issue line (教育动态 / 2024年第5期(总第186期)) is its
    title, the issuer's line under them its byline; an item's headline was the title."""
    text = ("教育动态\n2024年第5期(总第186期)\n阜宁县教育局编印                         2024年7月5日\n\n"
            "◆ 我县2024年高考再创佳绩\n6月25日,2024年江苏省普通高校招生考试成绩揭晓,我县本科上线率达到86.5%。\n")
    (report,) = _segment(text).reports
    assert (report.title, report.year, report.region) == ("教育动态", 2024, "阜宁县")


def test_a_date_line_under_a_speechs_title_dates_it() -> None:
    """A speech dated under its title and its speaker ((2022年11月8日)) takes that year when
    nothing else states one (it had none)."""
    text = ("农村学校教师周转宿舍建设工程实施情况汇报\n——在全市教师周转宿舍建设推进会上的发言\n东安县教育局局长  李xx\n"
            "(2022年11月8日)\n各位领导、同志们:\n近年来,我县把教师周转宿舍建设作为稳定农村教师队伍的重要举措。\n")
    (report,) = _segment(text).reports
    assert (report.title, report.year, report.region) == ("农村学校教师周转宿舍建设工程实施情况汇报", 2022, "东安县")


def test_a_date_in_words_under_a_speechs_title_dates_it_before_the_body() -> None:
    """A date in words under a title, its subtitle and its issuer ((一九九八年十月)) dates the
    report before a year opening a sentence of its body (1993年以来, 1997年全县…: it was 1993)
    and leaves the issuer's line a byline (the region: 临泉县; it was none)."""
    text = ("关于我县普及九年义务教育工作的汇报\n——在省普九评估验收组汇报会上\n临泉县人民政府\n(一九九八年十月)\n"
            "尊敬的各位领导、各位专家:\n首先,我代表县委、县政府,对验收组莅临我县检查指导工作表示热烈欢迎!\n"
            "一、基本县情\n1997年全县国内生产总值38.6亿元。1993年以来,全县共投入普九资金2.36亿元。\n")
    (report,) = _segment(text).reports
    assert (report.title, report.year, report.region) == ("关于我县普及九年义务教育工作的汇报", 1998, "临泉县")


def test_a_contributed_pieces_download_notice_is_no_report() -> None:
    """A 范文 site's notice (本文由网友投稿,仅供参考。如需下载,请点击下方“下载全文”。) is a
    blurb, no report of its own."""
    text = ("教育厅工作总结范文(2篇)\n本文由网友投稿,仅供参考。如需下载,请点击下方“下载全文”。\n"
            "篇一:甘肃省教育厅2023年工作总结\n2023年,甘肃省教育厅认真贯彻落实省委省政府决策部署,新增学位5.2万个。\n")
    assert [r.title for r in _segment(text).reports] == ["甘肃省教育厅2023年工作总结"]


def test_a_sites_welcome_to_download_line_is_no_report() -> None:
    """本文由 范文网 整理发布,欢迎下载! over a compilation is the site's notice: it made a
    report of its own, untitled, before 篇一."""
    text = ("本文由 范文网 整理发布,欢迎下载!\n\n乡村教师支持计划工作汇报(篇一)\n"
            "2023年,全县发放乡村教师生活补助1860万元,惠及教师2315人。\n"
            "乡村教师支持计划工作汇报(篇二)\n2022年,全县发放乡村教师生活补助1720万元。\n")
    assert [r.title for r in _segment(text).reports] == ["乡村教师支持计划工作汇报"] * 2


def test_a_title_naming_a_half_year_states_its_year_over_the_opening() -> None:
    """2023年上半年…整改工作总结 covers 2023, though its opening names the audit of 2022 (it took 2022)."""
    text = ("石桥县2023年上半年教育经费审计整改工作总结及下半年工作思路\n县教育局计划财务股\n2023年7月10日\n"
            "一、上半年整改工作总结\n(一)整改进展。县审计局2022年度审计指出我局问题12个,上半年已整改问题10个。\n")
    (report,) = _segment(text).reports
    assert (report.year, report.year_alt) == (2023, 2022)


def test_a_year_a_period_starts_from_yields_to_the_pages_date() -> None:
    """A reply opening on 2020年以来 under a page dated 2023-07-18 covers 2023, and a report
    opening on 2012年春季学期起 under its date line 2022年12月 covers 2022 (both took the year
    the period starts from)."""
    reply = ("首页 > 政务公开 > 建议提案办理\n发布时间:2023-07-18 来源:临澧县教育局 浏览次数:1286\n\n"
             "临澧县教育局关于县十八届人大二次会议第47号建议的答复\n\n周晓红代表:\n"
             "您提出的《关于增加城区公办幼儿园学位的建议》收悉。经认真研究,现答复如下:\n"
             "一、基本情况\n2020年以来,县财政累计投入学前教育资金1.2亿元,新增学位3600个。\n")
    report = ("镇雄县农村义务教育学生营养改善计划实施情况报告\n镇雄县人民政府教育督导室  2022年12月\n一、实施概况\n"
              "2012年春季学期起,我县全面启动农村义务教育学生营养改善计划。2022年,全县纳入营养改善计划的学校共计386所。\n")
    assert [r.year for t in (reply, report) for r in _segment(t).reports] == [2023, 2022]


def test_a_year_a_period_starts_from_yields_to_a_later_year_its_figures_are_of() -> None:
    """A reply opening on 2021年以来 with no page's date, its figures bound to 2022 after it and
    signed 2023年5月16日, covers 2022 (it took the year the period starts from)."""
    reply = ("关于县十八届人大一次会议第29号建议办理情况的答复\n\n鹤峰县教育局\n\n覃红梅代表:\n"
             "您提出的《关于加强农村寄宿制学校建设的建议》已收悉。现将办理情况答复如下:\n"
             "一、寄宿制学校建设情况\n全县现有农村寄宿制学校32所。2021年以来,争取建设资金6500万元。\n"
             "二、营养改善\n每生每天补助标准由4元提高到5元,2022年下达营养膳食补助资金2186万元。\n\n"
             "鹤峰县教育局\n2023年5月16日\n")
    assert [r.year for r in _segment(reply).reports] == [2022]


def test_a_plans_base_year_and_another_documents_number_are_no_reports_year() -> None:
    """A mid-term evaluation's base year (以2020年为基期) yields to its date line (2023年12月),
    and the number of the plan it evaluates (《…规划》(桃政发〔2021〕17号)) to the page's date
    (both took the earlier year)."""
    evaluation = ("平山县“十四五”教育事业发展规划中期评估报告\n平山县教育和体育局\n(2023年12月)\n\n一、评估工作开展情况\n"
                  "本次评估以2020年为基期,对规划确定的目标任务逐项进行了对照检查。全县学前三年毛入园率达到92.1%。\n")
    page = ("桃江县“十四五”教育事业发展规划中期评估报告\n发布时间:2023-09-18 来源:桃江县教育局 浏览次数:1362\n\n"
            "根据省、市统一部署,县教育局对《桃江县“十四五”教育事业发展规划》(桃政发〔2021〕17号)实施以来的进展情况"
            "进行了全面评估。\n一、总体进展情况\n全县学前三年毛入园率达到91.7%。\n")
    assert [r.year for t in (evaluation, page) for r in _segment(t).reports] == [2023, 2023]


def test_published_accounts_and_budgets() -> None:
    """A bureau's published accounts (…部门决算公开) are its title and a summary; a budget
    (…单位预算公开说明) a plan, under a breadcrumb parted by bars (首页 | 信息公开 | …: it was the
    title) and over the parts of its table of contents (第二部分 2023年度部门决算情况说明)."""
    accounts = ("湘潭市教育局2022年度部门决算公开\n湘潭市教育局 发布日期:2023-09-12\n\n"
                "一、部门基本情况\n2022年度一般公共预算财政拨款支出31286.54万元,比年初预算增加1526.54万元。\n")
    budget = ("首页 | 信息公开 | 预决算公开\n浏阳市机关幼儿园2024年单位预算公开说明\n"
              "来源:浏阳市机关幼儿园  时间:2024-02-21  点击:118\n\n一、单位基本情况\n"
              "2024年本单位支出预算798.36万元,其中新建户外活动场地投资60万元。\n")
    audit = ("关于河阳职业技术学院2023年度部门预算执行情况的审计报告\n\n一、基本情况\n"
             "2023年度学院支出预算执行率为96.2%,全年教育支出12800万元。\n")  # a budget carried out: no plan
    reports = [r for t in (accounts, budget, audit) for r in _segment(t).reports]
    assert [(r.title, r.kind, r.year) for r in reports] == [
        ("湘潭市教育局2022年度部门决算公开", "summary", 2022),
        ("浏阳市机关幼儿园2024年单位预算公开说明", "plan", 2024),
        ("关于河阳职业技术学院2023年度部门预算执行情况的审计报告", "summary", 2023),
    ]


def test_a_news_headline_over_its_date_time_and_source() -> None:
    """A headline under a one-step breadcrumb (政务公开 > 部门动态) and over its date, time and
    source office (2018-09-20 10:35  郧西县教育局) is the title, the year the page's (it had no
    title, and the year of a change's from-value)."""
    text = ("政务公开 > 部门动态\n郧西县扎实推进特殊教育提升计划 残疾儿童入学率达96.5%\n2018-09-20 10:35  郧西县教育局\n"
            "本网讯 近日,记者从郧西县教育局获悉,全县残疾儿童少年义务教育入学率由2016年的81.2%提高到96.5%。\n"
            "据介绍,县财政筹措资金1850万元,新建县特殊教育学校综合楼。\n")
    (report,) = _segment(text).reports
    assert (report.title, report.year, report.kind) == ("郧西县扎实推进特殊教育提升计划 残疾儿童入学率达96.5%", 2018, "summary")


def test_a_list_of_those_addressed_opens_the_body() -> None:
    """主任、各位副主任、秘书长、各位委员: (longer than a short salutation) opens the body of a
    report to a standing committee: the body opened at the paragraph after it."""
    text = ("丰阳市人民政府关于2022年度审计查出问题整改情况的报告\n——2023年12月26日在丰阳市人民代表大会常务委员会会议上\n"
            "市审计局局长 王某某\n主任、各位副主任、秘书长、各位委员:\n"
            "受市人民政府委托,现将2022年度审计查出问题整改情况报告如下。全年拨付学生资助资金1.37亿元。\n")
    (report,) = _segment(text).reports
    assert text[report.start:].startswith("主任、各位副主任")


@pytest.mark.parametrize("addressees", ["湖南省人民政府教育督导委员会：", "浙江省教育厅、省政府教育督导委员会办公室：",
                                        "定西市、陇南市、天水市财政局、教育局："])
def test_the_bodies_a_report_is_sent_to_open_its_body(addressees: str) -> None:
    """The bodies a self-assessment or a notice is sent to (a line longer than a short
    salutation, naming no one's title) open its body: it opened at the paragraph after."""
    text = (f"衡南县人民政府关于义务教育优质均衡发展县创建工作的自评报告\n\n{addressees}\n"
            "根据督导评估办法要求,现将我县创建工作自评情况报告如下。全县新增学位3200个。\n")
    (report,) = _segment(text).reports
    assert text[report.start:].startswith(addressees)


@pytest.mark.parametrize("furniture", ["本文由范文网整理，仅供参考，下载后可编辑修改。",
                                       "相关文章：中心校工作总结  学区工作总结  乡镇教育工作总结",
                                       "本文档由用户上传，仅供学习参考 | 下载券：2 | 页数：6",
                                       "道客巴巴 doc88.com  2018-12-24  6页  用户:教育文库\n" + "-" * 40,
                                       "文档格式: .doc   文档页数: 6页   文档大小: 38.5K\n" + "-" * 40],
                         ids=["a-download-sites-note", "a-related-list-parted-by-blanks", "an-upload-note",
                              "a-sites-line-by-its-address-over-a-rule", "a-documents-format-over-a-rule"])
def test_page_furniture_around_a_report_is_no_report(furniture: str) -> None:
    """A download site's note on editing and a related list on one line, its links parted by
    runs of blanks, are page furniture: the page holds its one report (each was a report)."""
    text = (f"{furniture}\n\n石桥镇中心校2024年春季学期工作总结\n\n本学期,全镇小学巩固率达到100%,"
            f"新建幼儿园1所,新增学位180个。\n{furniture}\n")
    (report,) = _segment(text).reports
    assert report.title == "石桥镇中心校2024年春季学期工作总结"


@pytest.mark.parametrize(("title", "region"), [("白石镇人民政府2024年工作总结和2025年工作计划", "白石镇"),
                                             ("青林乡学区2024年工作总结", "青林乡"),
                                             ("衡东县杨桥镇中心学校2023年度工作总结", "衡东县"),
                                             ("全镇2024年教育工作总结", None)])
def test_a_township_opening_the_title_is_the_region(title: str, region: str | None) -> None:
    """A title opening on a township's name (its government's, school's or school district's
    report) names the region, which the gazetteer does not hold; a county named first is the
    region still, and 全镇 names none."""
    text = f"{title}\n\n2024年,全镇小学巩固率达到100%,新建幼儿园1所,新增学位180个。\n"
    (report,) = _segment(text).reports
    assert report.region == region


def test_the_issuers_line_under_a_separators_title_is_its_byline() -> None:
    """篇二:…工作总结 over 临湘市教育局: the issuer's line names the second report's region and
    issuer (both were none: only a title line's lines were read as a byline)."""
    text = ("特殊教育工作总结2篇\n篇一:2018年特殊教育工作总结\n临湘市教育局\n2018年,全市新增特教学位120个。\n"
            "篇二:2019年上半年特殊教育工作总结及下半年工作计划\n临湘市教育局\n"
            "上半年,全市特殊教育学校在校学生达到265人,残疾儿童少年义务教育入学率达到96.2%。\n")
    reports = _segment(text).reports
    assert [(r.region, r.issuer) for r in reports] == [("临湘市", "市教育局")] * 2


def test_a_related_lists_titles_name_no_report_after_it() -> None:
    """The titles under 相关推荐: are its items: the note after the list took the last one as its
    title and kind (教育局控辍保学实施方案, a plan)."""
    text = ("2020年红岩中学控辍保学工作总结\n我校是一所农村寄宿制初级中学,现有学生1096人。全年无一人辍学,初中三年巩固率达到97.2%。\n\n"
            "相关推荐:\n2021年控辍保学工作计划\n教育局控辍保学实施方案\n\n"
            "(注:以上两篇均为基层学校年度总结,数据由学校提供,未经教育主管部门审核。学校在统计口径上可能存在差异,仅供参考。"
            "引用时请核对原始数据,转载请注明出处,谢谢合作。)\n")
    titles = [(r.title, r.kind) for r in _segment(text).reports]
    assert ("教育局控辍保学实施方案", "plan") not in titles and titles[0] == ("2020年红岩中学控辍保学工作总结", "summary")


def test_a_masked_date_line_under_the_title_masks_the_year() -> None:
    """xx县人民政府 / 20xx年x月 under a template's title (the download site's 本文档共3页,下载需要5金币
    【立即下载】 line between) masks the report's year, the body naming none (it was not masked)."""
    text = ("xx县义务教育优质均衡发展自评报告(范文)\n\n本文档共3页,下载需要5金币  【立即下载】\n\nxx县人民政府\n20xx年x月\n"
            "一、县域基本情况\n我县位于xx省xx部,全县共有义务教育学校xx所,在校生xxxx人。\n")
    (report,) = _segment(text).reports
    assert (report.year, report.year_masked) == (None, True)


@pytest.mark.parametrize("opening", ["今年,全区新增学位2000个,比2022年增加300个。",
                                     "全区学前三年毛入园率2021年为86%,2022年为88%,2023年为90.6%。",
                                     "与2022年相比,全县学前三年毛入园率达到90.6%。"],
                         ids=["comparison", "series", "compared-with"])
def test_a_titles_year_is_the_year_covered_over_the_openings(opening: str) -> None:
    """…2023年学前教育工作总结 covers 2023 whatever year its opening names first (a year compared
    with, a series' first): it took the opening's, and read 2023 as the future."""
    text = f"临川区教育局2023年学前教育工作总结\n{opening}\n"
    (report,) = _segment(text).reports
    assert report.year == 2023


def test_a_running_header_repeating_the_title_after_a_page_break_opens_no_report() -> None:
    """A PDF's next page opening on the report's title again (南漳县教育局关于…的汇报, after — 2 —)
    is its running header: it split the report in two."""
    text = ("南漳县教育局\n关于2023年教育工作情况的汇报\n\n县人大常委会:\n"
            "2023年,全县教育系统坚持立德树人根本任务,扎实推进教育改革发展。\n一、基本情况\n"
            "全县现有各级各类学校128所,在校学生6.2万人。学前三年毛入园率达到92.4%。\n\n                — 2 —\n\n"
            "南漳县教育局关于2023年教育工作情况的汇报\n(四)教育质量稳中有升。2023年高考,全县本科上线1108人,本科上线率62.7%。\n"
            "四、下一步打算\n2024年,力争新增学位1800个。\n")
    reports = _segment(text).reports
    assert [(r.title, r.kind) for r in reports] == [("南漳县教育局关于2023年教育工作情况的汇报", "summary_plan")]


def test_a_running_header_above_its_page_number_opens_no_report() -> None:
    """A PDF's running header on the line above the page number (柘城县教育体育局2023年教育工作总结 /
    — 2 —), between a finished sentence and a heading, is page debris: it split the report in three."""
    header = "柘城县教育体育局2023年教育工作总结"
    text = (f"柘城县教育体育局\n2023年教育工作总结\n\n一、主要成绩\n(一)义务教育均衡发展。九年义务教育巩固率达到97.86%。\n"
            f"{header}\n— 2 —\n(二)学前教育普惠发展。全县新增普惠性学位1260个。\n{header}\n— 3 —\n"
            "二、2024年工作打算\n力争全年新增学位3000个。\n")
    reports = segment(text, views_of(matching_view(text)).segmenting, "doc").reports
    assert [(r.title, r.kind) for r in reports] == [(header, "summary_plan")]


def test_a_download_notice_after_the_signature_is_no_body() -> None:
    """A template site's download notice after the signature (【下载本文档】 本文档共3页,需要下载请扫码)
    is boilerplate: the report ran to the end of the file."""
    text = ("xx县教育局20xx年工作总结\n20xx年,全县新增学位xxx个,义务教育巩固率达到xx%。\nxx县教育局\n20xx年12月\n"
            "【下载本文档】 本文档共3页,需要下载请扫码\n")
    (report,) = segment(text, views_of(matching_view(text)).segmenting, "doc").reports
    assert text[report.start:report.end].endswith("20xx年12月")


def test_a_running_header_after_a_page_footer_further_up_opens_no_report() -> None:
    """A PDF's running header repeating the title over a numbered heading (清河县教育局2023年工作总结 /
    四、2024年工作计划) in a text paged by footers (第2页 共8页, a blank between its parts) is page
    debris: it opened a second report, of 2024."""
    title = "清河县教育局2023年工作总结"
    text = (f"{title}\n清河县教育局\n2024年1月8日\n一、基本情况\n全县学前三年毛入园率达到92.4%。\n第2页 共8页\n"
            f"二、项目建设\n全年完成教育投资3.86亿元。\n\n三、学生资助\n全年发放资助资金3620万元。\n{title}\n"
            "四、2024年工作计划\n力争新增学位1500个。\n")
    reports = segment(text, views_of(matching_view(text)).segmenting, "doc").reports
    assert [(r.title, r.kind, r.year) for r in reports] == [(title, "summary_plan", 2023)]


@pytest.mark.parametrize("top", [
    "喜报!2024年宁远县高考再创佳绩,本科上线人数首次突破2000人!\n原创 宁远教育 宁远县教育局 2024-06-26 18:30 湖南\n"
    "点击蓝字 关注我们\n\n🎉🎉🎉\n",
    "原创 宁远县教育局 宁远教育 2024-06-26 18:30 发表于湖南\n\n喜报!2024年宁远县高考再创佳绩,本科上线人数首次突破2000人!\n\n"
    "👆点击上方蓝字“宁远教育”关注我们\n",
    "🔥🔥喜报!2024年宁远县高考再创佳绩,本科上线人数首次突破2000人!\n\n原创 宁远教育 2024-06-26 18:30 湖南\n\n🔥🔥🔥\n",
])
def test_a_wechat_posts_headline_over_its_byline_and_furniture(top: str) -> None:
    """A WeChat post's headline, its byline (原创 …账号… 2024-06-26 18:30 湖南) above or under it,
    then calls to follow and a line of emoji before the first paragraph: the headline is the
    title (it was lost, the body opening at the text's start)."""
    text = top + "6月25日,2024年湖南省普通高考成绩正式揭晓,全县本科上线2087人,本科上线率39.18%。\n"
    (report,) = segment(text, views_of(matching_view(text)).segmenting, "doc").reports
    assert (report.title.lstrip("🔥"), report.year) == ("喜报!2024年宁远县高考再创佳绩,本科上线人数首次突破2000人!", 2024)
    assert text[report.start:].startswith(("6月25日", "原创", "👆", "点击"))


def test_a_government_report_opening_on_its_review_of_the_year_before() -> None:
    """An excerpt of a government work report opening on its review of the year before under a
    numbered heading (2025年江州市政府工作报告 / 一、2024年工作回顾) is the title year's: it took 2024."""
    text = ("2025年江州市政府工作报告\n——2025年1月15日在江州市第十六届人民代表大会第四次会议上\n\n一、2024年工作回顾\n"
            "2024年,全市地区生产总值达到3126亿元,增长5.6%。新建改扩建中小学、幼儿园38所,新增学位2.1万个。\n"
            "二、2025年重点工作\n新增学位1.5万个。\n")
    (report,) = _segment(text).reports
    assert (report.year, report.year_alt, report.kind) == (2025, 2024, "summary_plan")


def test_a_download_sites_metadata_and_a_related_line_are_no_reports() -> None:
    """A document site's metadata line (文档分类:公文范文 | 上传时间:2023-11-02 | 页数:4 | 下载券:2) and
    a related list on one line (相关推荐:… | … | …) are boilerplate: each made a report of its own."""
    text = ("县教育事业统计公报2篇\n文档分类:公文范文 | 上传时间:2023-11-02 | 页数:4 | 下载券:2\n下载本文档 | 微信扫码分享\n\n"
            "篇一:2019年紫阳县教育事业发展统计公报\n紫阳县教育体育和科技局\n2019年,全县小学适龄儿童入学率100%,初中巩固率98.6%。\n"
            "篇二:2020年旬阳县教育事业发展统计公报\n2020年,全县小学适龄儿童入学率100%,初中巩固率98.9%。\n\n| 返回目录\n"
            "相关推荐:幼儿园大班下学期工作总结 | 幼儿园安全工作总结 | 幼儿园教研工作计划\n本文标签:统计公报 范文\n")
    assert [r.title for r in _segment(text).reports] == ["2019年紫阳县教育事业发展统计公报", "2020年旬阳县教育事业发展统计公报"]


def test_a_message_boards_title_over_its_fields() -> None:
    """A message's title tagged with its type (【建言】…,希望多建公办园) over its fields (留言对象:…,
    留言时间:2023-07-14 09:36:22) is the title, the year its time's (no title; the year of 2021年以来
    in the reply)."""
    text = ("人民网 领导留言板\n首页 > 留言详情\n当前位置:河南省 > 周口市 > 郸城县\n\n"
            "【建言】郸城县城区幼儿园学位太紧张,希望多建公办园\n留言对象:郸城县委书记\n留言类型:建言    留言领域:教育\n"
            "留言时间:2023-07-14 09:36:22\n留言编号:LY20230714-0882\n\n"
            "书记您好!我是郸城县城区居民,孩子今年9月满3周岁,准备上幼儿园,但附近公办园学位早已报满,民办园收费太高。\n"
            "答复内容:\n2021年以来,我县累计投资2.6亿元,新建、改扩建公办幼儿园12所,新增学位3960个。\n")
    (report,) = _segment(text).reports
    assert (report.title, report.year) == ("【建言】郸城县城区幼儿园学位太紧张,希望多建公办园", 2023)


def test_a_tables_title_marked_for_publicity() -> None:
    """…普通高考成绩统计表(公示) is a table's title, (公示) its decoration: the title, year and region
    were all lost."""
    text = ("宁远县2023年普通高考成绩统计表(公示)\n\n宁远县教育局基础教育科\n2023年7月3日\n\n一、全县汇总\n"
            "2023年全县参考人数6120人,本科上线4011人,本科上线率65.54%。\n")
    (report,) = _segment(text).reports
    assert (report.title, report.year, report.region) == ("宁远县2023年普通高考成绩统计表", 2023, "宁远县")


def test_a_statistics_summarys_title_over_an_office_naming_planning() -> None:
    """…统计简况 is a title, and an office's name under it (…发展规划处) plans nothing: the office
    was the title and made the report a plan."""
    text = ("2021年河北省高等教育事业发展统计简况\n河北省教育厅发展规划处\n"
            "2021年,全省高等教育毛入学率达到60.5%,较2020年的57.8%提高2.7个百分点。\n")
    (report,) = _segment(text).reports
    assert (report.title, report.kind) == ("2021年河北省高等教育事业发展统计简况", "summary")


def test_a_replys_short_acknowledgement_stays_in_its_body() -> None:
    """A reply letter's salutation and the short line acknowledging the proposal after it
    (您提出的《…提案》收悉,现答复如下:) open its body (it opened at the paragraph after them)."""
    text = ("关于县政协第十届第二次会议第26号提案的答复\n李xx委员:\n"
            "您提出的《关于加快城区幼儿园建设的提案》收悉,现答复如下:\n"
            "目前,城区公办幼儿园学位缺口约1200个。为此,我局计划投资2.1亿元,新建幼儿园6所,新增学位2700个。\n")
    (report,) = _segment(text).reports
    assert text[report.start:].startswith("李xx委员:")


def test_a_web_address_line_above_the_title_is_no_report() -> None:
    """A web copy's address alone on its line (longer than a site line) made a report of its own."""
    text = "http://www.xxx.gov.cn/jyj/2023/0112/123.html\n罗田县教育局2022年工作总结\n全县新增学位1200个。\n"
    assert [(r.title, r.year) for r in _segment(text).reports] == [("罗田县教育局2022年工作总结", 2022)]


def test_a_download_hint_line_is_no_report() -> None:
    """A 范文 site's 下载提示: line (本文共3篇,下载后可编辑使用) is page furniture: it made a
    report of its own, titled with the page's headline and dated by its time line."""
    text = ("希望工程工作总结(精选3篇)\n时间:2023-12-05 10:21:18  作者:佚名  点击:1562\n"
            "下载提示:本文共3篇,下载后可编辑使用。\n\n篇一:县团委希望工程工作总结\n"
            "xx年,在县委、县政府的正确领导下,我县希望工程工作取得了明显成效。全年资助贫困学生xxxx名。\n")
    assert [r.title for r in _segment(text).reports] == ["县团委希望工程工作总结"]


def test_a_related_news_list_ends_the_report() -> None:
    """【相关新闻】 and 相关链接 head a related-article list, outside the report's body."""
    text = ("我市发布2023年度学生体质健康状况公告\n本报讯 2023年全市新建和改造学校体育场地85片,投资2.3亿元。\n"
            "【相关新闻】\n· 2024年全市将新增公办学位1.5万个\n")
    (report,) = _segment(text).reports
    assert text[report.start:report.end].endswith("投资2.3亿元。")


def test_a_document_number_above_the_addressees_dates_the_notice() -> None:
    """The document number under a notice's title (黔南发改收费〔2023〕56号) is read with
    the title, the addressees' line after it passed over (it voided the byline: no year)."""
    text = ("关于调整公办普通高中学费住宿费标准的通知\n黔南发改收费〔2023〕56号\n\n"
            "各县(市)发展改革局、财政局、教育局,州直各学校:\n"
            "根据《贵州省教育收费管理办法》,经州人民政府同意,现就调整学费标准有关事项通知如下:\n")
    (report,) = _segment(text).reports
    assert (report.title, report.year) == ("关于调整公办普通高中学费住宿费标准的通知", 2023)


def test_a_dated_byline_gives_an_untitled_year() -> None:
    """A government work report titled without its year: the date it was delivered on,
    under the title, is its year (it was null: a review year and a plan year in the body)."""
    text = ("政府工作报告(摘要)\n——2024年1月8日在沭阳县第十八届人民代表大会第四次会议上\n沭阳县人民政府县长  王建华\n"
            "各位代表:\n现在,我代表县人民政府向大会报告工作,请予审议。\n一、2023年工作回顾\n"
            "过去一年,全县新建改扩建中小学、幼儿园14所,新增学位1.26万个。\n二、2024年主要工作\n"
            "开工建设学校10所,新增学位9000个。\n")
    (report,) = _segment(text).reports
    assert (report.year, report.region) == (2024, "沭阳县")


SINCE_YEAR_CASES = [
    # a monitoring report of a plan: the year it covers (2022年度), not the plan's first year
    ("安庆市儿童发展规划(2021-2030年)2022年度统计监测报告\n"
     "2022年是实施《安庆市儿童发展规划(2021-2030年)》的第二年。全市小学适龄儿童入学率保持100%。\n", 2022),
    # the opening names the year a programme started from, then the year it reports on
    ("关于农村义务教育学生营养改善计划实施情况的汇报\n"
     "自2012年实施农村义务教育学生营养改善计划以来,我县始终把营养改善计划作为重要民生工程,现将2023年度实施情况汇报如下。\n"
     "2023年,中央下达膳食补助资金3078万元。\n", 2023),
    # a reply reviewing several years: the year its review reaches, not the one it starts from
    ("对县十七届人大四次会议第31号建议的答复\n赵志刚代表:\n您提出的建议收悉,现答复如下:\n"
     "近年来,县委县政府高度重视普通高中发展。2020年以来,先后投资2.4亿元改扩建县一中。"
     "2022年,全县初中毕业生升入高中阶段比例达到93.6%。\n", 2022),
    # a year the report's own period starts from is its year when the opening names no other
    ("教育局工作总结\n2023年以来,在县委县政府的坚强领导下,全县教育工作取得新成效。\n", 2023),
    # a school's founding year is never its brochure's when the title names one
    ("株洲市启航实验中学2024年高一新生招生简章\n【学校简介】\n"
     "株洲市启航实验中学是全日制寄宿制民办普通高中,创办于2012年。学校占地180亩。\n", 2024),
    # the year a head took office is no more the report's
    ("市第三高级中学校长2022年工作总结及2023年工作思路\n"
     "我于2020年8月任市第三高级中学校长。现将有关工作汇报如下。\n", 2022),
    # a change's from-year is where a period starts: the year reached is the text's
    ("全县残疾儿童少年义务教育入学率由2020年的89.5%提高到2023年的96.8%。\n", 2023),
    # a budget's title names its year, before last year's results in the school's profile
    ("湖北省宜昌市夷陵中学2024年部门预算\n发布日期:2024年03月12日    信息来源:学校财务室\n\n一、学校基本情况\n"
     "2023年高考本科上线1806人,本科上线率达到91.3%。\n二、2024年预算收支情况\n收入预算合计12856.40万元。\n", 2024),
    # a brochure's school year, before its history
    ("宁波市江北区第二实验幼儿园2024学年秋季招生简章\n\n一、幼儿园简介\n"
     "2022年,区政府投资2600万元对园舍进行改扩建。\n二、招生计划\n今年秋季计划招收小班幼儿150名。\n", 2024),
    # a school year written in Chinese numerals (二〇二三学年度), before its issue date
    ("南山区二〇二三学年度教育事业发展统计概况\n南山区教育局  编\n二〇二四年一月\n\n全区小学入学率100%。\n", 2023),
    # a graduates' report of a cohort (2023届), before its next year's plan
    ("河南工业大学2023届毕业生就业质量年度报告\n\n一、毕业生规模\n2023届毕业生总数为8964人。\n"
     "五、2024年工作计划\n力争2024届毕业生去向落实率达到90%以上。\n", 2023),
]


@pytest.mark.parametrize(("text", "year"), SINCE_YEAR_CASES,
                         ids=["monitoring-report", "programme-start", "reply-review", "only-since", "founded", "took-office",
                              "change-from-year", "budget-year", "school-year", "school-year-in-numerals",
                              "graduates-cohort"])
def test_a_year_a_period_starts_from_is_the_last_resort(text: str, year: int) -> None:
    (report,) = _segment(text).reports
    assert report.year == year


def test_a_reply_to_a_proposal_is_titled_and_reviews_and_plans() -> None:
    text = ("关于市政协十届二次会议第125号提案的答复\n王建国委员:\n您提出的提案收悉,现答复如下:\n"
            "2023年,全市新增学位3150个。下一步,计划新增学位6000个。\n")
    (report,) = _segment(text).reports
    assert (report.title, report.kind) == ("关于市政协十届二次会议第125号提案的答复", "summary_plan")


def test_a_founding_year_is_never_the_reports() -> None:
    """A school's self-evaluation opening on when it was founded (it was year 1952)."""
    text = "东湖小学均衡发展自评报告\n东湖小学始建于1952年,现有教学班24个。学校共收到生均公用经费83.02万元。\n"
    (report,) = _segment(text).reports
    assert report.year is None


def test_a_law_named_in_the_title_names_no_region() -> None:
    """An inspection of a province's regulation by a district's congress: 浙江省 is the
    regulation's, not the report's (it was the report's region)."""
    text = ("关于检查《浙江省义务教育条例》实施情况的报告\n"
            "主任、各位副主任、各位委员:\n根据安排,执法检查组对全区贯彻实施情况进行了检查。全区现有中小学56所。\n")
    (report,) = _segment(text).reports
    assert report.region != "浙江省"


def test_a_notice_of_results_is_titled() -> None:
    """A notice (公示) is titled by its first line, which names the school it builds."""
    text = ("安平县城北幼儿园新建工程(二次)中标结果公示\n\n项目编号:APZC-2023-0415\n招标人:安平县教育和体育局\n\n"
            "一、项目概况\n项目概算总投资2860万元。\n")
    (report,) = _segment(text).reports
    assert report.title == "安平县城北幼儿园新建工程(二次)中标结果公示"


def test_a_bulletins_name_is_its_title() -> None:
    """A bulletin (简报) is titled by its name, not by the issuer and date under it."""
    text = ("学生资助工作简报\n2023年第4期\n临川市学生资助管理中心                    2023年12月20日\n\n"
            "一、秋季学期各项资助资金全部发放到位\n截至12月15日,全市发放资助资金1.38亿元。\n")
    (report,) = _segment(text).reports
    assert report.title == "学生资助工作简报"


def test_a_headline_above_a_font_size_toolbar() -> None:
    """A news page's toolbar (【字体:大 中 小】 【打印本页】) is chrome: the headline above it is the title."""
    text = ("首页 > 教育动态\n滕州市2024年高考成绩喜人 本科上线人数再创新高\n发布时间:2024-06-26 来源:市教体局\n"
            "【字体:大 中 小】 【打印本页】 【关闭窗口】\n"
            "6月25日,2024年高考成绩揭晓。全市本科上线9215人,本科上线率72.3%。\n")
    (report,) = _segment(text).reports
    assert report.title == "滕州市2024年高考成绩喜人 本科上线人数再创新高"


def test_a_forum_thread_quoting_a_report() -> None:
    """Each post of a forum thread is its own text: the quoted report ends where the next
    post's header (…发表于 2022-2-18 10:05 | 只看该作者) starts, and the post chrome (回复
    引用 举报, 沙发, 查看: 2856 | 回复: 3) is in no report."""
    text = ("查看: 2856 | 回复: 3\n楼主 教育观察者 发表于 2022-2-18 09:12 | 只看该作者\n"
            "转一篇邻县县局的年度总结,大家看看人家一年投入多少。\n引用:\n青阳县教育局2021年工作总结\n"
            "2021年,青阳县教育局全力推进教育强县建设,全年完成教育基建投资1.35亿元,新增学位2250个。\n"
            "回复 引用 举报\n沙发\n路人甲 发表于 2022-2-18 10:05 | 只看该作者\n"
            "本科上线率56%还算可以吧,我们县去年才30%左右。\n回复 引用 举报\n")
    reports = _segment(text).reports
    quoted = next(r for r in reports if r.title == "青阳县教育局2021年工作总结")
    assert text[quoted.start:quoted.end].endswith("新增学位2250个。")
    assert (quoted.year, quoted.region) == (2021, "青阳县")


def test_a_wechat_copy_and_a_download_page() -> None:
    """A WeChat article's furniture (点击蓝字 关注我们, 原创 … 发表于江西) and a download
    page's metadata (文档页数:6页  下载积分:8 …, 温馨提示:…) open no report."""
    wechat = ("点击蓝字 关注我们\n原创 永新教育 2023-01-16 18:30 发表于江西\n永新县教育局2022年工作总结\n"
              "2022年,永新县教育局坚持以人民为中心的发展思想,全年完成投资2.96亿元,新增学位3800个。\n")
    download = ("《宁远县教育局2023年工作计划.docx》\n文档页数:6页  下载积分:8  上传者:wd_2018  上传时间:2023-02-10\n"
                "温馨提示:本文档共6页,可在线免费预览前3页,下载文档请先登录。\n宁远县教育局2023年工作计划\n"
                "2023年,全县教育工作坚持立德树人根本任务,学前三年毛入园率达到93%以上。\n")
    for text, title in ((wechat, "永新县教育局2022年工作总结"), (download, "宁远县教育局2023年工作计划")):
        (report,) = _segment(text).reports
        assert report.title == title


def test_a_document_sites_counters_line_opens_no_body() -> None:
    """A document site's line of counters (文档下载 | 上传者:教育统计 | 页数:3 | 下载券:2) is
    chrome: the body opened there, taking in the repeated title and the issuer's lines."""
    text = ("20xx年xx市教育事业发展统计公报(范本)\n文档下载 | 上传者:教育统计 | 页数:3 | 下载券:2\n"
            "------------------------------------------\n\nxx市20xx年教育事业发展统计公报\n\nxx市教育局\n20xx年x月\n\n"
            "20xx年,全市教育系统认真贯彻落实党的教育方针,各级各类教育协调发展。全市共有各级各类学校xxx所。\n")
    (report,) = _segment(text).reports
    assert text[report.start:].startswith("20xx年,全市教育系统")


def test_a_wechat_headline_above_its_post_header() -> None:
    """A WeChat article's headline, punctuated, above its account and time (…发表于四川) is
    the title of the one report the post is, not a report of its own; a forum's one-line
    post before the next post's header stays a post."""
    text = ("点击蓝字 关注我们\n📢数读2023丨柏溪教育这一年,答卷请查收!\n"
            "柏溪县教育和体育局  2024-01-12 07:50  发表于四川\n👆点击上方“柏溪教育”,关注我们吧~\n"
            "2023年,全县教育系统持续加大投入,全年新增公办学位3200个,义务教育巩固率达到99.2%。\n")
    (report,) = _segment(text).reports
    assert (report.title, report.year) == ("📢数读2023丨柏溪教育这一年,答卷请查收!", 2023)
    forum = ("楼主 教育观察者 发表于 2022-2-18 09:12 | 只看该作者\n我们县去年本科上线率才30%左右\n"
             "路人甲 发表于 2022-2-18 10:05 | 只看该作者\n"
             "2021年,青阳县全年完成教育基建投资1.35亿元,新增学位2250个,本科上线率56%。\n")
    assert [r.title for r in _segment(forum).reports] == [""]


def test_a_compilations_numbered_titles_open_reports() -> None:
    """A compilation numbering its titles as items (1.县人民政府…报告, 2.区教体局…总结) opens a
    report at each; a numbered section heading naming no issuer (一、2022年工作总结) stays one."""
    text = ("1.县人民政府2022年工作报告(教育部分节选)\n"
            "过去一年,全县教育支出9.8亿元,投资1.2亿元新建县第三实验小学,新增学位2160个。\n"
            "2.区教体局2022年工作总结及2023年工作计划\n一、2022年工作总结\n"
            "2022年,全区学前三年毛入园率达到91.5%,义务教育巩固率达到99.1%。\n二、2023年工作计划\n"
            "2023年,全区计划新增学位3000个,力争义务教育巩固率达到99.3%。\n")
    reports = _segment(text).reports
    assert [(r.title, r.year) for r in reports] == [("县人民政府2022年工作报告", 2022),  # (节选): a decoration
                                                     ("区教体局2022年工作总结及2023年工作计划", 2022)]


def test_a_starred_list_head_ends_the_report() -> None:
    """A list head set between stars (★ 推荐阅读 ★) opens a list of other pages' titles, which
    are no part of the plan before it (their 工作总结 made it a summary_plan)."""
    text = ("教育局2023年工作要点\n2023年,全市教育工作要推进义务教育优质均衡发展,投入3.5亿元改善办学条件,"
            "新增学位3000个。\n★ 推荐阅读 ★\n2023年乡镇工作总结及2024年工作计划\n2022年村委会工作总结\n")
    (report,) = _segment(text).reports
    assert report.kind == "plan" and text[report.start:report.end].endswith("新增学位3000个。")


def test_an_allocation_notice_is_its_own_counties_and_no_plan() -> None:
    """A notice handing over money names the documents it acts on (根据《衡水市财政局…》):
    their region is a higher body's; a programme's plan word before its funds (改造计划项目资金)
    makes no plan; and 现将…下达给你们 hands the money over now."""
    text = ("关于下达2023年普通高中改造计划项目资金预算的通知\n各乡镇中心学校:\n"
            "根据《衡水市财政局 衡水市教育局关于下达2023年普通高中改造计划项目资金的通知》精神,"
            "经安平县人民政府同意,现将普通高中改造计划项目资金860万元下达给你们,请按规定使用。\n")
    processed = process_source(SourceFile("notice.txt", text.encode("utf-8")))
    (report,) = processed.reports
    assert (report.kind, report.region) == ("summary", "安平县")
    assert [(c.text, c.modality) for c in processed.claims] == [("860万元", "actual")]
    unnamed = text.replace("经安平县人民政府同意,", "")  # only the higher body's document names a place
    assert _segment(unnamed).reports[0].region is None


def test_a_title_closing_a_page_copied_body_first() -> None:
    text = ("2022年,全县教育系统紧紧围绕县委县政府决策部署,全年新增学位1800个,各项工作取得明显成效。\n"
            "石门县教育局2022年教育工作总结\n来源:石门县教育局  发布时间:2022-12-30\n【打印本页】【关闭窗口】\n")
    (report,) = _segment(text).reports
    assert (report.title, report.year, report.region) == ("石门县教育局2022年教育工作总结", 2022, "石门县")
    assert text[report.start:report.end].endswith("明显成效。")


def test_a_part_heading_under_the_title_is_no_headline() -> None:
    """第一部分 部门概况 opens the body: the line above it is the title (the part heading
    was, and the report was judged to be about something else)."""
    text = ("临江县教育局2023年度部门决算说明\n\n第一部分 部门概况\n"
            "临江县教育局负责全县学前教育、义务教育、普通高中教育和职业教育的统筹管理。\n"
            "第二部分 2023年度部门决算情况说明\n2023年度本年支出合计71890.44万元。\n")
    (report,) = _segment(text).reports
    assert (report.title, report.kind, report.year) == ("临江县教育局2023年度部门决算说明", "summary", 2023)


def test_an_announcement_is_titled() -> None:
    text = ("漳县审计局关于学生资助资金和农村义务教育学生营养改善计划资金专项审计调查结果的公告\n\n(2024年第3号)\n\n"
            "根据审计法,县审计局对2023年度学生资助资金进行了专项审计调查。全县发放资助资金2150万元。\n")
    (report,) = _segment(text).reports
    assert report.title == "漳县审计局关于学生资助资金和农村义务教育学生营养改善计划资金专项审计调查结果的公告"
    assert report.kind == "summary"


@pytest.mark.parametrize("between", [
    "发布时间:2024年1月18日 10:00\n发布地点:市政府新闻发布厅\n发布人:市教育局党组书记、局长 周建平\n"
    "主持人:市政府新闻办副主任 陈默\n\n",
    "时间:2023年11月2日下午\n地点:区教育局三楼会议室\n出席:区教育局局长 郑国华\n主持:区教育局办公室主任 许涛\n\n",
    "(2024年1月10日)\n",
], ids=["press-metadata", "meeting-metadata", "dated"])
def test_a_press_conference_transcript_is_titled(between: str) -> None:
    # a press conference reviews the year and answers on the next: summary_plan, and its
    # title names the region, whatever metadata lines stand under it
    text = ("宜春市2023年教育事业发展情况新闻发布会实录\n" + between +
            "主持人:各位记者朋友,上午好!\n周建平:2023年,全市学前三年毛入园率达到93.6%,新增学位12000个。"
            "2024年,我们将新建改扩建学校20所。\n")
    (report,) = _segment(text).reports
    assert report.title == "宜春市2023年教育事业发展情况新闻发布会实录"
    assert (report.region, report.year, report.kind) == ("宜春市", 2023, "summary_plan")


def test_an_excerpt_named_after_a_blank_decorates_the_title() -> None:
    """节选 after a blank (…(ESG)报告 节选) decorates a title as (节选) does: the line was no
    title, and the year came from the body's 自2008年起."""
    text = ("蒙草乳业集团股份有限公司\n2020年环境、社会及管治(ESG)报告 节选\n\n3.4 教育公益\n\n"
            "集团自2008年起累计投入教育公益资金超过1.5亿元,援建希望小学38所。\n"
            "2020年,集团向青少年发展基金会捐赠1000万元,用于资助家庭困难的高中生和大学生。\n")
    (report,) = _segment(text).reports
    assert (report.title, report.year) == ("2020年环境、社会及管治(ESG)报告", 2020)


def test_a_table_published_as_a_page_is_titled() -> None:
    """A table's own title line (…进度表(截至2024年5月31日)) titles its page, with its year and
    region (its header row was the title, with neither); a table caption in a report's body
    opens no report of its own."""
    text = ("宜章县2024年教育重点项目建设进度表(截至2024年5月31日)\n单位:万元\n"
            "序号 项目名称 建设内容 总投资 年度计划投资 1-5月完成投资 累计完成投资 形象进度 备注\n"
            "1 县第五完全小学新建工程 新建教学楼、综合楼等,设36个班,新增学位1620个 9800 4000 1250 6320 主体完工 续建\n")
    (report,) = _segment(text).reports
    assert (report.title, report.year, report.region) == ("宜章县2024年教育重点项目建设进度表", 2024, "宜章县")
    text = ("县教育局2023年工作总结\n2023年,全县新增学位3000个,投入资金1.2亿元。\n表1 2023年学生资助资金分配表\n"
            "项目 金额(万元)\n国家助学金 1200\n二、2024年工作打算\n2024年,我们将新建学校3所。\n")
    assert [r.title for r in _segment(text).reports] == ["县教育局2023年工作总结"]
    text = ("XX市第一职业中等专业学校中等职业教育质量年度报告(2023年)\n一、基本情况\n"
            "学校现有在校生3260人,2023年招生1180人,毕业生1020人,就业率98.2%。\n"
            "表1 学校近两年学生情况一览表\n项目 2022年 2023年\n在校生 3120 3260\n"
            "二、办学条件\n学校投入资金860万元新建实训楼一栋,购置实训设备320台套。\n")
    assert [r.title for r in _segment(text).reports] == ["XX市第一职业中等专业学校中等职业教育质量年度报告(2023年)"]
    text = ("关于2023年度民办学校年检结果的公告\n根据有关规定,区教育局组织开展了2023年度民办学校年检工作,现将结果公告如下。\n"
            "(二)年检基本合格学校(2所)\n序号 学校名称 年检结论 主要问题\n"
            "1 滨江区小天使幼儿园 基本合格 保教费收费标准(每生每月2680元)未按规定公示\n"
            "2 滨江区蓝天幼儿园 基本合格 专任教师持证率仅为82%\n三、有关要求\n"
            "年检基本合格的学校,须在2024年6月30日前完成整改,并将整改报告报区教育局。\n")
    assert [r.title for r in _segment(text).reports] == ["关于2023年度民办学校年检结果的公告"]


@pytest.mark.parametrize("signature, footer, region", [
    ("成武县教育和体育局\n2024年3月8日", "\n【我要纠错】 【打印】 【关闭】\n", "成武县"),
    ("南漳县学生资助管理中心\n2023年12月19日", "\n附件:2023年学生资助资金专项检查问题清单.xls\n\n【打印本页】【关闭本页】\n",
     "南漳县"),
    ("宁陕县教育体育和科技局\n2024年4月10日", "", "宁陕县"),
], ids=["page-buttons", "aid-centre-and-attachment", "bureau-with-science"])
def test_a_notices_signature_under_a_pages_buttons_names_its_region(signature: str, footer: str,
                                                                      region: str) -> None:
    """A notice naming no place but in its signature: the signature is read past blank lines,
    a page's buttons and an attachment's line, and a student aid centre signs as a bureau does
    (the region was none)."""
    text = ("关于全县中小学幼儿园规范收费专项检查情况的通报\n各中小学、幼儿园:\n"
            "为切实减轻群众负担,2023年秋季学期开学后,我局对全县学校收费情况开展了专项检查。\n"
            "各学校要严格执行收费公示制度,确保2024年家庭经济困难学生资助覆盖率达到100%。\n\n"
            f"{signature}\n{footer}")
    (report,) = _segment(text).reports
    assert report.region == region


@pytest.mark.parametrize("head, title", [
    ("12345政务服务便民热线 工单办理结果公开\n\n工单编号:GD20240611-03315\n诉求标题:反映普惠性幼儿园乱收费问题\n"
     "诉求时间:2024年6月11日\n诉求区域:芜湖市鸠江区\n", "反映普惠性幼儿园乱收费问题"),
    ("阳光问政 · 问政平台\n\n标题:女儿读中职,国家助学金为什么一直没发?\n编号:WZ2024-05-0318   时间:2024-05-09\n",
     "女儿读中职,国家助学金为什么一直没发?"),
    ("镇雄县人民政府\n县长信箱回复选登\n\n来信主题:村小撤并后孩子上学远、有的孩子不读了\n来信时间:2023年9月4日\n",
     "村小撤并后孩子上学远、有的孩子不读了"),
], ids=["hotline-order", "question-platform", "mailbox-subject"])
def test_a_message_boards_title_is_the_one_its_label_names(head: str, title: str) -> None:
    """A message board's or mailbox's title stands under a label (诉求标题:, 标题:, 来信主题:)
    (titles were the site's name or a field)."""
    text = head + ("问题描述:\n我家孩子今年上学,希望相关部门予以解决。\n答复内容:\n"
                   "您好!2024年,全市新增学位3000个,投入资金1.2亿元,资助家庭经济困难学生1.2万人次。\n")
    assert [r.title for r in _segment(text).reports] == [title]


def test_a_breadcrumb_parted_by_arrows_is_boilerplate() -> None:
    """A breadcrumb parted by arrows (…平台 → 省长信箱 → 公开答复) is boilerplate, neither title
    nor region (四川省, for a reply of 南充市's bureau on 全市's figures)."""
    text = ("四川省人民政府网上群众工作平台 → 省长信箱 → 公开答复\n\n关于提高普通高中录取比例的建议\n\n"
            "网友:一位初三家长  提交时间:2024年7月3日  答复单位:南充市教育局\n\n问题描述:\n"
            "今年中考成绩出来了,我孩子考了586分,离我们县一中统招线差了十几分,希望提高普通高中录取比例。\n\n"
            "答复内容:\n您好!2024年,全市普通高中招生计划4.2万人,普职比大体相当,全市普通高中录取率达到58.6%。\n")
    (report,) = _segment(text).reports
    assert (report.title, report.region) == ("关于提高普通高中录取比例的建议", "南充市")


def test_an_attachments_table_title_opens_no_report() -> None:
    """The title of a table attached to a notice (附件 / 2024年…项目资金分配表) is the
    attachment's: the notice stays one report (the table's title opened a second)."""
    text = ("安庆市教育局 安庆市财政局关于下达2024年中小学校舍维修改造项目资金的通知\n各县(市、区)教育局、财政局:\n"
            "现将2024年中小学校舍维修改造项目资金下达给你们(详见附件),共计3860万元,请及时拨付到项目学校。\n"
            "附件:2024年中小学校舍维修改造项目资金分配表\n安庆市教育局\n2024年3月20日\n附件\n"
            "2024年中小学校舍维修改造项目资金分配表\n单位:万元\n地区 中央资金 省级资金 合计\n怀宁县 986 493 1479\n"
            "潜山市 1120 560 1680\n合计 2106 1053 3159\n\n(联系人:刘xx,联系电话:0556-5583021)\n"
            "抄送:省教育厅,省财政厅。\n安庆市教育局办公室 2024年3月5日印发\n")
    assert len(_segment(text).reports) == 1


def test_a_section_on_the_next_years_work_makes_a_review_and_plan() -> None:
    """A work report of 2024 with a section on 2025's work (二、2025年主要工作) reviews and
    plans (it was a summary: 2024年…主要工作 would be a review)."""
    text = ("威宁县2024年政府工作报告(摘要)\n——2025年1月8日在威宁县第十八届人民代表大会第五次会议上\n\n"
            "一、2024年工作回顾\n过去一年,全县新增学位3200个,学前三年毛入园率达到92.5%。\n"
            "二、2025年主要工作\n新建改扩建学校6所,新增学位4000个,确保义务教育巩固率稳定在96%以上。\n")
    (report,) = _segment(text).reports
    assert (report.year, report.kind) == (2024, "summary_plan")


def test_a_bilingual_excerpt_decorates_the_title() -> None:
    """(中英对照摘录) decorates a title as (节选) does (the dated subtitle was the title)."""
    text = ("2024年琼海市政府工作报告(中英对照摘录)\n\n——2024年1月10日在琼海市第十七届人民代表大会第四次会议上\n\n"
            "过去一年,全市新增学位3200个,学前三年毛入园率达到93.5%。\n")
    (report,) = _segment(text).reports
    assert (report.title, report.region, report.year) == ("2024年琼海市政府工作报告", "琼海市", 2024)


def test_an_excerpt_of_a_government_report_under_its_speech_dateline() -> None:
    # (节选) decorates the title; the dated subtitle of the speech is no title
    text = ("松阳县人民政府工作报告(节选)\n\n——2024年1月10日在松阳县第十八届人民代表大会第三次会议上\n\n"
            "过去一年,全县教育支出11.8亿元,新增学位3780个,学前三年毛入园率达到95.1%。\n")
    (report,) = _segment(text).reports
    assert (report.title, report.region) == ("松阳县人民政府工作报告", "松阳县")
    assert report.kind != "plan"


def test_a_headline_above_a_bracketed_date_line() -> None:
    text = "西峰区2023年秋季开学工作情况\n(2023年9月5日)\n今年全区新增学位1200个,投入资金3000万元。\n"
    (report,) = _segment(text).reports
    assert (report.title, report.region, report.year) == ("西峰区2023年秋季开学工作情况", "西峰区", 2023)


TITLE_SHAPES = [
    # a reply letter (答复函) is titled like a reply
    ("合肥市教育局关于市政协十五届二次会议第0187号提案的答复函\n王委员:\n您提出的提案收悉。2023年,全市新增学位"
     "3.2万个。下一步,计划新增学位3.6万个以上。\n", "合肥市教育局关于市政协十五届二次会议第0187号提案的答复函"),
    # a template site's (范本) after the title is decoration
    ("XX学院20xx届毕业生就业质量年度报告(范本)\n一、毕业生基本情况\n我校20xx届毕业生共xxxx人。\n",
     "XX学院20xx届毕业生就业质量年度报告"),
    # a title set letter-spaced, above a speech's dated subtitle
    ("政 府 工 作 报 告\n——2024年1月8日在新安镇第十八届人民代表大会第四次会议上\n新安镇镇长  王建国\n\n"
     "各位代表:\n现在,我代表新安镇人民政府,向大会报告工作,请予审议。\n全年投入80万元完成中心小学食堂改造。\n",
     "政府工作报告"),
    # a headline above its 信息来源 line
    ("潢川县产教融合实训基地项目建成投用\n信息来源:潢川县人民政府网 发布时间:2023-09-05\n"
     "9月1日,总投资2.3亿元的潢川县产教融合实训基地项目正式建成投用。\n", "潢川县产教融合实训基地项目建成投用"),
    # a post's headline exclaiming at its end, with commas and an emoji
    ("汉滨区2024年中考成绩揭晓,普通高中录取率达58.5%✨\n\n汉滨教育 2024-07-18 20:15 陕西\n\n"
     "7月18日,汉滨区2024年中考成绩正式公布。今年全区共有初中毕业生9326人参加考试。\n",
     "汉滨区2024年中考成绩揭晓,普通高中录取率达58.5%✨"),
    # a headline opening with its place and a colon
    ("合肥:校外培训机构压减率超九成 预收费全部纳入资金监管\n2023-08-21 10:15:06 来源:合肥晚报\n\n"
     "本报讯 8月18日,记者从合肥市“双减”工作推进会上获悉,全市学科类校外培训机构压减率达92.8%。\n",
     "合肥:校外培训机构压减率超九成 预收费全部纳入资金监管"),
    # a headline over its issuer's line and a date line (no title noun; its issuer is no title)
    ("安平县2025年十件民生实事\n安平县人民政府\n发布日期:2025-01-22\n\n"
     "为切实解决群众急难愁盼问题,确定2025年实施十件民生实事:新建安平县实验初级中学,新增初中学位1800个。\n",
     "安平县2025年十件民生实事"),
    # a bulletin's box of this issue's items (本期要点) under its name, issue and date: no title
    ("XX县教育局工作简报\n第xx期\nXX县教育局　　20xx年x月x日\n本期要点\n"
     "一、学前教育:全县新建公办幼儿园x所,新增学位xxxx个。\n二、义务教育:九年义务教育巩固率达到%。\n",
     "XX县教育局工作简报"),
    # a headline joining two exams by a pause mark, over its issuer and a date in words
    ("金寨县2024年中考、高考成绩喜报\n\n金寨县教育体育局\n二〇二四年七月五日\n\n"
     "今年,全县高考本科上线3256人,本科上线率达到61.2%。\n", "金寨县2024年中考、高考成绩喜报"),
    # a year's topic before the colon
    ("2022年全市高考综述:本科上线率首次突破六成\n\n来源:宝鸡日报　　记者 李某　　2022-06-28\n\n"
     "　　6月24日晚,陕西省2022年普通高校招生考试成绩揭晓。全市本科上线17502人,本科上线率61.1%。\n",
     "2022年全市高考综述:本科上线率首次突破六成"),
    # a year in brackets after the title noun, above the issuer's dateline
    ("湖南省高等职业教育质量年度报告(2023)\n\n湖南省教育厅 2024-01-15\n\n一、基本情况\n\n"
     "2023年,全省共有独立设置的高等职业学校79所,高职(专科)招生30.26万人。\n",
     "湖南省高等职业教育质量年度报告(2023)"),
    # a title set on two lines, its issuer first
    ("江苏经贸职业技术学院\n高等职业教育质量年度报告(2024)\n\n一、学生发展\n"
     "2023年,学院招生4860人,毕业生去向落实率96.2%。\n", "江苏经贸职业技术学院高等职业教育质量年度报告(2024)"),
    ("毕节市七星关区教育局\n关于对区政协委员张xx同志提出的提案的答复\n张xx委员:\n"
     "您提出的提案收悉。2022年,全区劝返辍学学生126人。\n", "毕节市七星关区教育局关于对区政协委员张xx同志提出的提案的答复"),
    # ...but not above a title opening on the issuer's place, after a year if any (a reply's 关于… title
    # naming a place inside it takes its issuer's line)
    ("兴山县人民政府\n兴山县2024年政府工作报告\n\n过去一年,全县新增学位3200个,学前三年毛入园率达到92.5%。\n",
     "兴山县2024年政府工作报告"),
    ("岳阳市教育局\n2023年岳阳市教育事业发展统计公报\n\n2023年,全市共有各级各类学校1856所,学前三年毛入园率91.2%。\n",
     "2023年岳阳市教育事业发展统计公报"),
    ("南城县发展和改革局\n关于南城县第三中学扩建项目立项的批复\n\n南城县教育体育局:\n"
     "你局报送的请示收悉。项目总投资8600万元,新增学位1500个。\n", "南城县发展和改革局关于南城县第三中学扩建项目立项的批复"),
    # a span of years in brackets after the title noun, above a bracketed note
    ("宜都市第二实验小学三年发展规划(2024—2026年)\n\n(2024年3月 校务委员会讨论通过)\n\n"
     "为进一步推进学校内涵发展,结合学校实际,特制定本规划。全校现有学生1860人。\n",
     "宜都市第二实验小学三年发展规划(2024—2026年)"),
    # a download page's metadata line (发布者:… | 分类:… | 阅读量:…) is no report
    ("小学学校年度工作总结(通用2篇)\n发布者:文库吧 | 分类:学校工作总结 | 阅读量:1.2万\n\n"
     "篇一:汉寿县岩汪湖镇中心小学2021年度工作总结\n2021年,岩汪湖镇中心小学全面完成了年初确定的各项目标任务。\n",
     "汉寿县岩汪湖镇中心小学2021年度工作总结"),
    # a table's title above its issuer and date
    ("新化县2024年春季学期寄宿生生活补助资金发放明细表\n新化县学生资助管理中心 2024年6月12日\n"
     "根据《湖南省城乡义务教育家庭经济困难学生生活补助实施办法》,本学期生活补助标准为小学每生每学期500元。"
     "本学期全县共补助家庭经济困难寄宿生9864人,下达补助资金562.675万元。现将各校发放明细公布如下:\n"
     "学校名称 小学人数 小学金额(元) 初中人数 初中金额(元)\n上梅中学 0 0 1286 803750\n第三中学 0 0 942 588750\n",
     "新化县2024年春季学期寄宿生生活补助资金发放明细表"),
    # an approval (批复) above its document number
    ("关于西吉县第二高级中学新建项目可行性研究报告的批复\n西发改发〔2021〕86号\n\n西吉县教育体育局:\n"
     "你局报送的请示收悉。经研究,现批复如下:\n一、项目总投资2.36亿元,新增学位1800个。\n",
     "关于西吉县第二高级中学新建项目可行性研究报告的批复"),
    # a statistics office's analysis and quick report above the office's line
    ("汉阳区2021年教育事业发展简明统计分析\n区教育局计划财务科\n2022年3月\n\n一、总体情况\n"
     "2021年,全区共有各级各类学校(园)167所,学前三年毛入园率95.3%。\n", "汉阳区2021年教育事业发展简明统计分析"),
    # a speech's subtitle (——在…会议上的发言) under its title leaves the title above it
    ("农村学校教师周转宿舍建设工程实施情况汇报\n——在全市教师周转宿舍建设推进会上的发言\n东安县教育局局长  李xx\n\n"
     "各位领导、同志们:\n近年来,我县把教师周转宿舍建设作为稳定农村教师队伍的重要举措,累计完成投资8150万元。\n",
     "农村学校教师周转宿舍建设工程实施情况汇报"),
    # a newsletter's issue number after its name is a decoration
    ("xx县教育局教育简报(第x期)\n\nxx县教育局办公室                          20xx年x月x日\n\n【工作要闻】\n"
     "●全县教育工作会议召开\nx月x日,全县20xx年教育工作会议召开,会议总结了20xx年全县教育工作。\n", "xx县教育局教育简报"),
    # a WeChat post's header line (its account, date, time and the province it was sent from)
    ("石门镇中心学校迎接义务教育优质均衡发展督导评估\n石门镇中心学校 2024-11-08 15:20 湖南\n\n"
     "11月6日,县督导评估组一行莅临石门镇中心学校。近三年,学校累计投入资金1860万元。\n",
     "石门镇中心学校迎接义务教育优质均衡发展督导评估"),
    # a compilation's counters line (文档下载 | 收藏 | 阅读:2386次) is no report of its own
    ("“十四五”教育规划中期评估报告范文(精选2篇)\n文档下载  |  收藏  |  分享  |  阅读:2386次\n\n"
     "篇一:宜章县教育事业“十四五”发展规划中期评估报告\n对照规划,2022年全县学前三年毛入园率达到91.5%。\n",
     "宜章县教育事业“十四五”发展规划中期评估报告"),
    ("教育局法治政府建设年度报告2篇 - 范文大全\n2024-03-02 10:21:05  阅读:986  作者:admin  [下载word版]\n\n"
     "篇一:丰县教育局2023年法治政府建设年度报告\n2023年,丰县教育局认真贯彻落实县委、县政府的决策部署。\n",
     "丰县教育局2023年法治政府建设年度报告"),
    # a table of contents between the title and the body (目 录 / 第一部分 部门概况 …)
    ("兰陵县教育局2023年度部门决算公开\n来源:兰陵县人民政府网 发布日期:2024-09-12\n\n目 录\n"
     "第一部分 部门概况\n第二部分 2023年度部门决算情况说明\n\n第一部分 部门概况\n一、主要职能\n"
     "兰陵县教育局主管全县教育工作。\n第二部分 2023年度部门决算情况说明\n2023年度支出总计57890.16万元。\n",
     "兰陵县教育局2023年度部门决算公开"),
    # a download site's bracketed source line (【来源:文库】下载券:2 页数:4)
    ("20xx年xx市教育局部门预算公开说明(模板)\n【来源:文库】下载券:2 页数:4\n\n一、部门基本情况\n"
     "xx市教育局内设科室xx个,下属单位xx个。\n二、收支预算总体情况\n20xx年收入预算总额xxxx.xx万元。\n",
     "20xx年xx市教育局部门预算公开说明"),  # (模板): a site's decoration, as after any title noun
    # a template's label of the title line
    ("【标题】xx县教育局20xx年工作计划\n\n一、指导思想\n全县新增学位xxxx个。\n", "xx县教育局20xx年工作计划"),
    # a college's annual report (质量年报), its year covered in brackets under it
    ("唐山工业职业技术学院2023年质量年报\n(2022年度)\n\n一、学校概况\n学院专升本录取672人。\n",
     "唐山工业职业技术学院2023年质量年报"),
    # a site's column label before the title
    ("【政府工作报告】2024年城阳区政府工作报告(全文)\n\n各位代表:全区新增学位3000个。\n", "2024年城阳区政府工作报告"),
    # a statistical overview (概况) under its issuer's line
    ("南山区2023年教育事业发展统计概况\n南山区教育局  编\n\n全区小学入学率100%。\n", "南山区2023年教育事业发展统计概况"),
    # a decision, its note on publication at the end (此件公开发布) no title
    ("关于表彰奖励2023年高考、中考教育教学质量先进单位和个人的决定\n綦江区人民政府\n綦府发〔2023〕37号\n\n"
     "各镇人民政府:\n以上奖励资金共计658万元,由区财政列支。\n\n綦江区人民政府\n2023年7月10日\n(此件公开发布)\n",
     "关于表彰奖励2023年高考、中考教育教学质量先进单位和个人的决定"),
]


@pytest.mark.parametrize(("text", "title"), TITLE_SHAPES,
                         ids=["reply-letter", "template-decoration", "letter-spaced", "source-line",
                              "exclaimed-post-headline", "place-colon", "headline-over-its-issuer-line", "bulletin-issue-box", "headline-with-a-pause-mark",
                              "year-topic-colon",
                              "bracketed-year", "issuer-line-above", "issuer-line-above-reply", "issuer-line-above-a-title-naming-its-place",
                              "issuer-line-above-a-title-naming-its-place-after-a-year", "issuer-line-above-an-approval",
                              "bracketed-span",
                              "download-metadata", "table-under-its-issuer-and-date", "approval-above-its-number",
                              "statistical-analysis", "speech-subtitle-under-its-title", "newsletter-issue-number",
                              "wechat-post-header",
                              "counters-line", "dated-counters-and-author-line", "table-of-contents",
                              "bracketed-source-line", "template-label", "college-annual-report",
                              "site-column-label", "statistical-overview", "decision-and-publication-note"])
def test_title_shapes(text: str, title: str) -> None:
    (report,) = segment(text, views_of(matching_view(text)).segmenting, "doc").reports
    assert report.title == title


def test_numbered_separator_titles_and_a_bracketed_list_head() -> None:
    text = ("1、桐梓县教育局2022年工作总结 | 返回目录\n2022年,全县新增学位1500个,各项工作取得明显成效。\n"
            "【相关推荐】\n教育局上半年工作总结\n2022年区教育局工作总结\n"
            "2、XX县教育局2022年工作总结 | 返回目录\n2022年,全县新增学位900个,各项工作稳步推进。\n")
    first, second = _segment(text).reports
    assert (first.title, second.title) == ("桐梓县教育局2022年工作总结", "XX县教育局2022年工作总结")
    assert text[first.start:first.end].endswith("明显成效。")


def test_news_page_typed_full_width() -> None:
    """A county site's results news, typed with full-width punctuation: its headline
    (which exclaims) sits above a 发布时间:… line, its footer (上一篇:…, 版权所有:…, ICP备)
    is no part of the report and masks no region."""
    text = ("首页 | 新闻中心 | 教育动态 | 政务公开\n当前位置：首页 > 教育动态\n喜报！我县2023年高考再创佳绩\n"
            "发布时间：2023-06-26 来源：县教育局 浏览次数：3562\n"
            "6月25日，2023年高考成绩揭晓。全县本科上线3215人，本科上线率54.8%。\n"
            "责任编辑：张三\n上一篇：我县召开2023年教育工作会议\n下一篇：县教育局开展安全检查\n"
            "版权所有：XX县教育局 备案号：豫ICP备12345678号\n")
    seg = _segment(text)
    (report,) = seg.reports
    assert (report.title, report.year, report.region_masked) == ("喜报!我县2023年高考再创佳绩", 2023, False)
    assert text[report.start:report.end] == "6月25日，2023年高考成绩揭晓。全县本科上线3215人，本科上线率54.8%。"


def test_running_headers_inside_sentences_split_no_report() -> None:
    """A PDF's title repeated at the top of each page, inside sentences going on across
    it, is no next report (it split one report into four); a title repeated between two
    paragraphs still opens one."""
    header = "某县教育局2020年工作总结"
    text = (f"{header}\n\n2020年,全县教育系统坚持以人民为中心的发展思想,全年共投入教育资金\n{header}\n"
            f"3.25亿元,新增学位2850个,小学入学率达到100%,初中巩固率达到\n{header}\n98.5%,高考本科上线\n"
            f"{header}\n1256人,本科上线率达61.3%,再创历史新高。\n")
    def reports(text: str) -> list[Report]:
        return segment(text, views_of(matching_view(text)).segmenting, "doc").reports

    (report,) = reports(text)
    assert (report.title, report.year) == (header, 2020)
    compiled = f"{header}\n2020年,全县新增学位2850个。\n{header}\n2020年,全县新增学位3000个。\n"
    assert len(reports(compiled)) == 2


def test_text_without_cues_is_one_report() -> None:
    text = "今年,全县新建校舍1.2万平方米,小学入学率100%。"
    seg = _segment(text)
    assert [(r.start, r.end) for r in seg.reports] == [(0, len(text))]
    assert seg.boilerplate == []


def test_web_page_chrome_around_one_report() -> None:
    text = ("下载\n打印\n收藏\n【字号:\n加大\n还原\n减小\n】\n2026年某省政府工作报告\n——2026年1月20日在省人民代表大会上\n"
            "来源:某某日报\n时间:2026-02-01\n各位代表:\n现在,我代表省人民政府,向大会报告工作,请予审议。\n"
            "一、2025年工作回顾\n全省地区生产总值增长5%。\n二、2026年重点工作\n办好民生实事。\n相关报道:\n")
    seg = _segment(text)
    (report,) = seg.reports
    assert text[report.start:report.end].startswith("各位代表:")
    assert text[report.start:report.end].endswith("办好民生实事。")
    assert (report.title, report.kind, report.year, report.issuer) == ("2026年某省政府工作报告", "summary_plan", 2026,
                                                                       "省政府")
    assert seg.report_at(text.index("来源")) is None


# ---------------------------------------------------------------- metadata tables

def _meta(title: str, body: str) -> ReportMeta:
    """describe() on the matching view, as the segmenter calls it."""
    return describe(build_view(title).text, build_view(body).text)


KIND_CASES = [
    ("教育局宣传工作总结", "XX年,我区教育工作取得明显成效。", "summary"),
    ("2014年教育局工作计划", "2014年市教育局工作思路是:认真贯彻落实市委决策部署。", "plan"),
    ("成武县教育局二〇一一年工作计划要点", "一、指导思想\n以科学发展观为指导。", "plan"),
    # a list of tasks to be done
    ("桃源市2024年教育重点工作任务清单", "一、学前教育\n新增公办学位3000个。", "plan"),
    # a chronicle records what was done, its span of years no plan's
    ("万载县教育志·大事记(1990—2010年)", "1990年\n3月,县人民政府召开全县“普九”工作动员大会,提出到1995年基本普及九年义务教育。",
     "summary"),
    ("区教育局上半年工作总结及2018年工作计划", "一、 xx年上半年主要工作\n", "summary_plan"),
    ("关于2021年工作总结及来年工作思路报告", "xxxx年,全区教育系统深化改革。", "summary_plan"),
    ("教育局工作总结", "上半年,区教育局紧紧围绕中心工作。\n一、上半年主要工作\n略。\n二、下半年工作思路\n略。", "summary_plan"),
    ("某县教育局工作汇报", "今年以来,全县教育工作稳步推进。", "summary"),
    ("2026年某市政府工作报告", "各位代表:\n一、2025年工作回顾\n略。\n三、2026年重点工作\n略。", "summary_plan"),
    ("", "一、xx年主要工作\n略。\n二、xx年工作打算\n略。", "summary_plan"),
    ("", "今年,全县教育事业稳步发展。", "summary"),
    ("教育局工作計劃", "一、指導思想\n", "plan"),
    # the half year's plan as a paragraph with no heading of its own
    ("区教育局上半年工作总结", "上半年,全区新增学位1200个。\n下半年,我们将重点做好区第二实验小学的开工建设。",
     "summary_plan"),
    # a programme's name holding a plan word types no report (an audit's announcement)
    ("漳县审计局关于学生资助资金和农村义务教育学生营养改善计划资金专项审计调查结果的公告",
     "根据审计法,县审计局对2023年度营养改善计划资金进行了专项审计调查。", "summary"),
    ("2022年湖南省“省培计划”新化县乡村教师工作坊研修项目实施总结", "项目总经费84万元,按照每人2000元标准执行。", "summary"),
    # a speech's meeting named a summary's (高考总结表彰大会) and its 下步打算 section
    ("在全县2020年高考总结表彰大会上的讲话", "同志们:\n今年全县本科上线1862人。", "summary_plan"),
    ("县教育局局长2022年度述职述廉报告", "一、主要工作\n略。\n四、存在问题及下步打算\n略。", "summary_plan"),
    # a plan section headed 工作重点, 下一步打算 or 主要目标 makes a summary summary_plan
    ("2023年教育工作总结", "一、主要成绩\n略。\n五、2024年工作重点\n略。", "summary_plan"),
    ("关于鄂温克族自治旗2022年教育工作情况的报告", "一、基本情况\n略。\n四、下一步打算\n略。", "summary_plan"),
    # a press conference's transcript and a reply to a proposal review and plan
    ("“教育强市建设”系列新闻发布会(第三场)文字实录", "2023年,全市学前教育工作取得明显进展。明年,我们计划新建幼儿园25所。",
     "summary_plan"),
    ("关于市政协十四届二次会议第0215号提案的答复", "王委员:\n您提出的建议收悉。现将有关情况答复如下:", "summary_plan"),
    # a project's documents before it is built, whatever summary word (报告) they hold
    ("关于西吉县第二高级中学新建项目可行性研究报告的批复", "西吉县教育体育局:\n项目总投资2.36亿元。", "plan"),
    ("临泽县城东第二小学新建工程可行性研究报告", "一、项目概况\n项目估算总投资12860.5万元。", "plan"),
    ("关于望城区白箬铺镇九年一贯制学校建设项目环境影响报告表拟批准的公示", "项目总投资约1.68亿元。", "plan"),
    ("遂川县2023年义务教育薄弱环节改善与能力提升项目教学设备采购公开招标公告", "预算金额:1486.2万元。", "plan"),
    # a closing "next step" paragraph is a summary's own
    ("区教育局工作总结", "今年,全区新增学位1200个。\n下一步,我们将继续推进学校建设。", "summary"),
    ("政府工作报告", "一、2021年工作回顾\n略。\n二、2022年工作任务\n略。", "summary_plan"),
    ("南岭县2024年政府工作报告", "一、2023年工作回顾\n略。\n二、2024年工作目标\n略。", "summary_plan"),
    # a budget's execution (the year's accounts) and next year's draft
    ("XX县关于2022年财政预算执行情况和2023年财政预算草案的报告", "2022年,全县教育支出9.8亿元。", "summary_plan"),
    ("关于石门镇2023年财政预算执行情况和2024年财政预算(草案)的报告", "2023年,全镇教育支出860万元。", "summary_plan"),
    # a bulletin of what was done closing on a plan section, under no title word (it was a plan,
    # and every sum it reported a target)
    ("学生资助工作简报", "一、秋季学期各项资助资金全部发放到位\n发放资助资金1.38亿元。\n五、2024年工作打算\n略。",
     "summary_plan"),
    # rules for the coming term (实施细则, 管理办法) plan as opinions do
    ("XX区20xx年秋季随迁子女积分入学实施细则", "一、学位计划:20xx年我区安排积分入学学位xxx个。", "plan"),
    ("某市普惠性民办幼儿园认定和管理办法", "对认定的普惠性民办幼儿园,按每生每年1000元给予补助。", "plan"),
]


@pytest.mark.parametrize(("title", "body", "kind"), KIND_CASES)
def test_kind(title: str, body: str, kind: str) -> None:
    assert _meta(title, body).kind == kind


YEAR_CASES = [
    # title, body, (year, year_masked, year_alt)
    ("2014年教育局工作计划", "2014年市教育局工作思路是:", (2014, False, None)),
    ("成武县教育局二〇一一年工作计划要点", "以科学发展观为指导,全面贯彻会议精神。", (2011, False, None)),
    ("成武縣教育局二○一一年工作計劃要點", "以科學發展觀為指導。", (2011, False, None)),
    ("二零一九年教育工作总结", "一年来,全县教育工作稳步推进。", (2019, False, None)),
    # a school year is its last, its first term its first
    ("2022-2023学年本科教学质量报告", "学校现有全日制在校生2.1万人。", (2023, False, None)),
    ("毕节市中等职业学校2023-2024学年第一学期国家助学金及免学费资金发放公示", "根据有关文件,现将资助名单公示如下。",
     (2023, False, None)),
    # a plan's span of years in the title states its year over the target year its opening names
    ("武侯区智慧校园建设实施方案(2023—2025年)", "为加快推进智慧校园建设,制定本方案。到2025年,全区建成智慧校园示范校30所。",
     (2023, False, 2025)),
    # a goal's year opening an untitled body is not its year (nor its plan's: the claims are targets);
    # a date reached is
    ("", "到2025年,学前三年毛入园率达到95%以上,九年义务教育巩固率达到97%。", (None, False, None)),
    ("", "截至2023年底,全县学前三年毛入园率达到95.2%。", (2023, False, None)),
    # a date-time stamp opening a news item's line dates it before a year a period starts from
    ("省督导评估组来我县开展义务教育优质均衡发展实地核查",
     "2024-11-28 09:15:32 来源:云溪县融媒体中心\n11月25日至27日,督导评估组一行12人进行实地核查。\n"
     "近年来,县委县政府坚持教育优先发展。2021年以来,全县共投入资金5.6亿元。", (2024, False, None)),
    # an academic year (学年) is its last year's
    ("江淮理工大学2022-2023学年本科教学质量报告", "一、本科教育基本情况\n学校坐落于安徽省合肥市。", (2023, False, None)),
    ("2016年11月教育局宣传工作总结", "XX年,我区教育工作在区委领导下取得成效。", (None, True, 2016)),
    ("某市辖区教育和体育局关于2024年工作年度总结", "20xx年,区教体局以多彩教育为基础。", (None, True, 2024)),
    ("教育局委员会关于2021年工作总结", "xxxx年,全区教育系统深化改革。", (None, True, 2021)),
    ("区教育局上半年工作总结及2018年工作计划", "一、 xx年上半年主要工作\n", (None, True, 2018)),
    ("教育局教育工作总结", "基教科在各位领导关心下完成了工作。\n4.11月5日,XX年中小学生运动会举行。", (None, True, None)),
    ("2019年教育工作总结", "2018年,我县教育工作稳步推进。", (2018, False, 2019)),
    # a plan's body opening on the year before: the plan covers its title's year
    ("XX区教育局2024年工作计划", "2023年,全区新增学位3200个。2024年,区教育局将重点做好以下工作。", (2024, False, 2023)),
    ("教育局工作总结", "今年以来,全县教育工作稳步推进,x年级学生参加游泳课。", (None, False, None)),
    ("教育局工作总结", "上半年,区教育局紧紧围绕中心工作,于2月10日开学。", (None, False, None)),
    ("××县教育局××年工作总结", "××年,全县新增学位×××个。", (None, True, None)),
    ("□□县教育局20□□年工作总结", "今年以来,全县教育工作稳步推进。", (None, True, None)),
    # a span's first year (only the last was followed by 年); a year inside another
    # document's title (《…方案(2021—2025年)》) is that document's
    ("永和县学前教育普及普惠三年行动计划(2023—2025年)", "为加快发展学前教育,制定本计划。", (2023, False, None)),
    ("县义务教育优质均衡发展督导评估自评报告",
     "根据《县域义务教育优质均衡发展实施方案(2021—2025年)》要求,现将2023年工作自评如下。", (2023, False, None)),
    # a year opening a numbered heading, or a sentence that says what the year was
    ("沭阳县人民政府工作报告", "各位代表:\n现在,我代表县人民政府向大会报告工作,请予审议,并请县政协委员提出意见。\n"
     "一、2023年工作回顾\n过去一年,全县新增学位1.26万个。", (2023, False, None)),
    ("政府工作报告", "各位代表:\n现在,我代表市人民政府向大会报告工作,请予审议,并请市政协委员提出意见。\n"
     "一、过去一年工作回顾\n2022年是极不平凡的一年。全市新增学位3350个。", (2022, False, None)),
    # a byline opening the body, its date stamp the only year not inside a sentence
    ("县中托管帮扶见实效 汝城一中本科上线率三年翻番",
     "郴州日报社记者 李明 通讯员 陈芳   2023-07-12 09:36:15   来源:郴州新闻网\n"
     "本网讯 7月10日,记者从汝城县教育局获悉,2023年高考汝城县本科上线1026人,比2020年的23.6%翻了一番。",
     (2023, False, None)),
    # ...before a year opening a sentence of the body (2020年,标的学校学费收入…)
    ("民办教育并购再升温:新华杰教育斥资5.6亿元收购贵州一所民办高校",
     "来源:中国教育投资网 　2021-03-09 　字号:大 中 小\n"
     "本网讯 3月8日,新华杰教育发布公告称,拟以现金对价人民币5.6亿元收购一所民办本科独立学院。2020年,标的学校学费收入约2.7亿元。",
     (2021, False, None)),
]


@pytest.mark.parametrize(("title", "body", "expected"), YEAR_CASES)
def test_year(title: str, body: str, expected: tuple[int | None, bool, int | None]) -> None:
    meta = _meta(title, body)
    assert (meta.year, meta.year_masked, meta.year_alt) == expected


REGION_CASES = [
    # title, body, (region, region_masked)
    ("成武县教育局二〇一一年工作计划要点", "促进全县教育事业发展。", ("成武县", False)),
    # a summary whose county is named only by its signature closing the body
    ("2020年线上教学工作总结", "今年以来,我局认真组织线上教学,全年投入资金120万元。\n湘阴县教育局\n2020年12月20日",
     ("湘阴县", False)),
    # a bulletin signed by the city that names three of its districts, and a province's
    # that names three of its cities, are the city's and the province's
    ("关于2022年全市教育经费执行情况的统计公告",
     "全市教育经费总投入为628.7亿元。姑苏区、吴中区、相城区生均一般公共预算教育经费均比上年有所增长。\n"
     "苏州市教育局 苏州市统计局 苏州市财政局", ("苏州市", False)),
    ("教育经费执行情况统计公告",
     "全省教育经费总投入为2810亿元。长沙市、株洲市、湘潭市教育经费总投入居全省前三位。\n湖南省教育厅 湖南省统计局",
     ("湖南省", False)),
    ("2026年北京市政府工作报告", "全市经济平稳运行。", ("北京市", False)),
    ("县教育局校园安全工作总结", "对照《兴山县学校安全工作检查评估标准》,督查全县50多个校点(兴教[]33号)。",
     ("兴山县", False)),
    ("教育局宣传工作总结", "实施了《成华区教育局关于加强宣传工作的意见》,宣传我区教育,扩大成华教育影响。",
     ("成华区", False)),
    ("教育局工作总结", "举行了娄星区亲子读经典展演,促进娄星整体教育水平,实现娄星教育全面发展,全区", ("娄星区", False)),
    ("教育局工作报告", "努力推动新都教化优质均衡发展,推动新都教化治理现代化,全区学校", ("新都区", False)),
    ("教育局工作总结", "打造“学习型新华”“魅力新华”,提高新华教育知名度,全区", ("新华区", False)),
    ("某市辖区教育和体育局关于2024年工作年度总结", "20xx年,区教体局以多彩教育为基础。", (None, True)),
    ("区教育局工作总结", "xx年,xx区继续探索集团化办学,我区教育发展。", (None, True)),
    ("□□县教育局2023年工作总结", "今年以来,□□县教育工作稳步推进。", (None, True)),
    ("教育局工作总结", "全市中小学609名运动员参加,xxxx市体艺现场会召开,全市", (None, True)),
    ("市教育局工作总结", "xx年是我市教育灾后重建的决胜年,xx教育形成了新格局。", (None, True)),
    ("教育局人事科工作总结", "结合《xx市中小学内部管理体制综合改革实施意见》,制定我区方案,全区", (None, False)),
    ("教育局工作总结", "全区中小学、社区学校、实验区和南庄片区积极参与,城区学校", (None, False)),
    ("教育局工作总结", "按照区委部署,提升区教育质量,根据区政府要求,全区", (None, False)),
    # a verb and a noun are no county (新建 the verb, 县第二实验小学 the school)
    ("县教育局2024年工作要点", "今年,全县计划投资9600万元,新建县第二实验小学,新增学位1620个。全县", (None, False)),
    # an autonomous county's short forms name it (长阳县, 长阳自治县 for 长阳土家族自治县)
    ("长阳县教育局2023年工作总结", "2023年,全县教育工作稳步推进。", ("长阳土家族自治县", False)),
    ("长阳自治县教育局2023年工作总结", "2023年,全县教育工作稳步推进。", ("长阳土家族自治县", False)),
    ("石林县教育体育局2023年工作总结", "2023年,全县教育工作稳步推进。", ("石林彝族自治县", False)),
    # a masked place with an ethnic name before its suffix is masked
    ("XX土家族自治县教育局20XX年工作总结", "20XX年,全县教育工作稳步推进。", (None, True)),
    ("关于某自治旗2022年教育工作情况的报告", "2022年,全旗教育工作稳步推进。", (None, True)),
]


@pytest.mark.parametrize(("title", "body", "expected"), REGION_CASES)
def test_region(title: str, body: str, expected: tuple[str | None, bool]) -> None:
    meta = _meta(title, body)
    assert (meta.region_name, meta.region_masked) == expected


ISSUER_CASES = [
    ("教育局教育工作总结", "基教科在各位领导关心指导下完成了工作。", "基教科"),
    ("2016年11月教育局人事科工作总结", "xx年,紧紧围绕本局的年度工作思路。", "人事科"),
    ("县教育局校园安全工作总结", "根据方案精神,县教育局自10月下旬以来开展整治。", "县教育局"),
    ("2014年教育局工作计划", "2014年市教育局工作思路是:", "市教育局"),
    ("成武县教育局二〇一一年工作计划要点", "以科学发展观为指导。", "县教育局"),
    ("某市辖区教育和体育局关于2024年工作年度总结", "20xx年,区教体局以多彩教育为基础。", "区教体局"),
    ("某市辖区教育和体育局关于2024年工作年度总结", "20xx年,全区以多彩教育为基础。", "区教体局"),
    ("教育局宣传工作总结", "XX年,我区教育工作在区委、区政府的坚强领导下。", "教育局"),
    ("2026年北京市政府工作报告", "各位代表:\n现在,我代表北京市人民政府向大会报告。", "市政府"),
    ("工作总结", "今年,我们认真落实各项工作。", None),
]


@pytest.mark.parametrize(("title", "body", "issuer"), ISSUER_CASES)
def test_issuer(title: str, body: str, issuer: str | None) -> None:
    assert _meta(title, body).issuer == issuer


PERIOD_CASES = [
    ("区教育局上半年工作总结", "", "上半年"),
    ("教育局工作总结", "上半年,区教育局紧紧围绕中心工作。", "上半年"),
    ("某市辖区教育和体育局关于2024年工作年度总结", "", "全年"),
    ("2016年11月教育局宣传工作总结", "", "11月"),
    ("2014年教育局工作计划", "2014年市教育局工作思路是:", None),
]


@pytest.mark.parametrize(("title", "body", "period"), PERIOD_CASES)
def test_period(title: str, body: str, period: str | None) -> None:
    assert _meta(title, body).period == period


# ---------------------------------------------------------------- CLI

def test_cli_reports_jsonl(sample_paths: list[Path]) -> None:
    result = CliRunner().invoke(main, ["reports", str(sample_paths[0].parent), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == len(SEED_REPORTS)
    contract = {"doc", "index", "title", "kind", "year", "year_masked", "region", "region_masked", "issuer",
                "start", "end"}
    own = {"region_name", "region_code", "region_level", "province", "province_code", "genre", "period",
           "year_alt"}
    assert all(set(row) == contract | own for row in rows)
    assert [row["index"] for row in rows if row["doc"].startswith("000")] == [0, 1, 2, 3]
    assert rows[-1]["region_masked"] is True and rows[-1]["kind"] == "summary"


def test_cli_reports_jsonl_untitled_is_null(tmp_path: Path) -> None:
    """A text with no title line has title null in the reports contract (a12 of dev2:
    a newspaper item that opens with its first sentence)."""
    page = tmp_path / "aid.txt"
    page.write_text("本报讯 今年上半年,县学生资助管理中心共发放各类资助资金约1131万元,"
                    "惠及学生7000余人。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["reports", str(page), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    [row] = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["title"] is None


def test_cli_reports_table(sample_paths: list[Path]) -> None:
    result = CliRunner().invoke(main, ["reports", str(sample_paths[3]), "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "成武县教育局二〇一一年工作计划要点" in result.stdout
    assert "plan" in result.stdout


# ---------------------------------------------------------------- the data file

def test_segmentation_data_loads() -> None:
    data = segmentation_data()
    assert "总结" in data.title_nouns and "返回目录" in data.separators[0]


@pytest.mark.parametrize(("change", "message"), [
    ({"title_noun": ["总结"]}, "title_noun"),                 # a typo'd key
    ({"heading": "(?:一、"}, "bad pattern"),                   # a pattern that does not compile
    ({"paragraph_min": "thirty"}, "paragraph_min"),
])
def test_segmentation_data_rejects_mistakes(change: dict[str, object], message: str) -> None:
    raw = {**parse_yaml("segmentation.yaml", data_text("segmentation.yaml")), **change}
    with pytest.raises(VocabularyError, match=message):
        validated("segmentation.yaml", SegmentationData, raw)


def test_a_template_sites_reading_guide_is_no_report() -> None:
    """导读:本文是关于…希望能够帮助到大家! is the site's blurb above the compiled reports."""
    text = ("民族地区县教育局年度工作总结2篇\n导读:本文是关于民族地区县教育局年度工作总结2篇,希望能够帮助到大家!\n\n"
            "篇一:阿克陶县教育局2019年工作总结\n2019年,全县新增学位1200个,义务教育巩固率达到95.2%。\n"
            "篇二:阿克陶县教育局2020年工作总结\n2020年,全县新增学位1500个,义务教育巩固率达到96.1%。\n")
    reports = segment(text, views_of(matching_view(text)).segmenting, "doc").reports
    assert [r.title for r in reports] == ["阿克陶县教育局2019年工作总结", "阿克陶县教育局2020年工作总结"]


def test_a_pages_dated_source_line_gives_an_unstated_year() -> None:
    """A news page's source line above its headline (来源:… | 2022-09-08 | 阅读:982) dates the
    report when neither the headline nor the opening states a year (it was null)."""
    text = ("来源:毕节市七星关区教育局 | 2022-09-08 | 阅读:982\n七星关区庆祝第38个教师节教师队伍建设新闻发布会召开\n"
            "9月8日,七星关区召开庆祝第38个教师节暨教师队伍建设新闻发布会。全区现有各级各类学校412所。\n")
    (report,) = _segment(text).reports
    assert report.year == 2022


@pytest.mark.parametrize("text", ["乾县教育局2023年工作总结\n2023年,全县新增学位1200个,义务教育巩固率达到99.1%。\n",
                                  "乾縣教育局2023年工作總結\n2023年,全縣新增學位1200個,義務教育鞏固率達到99.1%。\n"],
                         ids=["simplified", "traditional"])
def test_a_place_name_simplified_chinese_writes_with_a_traditional_character(text: str) -> None:
    """乾 is simplified too (乾县, 乾安县, 乾潭镇): the view keeps it, so the title and the
    region stay the county's (they were 干县教育局…, no region)."""
    (report,) = _segment(text).reports
    assert (report.title, report.region) == ("乾县教育局2023年工作总结", "乾县")


HEADLINE_CASES = [
    # a post's headline naming its year bare (数读2023), posted the year after
    ("📊数读2023丨青川教育这一年,交出亮眼答卷!\n原创 青川教育 青川县教育局 2024-01-15 18:30 发表于四川\n\n"
     "2023年,全县新增学位1800个,义务教育巩固率达到98.6%。\n", "📊数读2023丨青川教育这一年,交出亮眼答卷!", 2023),
    # a notice (通告) under a breadcrumb, its title again with its issuer above its document number
    ("首页 > 政务公开 > 通知公告\n关于发布2024年城区义务教育学位预警的通告\n"
     "发布时间:2024-04-18 10:32  来源:永川区教育委员会  浏览次数:1356\n\n"
     "永川区教育委员会关于发布2024年城区义务教育学位预警的通告\n永教发〔2024〕27号\n\n各位家长、社会各界:\n"
     "根据公安、卫健部门提供的适龄儿童数据,现将2024年城区义务教育学位预警情况通告如下:城区小学一年级学位4200个。\n",
     "永川区教育委员会关于发布2024年城区义务教育学位预警的通告", 2024),
    # a headline over its issuer's line and a date line
    ("文昌市2022年教育工作亮点之高考篇\n　　文昌市教育局\n　　2023年1月12日\n\n"
     "　　2022年,我市高考成绩实现历史性突破,本科上线率首次突破七成。\n　　(一)全市参加普通高考人数3915人,本科上线2789人。\n",
     "文昌市2022年教育工作亮点之高考篇", 2022),
    # a chronicle's title over a month in brackets
    ("韶关市教育局2022年第三季度大事记\n\n(七月)\n7月1日 市教育局党组组织开展庆祝建党101周年主题党日活动。\n"
     "7月20日 全市本科录取7528人,本科录取率49.6%。\n", "韶关市教育局2022年第三季度大事记", 2022),
    # a plan's outline, an extract
    ("遂川县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要(节选)\n第九章 办好人民满意的教育\n\n"
     "第一节 建设高质量教育体系\n坚持教育优先发展,到2025年,全县学前三年毛入园率达到92%以上。\n",
     "遂川县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", None),  # (its year not asserted)
    # a breadcrumb after the site's name
    ("宁陵县人民政府门户网站  您现在的位置:首页 > 要闻动态 > 部门动态\n\n喜报!我县2022年高考再创历史新高\n"
     "来源:宁陵县教育体育局  日期:2022-06-26  作者:李明\n\n"
     "6月25日,河南省2022年普通高考成绩揭晓。我县高考再传捷报,本科上线人数、一本上线人数均创历史新高。\n",
     "喜报!我县2022年高考再创历史新高", 2022),
    # a headline above a post's header (a Markdown copy: the image line is cut)
    ("# 喜报|我校2023年高考再创佳绩\n\n**临川县第一中学** 2023-06-26 08:30 发表于江西\n\n![](images/banner.jpg)\n\n"
     "## 6月23日,2023年高考成绩揭晓。我校高考成绩再创历史新高,各项指标均位居全市前列。\n",
     "喜报|我校2023年高考再创佳绩", 2023),
    # a post's headline in brackets above a call to read on, under the account and the post's time
    ("蜀山教育 V\n2023-8-30 17:42 来自 HUAWEI Mate 40 Pro\n\n#开学季# #蜀山教育# 【新学期,这8所新校(园)投用!新增学位6780个】\n\n"
     "秋季开学在即,今年我区新建、改扩建的8所中小学已全部完工交付,共新增学位6780个。一起来看看吧👇\n\n"
     "1️⃣合肥市琥珀名城小学南校区:总投资1.85亿元,占地面积约40亩,设36个教学班,提供学位1620个;\n",
     "新学期,这8所新校(园)投用!新增学位6780个", 2023),
    # a paper's title over its authors, their affiliation, the journal's issue line and the DOI
    ("农村留守儿童辍学风险的影响因素分析——基于贵州省S县1624名初中生的调查\n作者:王丽娟 陈志强\n"
     "(贵州师范大学教育学院,贵州 贵阳 550025)\n《教育学术月刊》2021年第9期 第58-65页\n"
     "DOI:10.16477/j.cnki.issn1674-2311.2021.09.008\n"
     "摘要:本研究以贵州省S县1624名初中生为样本,分析留守经历对辍学意向的影响。2020年,S县初中辍学率为0.8%。\n",
     "农村留守儿童辍学风险的影响因素分析——基于贵州省S县1624名初中生的调查", None),
    # a news page opening on its headline, which holds a figure, over its date and source line
    ("青山区:“家门口的好学校”越来越多 今年秋季新增学位约1.2万个\n2023-09-02 08:45:21 来源:青山日报 记者 陈晓\n\n"
     "9月1日,青山区新建的7所中小学、幼儿园同步投入使用。今年全区共完成教育投资约9.8亿元,是2020年的两倍。\n",
     "青山区:“家门口的好学校”越来越多 今年秋季新增学位约1.2万个", 2023),
    # ...under a breadcrumb
    ("首页 > 新闻中心 > 教育动态\n河口区:灾后首周复课率达98.6% 312间临时教室投入使用\n"
     "发布日期:2021-08-09 10:32  来源:区教育和体育局  作者:李娜  【字体:大 中 小】\n\n"
     "“7·20”特大暴雨过后,河口区教体局第一时间组织力量排查受灾学校。全区89所中小学、幼儿园中有54所受灾。\n"
     "截至8月6日,全区已有83所学校完成清淤消杀和安全鉴定,复课率达98.6%。\n",
     "河口区:灾后首周复课率达98.6% 312间临时教室投入使用", 2021),
    # a headline whose body follows a longer name and a colon, over its date line
    ("国家开发银行甘肃省分行:助学贷款圆梦 金融活水润陇原\n\n2024-10-09 10:21:06 来源:甘肃日报\n\n"
     "记者从国家开发银行甘肃省分行获悉,截至9月底,2024年该行已在全省86个县区发放生源地信用助学贷款26.3亿元。\n",
     "国家开发银行甘肃省分行:助学贷款圆梦 金融活水润陇原", 2024),
    # a title over its issuer, date and counter
    ("重庆市江北区2022年第三批地方政府专项债券(教育)信息披露文件\n江北区财政局 2022-08-09 浏览次数:1283\n\n"
     "根据有关规定,现将江北区2022年第三批专项债券拟支持的教育项目有关情况公开如下。\n",
     "重庆市江北区2022年第三批地方政府专项债券(教育)信息披露文件", 2022),
    # a title over its issuer's line, then headings and short lines before the first paragraph
    ("浏阳市2021年专项债券项目存续期信息披露(2023年度)\n发布机构:浏阳市财政局 发布日期:2024-05-28\n\n"
     "一、项目基本情况\n项目名称:浏阳市城区中小学扩容提质建设项目\n项目主管部门:浏阳市教育局\n"
     "项目总投资6.28亿元,其中使用专项债券资金4.2亿元,新增学位5460个,目前已全部投入使用。\n",
     "浏阳市2021年专项债券项目存续期信息披露(2023年度)", None),
    # a headline over a newspaper's dateline and page, or over a site's dated line
    ("高州市:总投资2.8亿元的职教城实训基地一期工程竣工\n\n茂名日报 2023年11月20日 第03版\n\n"
     "11月18日,记者从高州市教育局获悉,高州职教城实训基地一期工程日前顺利通过竣工验收。\n",
     "高州市:总投资2.8亿元的职教城实训基地一期工程竣工", 2023),
    ("投资4.6亿元 高新区3所新校9月1日启用\n\n2020年08月28日 09:12   大河网\n\n"
     "[导读] 投资4.6亿元、新增学位5130个,高新区3所新建学校9月1日启用,周边8个小区的孩子有望就近入学。\n",
     "投资4.6亿元 高新区3所新校9月1日启用", 2020),
    # a title behind its page's label (图解:) or before its (全文)
    ("图解:2024年云阳县政府工作报告\n来源:云阳县人民政府网  发布时间:2024-01-25  【字体:大 中 小】\n\n【2023年成绩单】\n"
     "全县新增学位2400个,学前三年毛入园率达到91.5%。\n", "2024年云阳县政府工作报告", None),
    ("2025年渭北市政府工作报告(全文)\n2025-02-14 10:32  来源:渭北日报\n"
     "(2025年2月10日在渭北市第十六届人民代表大会第五次会议上)\n各位代表:现在,我代表市人民政府,向大会报告工作,请予审议。\n",
     "2025年渭北市政府工作报告", None),
    # a memoir's title over its subtitle and its author's byline
    ("我在山村小学的三十八年\n——一位退休乡村教师的回忆\n文/刘德明\n\n"
     "1981年8月,我从县师范学校毕业,背着铺盖卷走进了大山深处的石门乡岩头村小学。那时学校只有两间土坯房。\n",
     "我在山村小学的三十八年", None),
]


@pytest.mark.parametrize(("text", "title", "year"), HEADLINE_CASES, ids=[c[1][:12] for c in HEADLINE_CASES])
def test_a_pages_title_line_past_its_chrome(text: str, title: str, year: int | None) -> None:
    """The title line is found past a month in brackets, a breadcrumb after a site's name,
    a post's header and an image, or over a news page's date line (title was null)."""
    (report,) = segment(text, matching_view(text), "doc").reports
    assert report.title == title
    assert year is None or report.year == year


@pytest.mark.parametrize(("title", "dated", "year"), [
    ("泸溪县“十三五”教育发展回顾", "泸溪县人民政府办公室  2021年1月8日", 2020),
    ("兴平镇中心学校“十三五”工作回顾及“十四五”发展规划", "二〇二〇年十二月", 2020),
    ("宁远县“十三五”教育事业发展规划终期评估报告", "宁远县教育局  2021年2月3日", 2020),
    ("绥宁县教育局关于“十四五”以来教育工作情况的报告", "2024年5月10日", 2024),
])
def test_a_title_reviewing_a_five_year_plans_period_covers_it_to_its_end(title: str, dated: str, year: int) -> None:
    """A title without a year reviewing a past five-year plan's period (“十三五”…回顾) covers it to
    its last year, not the year of its date line (it took 2021); a period still running
    (“十四五”以来) is dated by its date line."""
    text = (f"{title}\n{dated}\n\n“十三五”期间,全县累计投入教育资金18.6亿元,新建、改扩建学校42所,新增学位1.2万个。\n")
    (report,) = _segment(text).reports
    assert report.year == year


def test_a_newsletter_of_the_bureaus_work_is_titled_above_its_bracketed_sections() -> None:
    """A bureau's monthly newsletter (…教育局2024年7月工作动态) is titled by its first line, not
    by its first bracketed section (【中考高考】 was its title)."""
    text = ("珠海市金湾区教育局2024年7月工作动态\n(第7期)\n\n【中考高考】\n"
            "1. 7月3日,2024年中考录取分数线公布。全区公办普通高中录取1865人,中职学校录取1010人。\n"
            "2. 2024年高考,全区本科上线1536人,本科上线率达到81.2%。\n")
    (report,) = _segment(text).reports
    assert (report.title, report.year, report.region) == ("珠海市金湾区教育局2024年7月工作动态", 2024, "金湾区")


def test_a_newsletters_issues_are_summaries_dated_by_their_issue_lines() -> None:
    """Two issues of a bureau's newsletter in one file, each titled over its issue number
    (…工作简报 2023年第6期 after | 返回目录: it had no title, year nor region), report the work
    done whatever aims a meeting set (会议要求确保…); an issue line dates its issue before a
    print date of the next year (it had no year)."""
    text = ("湘潭县教育局工作简报 2023年第5期\n湘潭县教育局 2023年6月5日\n"
            "1.5月10日,全县义务教育学校招生工作会议召开。今年全县计划招收小学一年级新生8600人。会议要求确保适龄儿童入学率达到100%。\n"
            "2.5月16日,县教育局下拨第二批中小学公用经费2156万元。\n| 返回目录\n"
            "湘潭县教育局工作简报 2023年第6期\n湘潭县教育局 2023年7月6日\n"
            "1.6月25日,高考成绩揭晓。全县本科上线3128人。\n")
    reports = _segment(text).reports
    assert [(r.title, r.kind, r.year, r.region) for r in reports] == [
        ("湘潭县教育局工作简报", "summary", 2023, "湘潭县")] * 2
    issue = ("成武县教育和体育局\n教育工作简报\n2023年第4期(总第48期)\n成武县教育和体育局办公室        2024年1月10日\n\n"
             "2023年第四季度教育重点工作情况\n\n【学前教育】\n"
             "10月,县城第七幼儿园两所新建公办园通过竣工验收,共投资2350万元,新增学前学位720个。\n")
    (report,) = _segment(issue).reports
    assert (report.kind, report.year) == ("summary", 2023)


def test_a_digests_heading_naming_news_of_work_is_no_title() -> None:
    """A digest's contents and headings ending in 工作动态 (◆ 各地学前教育“补短板”工作动态) are no
    title: the digest's name over its issue line is (the heading was, after 工作动态 became a
    title noun)."""
    text = ("全省教育要闻汇编\n第7期\n省教育厅办公室                2021年4月2日\n\n目  录\n"
            "◆ 各地推进义务教育优质均衡发展\n◆ 各地学前教育“补短板”工作动态\n\n◆ 各地推进义务教育优质均衡发展\n\n"
            "青州市:青州市2020年教育总投入达18.6亿元,新建、改扩建中小学17所,新增学位1.26万个。\n\n"
            "◆ 各地学前教育“补短板”工作动态\n\n莒县:莒县去年新建、改扩建公办幼儿园23所,总投资1.08亿元,新增学前学位5400个。\n")
    assert [r.title for r in _segment(text).reports] == ["全省教育要闻汇编"]


def test_a_year_compared_with_is_no_reports_year() -> None:
    """A year a figure is compared with (较2020年提高2.1个百分点) is not the year the report
    covers: the page's date gives it (it took 2020, and its 2023 headlines became targets)."""
    text = ("沿河县控辍保学工作取得实效\n发布时间:2023年11月20日  来源:县教育局\n\n"
            "截至10月底,全县九年义务教育巩固率达到96.89%,较2020年提高2.1个百分点。"
            "今年以来,全县劝返复学35人。\n")
    (report,) = _segment(text).reports
    assert report.year == 2023


def test_a_posts_byline_marked_original_names_its_account() -> None:
    """A post's byline marked 原创 (boilerplate, its date the report's) names the account, whose
    county is the report's region (it had none when the headline named no county)."""
    text = ("今年高考再创佳绩\n原创 宜君县教育体育局 宜君教体 2023-06-25 18:30 发表于陕西\n\n"
            "今年高考,我县本科上线937人,较上年增加45人。\n")
    (report,) = _segment(text).reports
    assert (report.title, report.year, report.region) == ("今年高考再创佳绩", 2023, "宜君县")


def test_a_chronicles_span_in_its_title_gives_its_last_year() -> None:
    """A chronicle titled with its span (宁远县志·教育(1986—2005)) covers it to its last year,
    not the year its body opens on (it took 1986, and every later year read as a target)."""
    text = ("宁远县志·教育(1986—2005)\n\n1986年,全县有小学312所,学龄儿童入学率为96.2%。"
            "2005年,全县小学入学率为99.6%,初中毛入学率为97.1%。\n")
    (report,) = _segment(text).reports
    assert (report.kind, report.year) == ("summary", 2005)


def test_a_statistics_briefs_tables_under_its_headings_are_its_body() -> None:
    """A brief whose first sections hold only tables under numbered headings opens its body
    at its first heading, not at its first paragraph (it opened on a table's row with a
    colon, 其中:一般公共预算教育经费, and its first three sections fell out of its range)."""
    text = ("宁乡市2023年教育事业统计简况\n宁乡市教育局发展规划科\n2024年1月\n\n"
            "一、各级各类学校基本情况\n\n表1  学校、学生、教师情况\n学段    学校数(所)    在校生数(人)\n"
            "幼儿园    268    36215\n小学    156    98562\n\n二、主要发展指标\n\n表2  主要发展指标(单位:%)\n"
            "指标    2023年    2022年\n学前三年毛入园率    95.6    94.8\n\n三、经费投入\n\n"
            "其中:一般公共预算教育经费    72310    68560\n全年完成教育建设项目投资4.6亿元。\n")
    (report,) = _segment(text).reports
    assert text[report.start:].startswith("一、各级各类学校基本情况")
    assert report.title == "宁乡市2023年教育事业统计简况"


@pytest.mark.parametrize(("source", "region"), [("来源:岚皋县教育体育局", "岚皋县"), ("来源:安康日报", "和县")])
def test_a_pages_source_field_naming_an_issuing_body_is_its_byline(source: str, region: str) -> None:
    """A notice's source field under its title naming an issuing body (来源:岚皋县教育体育局)
    gives its region before a county's name in the body (和县财政局: 和县, a county too); a
    newspaper's (来源:安康日报) names no issuer and stays out of it."""
    text = (f"关于2023年秋季学期家庭经济困难学生资助资金发放情况的公示\n\n发布时间:2023-12-18  {source}  浏览次数:1286\n\n"
            "根据《陕西省学生资助资金管理办法》和县财政局《关于下达2023年学生资助资金的通知》文件精神,"
            "现将我县2023年秋季学期学生资助资金发放情况公示如下:\n一、学前教育资助\n本学期共资助幼儿1215人,发放资助资金60.75万元。\n")
    (report,) = _segment(text).reports
    assert report.region == region


def test_a_related_links_line_closing_a_page_is_no_report() -> None:
    """A page's related links on one line (相关链接:… | …) after a compilation's last entry is
    furniture: no report of its own (it was a third report, its links' titles its year)."""
    text = ("永新年鉴(2023)·教育\n【基础教育】 2022年,全县学前三年毛入园率91.2%,比上年提高1.7个百分点。\n"
            "【学生资助】 发放各类资助资金2480万元。\n| 返回目录\n"
            "相关链接:永新县2023年国民经济和社会发展统计公报 | 永新县人民政府工作报告(2023年)\n")
    assert len(_segment(text).reports) == 1


def test_a_portals_page_of_articles_each_under_its_sourced_headline() -> None:
    """A portal's page of several articles, each a headline after furniture (责任编辑:…) over a
    dated line naming its source, splits into one report each (they were one, its first
    headline's county the region of every figure)."""
    text = ("教育信息网 · 区县动态\n首页 | 新闻 | 招考 | 政策 | 专题\n\n"
            "【区县动态】金山区2024年中考普高录取率达到72.5%\n2024-07-20 来源:金山区教育局 编辑:王芳\n\n"
            "7月19日,金山区2024年中考成绩揭晓。全区普高录取率达到72.5%,比上年提高1.2个百分点。\n\n责任编辑:刘洋\n\n"
            "【区县动态】长宁县2024年高考本科上线2318人\n2024-06-28 来源:长宁县人民政府网 编辑:赵磊\n\n"
            "6月27日,长宁县公布2024年高考成绩。全县本科上线2318人,本科上线率达到61.2%。\n\n责任编辑:孙丽\n\n"
            "【区县动态】清河县2024年高考清北录取3人 一本上线率超过15%\n2024-07-25 来源:清河县融媒体中心 编辑:高峰\n\n"
            "记者7月24日从清河县教育局获悉,今年清河县高考再传捷报,一本上线率超过15%。\n\n责任编辑:马超\n")
    reports = _segment(text).reports
    assert [(r.region, r.year) for r in reports] == [("金山区", 2024), ("长宁县", 2024), ("清河县", 2024)]


def test_a_speechs_byline_dates_a_title_naming_no_year() -> None:
    """A government work report titled with no year, its speech's byline dated (——2023年2月10日
    在…大会上), is of the byline's year, not of the year its review opens on (2022)."""
    text = ("政府工作报告\n——2023年2月10日在南和市第十六届人民代表大会第二次会议上\n市长 林海峰\n\n一、过去五年工作回顾\n"
            "五年来,全市地区生产总值由2017年的1235亿元增加到2022年的1786亿元。\n")
    (report,) = _segment(text).reports
    assert report.year == 2023


def test_an_autonomous_prefectures_short_form_names_it() -> None:
    """An autonomous prefecture written in its short form (大理州 for 大理白族自治州, whose stem 大理
    alone is marble too) is the report's region (it had none)."""
    text = "大理州发布2023年教育十件大事\n\n2023年,全州新增学位1.2万个,大理州教育体育局投入资金3亿元。\n"
    (report,) = _segment(text).reports
    assert report.region == "大理州"


@pytest.mark.parametrize(("text", "region"), [
    ("区教育局2023年工作总结\n\n今年,区政府投资2.6亿元新建区第五初级中学,新增学位1800个。\n", None),
    ("新建区教育局2023年工作总结\n\n2023年,全区新增学位1800个。\n", "新建区"),
])
def test_a_build_verb_before_a_districts_school_names_no_district(text: str, region: str | None) -> None:
    """新建 (to build) before 区第五初级中学 makes no 新建区 (a district of 南昌) of the report's
    region; the district named at a title's edge stays one."""
    (report,) = _segment(text).reports
    assert report.region == region


def test_a_table_of_a_span_of_years_covers_it_to_its_end() -> None:
    """A title naming figures of a span of years (西平县2021—2023年中考情况统计表), no plan's, covers it
    to its last year (it took 2021, and the rows of 2022 and 2023 read as targets)."""
    text = ("西平县2021—2023年中考情况统计表(摘录)\n来源:西平县教育局基教科  时间:2023-08-10\n\n"
            "2023年全县初中毕业生升学率达到94.6%,中考700分以上考生有112人。\n")
    (report,) = _segment(text).reports
    assert (report.kind, report.year) == ("summary", 2023)


def test_two_bulletins_one_after_the_other_each_under_its_issuer_and_date() -> None:
    """A second bulletin's title over its issuer and date (宁乡市教育局 2023-03-01) starts a
    report of its own, with no separator between (the two were one report of 2023)."""
    text = ("宁乡市2023年教育事业发展简明统计公报\n宁乡市教育局 2024-02-26\n\n"
            "2023年,我市各级各类教育协调发展。全市学前三年毛入园率91.5%。\n"
            "宁乡市2022年教育事业发展简明统计公报\n宁乡市教育局 2023-03-01\n\n"
            "2022年,全市有幼儿园366所,学前三年毛入园率90.2%。\n")
    assert [r.year for r in _segment(text).reports] == [2023, 2022]


@pytest.mark.parametrize(("text", "year"), [("2022年全镇一本上线11人,2023年为15人。", 2023),
                                            ("新增学位数:2021年3200个;2022年4100个;2023年5200个。", 2023),
                                            ("本科上线率:2022年53.2%;2023年56.8%;2024年60.1%。", 2024)],
                         ids=["opening-year-then-bound", "labelled-by-years", "rates-labelled-by-years"])
def test_an_untitled_series_of_years_covers_its_last(text: str, year: int) -> None:
    """An untitled text opening on a series of years its figures are bound to, the year opening
    it among them or each written right before its figure, covers the last: it took the first,
    read the later ones as the future, and so became a plan."""
    (report,) = _segment(text).reports
    assert (report.year, report.kind) == (year, "summary")
