"""The region gazetteer: China's divisions from the GB/T 2260 table, names found in real
report lines, and the region a report is about.

The lines of the big table are quoted from the texts in data/samples/ (the seeds),
tests/data/dev2/texts/ and tests/data/corpus/, as published (traditional ones too); each
test checks first that the quote is really in its file, then runs it through the matching
view, as the pipeline does. A mention is written (written, name, code, level, province);
for a name several divisions share, codes and provinces list every candidate in code
order and names and levels each distinct one, joined by "|".
"""

from __future__ import annotations

import json
import statistics
import time
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from extractor.errors import VocabularyError
from extractor.segment.meta import level_of, meta_cues, opening_of
from extractor.segment.regions import Gazetteer, Mention, choose, gazetteer, report_region
from extractor.text.normalize import build_view
from extractor.vocab import clear_caches, load_all
from extractor.vocab import divisions as divisions_module
from extractor.vocab.divisions import COLUMNS, Division, divisions, read_divisions, source_path
from extractor.vocab.loader import DATA_DIR_VARIABLE
from extractor.vocab.regions import regions_data

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = {"seeds": ROOT / "data" / "samples", "dev2": ROOT / "tests" / "data" / "dev2" / "texts",
           "corpus": ROOT / "tests" / "data" / "corpus"}
FILES = {path.name.split("_")[0].removesuffix(".txt"): (folder, path)
         for folder, root in FOLDERS.items() for path in sorted(root.glob("*.txt"))}

Expected = tuple[str, str, str, str, str]


@cache
def original(file: str) -> str:
    return FILES[file][1].read_text(encoding="utf-8")


def view(text: str) -> str:
    return build_view(text).text


def described(mention: Mention) -> Expected:
    """A mention as the table writes it."""
    def joined(values: list[str | None]) -> str:
        return "|".join(str(v) for v in values)
    candidates = mention.candidates
    return (mention.written, joined(list(dict.fromkeys(c.name for c in candidates))),
            joined([c.code for c in candidates]), joined(list(dict.fromkeys(c.level for c in candidates))),
            joined([c.province for c in candidates]))


