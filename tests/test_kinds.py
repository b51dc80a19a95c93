"""A report no title word or section heading types takes its kind from its figures
(extract/kinds.py): a news item on seats to come is a plan; an exam's results page is no
plan though it closes on a target."""

from __future__ import annotations

from extractor.pipeline import process_source
from extractor.sources.read import SourceFile


def _kinds_and_modalities(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    processed = process_source(SourceFile("page.txt", text.encode("utf-8")))
    return [r.kind for r in processed.reports], [(c.text, c.modality) for c in processed.claims]


def test_a_news_item_on_seats_to_come_is_a_plan() -> None:
    text = ("同安今年新增7860个学位\n今年同安将新增学位7860个,计划投资4.42亿元新建学校5所。"
            "其中城南小学可提供学位1800个。\n")
    kinds, claims = _kinds_and_modalities(text)
    assert kinds == ["plan"]
    assert claims == [("7860个", "target"), ("7860个", "target"), ("4.42亿元", "target"), ("1800个", "target")]


def test_a_results_page_closing_on_a_target_is_no_plan() -> None:
    """Its results have no cue word but are reported facts: they vote actual (the one 力争
    figure made the page a plan and every result a target)."""
    text = ("我县2023年中考成绩揭晓 普高录取率再创新高\n"
            "今年全县初中毕业生3260人参加中考,普通高中录取2180人,录取率为66.9%。"
            "县一中录取860人,县二中录取520人。\n下一步,力争普高录取率达到70%。\n")
    kinds, claims = _kinds_and_modalities(text)
    assert kinds == ["summary"]
    assert claims[-1] == ("70%", "target")
    assert {modality for _, modality in claims[:-1]} == {"actual"}


def test_final_accounts_closing_on_plans_are_a_summary() -> None:
    """决算 reports the year's spending: a closing 下一步安排 of cued targets does not make
    the accounts a plan (every uncued figure of the year was a target)."""
    text = ("城关中心幼儿园2023年度决算说明\n一、基本情况\n全县学前三年毛入园率达到92.6%,全年新增学位60个。"
            "2023年度支出决算为705.6万元,资助金8.6万元。\n(三)下一步安排。2024年计划投入80万元改造户外活动场地,"
            "拟配备约12万元的益智玩教具。\n")
    kinds, claims = _kinds_and_modalities(text)
    assert kinds == ["summary"]
    assert claims == [("92.6%", "actual"), ("60个", "actual"), ("705.6万元", "actual"), ("8.6万元", "actual"),
                      ("80万元", "target"), ("约12万元", "target")]


def test_a_results_article_closing_on_a_plan_sentence_is_no_plan() -> None:
    """Its uncued figures are many times its targets: one closing sentence of plans does
    not make every result of the year a target."""
    text = ("清河县薄改投资3600万元 全县学校旧貌换新颜\n"
            "2023年,清河县投资3600万元实施义务教育薄弱环节改善与能力提升工程,新增学位1200个。"
            "全县小学适龄儿童入学率达100%,初中巩固率达97.8%,初中学生辍学率控制在0.5%以内。"
            "全年发放学生资助资金1860万元,新建幼儿园3所,新增学前学位540个。\n"
            "2024年,清河县计划投资2.1亿元新建县第二实验中学。\n")
    kinds, claims = _kinds_and_modalities(text)
    assert kinds == ["summary"]
    assert claims[-1] == ("2.1亿元", "target")
    assert {modality for _, modality in claims[:-1]} == {"actual"}


def test_a_speech_reviewing_under_its_first_heading_is_no_plan() -> None:
    """A speech's first section praising the year's results (一、肯定成绩,…) reviews it: its
    figures vote actual, so as many tasks after them do not make the speech a plan (they did,
    and the year's 五个亿 a target)."""
    text = ("在2024年全县教育工作会议上的讲话\n同志们:\n一、肯定成绩,坚定办好人民满意教育的信心\n"
            "全年教育投入超过五个亿,新增学位两千四百个,全年发放各类资助资金三千二百多万元,"
            "本科上线一千二百三十六人。\n"
            "二、突出重点,全力抓好今年各项工作\n今年计划投资二点六亿元,力争新增学位三千个以上。"
            "确保九年义务教育巩固率保持在百分之九十八以上,学前三年毛入园率力争达到百分之九十五。\n")
    kinds, claims = _kinds_and_modalities(text)
    assert kinds == ["summary_plan"]
    assert {modality for _, modality in claims[:4]} == {"actual"}
    assert {modality for _, modality in claims[4:]} == {"target"}


def test_a_bulletin_on_work_done_and_planned_is_a_summary_and_plan() -> None:
    """通报 tells what was done, as a 公报 does: with a plan section it reviews and plans (its
    targets outnumbering its results made it a plan, and every result a target)."""
    text = ("兰溪市2023年教育信息化建设情况通报\n一、2023年建设情况\n全市投入教育信息化建设资金1.08亿元。\n"
            "二、2024年工作安排\n2024年计划投资2亿元,新建智慧教室300间,新增学位1200个,力争班班通覆盖率达到100%。\n")
    kinds, claims = _kinds_and_modalities(text)
    assert kinds == ["summary_plan"]
    assert claims[0] == ("1.08亿元", "actual")


def test_a_related_articles_headlines_vote_for_no_kind() -> None:
    """Only the figures in a report's body vote on its kind: two target headlines in the
    related-article list after a news item of results made it a plan, its results targets."""
    text = ("我省发布2023年度民生领域群众满意度测评结果 教育满意度连续三年上升\n"
            "本报讯 3月11日,省统计局民意调查中心发布测评结果。据省教育厅介绍,2023年全省学前三年毛入园率达到92.4%,"
            "全年新增公办义务教育学位12.6万个。\n责任编辑:王静\n相关新闻\n· 江西:今年将新增公办学位10万个\n"
            "· 省教育厅:2024年学前三年毛入园率力争达到93%\n")
    kinds, claims = _kinds_and_modalities(text)
    assert kinds == ["summary"]
    assert claims[:2] == [("92.4%", "actual"), ("12.6万个", "actual")]


def test_a_speech_reviewing_the_year_in_figures_no_cue_marks_is_no_plan() -> None:
    """A speech reviews and assigns tasks: its uncued figures of last year stay actual, however
    many targets follow (the speech was a plan and 91.2% a target)."""
    text = ("在2022年武功县教育工作会议上的讲话\n县长  张伟\n同志们:\n"
            "过去一年,与周边的礼泉县、乾县相比,我县教育发展有了长足进步。"
            "全县学前三年毛入园率达到91.2%,九年义务教育巩固率达到97.6%。\n"
            "今年,全县要确保新增学位1200个,学前三年毛入园率达到93%以上。\n")
    kinds, claims = _kinds_and_modalities(text)
    assert kinds == ["summary_plan"]
    assert claims == [("91.2%", "actual"), ("97.6%", "actual"), ("1200个", "target"), ("93%", "target")]


def test_a_meetings_name_in_a_speechs_title_is_no_kind() -> None:
    """总结 in the name of the meeting a speech was given at (高考总结表彰大会) does not make the
    speech a summary: a speech reviews and plans."""
    text = ("在全县2020年高考总结表彰大会上的讲话\n同志们:\n"
            "今年全县高考本科上线1862人,一本上线412人。\n"
            "明年高考的目标是:一本上线人数力争突破450人,本科上线率确保达到72%以上。\n")
    kinds, _ = _kinds_and_modalities(text)
    assert kinds == ["summary_plan"]


def test_a_ranges_two_ends_vote_once() -> None:
    """A range's ends are one figure: a news item of seats delivered, closing on a plan of
    50亿元至60亿元 and 2万至3万个, was made a plan by four votes for two figures."""
    text = ("青山区:“家门口的好学校”越来越多\n2023-09-02 08:45:21 来源:青山日报\n"
            "9月1日,青山区新建的7所中小学同步投入使用。记者从区教育局获悉,近三年来,青山区累计投入教育建设资金逾30亿元,"
            "新增学位3.6万个,可提供学位2160个。\n"
            "区教育局负责人表示,下一步,青山区将继续加大投入,“十四五”期间计划投资50亿元至60亿元,新增学位2万至3万个。\n")
    kinds, claims = _kinds_and_modalities(text)
    assert kinds == ["summary"]
    assert claims[:2] == [("逾30亿元", "actual"), ("3.6万个", "actual")]


def test_a_target_named_as_a_standard_votes_no_plan() -> None:
    """A target named as the standard a result is held to (低于省定1.5%的控制目标) votes for no
    kind: the news item stays a summary and its result actual (it was a plan, and 0.35% a
    target)."""
    text = "我县控辍保学成效明显\n今年全县初中辍学率0.35%,低于省定1.5%的控制目标。\n"
    kinds, claims = _kinds_and_modalities(text)
    assert kinds == ["summary"]
    assert claims == [("0.35%", "actual"), ("1.5%", "target")]


def test_figures_told_before_the_next_steps_were_done() -> None:
    """A news item of recovery work done, closing on its next steps (下一步,…计划总投资1.6亿元,
    届时可提供学位4200个): its uncued figures before them vote actual (it was a plan, and
    3000万元 and 500万元 targets)."""
    text = ("河口区:灾后首周复课率达98.6% 312间临时教室投入使用\n发布日期:2021-08-09 10:32  来源:区教育和体育局\n\n"
            "截至8月6日,全区已有83所学校完成清淤消杀和安全鉴定。区财政紧急拨付教育救灾资金3000万元,用于校舍抢修。\n"
            "中国红十字基金会向我区捐赠500万元,用于受灾学校重建。\n"
            "下一步,区教体局将加快推进受损较重的7所学校重建,计划总投资1.6亿元,届时可提供学位4200个。\n")
    kinds, claims = _kinds_and_modalities(text)
    assert kinds == ["summary"]
    assert claims == [("3000万元", "actual"), ("500万元", "actual"), ("1.6亿元", "target"), ("4200个", "target")]


def test_a_programmes_carrying_out_reported_on_is_no_plan() -> None:
    """A title naming a programme whose 计划 is carried out (特殊教育提升计划实施情况; 扎实推进…提升
    计划) reports on it: a summary, its figures actual (the title's 计划 made the report a plan and
    every achieved figure a target)."""
    text = ("凤县特殊教育提升计划实施情况\n2020年,全县残疾儿童少年义务教育入学率达到96.8%,"
            "新增特教学位120个,投资800万元改造特教学校。\n")
    kinds, claims = _kinds_and_modalities(text)
    assert kinds == ["summary"]
    assert claims == [("96.8%", "actual"), ("120个", "actual"), ("800万元", "actual")]


def test_a_plans_own_document_stays_a_plan() -> None:
    """…提升计划(2017-2020年) is the plan itself."""
    text = "郧西县第二期特殊教育提升计划(2017-2020年)\n到2020年,全县残疾儿童少年义务教育入学率达到95%以上。\n"
    kinds, claims = _kinds_and_modalities(text)
    assert kinds == ["plan"]
    assert claims == [("95%", "target")]


def test_a_related_headline_after_a_plans_section_is_no_target() -> None:
    """A related article's headline after the body (· 石泉县投资1.1亿元建设职教中心实训楼) is under
    no heading of the report's: its figure was a target of the closing 三、下一步工作打算."""
    text = ("2022年石泉县义务教育优质均衡发展工作汇报\n一、主要成效\n全县新增学位1620个。\n三、下一步工作打算\n"
            "(一)2023年计划投资6000万元,启动县城第四小学建设。\n\n返回顶部　　相关文章:\n"
            "· 石泉县召开2022年秋季开学工作会\n· 石泉县投资1.1亿元建设职教中心实训楼\n")
    _, claims = _kinds_and_modalities(text)
    assert claims == [("1620个", "actual"), ("6000万元", "target"), ("1.1亿元", "actual")]


def test_a_target_in_brackets_beside_a_figure_makes_no_plan() -> None:
    """毛入园率为88.5%(目标为90%) in an untitled text: the bracketed target votes for no kind (it
    made the text a plan and its 88.5% a target)."""
    kinds, claims = _kinds_and_modalities("学前教育毛入园率为88.5%(目标为90%)。\n")
    assert kinds == ["summary"]
    assert claims == [("88.5%", "actual"), ("90%", "target")]


def test_an_untitled_series_of_years_reports_them_all() -> None:
    """An untitled line binding a rate to each of its years (2021年为86%,…,2023年为90.6%) reports
    the series: its year is the last, its figures actual (its first year made the later ones
    targets, and the text a plan)."""
    kinds, claims = _kinds_and_modalities("全区学前三年毛入园率2021年为86%,2022年为88%,2023年为90.6%。\n")
    assert kinds == ["summary"]
    assert claims == [("86%", "actual"), ("88%", "actual"), ("90.6%", "actual")]


def test_a_targets_value_in_a_comparison_votes_for_no_kind() -> None:
    """巩固率为98.26%,较年初目标98%高出…: the target named in the comparison votes for no kind (it
    made the line a plan and its result a target)."""
    kinds, claims = _kinds_and_modalities("全县九年义务教育巩固率为98.26%,较年初目标98%高出0.26个百分点。\n")
    assert kinds == ["summary"]
    assert claims == [("98.26%", "actual"), ("98%", "target"), ("0.26个百分点", "actual")]


def test_a_half_years_statistics_account_with_next_half_plans_is_summary_plan() -> None:
    """简况 is an account of what was done: with 思路 beside it in the title the report is
    summary_plan, and its first half's figures stay actual (all were targets)."""
    text = ("宁陵县2024年上半年教育统计简况及下半年工作思路\n\n一、上半年教育发展情况\n"
            "学前三年毛入园率达到91.4%,普惠性幼儿园覆盖率为86.5%。上半年完成教育项目投资2.1亿元,新增学位2700个。\n"
            "二、下半年工作思路\n力争新增学位2000个。\n")
    kinds, claims = _kinds_and_modalities(text)
    assert kinds == ["summary_plan"]
    assert claims == [("91.4%", "actual"), ("2.1亿元", "actual"), ("2700个", "actual"), ("2000个", "target")]


def test_the_news_of_a_work_conference_reviews_and_assigns() -> None:
    """The news of a work conference is summary_plan, as a speech at one is, and its review
    opened by reported speech (会议指出,2023年…) tells the year's results: all were targets."""
    text = ("会理市召开2024年教育工作会议\n"
            "2月26日,会理市2024年教育工作会议召开。会议总结了2023年全市教育工作,安排部署2024年重点任务。\n"
            "会议指出,2023年全市教育事业取得显著成绩。一是教育投入持续加大。全年完成投资2.46亿元,新增学位4320个。"
            "二是普及水平稳步提升。全市学前三年毛入园率达到91.5%。\n"
            "会议强调,2024年要力争新增学位3600个。\n")
    kinds, claims = _kinds_and_modalities(text)
    assert kinds == ["summary_plan"]
    assert claims == [("2.46亿元", "actual"), ("4320个", "actual"), ("91.5%", "actual"), ("3600个", "target")]


def test_an_account_of_progress_beside_a_plan_word_is_summary_plan() -> None:
    """…上半年民生实事推进情况及下半年工作打算 reviews and plans (it was a plan by its title's 打算);
    a progress account alone stays open to its figures (dev2 a09's 进展情况 is a plan)."""
    text = ("清溪区2023年上半年民生实事推进情况及下半年工作打算\n\n一、上半年推进情况\n"
            "城西九年一贯制学校完成投资1.1亿元,新增学位1890个。\n二、下半年工作打算\n力争新增学位1200个。\n")
    kinds, claims = _kinds_and_modalities(text)
    assert kinds == ["summary_plan"]
    assert claims == [("1.1亿元", "actual"), ("1890个", "actual"), ("1200个", "target")]


def test_a_self_evaluation_issued_by_a_bureau_covers_the_year_its_body_opens_on() -> None:
    """A programme's self-evaluation titled with no year nor education word, its bureau and
    issue date under the title (南陵县教育局(2024年1月)), is the bureau's report of the year its
    body opens on: its money is education's (its project sum was taken for something else)
    and its year 2023, not the issue date's."""
    text = ("南陵县普通高中改造计划项目资金绩效自评报告\n\n南陵县教育局(2024年1月)\n\n一、项目基本情况\n"
            "2023年,我县实施普通高中改造计划,项目总投资1.26亿元。\n三、目标完成情况\n"
            "(一)项目建设。截至2023年12月,累计完成投资1.18亿元,投资完成率93.7%。\n")
    processed = process_source(SourceFile("self_evaluation.txt", text.encode("utf-8")))
    assert [(r.year, r.region) for r in processed.reports] == [(2023, "南陵县")]
    assert [(c.indicator, c.text) for c in processed.claims] == [
        ("investment", "1.26亿元"), ("investment", "1.18亿元")]


def test_a_plan_on_something_else_issued_jointly_with_a_bureau_is_not_educations() -> None:
    """A child-care plan issued by a health commission and an education bureau (its title names
    婴幼儿照护) is no education body's report for its money: its childcare subsidies stay out."""
    text = ("清河市2024年婴幼儿照护服务工作要点\n\n清河市卫生健康委员会 清河市教育局\n(2024年2月26日)\n\n"
            "一、重点任务\n对新增普惠托位按每个1万元给予一次性建设补助,市财政安排补助资金2000万元。\n")
    processed = process_source(SourceFile("childcare.txt", text.encode("utf-8")))
    assert [c.text for c in processed.claims] == []


def test_what_a_work_will_hold_votes_for_no_plan() -> None:
    """A figure a work done will hold (建成后可提供学位1350个) is a target, but a summary states it
    too: it made an untitled text a plan and its investment a target."""
    kinds, claims = _kinds_and_modalities("投资4500万元新建城西初级中学,建成后可提供学位1350个。\n")
    assert kinds == ["summary"]
    assert claims == [("4500万元", "actual"), ("1350个", "target")]


def test_a_targets_value_beside_the_result_votes_for_no_plan() -> None:
    """A target's value in brackets after 目标任务 is a target, beside the result it is compared with:
    it made a one-line summary a plan and its rate reached a target."""
    kinds, claims = _kinds_and_modalities("全县学前三年毛入园率达到95.6%,超额完成年度目标任务(93%)。\n")
    assert kinds == ["summary"]
    assert claims == [("95.6%", "actual"), ("93%", "target")]
