"""Claims and page shapes: every occurrence of a claim counts, in a report body, a
headline or a related-article list; page furniture (chrome, links, image captions) holds none."""

from __future__ import annotations

from pathlib import Path

from extractor.pipeline import process_source
from extractor.segment.split import segment
from extractor.sources.read import SourceFile
from extractor.text.normalize import build_view, find_page_splices


def _boilerplate(text: str, name: str) -> list[tuple[int, int]]:
    return segment(text, build_view(text, find_page_splices(text)), name).boilerplate


def test_no_seed_claim_sits_in_boilerplate(sample_paths: list[Path]) -> None:
    for path in sample_paths:
        processed = process_source(SourceFile(str(path), path.read_bytes()))
        spans = _boilerplate(processed.text, path.name)
        assert spans, f"{path.name}: every seed shape has some boilerplate"
        reports = {r.index: r for r in processed.reports}
        for claim in processed.claims:
            report = reports[claim.report_index]
            assert report.start <= claim.start < report.end, (path.name, claim.text)
            assert not any(s <= claim.start < e for s, e in spans), (path.name, claim.text)


PAGE = """好文档 - 专业文书写作范文服务资料分享网站

某县教育局2023年工作总结

分享 时间: 加入收藏 我要投稿 点赞

2023年，全县教育系统新增学位1200个，义务教育巩固率达到98.6%。

推荐阅读：
全县新增学位5000个的经验做法
巩固率达到99%的学校管理心得
![[图文]城区学校新增学位3000个](http://www.example.com/upload/2023/07/31/1.jpg)

微信扫码领取福利 浏览次数：1234
"""


def test_related_articles_count_and_page_furniture_does_not() -> None:
    processed = process_source(SourceFile("page.txt", PAGE.encode("utf-8")))
    assert [(c.indicator, c.text) for c in processed.claims] == [
        ("degree_seats", "1200个"), ("retention_rate", "98.6%"),
        ("degree_seats", "5000个"), ("retention_rate", "99%")]  # the list; not the image link


def test_a_tag_line_inside_a_summary_is_no_plan_heading() -> None:
    """A site's tag line (TAG:教育 | 工作计划 | 计划) inside a summary is boilerplate, not a
    section heading of plans: the figures after it stay actual (they were targets)."""
    text = ("临川区2012年教育局工作总结\n2012年,全区教育系统紧紧围绕区委区政府中心工作,新增学位1200个。\n"
            "TAG:教育 | 工作 | 工作计划 | 计划 | 教育局 |\n"
            "全年免除农村义务教育阶段学生杂费270多万元,义务教育巩固率达到98.6%。\n")
    processed = process_source(SourceFile("tag.txt", text.encode("utf-8")))
    assert [(c.text, c.modality) for c in processed.claims] == [
        ("1200个", "actual"), ("270多万元", "actual"), ("98.6%", "actual")]


def test_a_table_caption_is_no_plan_heading() -> None:
    """表2 学生资助资金安排情况 holds 安排 but heads a table, not a section of plans."""
    text = ("县教育局2023年学生资助工作总结\n2023年,全县学生资助工作扎实推进,全年发放资助资金2150万元。\n"
            "表2 学生资助资金安排情况\n资助学生18650人,国家助学金1870万元。\n")
    processed = process_source(SourceFile("caption.txt", text.encode("utf-8")))
    assert [(c.text, c.modality) for c in processed.claims if c.indicator == "funding"] == [
        ("2150万元", "actual"), ("1870万元", "actual")]


POST = """青溪教育 Vol.128 | 2024.09.01

开学第一天 | 全县6.2万名中小学生返校报到

今年秋季，全县义务教育阶段新增学位2400个，高中阶段毛入学率达到95.2%。

喜欢作者 ❤️ 赞赏 2元

【广告】青溪优学秋季数学培优班原价3980元，限时价1980元，扫码立即报名！

精选留言（32）

网友“阿明”：孩子在县五小上学，新学校真好！
"""


def test_a_posts_ads_and_tip_button_hold_no_claims_and_comments_end_its_report() -> None:
    processed = process_source(SourceFile("post.txt", POST.encode("utf-8")))
    assert [(c.indicator, c.text) for c in processed.claims] == [
        ("degree_seats", "2400个"), ("enrollment_rate", "95.2%")]
    assert [processed.text[r.start:r.end].endswith("95.2%。") for r in processed.reports] == [True]


WECHAT_LIST = """【数说2023】宁西区学前教育这一年
宁西区教育局 2024-01-10

2023年,全区新建幼儿园5所,新增学位1350个,投资1.2亿元,学前三年毛入园率达到92.6%。

往期推荐
▶ 宁西区2023年中考成绩出炉:普高录取率达62%
▶ 宁西区3.5亿元打造“15分钟生活圈”
淅川县城区道路改造工程投资4亿元
淅川县高考本科上线人数突破3000人
"""


def test_a_related_lists_headlines_are_each_their_own_and_not_the_reports() -> None:
    """Headlines under a list head, one a line, are sentences of their own (the lines were
    joined, a school's words before reaching a road's money), and another page's: the
    education body's prior is not theirs (a town's 3.5亿元 was stored as 学前 funding)."""
    processed = process_source(SourceFile("list.txt", WECHAT_LIST.encode("utf-8")))
    assert [(c.indicator, c.text, c.level) for c in processed.claims] == [
        ("degree_seats", "1350个", "学前"), ("investment", "1.2亿元", "学前"), ("enrollment_rate", "92.6%", "学前"),
        ("admission_rate", "62%", None), ("admitted_count", "3000人", None)]


def test_an_attachment_after_the_report_keeps_its_prior_and_stage() -> None:
    """An attachment's figures after the report's end (附：项目主要指标, before a related list) are
    the report's: they kept its prior and stage while the related list's lost them (the
    kindergarten's 4200万元 was dropped)."""
    text = ("县第三幼儿园新园通过竣工验收\n发布日期：2024年7月18日　　信息来源：兴安县教育局\n\n"
            "7月16日，县教育局会同县住建局等部门，对县第三幼儿园新园建设项目进行竣工验收。\n\n"
            "下一步，县教育局将督促施工单位做好工程扫尾和整改工作，确保新园于9月1日正式开园。\n\n"
            "附：项目主要指标\n项目名称：兴安县第三幼儿园新园建设项目\n建设规模：12个班，学位360个\n总投资：4200万元\n"
            "开工时间：2023年5月\n\n相关链接：\n· 兴安县召开2024年秋季学期开学工作部署会\n\n（责任编辑：刘晓）\n")
    processed = process_source(SourceFile("annex.txt", text.encode("utf-8")))
    assert [(c.indicator, c.text, c.level) for c in processed.claims] == [
        ("degree_seats", "360个", "学前"), ("investment", "4200万元", "学前")]


def test_readers_comments_keep_the_pages_prior() -> None:
    """A reader's comment quoting the article's sum (网友评论 / 匿名:贷款9800万元这么多?) is about
    the page it stands under, unlike a related list's headline: it was dropped with them."""
    text = ("华阳市2023年学生资助工作成效显著\n华阳市教育局 2023-12-20\n\n"
            "全年为1.2万名大学新生办理生源地信用助学贷款9800万元。\n\n网友评论(3)\n匿名:贷款9800万元这么多?\n")
    processed = process_source(SourceFile("comments.txt", text.encode("utf-8")))
    assert [c.text for c in processed.claims if c.indicator == "funding"] == ["9800万元", "9800万元"]