# (file, the quoted line, the names found in it)
LINES: list[tuple[str, str, list[Expected]]] = [
    # ---- seeds: data/samples
    ("000", "县教育局校园安全管理专项整治工作总结", []),
    ("000", "幼儿园严格对照《兴山县学校安全工作检查", [("兴山县", "兴山县", "420526", "county", "湖北省")]),
    ("000", "区妇儿委联合举行了娄星区亲子读经典展演", [("娄星区", "娄星区", "431302", "county", "湖南省")]),
    ("000", "努力实现娄星教育全面、协调、", [("娄星", "娄星区", "431302", "county", "湖南省")]),
    ("000", "促进娄星整体教育水平的提", []),  # 娄星 before 整体: no word uses it as a name
    ("000", "南阳镇针对学生乘超载车和摩的现象", []),  # a school's town, not the prefecture 南阳
    ("000", "280万元的娄底五小科教楼主体工程均已封顶", []),  # a school, not the city
    ("000", "xx区教育局与清远职业技术学院签定探索现代学徒制试点协议", []),
    ("000", "区教育局上半年工作总结及2018年工作计划", []),
    ("001", "组建“成华区教育局城乡教育发展统筹科”", [("成华区", "成华区", "510108", "county", "四川省")]),
    ("001", "办好期刊《成华教育》", [("成华", "成华区", "510108", "county", "四川省")]),
    ("001", "《嬗变—成都市成华区教育改革", [("成都市", "成都市", "510100", "prefecture", "四川省"),
                                      ("成华区", "成华区", "510108", "county", "四川省")]),
    ("001", "更是提高新华教育社会知名度", [("新华", "新华区", "130105|130902|410402", "county",
                                    "河北省|河北省|河南省")]),
    ("001", "努力建设“学习型新华”", []),
    ("001", "组织全市38名中小学校长赴江苏无锡挂职培训", [("江苏", "江苏省", "320000", "province", "江苏省"),
                                            ("无锡", "无锡市", "320200", "prefecture", "江苏省")]),
    ("001", "XX年,我区教育工作在区委、区政府的坚强领导下", []),
    ("001", "倡导广大教师爱岗敬业", []),
    ("002", "努力推动新都教化优质均衡", [("新都", "新都区", "510114", "county", "四川省")]),
    ("002", "正成为新都新型城市化进程中", []),
    ("002", "全力推动乡村振兴安排", []),  # 振兴安排 holds 兴安, a prefecture's short form
    ("002", "xxxx年,全区教化系统深化实行党的十九大精神", []),
    ("003", "篇二:成武縣教育局二○一一年工作計劃要點", [("成武县", "成武县", "371723", "county", "山东省")]),
    ("003", "認真落實國家和山東省中長期教育改革和發展規劃綱要", [("山东省", "山东省", "370000", "province", "山东省")]),
    ("003", "按照《菏澤市貫徹落實國家和省中長期教育改革和發展規劃綱要實施意見》",
     [("菏泽市", "菏泽市", "371700", "prefecture", "山东省")]),
    ("003", "按照「全國文明單位」和省「人民滿意的公務員集體」", [("全国", "全国", "100000", "national", "None")]),
    ("003", "2014年市教育局工作思路是", []),
    ("004", "某市辖区教育和体育局关于2024年工作年度总结", []),
    ("004", "推动全区教育体育工作再上新", []),
    # ---- dev2
    ("a02", "在某县庆祝教师节暨201x年教育工作会议上的讲话", []),
    ("a02", "新改扩建x姜堰高级中学", []),
    ("a03", "某县长在全县教育高质量发展大会上的讲话", []),
    ("a03", "全面贯彻落实全省、全市教育高质量发展大会精神", []),
    ("a03", "比如,县城区3—5岁适龄幼儿XX人", []),  # 比如县 and 城区 are divisions too
    ("a04", "xx市教育局在“发挥人大监督作用,助推我市幼儿园、中小学校建设”座谈会上的发言材料", []),
    ("a04", "市区新建、改扩建中小学校x所", []),
    ("a06", "xx年,教育局紧紧围绕县委、县政府中心工作", []),
    ("a07", "副县长在全县教育工作会议上的讲话(摘要)", []),
    ("a09", "2020年泉州市教育局承担市委、市政府为民办实事公办幼儿园建设项目1-4月进展情况",
     [("泉州市", "泉州市", "350500", "prefecture", "福建省")]),
    ("a09", "并结合各县(市、区)公办学位占比情况", []),
    ("a10", "全力推进金湾教育均衡化", [("金湾", "金湾区", "440404", "county", "广东省")]),
    ("a10", "矿山小学将迁至珠海大道金山花园附近建设新校", []),  # a road, a housing estate
    ("a10", "金湾一中主体建设完成形象进度约85%", []),
    ("a10", "在三灶镇、红旗镇分别新建的金湾区林伟民纪念小学、金湾区第二小学",
     [("金湾区", "金湾区", "440404", "county", "广东省"), ("金湾区", "金湾区", "440404", "county", "广东省")]),
    ("a10", "20**年上半年,区教育局在区委、区政府的正确领导", []),
    ("a11", "我县对学前、义教、高中、中职各阶段的脱贫户", []),
    ("a12", "笔者日前从县学生资助管理中心 获悉", []),
    ("a13", "雞澤7000名貧困生順利上學(xué) 發(fā)放資助金1131萬元", [("鸡泽", "鸡泽县", "130431", "county", "河北省")]),
    ("a13", "該縣在全市率先完成了學(xué)生資助任務(wù)", []),
    ("a14", "我县营养改善计划累计落实补助资金1.1亿元", []),
    ("a15", "2017年光山县高考再创辉煌", [("光山县", "光山县", "411522", "county", "河南省")]),
    ("a15", "全县广大教师和教育工作者再次向全县人民交出了一张满意答卷", []),
    ("a15", "续写光山教育", [("光山", "光山县", "411522", "county", "河南省")]),
    ("a15", "各高中依次为光山二高3786人", []),
    ("a16", "今年,我市高考考生中应届生38564人", []),
    ("a16", "北京列车晚点致多名学生错过艺考", [("北京", "北京市", "110000", "province", "北京市")]),
    ("b01", "发布机构: 浙江省教育厅", [("浙江省", "浙江省", "330000", "province", "浙江省")]),
    ("b01", "2012年浙江教育事业发展统计公报", [("浙江", "浙江省", "330000", "province", "浙江省")]),
    ("b01", "2012年,全省教育以科学发展观为指导", []),
    ("b02", "山西省2018年教育事业发展统计公报", [("山西省", "山西省", "140000", "province", "山西省")]),
    ("b02", "深入学习贯彻全国教育大会精神", [("全国", "全国", "100000", "national", "None")]),
    ("b03", "全省高中段教育(包括普通高中、职业高中", []),
    ("b03", "高中阶段教育发展统计公报范文", []),
    ("b04", "全县共有各级各类学校125所", []),
    ("b05", "“固安番茄”入选全国名特优新农产品名录", [("全国", "全国", "100000", "national", "None")]),
    ("b05", "固安一中本科上线率和强基上线率同比提升7.12%", []),
    ("b05", "北京专家来固出诊2419人次", [("北京", "北京市", "110000", "province", "北京市")]),
    ("b05", "举办京津冀蔬菜节、农民丰收节等活动", []),
    ("b06", "1-3月份,全县一般公共预算教育支出43866万元", []),
    ("b07", "结合《云南省教育办公厅关于建立对县级人民政府教育工作进行督导评估制度的实施意见》要求",
     [("云南省", "云南省", "530000", "province", "云南省")]),
    ("b07", "***距***县城85公里", []),
    ("b08", "xx 县人民政府履行教育职责情况自评报告", []),
    ("b09", "杭州推进学前教育均衡优质发展的主要做法", [("杭州", "杭州市", "330100", "prefecture", "浙江省")]),
    ("b09", "杭州市人民政府关于加快学前教育改革与发展的若干意见(试行)",
     [("杭州市", "杭州市", "330100", "prefecture", "浙江省")]),
    ("b09", "其中市区学前三年幼儿入园率达到98%以上", []),  # 中市区 was a district once
    ("b11", "其中城区新建学校2所", []),
    ("b11", "茅箭区", [("茅箭区", "茅箭区", "420302", "county", "湖北省")]),
    ("b11", "新建天津路第一小学新增学位2000个", []),
    ("b11", "重庆路小学新增学位400个", []),
    ("b11", "新建十堰市未成年人专门学校,新增学位200个。", [("十堰市", "十堰市", "420300", "prefecture", "湖北省")]),
    ("b11", "改扩建竹山县职业技术集团学校、城关镇明清小学、潘口乡中心小学等7所学校",
     [("竹山县", "竹山县", "420323", "county", "湖北省")]),
    ("b11", "丹江口市", [("丹江口市", "丹江口市", "420381", "county", "湖北省")]),
    ("b11", "房县", [("房县", "房县", "420325", "county", "湖北省")]),
    ("b12", "海西晨报讯(记者 陈雅玲)昨日,记者从同安区教育局获悉,今年同安将新增7860个学位",
     [("同安区", "同安区", "350212", "county", "福建省")]),
    ("b12", "[ 05-26]厦门海沧新增9030个学位", [("厦门", "厦门市", "350200", "prefecture", "福建省"),
                                         ("海沧", "海沧区", "350205", "county", "福建省")]),
    ("b12", "[ 04-17]厦门湖里区积分入学学位预警", [("厦门", "厦门市", "350200", "prefecture", "福建省"),
                                          ("湖里区", "湖里区", "350206", "county", "福建省")]),
    ("b13", "近年来,寒亭区不断加大教育投入力度", [("寒亭区", "寒亭区", "370703", "county", "山东省")]),
    ("b13", "寒亭实验中学公寓", []),
    ("b13", "加快打造寒亭教育高质量发", [("寒亭", "寒亭区", "370703", "county", "山东省")]),
    ("b14", "[龍崗]投入4億 7校新開張新增學位超萬個", [("龙岗", "龙岗区", "440307", "county", "广东省")]),
    ("b14", "龍崗區又有七校喜迎新開張", [("龙岗区", "龙岗区", "440307", "county", "广东省")]),
    ("b14", "包括瞭深圳中學龍崗初級中學、龍崗區外國語學校", [("龙岗区", "龙岗区", "440307", "county", "广东省")]),
    ("b14", "今年龍崗投入4.2億元用於新建、續建學校", []),
    ("b16", "福州10715個(gè),泉州22007個(gè)", [("福州", "福州市", "350100", "prefecture", "福建省"),
                                            ("泉州", "泉州市", "350500", "prefecture", "福建省")]),
    ("b16", "日前,省政府出臺(tái)《關(guān)于進(jìn)一步完善中小學(xué)布局的實(shí)施意見》", []),
    # ---- corpus: provincial government work reports
    ("08", "2026年北京市政府工作报告", [("北京市", "北京市", "110000", "province", "北京市")]),
    ("08", "扎实推进通州区与北三县一体化高质量发展", [("通州区", "通州区", "110112|320612", "county",
                                            "北京市|江苏省")]),
    ("08", "新增城市金角银边100", []),  # 增城市 was a city once
    ("08", "香港特别行政区同胞、澳门特别行政区同胞、台湾同胞",
     [("香港特别行政区", "香港特别行政区", "810000", "province", "香港特别行政区"),
      ("澳门特别行政区", "澳门特别行政区", "820000", "province", "澳门特别行政区"),
      ("台湾", "台湾省", "710000", "province", "台湾省")]),
    ("09", "2026年山东省政府工作报告", [("山东省", "山东省", "370000", "province", "山东省")]),
    ("09", "布局东明石化、东营富海等重大项目", [("东营", "东营市|东营区", "370500|370502", "prefecture|county",
                                       "山东省|山东省")]),
    ("09", "深化与海南自贸港联动创新", [("海南", "海南区|海南省|海南藏族自治州", "150303|460000|632500",
                                  "county|province|prefecture", "内蒙古自治区|海南省|青海省")]),
    ("09", "济南、青岛都市圈获批建设", [("济南", "济南市", "370100", "prefecture", "山东省"),
                                  ("青岛", "青岛市", "370200", "prefecture", "山东省")]),
    ("10", "2026年甘肃省政府工作报告", [("甘肃省", "甘肃省", "620000", "province", "甘肃省")]),
    ("10", "黄金、白银、精炼铜、镍产量分别增长", []),  # the metal, not 白银市
    ("10", "榆中山洪泥石流抢险救", []),
    ("10", "中山大学附属肿瘤医院甘肃医院", []),
    ("10", "坚持在发展中固安全、在安全中谋发展", []),
    ("10", "甘肃合作发展的朋友圈越来越大", [("甘肃", "甘肃省", "620000", "province", "甘肃省")]),
    ("10", "甘肃中部生态移民供水、引洮济合、景电二期提质增效、西和县礼县西汉水人饮",
     [("甘肃", "甘肃省", "620000", "province", "甘肃省"), ("西和县", "西和县", "621225", "county", "甘肃省"),
      ("礼县", "礼县", "621226", "county", "甘肃省")]),
    ("10", "天水麦积区褐石培心幼儿园", [("天水", "天水市", "620500", "prefecture", "甘肃省"),
                                  ("麦积区", "麦积区", "620503", "county", "甘肃省")]),
    ("10", "金昌经开区、庆阳东数西算产业园入选首批国家级零碳园区建设名单",
     [("金昌", "金昌市", "620300", "prefecture", "甘肃省"), ("庆阳", "庆阳市", "621000", "prefecture", "甘肃省")]),
    ("10", "创建一批单产提升整建制示范县", []),  # 范县 is a county
    ("10", "临夏地质公园获批世界地质公园", [("临夏", "临夏回族自治州|临夏市|临夏县", "622900|622901|622921",
                                     "prefecture|county", "甘肃省|甘肃省|甘肃省")]),
    ("10", "甘南山水林田湖草", [("甘南", "甘南县|甘南藏族自治州", "230225|623000", "county|prefecture",
                            "黑龙江省|甘肃省")]),
    ("10", "与四川、宁夏、青海共建黄河流域", [("四川", "四川省", "510000", "province", "四川省"),
                                     ("宁夏", "宁夏回族自治区", "640000", "province", "宁夏回族自治区"),
                                     ("青海", "青海省", "630000", "province", "青海省")]),
    ("10", "古浪县率先打赢县域", [("古浪县", "古浪县", "620622", "county", "甘肃省")]),
]


