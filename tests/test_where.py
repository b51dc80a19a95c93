"""Where and when a report is about, from its title and its first line, on real lines.

Each case is a report's title and the first line of its body as a real text has them
(dev2, the seeds, the corpus's government work reports), and what describe() must read off
them: the region's full name, its GB/T 2260 code, the year, and whether the year or the
region is masked. Negatives hold a name that is not the report's region: a passing province,
a newspaper, a place people went to, an ordinary phrase (全县广大, 高中段). The region of a
whole report (title, opening and body) is checked against the gold in test_gazetteer.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.models.records import Report
from extractor.segment.meta import describe

# (source, title, first line, (full name, code, year, year masked, region masked))
Expected = tuple[str | None, str | None, int | None, bool, bool]
CASES: list[tuple[str, str, str, Expected]] = [
    # ---- government work reports (corpus)
    ("corpus/08", "2026年北京市政府工作报告", "", ("北京市", "110000", 2026, False, False)),
    ("corpus/08", "——2026年1月25日在北京市第十六届人民代表大会第四次会议上", "",
     ("北京市", "110000", 2026, False, False)),
    ("corpus/08", "北京市市长 殷勇", "现在，我代表北京市人民政府，向大会报告政府工作，请予审议",
     ("北京市", "110000", None, False, False)),
    ("corpus/08", "来源：北京日报", "", (None, None, None, False, False)),
    ("corpus/09", "2026年山东省政府工作报告", "", ("山东省", "370000", 2026, False, False)),
    ("corpus/09", "——2026年1月27日在山东省第十四届人民代表大会第四次会议上", "",
     ("山东省", "370000", 2026, False, False)),
    ("corpus/09", "山东省省长 周乃翔", "现在，我代表省人民政府向大会报告工作，请予审议",
     ("山东省", "370000", None, False, False)),
    ("corpus/09", "来源：大众日报", "", (None, None, None, False, False)),
    ("corpus/10", "2026年甘肃省政府工作报告", "", ("甘肃省", "620000", 2026, False, False)),
    ("corpus/10", "——二〇二六年一月二十七日在甘肃省十四届人民代表大会第四次会议上", "",
     ("甘肃省", "620000", 2026, False, False)),
    ("corpus/10", "甘肃省省长 任振鹤", "我代表省人民政府，向大会报告工作，请与《甘肃省国民经济和社会发展第十五个五年规划纲要(草案)》一并审议",
     ("甘肃省", "620000", None, False, False)),
    # (a title reviewing a past five-year plan's period covers it to its last year)
    ("corpus/10", "“十四五”时期工作回顾", "“十四五”时期是甘肃发展极不寻常、极不平凡的五年",
     ("甘肃省", "620000", 2025, False, False)),
    ("corpus/10", "2026年重点工作", "今年是“十五五”开局之年", (None, None, 2026, False, False)),
    ("corpus/10", "“十五五”时期的主要目标任务", "“十五五”时期是我国基本实现社会主义现代化夯实基础、全面发力的关键时期",
     (None, None, None, False, False)),
    # ---- dev2: bureau summaries, speeches, plans
    ("dev2/a01", "2022年教育局年度工作总结", "", (None, None, 2022, False, False)),
    ("dev2/a02", "在某县庆祝教师节暨201x年教育工作会议上的讲话", "", (None, None, None, True, True)),
    ("dev2/a02", "全力办好群众满意的高质量教育",
     "在第34个教师节即将来临之际,我们在这里召开全县教育工作会议,主要目的是总结成绩,表彰先进",
     (None, None, None, False, False)),
    ("dev2/a03", "某县长在全县教育高质量发展大会上的讲话",
     "这次全县教育高质量发展大会,主要任务是:深入学习贯彻习近平总书记关于教育的重要论述",
     (None, None, None, False, True)),
    ("dev2/a04", "市教育局在发挥人大监督作用助推我市幼儿园中小学校建设座谈会上的发言材料",
     "xx市教育局在“发挥人大监督作用,助推我市幼儿园、中小学校建设”座谈会上的发言材料范文",
     (None, None, None, False, True)),
    ("dev2/a05", "教育局上半年教育工作总结汇报",
     "认真贯彻落实《国务院办公厅关于完善农村义务教育管理体制的通知》精神,及时把全市教师工资全部上划到县统一发放",
     (None, None, None, False, False)),
    ("dev2/a07", "副县长在全县教育工作会议上的讲话",
     "(前略) 一、肯定成绩,提振信心谋发展 过去一年,在大家的共同努力下,全县教育事业取得了新的进展",
     (None, None, None, False, False)),
    ("dev2/a07", "副县长在全县教育工作会议上的讲话", "XX 县区学前三年教育毛入学率达到90%",
     (None, None, None, False, True)),
    ("dev2/a09", "2020年泉州市教育局承担市委、市政府为民办实事公办幼儿园建设项目1-4月进展情况",
     "2020年泉州市教育局承担市委、市政府为民办实事新、改扩建公办幼儿园20所,规划建设面积约6万平方米",
     ("泉州市", "350500", 2020, False, False)),
    ("dev2/a10", "教育局季度工作总结一",
     "20**年上半年,区教育局在区委、区政府的正确领导和有关部门的大力支持下,坚持以科学发展观为指导",
     (None, None, None, True, False)),
    ("dev2/a11", "", "我县对学前、义教、高中、中职各阶段的脱贫户等贫困学生及时落实学生资助政策,2021年我县共资助贫困学生2.8189万人次",
     (None, None, 2021, False, False)),
    ("dev2/a12", "", "本报讯(通讯员 刘小丽)笔者日前从县学生资助管理中心 获悉,今年上半年,我县落实学生资助共计357703人次约6414万元",
     (None, None, None, False, False)),
    ("dev2/a13", "鸡泽7000名贫困生顺利上学 发放资助金1131万元", "该县在全市率先完成了学生资助任务",
     ("鸡泽县", "130431", None, False, False)),
    ("dev2/a14", "我县营养改善计划累计落实补助资金1.1亿元", "", (None, None, None, False, False)),
    ("dev2/a15", "2017年光山县高考再创辉煌", "激情六月,高考大捷。万众瞩目的高考成绩已经揭晓,我县高考再次华彩绽放",
     ("光山县", "411522", 2017, False, False)),
    ("dev2/a15", "教育局工作总结", "砥砺写传奇,凝心铸辉煌,全县广大教师和教育工作者再次向全县人民交出了一张满意答卷",
     (None, None, None, False, False)),
    ("dev2/a16", "", "今年,我市高考考生中应届生38564人,占考生总数的82.8%,往届生7984人,占17.2%",
     (None, None, None, False, False)),
    # ---- dev2: statistics bulletins, news, policies
    ("dev2/b01", "2012年浙江教育事业发展统计公报", "2012年,全省教育以科学发展观为指导,加快教育现代化建设",
     ("浙江省", "330000", 2012, False, False)),
    ("dev2/b01", "", "2012年,全省教育以科学发展观为指导,加快教育现代化建设", (None, None, 2012, False, False)),
    ("dev2/b02", "山西省2018年教育事业发展统计公报", "2018年,全省教育系统以习近平新时代中国特色社会主义思想为指导",
     ("山西省", "140000", 2018, False, False)),
    ("dev2/b03", "高中阶段教育发展统计公报", "全省高中段教育(包括普通高中、职业高中、普通中等专业学校、成人中等专业学校和技工学校)共有学校1048所",
     (None, None, None, False, False)),
    ("dev2/b05", "《政府工作报告》解读二:2024年工作回顾(二)", "这一年,我们聚焦三农谋幸福,乡村振兴持续深入",
     (None, None, 2024, False, False)),
    ("dev2/b06", "", "1-3月份,全县一般公共预算教育支出43866万元", (None, None, None, False, False)),
    ("dev2/b07", "***教育督导评估工作自查报告",
     "我们***根据***县人民政府督导会议精神,结合《云南省教育办公厅关于建立对县级人民政府教育工作进行督导评估制度的实施意见》",
     (None, None, None, False, True)),
    ("dev2/b08", "xx 县人民政府履行教育职责情况自评报告", "", (None, None, None, False, True)),
    ("dev2/b08", "履行教育职责情况自评报告", "根据《2022 年xx 市人民政府履行教育职责自查自评工作方案》要求",
     (None, None, 2022, False, True)),  # a masked place opening the body masks the report's
    ("dev2/b09", "杭州市人民政府关于加快学前教育改革与发展的若干意见(试行)", "(杭政函〔2005〕39号)各区、县(市)人民政府:",
     ("杭州市", "330100", 2005, False, False)),
    ("dev2/b09", "杭州推进学前教育均衡优质发展的主要做法", "", ("杭州市", "330100", None, False, False)),
    ("dev2/b12", "同安新增学位7860个 第一实小西洋校区9月投用",
     "海西晨报讯(记者 陈雅玲)昨日,记者从同安区教育局获悉,今年同安将新增7860个学位",
     ("同安区", "350212", None, False, False)),
    ("dev2/b12", "厦门海沧新增9030个学位 “海娃”入学仍有缺口", "", ("海沧区", "350205", None, False, False)),
    ("dev2/b12", "厦门海沧今年计划竣工交付使用项目10个 新增9030个学位", "", ("海沧区", "350205", None, False, False)),
    ("dev2/b12", "厦门湖里今年建八所学校 建成后可增学位6000多个", "", ("湖里区", "350206", None, False, False)),
    ("dev2/b12", "厦门湖里区积分入学学位预警 报名人数超可供学位", "", ("湖里区", "350206", None, False, False)),
    ("dev2/b12", "厦门同安投资4.42亿元新增7950个学位 让更多孩子上好学", "", ("同安区", "350212", None, False, False)),
    ("dev2/b12", "厦门集美发布积分入学学位预警 小学学位缺口约三千人", "", ("集美区", "350211", None, False, False)),
    ("dev2/b13", "寒亭实验中学公寓", "寒亭区第二实验小学西校区 寒亭区抽调骨干力量组建5个项目专班,对全区重点教育项目实行“专班项目式管理”",
     ("寒亭区", "370703", None, False, False)),
    ("dev2/b13", "寒亭富亭街小学效果图", "“十四五”期间,寒亭区规划投资近15亿元,新改扩建文化街小学、吉祥东街小学等11所学校",
     ("寒亭区", "370703", None, False, False)),
    ("dev2/b14", "[龙岗]投入4亿 7校新开张新增学位超万个", "导语:9月1日开学第一天,龙岗区又有七校喜迎新开张,新增学位超万个",
     ("龙岗区", "440307", None, False, False)),
    ("dev2/b16", "", "日前,省政府出台《关于进一步完善中小学布局规划建设的意见》", (None, None, None, False, False)),
    # ---- seeds
    ("seeds/000", "教育局教育工作总结", "基教科在各位领导关心指导、兄弟科室和基层学校支持下,按计划、按要求完成了如下主要工作:",
     (None, None, None, False, False)),
    ("seeds/000", "县教育局校园安全管理专项整治工作总结",
     "根据《县中小学、幼儿园及少年儿童安全管理专项整治行动实施方案》精神,县教育局自10月下旬以来,对全县中小学、幼儿园的安全进行了整治",
     (None, None, None, False, False)),
    ("seeds/000", "教育局工作总结", "上半年,区教育局紧紧围绕区委、区政府中心工作和教育局年度工作计划安排,全面贯彻落实“教育强区”战略",
     (None, None, None, False, False)),
    ("seeds/000", "区教育局上半年工作总结及2018年工作计划", "1.首批教育联盟运作顺利", (None, None, 2018, False, False)),
    ("seeds/001", "2016年11月教育局宣传工作总结", "XX年,我区教育工作在区委、区政府的坚强领导下,紧紧围绕区委“1413”发展战略",
     (None, None, None, True, False)),
    ("seeds/001", "教育局思想宣传工作总结", "XX年年,在区委、区委宣传部的正确领导下,全区教育系统坚持以邓小平理论为指导",
     (None, None, None, True, False)),
    ("seeds/001", "2016年11月市教育局工作总结", "xx年是我市教育灾后重建的决胜年,同时也是全市各级各类学校发展提升的关键一年",
     (None, None, None, True, False)),
    ("seeds/001", "市教育局工作总结", "xx年3月组织全市38名中小学校长赴江苏无锡挂职培训", (None, None, None, True, False)),
    ("seeds/001", "市教育局工作总结", "10月组织我市中小学41名校级干部赴江苏南通挂职学习一个月", (None, None, None, False, False)),
    ("seeds/001", "2016年11月教育局人事科工作总结", "xx年,紧紧围绕本局的年度工作思路和工作中心,根据全区教育工作会议精神",
     (None, None, None, True, False)),
    ("seeds/002", "教育局委员会关于2021年工作总结及来年工作思路报告", "一年来,在区委、区政府的坚强领导下,努力推动新都教化优质均衡发展",
     ("新都区", "510114", 2021, False, False)),
    ("seeds/003", "2014年教育局工作计划", "2014年市教育局工作思路是:认真贯彻落实市委、市政府决策部署",
     (None, None, 2014, False, False)),
    ("seeds/003", "成武县教育局二〇一一年工作计划要点", "以科学发展观为指导,全面贯彻党的十七届五中全会和全国、全省教育工作会议精神",
     ("成武县", "371723", 2011, False, False)),
    ("seeds/003", "万江国土分局2015上半年工作总结和下半年工作计划", "", (None, None, 2015, False, False)),
    ("seeds/004", "某市辖区教育和体育局关于2024年工作年度总结", "20xx年,区教体局以多彩教育为基础,以品质课堂为核心",
     (None, None, None, True, True)),
    # ---- first lines of reports naming their place in other ways (seeds, dev2 sentences)
    ("seeds/000", "教育局工作总结", "举行了娄星区亲子读经典展演,促进娄星整体教育水平,实现娄星教育全面发展",
     ("娄星区", "431302", None, False, False)),
    ("seeds/000", "县教育局校园安全工作总结", "对照《兴山县学校安全工作检查评估标准》,督查全县50多个校点",
     ("兴山县", "420526", None, False, False)),
    ("seeds/001", "教育局宣传工作总结", "实施了《成华区教育局关于加强宣传工作的意见》,宣传我区教育,扩大成华教育影响",
     ("成华区", "510108", None, False, False)),
    ("seeds/001", "教育局工作总结", "打造“学习型新华”“魅力新华”,提高新华教育知名度,全区", ("新华区", None, None, False, False)),
    ("seeds/001", "教育局工作总结", "石家庄市新华区教育局认真落实全区教育工作会议精神", ("新华区", "130105", None, False, False)),
    ("dev2/a10", "教育局季度工作总结", "金湾区教育局以市委市政府大力推进西部城区建设为契机,全区教育稳步发展",
     ("金湾区", "440404", None, False, False)),
    ("dev2/b11", "", "十堰市今年秋季开学,全市义务教育阶段学校中,新建有6所,改扩建有48所",
     ("十堰市", "420300", None, False, False)),
    ("dev2/b05", "", "“固安番茄”净菜进京平均每日超过550吨,达到全省总量1/6", (None, None, None, False, False)),
    ("dev2/a08", "", "支持炎刘镇吴桥小学资金80万元,全力促进各级各类学校改善办学条件", (None, None, None, False, False)),
    ("dev2/a06", "教育局的工作总结", "县赤松乡、龙泉镇、景山镇、西南岔镇中心幼儿园建设项目全部完工", (None, None, None, False, False)),
    ("dev2/b14", "", "新建的8所学校,包括深圳中学龙岗初级中学、龙岗区外国语学校", ("龙岗区", "440307", None, False, False)),
    ("dev2/b16", "", "新增学位中,福州10715个,泉州22007个,剩余指标分布于其他六地市(厦门市另外单列)",
     (None, None, None, False, False)),
    ("dev2/a02", "", "国家、省、市对教育投入不断加大,姜堰教育发展迎来了新的机遇", ("姜堰区", "321204", None, False, False)),
    ("dev2/a11", "落实学生资助政策,确保精准资助", "我县对学前、义教、高中、中职各阶段的脱贫户等贫困学生及时落实学生资助政策",
     (None, None, None, False, False)),
    # ---- years in other shapes
    ("dev2/b08", "", "2021 年度履行教育职责情况和 2022 年教育领域相关重点工作推进情况进行全面自查",
     (None, None, 2021, False, False)),
    # a county's short form alone, with no word using it as a place (龙岗教育): unsure, none
    ("dev2/b14", "", "据了解,2013年,龙岗继续推出多项举措助力教育发展", (None, None, 2013, False, False)),
    ("dev2/a01", "2022年教育局年度工作总结", "_年,我县教育工作在县委、县政府的正确领导下", (None, None, None, True, False)),
]


@pytest.mark.parametrize(("source", "title", "opening", "expected"), CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_where_and_when(source: str, title: str, opening: str, expected: Expected) -> None:
    meta = describe(title, opening)
    got = (meta.region_name, meta.region_code, meta.year, meta.year_masked, meta.region_masked)
    assert got == expected


def test_the_table_is_large_and_has_negatives() -> None:
    assert len(CASES) >= 80
    named = [c for c in CASES if c[3][0] is not None]
    negatives = [c for c in CASES if c[3][0] is None and not c[3][4]]
    assert len(named) >= 30 and len(negatives) >= 25


CORPUS = Path(__file__).resolve().parent / "data" / "corpus"


@pytest.mark.parametrize(("name", "province", "code"), [
    ("08_beijing-gov-work-report-2026.txt", "北京市", "110000"),
    ("09_shandong-gov-work-report-2026.txt", "山东省", "370000"),
    ("10_gansu-gov-work-report-2026.txt", "甘肃省", "620000"),
])
def test_a_government_work_report_is_its_provinces(name: str, province: str, code: str) -> None:
    reports = extract_file_reports(CORPUS / name)
    assert [(r.region_name, r.region_code, r.region_level, r.year) for r in reports] == [
        (province, code, "province", 2026)]


def extract_file_reports(path: Path) -> list[Report]:
    from extractor.pipeline import process_source
    from extractor.sources.read import SourceFile

    return process_source(SourceFile(str(path), path.read_bytes())).reports