@pytest.mark.parametrize(("file", "line", "expected"), LINES, ids=[f"{f}:{line[:12]}" for f, line, _ in LINES])
def test_names_in_real_lines(file: str, line: str, expected: list[Expected]) -> None:
    assert line in original(file), f"not a line of {FILES[file][1].name}"
    assert [described(m) for m in gazetteer().find(view(line))] == expected


def test_the_table_of_real_lines_is_large_and_has_negatives() -> None:
    assert len(LINES) >= 80
    assert sum(1 for _, _, expected in LINES if not expected) >= 30
    assert {FILES[file][0] for file, _, _ in LINES} == {"seeds", "dev2", "corpus"}


def test_spans_point_at_the_name_in_the_view() -> None:
    text = view("包括瞭深圳中學龍崗初級中學、龍崗區外國語學校")
    (mention,) = gazetteer().find(text)
    assert text[mention.start:mention.end] == mention.written == "龙岗区"


# Lines with no real counterpart in the repository's texts (the issue found them in others):
# the rule each one states is written beside it.
@pytest.mark.parametrize(("text", "expected"), [
    ("新疆维吾尔自治区教育厅", [("新疆维吾尔自治区", "650000")]),
    ("自治区教育厅印发通知", []),                          # a bare 自治区 is no region
    ("新疆教育事业发展统计公报", [("新疆", "650000")]),      # a province's short form
    ("学校位于中山路", []),                                # a road named after 中山
    ("考入中山大学", []),                                  # a university, not 中山市
    ("中山市教育局", [("中山市", "442000")]),               # the full name is the city
    ("扬州市场监管局", [("扬州", "321000")]),               # 市场 is no part of the name
    ("江山市场", []),
    ("完成县职教中心西校", []),                            # 成县 is a county
    ("区和县两级财政", []),                                # 和县 is a county
    ("阳泉市城区教育局", [("阳泉市", "140300"), ("城区", "140302")]),  # an ordinary noun right after its parent
    ("北京朝阳教育", [("北京", "110000"), ("朝阳", "110105")]),  # 朝阳 right after its parent
    ("朝阳教育", []),                                      # alone, 朝阳 is an ordinary word
    ("健全国家资助体系", []),                              # 全国 inside 健全国家
    ("沿海城市", []),                                      # 海城市 is a city
    ("台中市政府教育局", []),                              # 中市 (中市区) is the tail of 台中市
    ("台北市教育局", []),                                  # and 北市 (北市区) of 台北市
    ("发布时间:2023-06-01 10:00(北京时间)", []),           # a time zone, not the city
    ("县教育局会同县财政局下达资金", []),                  # 会同: together with (the verb)
    ("会同县教育局", [("会同县", "431225")]),               # at an edge, the county
    ("湖南省会同县第一中学", [("湖南省", "430000"), ("会同县", "431225")]),
    ("新丰镇人民政府\n2023年7月10日", []),                  # a township: 丰镇 (丰镇市) is its tail
    ("丰镇市教育局", [("丰镇市", "150981")]),
])
def test_rules_on_phrases(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.written, m.candidates[0].code) for m in gazetteer().find(text)] == expected


# ---------------------------------------------------------------- the table

@pytest.mark.parametrize(("name", "code", "level", "parent", "province"), [
    ("扬州市", "321000", "prefecture", "320000", "江苏省"),
    ("兴山县", "420526", "county", "420500", "湖北省"),
    ("新疆维吾尔自治区", "650000", "province", "100000", "新疆维吾尔自治区"),
    ("娄星区", "431302", "county", "431300", "湖南省"),
    ("成华区", "510108", "county", "510100", "四川省"),
    ("东城区", "110101", "county", "110000", "北京市"),     # a municipality's district: no prefecture
    ("仙桃市", "429004", "county", "420000", "湖北省"),     # a county-level city under its province
    ("儋州市", "460400", "prefecture", "460000", "海南省"),  # a prefecture without counties
    ("全国", "100000", "national", None, None),
])
def test_divisions_know_code_level_parent_and_province(name: str, code: str, level: str, parent: str | None,
                                                       province: str | None) -> None:
    (division,) = [d for d in divisions() if d.name == name and d.current]
    assert (division.code, division.level, division.parent, division.province) == (code, level, parent, province)


def test_every_level_is_complete() -> None:
    current = [d for d in divisions() if d.current]
    count = {level: sum(1 for d in current if d.level == level) for level in ("province", "prefecture", "county")}
    assert count["province"] == 34
    assert 330 <= count["prefecture"] <= 340
    assert 2800 <= count["county"] <= 2900


def test_divisions_gone_since_2000_are_kept_with_their_last_year() -> None:
    (xiangfan,) = [d for d in divisions() if d.name == "襄樊市"]
    assert (xiangfan.code, xiangfan.until) == ("420600", 2009)
    assert gazetteer().lookup("襄樊")[0].name == "襄樊市"
    assert not [d for d in divisions() if d.name == "海南行政区"]  # gone before 2000 (1980-1987)


def test_a_name_of_today_names_no_vanished_division() -> None:
    assert [d.name for d in gazetteer().lookup("新都")] == ["新都区"]  # not 新都县 (until 2000)
    assert gazetteer().by_code("420600").name == "襄阳市"


def test_every_county_lies_under_its_province() -> None:
    for division in divisions():
        if division.level in ("prefecture", "county"):
            assert division.province_code is not None
            assert division.code[:2] == division.province_code[:2]
            assert division.ancestry[:2] == ("100000", division.province_code)


# ---------------------------------------------------------------- choosing the region

def test_a_shared_name_lists_every_division() -> None:
    codes = {name: [d.code for d in gazetteer().lookup(name)] for name in ("新华区", "朝阳区", "鼓楼区")}
    assert codes == {"新华区": ["130105", "130902", "410402"], "朝阳区": ["110105", "220104"],
                     "鼓楼区": ["320106", "320302", "350102", "410204"]}


@pytest.mark.parametrize(("text", "name", "code"), [
    ("石家庄市新华区教育局", "新华区", "130105"),   # the parent right before it
    ("沧州市新华区教育局", "新华区", "130902"),
    ("新华区教育局工作总结", "新华区", None),       # nothing to tell: the name, no code
    ("南京市教育局、鼓楼区教育局", "鼓楼区", "320106"),  # a parent elsewhere in the text
    ("福州市鼓楼区", "鼓楼区", "350102"),
    ("长春市朝阳区教育局", "朝阳区", "220104"),
    ("扎实推进通州区与北三县一体化高质量发展", "通州区", None),
    ("北京市扎实推进通州区与北三县一体化", "通州区", "110112"),
    ("深化与海南自贸港联动创新", "海南省", "460000"),    # a province's short form names the province
    ("临夏地质公园获批世界地质公园", "临夏回族自治州", "622900"),  # the one above the others
    ("甘肃山水林田湖草, 甘南山水林田湖草", "甘南藏族自治州", "623000"),
    ("扬州市邗江区教育局", "邗江区", "321003"),        # the most specific on one line
])
def test_choose_uses_the_other_names(text: str, name: str, code: str | None) -> None:
    choice = choose(gazetteer().find(text))
    assert choice is not None
    assert (choice.name, choice.division.code if choice.division else None) == (name, code)


@pytest.mark.parametrize("text", [
    "福州10715个(gè),泉州22007个(gè)",          # sibling cities named alike: a province's report
    "与四川、宁夏、青海共建黄河流域",               # provinces named in passing, none more than the others
    "深入学习贯彻全国教育大会精神",                 # the nation is context, not a region
    "新华区与鼓楼区",                              # two shared names, nothing to tell them
])
def test_choose_gives_nothing_when_unsure(text: str) -> None:
    assert choose(gazetteer().find(view(text))) is None


def test_the_nation_is_a_region_only_when_asked() -> None:
    found = gazetteer().find("2012年全国教育事业发展统计公报")
    assert choose(found) is None
    choice = choose(found, national=True)
    assert choice is not None and choice.division is not None and choice.division.level == "national"


@cache
def gold_reports() -> list[dict[str, Any]]:
    reports = []
    for gold, folder in ((ROOT / "tests/data/dev2/reports.jsonl", FOLDERS["dev2"]),
                         (ROOT / "tests/data/seeds/reports.jsonl", FOLDERS["seeds"])):
        for line in gold.read_text(encoding="utf-8").splitlines():
            report = json.loads(line)
            text = (folder / report["doc"]).read_text(encoding="utf-8")
            start = text.index(report["start_context"])
            end = text.index(report["end_context"], start) + len(report["end_context"])
            reports.append({**report, "body": view(text[start:end]), "title": view(report["title"] or "")})
    return reports


def region_of(report: dict[str, Any]) -> str | None:
    body, cues = report["body"], meta_cues()
    choice = report_region(report["title"], opening_of(body, cues), body, level_of(body, cues))
    return choice.name if choice else None


# the reports whose region is masked (***县, xx市): the caller checks masks before names
UNMASKED = [(r["doc"], r["title"][:16]) for r in gold_reports() if not r["region_masked"]]


@pytest.mark.parametrize(("doc", "title"), UNMASKED)
def test_report_region_is_the_gold_one(doc: str, title: str) -> None:
    (report,) = [r for r in gold_reports() if (r["doc"], r["title"][:16]) == (doc, title)]
    assert region_of(report) in report["region"]


def test_report_regions_cover_dev2_and_seeds() -> None:
    assert len(UNMASKED) >= 30
    named = [r for r in gold_reports() if not r["region_masked"] and r["region"][0]]
    assert sum(1 for r in named if region_of(r) is not None) == len(named) - 1  # b05: 固安县 or none


def test_a_passing_name_in_the_body_is_no_region() -> None:
    assert report_region("《政府工作报告》解读二", "这一年,我们聚焦三农谋幸福", "北京专家来固出诊2419人次") is None


def test_the_title_outweighs_passing_provinces() -> None:
    choice = report_region("2026年甘肃省政府工作报告", "与四川、宁夏、青海共建黄河流域生态保护", "")
    assert choice is not None and choice.name == "甘肃省"


def test_an_opening_at_another_level_yields_to_the_body() -> None:
    (report,) = [r for r in gold_reports() if r["doc"] == "b11.txt"]
    opening = opening_of(report["body"], meta_cues())
    assert [m.written for m in gazetteer().find(opening)] == ["茅箭区"]  # a district opens the city's list
    assert region_of(report) == "十堰市"


# ---------------------------------------------------------------- loading and checking

def test_the_data_loads_with_the_other_files() -> None:
    load_all()  # regions.yaml and the division table are checked at start, with the others


def table(tmp_path: Path, rows: list[str], header: str = ",".join(COLUMNS)) -> Path:
    path = tmp_path / "location_year_test.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def real_rows(count: int) -> list[str]:
    lines = source_path().read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.startswith("2024,")][:count]


@pytest.mark.parametrize(("change", "message"), [
    (lambda rows: [rows[0].replace("2024,上海市", "2024,上海市,多一列")], "columns"),
    (lambda rows: [rows[0].replace(",310110,", ",31011X,")], "is not a code of province"),
    (lambda rows: [rows[0].replace(",杨浦,", ",扬浦,")], "disagree"),
    (lambda rows: [rows[0][:-1] + "7"], "unknown rank"),
    (lambda rows: ["20x4" + rows[0][4:]], "does not start with its year"),
    (lambda rows: rows, "current province divisions, 30 or more expected"),  # a cut table
])
def test_a_broken_table_is_named_with_the_problem(tmp_path: Path, change: Any, message: str) -> None:
    path = table(tmp_path, change(real_rows(50)))
    with pytest.raises(VocabularyError, match=message) as error:
        read_divisions(path, regions_data())
    assert str(path) in str(error.value)


def test_a_table_with_other_columns_is_refused(tmp_path: Path) -> None:
    path = table(tmp_path, real_rows(3), header="year,name,code")
    with pytest.raises(VocabularyError, match="unexpected columns"):
        read_divisions(path, regions_data())


def test_a_missing_package_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(divisions_module, "SOURCE_PACKAGE", "no_such_package_here")
    with pytest.raises(VocabularyError, match="package no_such_package_here is not installed"):
        source_path()


@pytest.mark.parametrize(("key", "value", "message"), [
    ("proper_heads", ["大学", "(unclosed"], "regions.yaml: proper_heads.1: Value error, bad pattern"),
    ("common_words", ["白银", "白银"], "regions.yaml: common_words: Value error, listed twice: 白银"),
    ("common_words", ["白银", "公园"], "regions.yaml: common_words: 公园 is the short form of no division"),
    ("generic_names", ["城区", "开发区"], "regions.yaml: generic_names: 开发区 is the name of no division"),
    ("tag_brackets", [["[[", "]]"]], "regions.yaml: tag_brackets: Value error, a bracket is one character"),
    ("national", {"name": "全国", "code": "1000", "forms": ["全国"]}, "regions.yaml: national.code"),
    ("body_support", None, "regions.yaml: body_support: Field required"),
])
def test_a_broken_cue_file_is_named_with_its_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 key: str, value: Any, message: str) -> None:
    import shutil

    import yaml

    folder = tmp_path / "data"
    shutil.copytree(ROOT / "extractor" / "data", folder)
    data = yaml.safe_load((folder / "regions.yaml").read_text(encoding="utf-8"))
    if value is None:
        del data[key]
    else:
        data[key] = value
    (folder / "regions.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(folder))
    clear_caches()
    try:
        with pytest.raises(VocabularyError, match=message.replace("(", r"\(")):
            load_all()
    finally:
        monkeypatch.delenv(DATA_DIR_VARIABLE)
        clear_caches()


# ---------------------------------------------------------------- speed

def test_building_takes_well_under_a_second() -> None:
    cues = regions_data()
    started = time.perf_counter()
    built = Gazetteer(read_divisions(source_path(), cues), cues)
    assert time.perf_counter() - started < 1.0
    assert built.lookup("扬州") == gazetteer().lookup("扬州")


def test_a_30_kb_report_is_scanned_in_milliseconds() -> None:
    text = view(original("10"))
    report = text[:len(text) * 30_000 // len(text.encode("utf-8"))]
    assert 29_000 < len(report.encode("utf-8")) < 31_000
    g = gazetteer()
    times = []
    for _ in range(5):
        started = time.perf_counter()
        found = g.find(report)
        times.append(time.perf_counter() - started)
    assert statistics.median(times) < 0.05
    assert len(found) > 50


def test_divisions_are_plain_values() -> None:
    division = gazetteer().lookup("扬州")[0]
    assert isinstance(division, Division)
    assert division.within(gazetteer().lookup("江苏省")[0])
    assert not division.within(gazetteer().lookup("浙江省")[0])
