"""The reconcile checks on real report sentences: what they compare and what they leave.

Each case is a sentence from a report (the samples, the corpus, dev2, or the issue's
examples) with the claims stored for it, including the wrong ones extraction has stored
(教职工 as pupils, 比上年增加 as a count, 每百名 as a count), and the findings the checks
must give. The checks read stored claims only, so the claims are written out here.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from extractor.reconcile.across import conflict_findings
from extractor.reconcile.arithmetic import denominator_findings, parts_findings, rate_findings
from extractor.reconcile.bounds import bound_findings
from extractor.reconcile.checks import all_findings
from extractor.reconcile.facts import ClaimFact, Facts, Finding, ReportFact, printed_interval, rounding
from extractor.reconcile.wording import lead_in

UNITS = (("百分点", "百分点"), ("%", "%"), ("元", "万元"), ("个", "个"), ("所", "所"), ("人", "人"), ("名", "人"))


def unit_of(text: str) -> str:
    return next(unit for ending, unit in UNITS if ending in text)


def claims_of(sentence: str, stored: list[tuple[str, str, str]], *, report_id: int = 1, at: int = 0,
              first_id: int = 1, year: int | None = None, qualifier: str = "exact",
              level: str | None = None) -> list[ClaimFact]:
    """The claims stored for `sentence`: (token, indicator, value in its unit), in order."""
    claims, searched = [], 0
    for i, (text, indicator, value) in enumerate(stored):
        offset = sentence.index(text, searched)
        searched = offset + len(text)
        claims.append(ClaimFact(
            id=first_id + i, report_id=report_id, indicator=indicator, value=Decimal(value), unit=unit_of(text),
            qualifier=qualifier, modality="actual", level=level, start=at + offset, end=at + searched, text=text,
            sentence=sentence, sentence_start=at, year=year))
    return claims


def facts(*claims: list[ClaimFact], level: str | None = None) -> Facts:
    flat = [c for group in claims for c in group]
    reports = {rid: ReportFact(id=rid, document=f"r{rid}.txt", title="教育局工作总结", kind="summary", year=None,
                               year_alt=None, region=None, canonical=True, region_level=level)
               for rid in {c.report_id for c in flat}}
    return Facts(flat, reports)


# ---------------------------------------------------------------- totals and parts

STAFF = "在园幼儿18527人,其中城区幼儿11023人,农村幼儿7504人,在园教职工2171人"  # dev2 b04
NESTED = ("录取总人数42921人,录取率为76%(比省平高8个百分点),其中本科录取22418人(一本4573人,二本12618人,"
          "三本5227人),本科录取率为39.7%(比省平高出9个百分点,普高二本以上录取率为32.13%),专科录取20503人")  # dev2 b03

# (why, sentence, stored claims, the parts findings: the figure each message gives)
PARTS = [
    ("staff is not a part of pupils", STAFF,
     [("18527人", "enrolled_count", "18527"), ("11023人", "enrolled_count", "11023"),
      ("7504人", "enrolled_count", "7504"), ("2171人", "enrolled_count", "2171")], []),
    ("城区 and 农村 cover the whole, so they must make it", STAFF.replace("7504人", "7404人"),
     [("18527人", "enrolled_count", "18527"), ("11023人", "enrolled_count", "11023"),
      ("7404人", "enrolled_count", "7404"), ("2171人", "enrolled_count", "2171")], ["18427人"]),
    ("a change between the parts is skipped", "在园幼儿18527人,其中城区幼儿11023人,比上年增加1000人,农村幼儿7504人",
     [("18527人", "enrolled_count", "18527"), ("11023人", "enrolled_count", "11023"),
      ("1000人", "enrolled_count", "1000"), ("7504人", "enrolled_count", "7504")], []),
    ("a year-on-year change is no total", "本学年在校学生比上年增加1527人,其中小学生45055人,初中生23552人",
     [("1527人", "enrolled_count", "1527"), ("45055人", "enrolled_count", "45055"),
      ("23552人", "enrolled_count", "23552")], []),
    ("a per-hundred ratio is no part",
     "全区中小学在校生共计20000人,其中小学在校生12000人,初中在校生8000人,每百名学生配备教师8人",
     [("20000人", "enrolled_count", "20000"), ("12000人", "enrolled_count", "12000"),
      ("8000人", "enrolled_count", "8000"), ("8人", "enrolled_count", "8")], []),
    ("a bracketed breakdown is checked against its own total, not added to its siblings", NESTED,
     [("42921人", "admitted_count", "42921"), ("76%", "admission_rate", "76"), ("22418人", "admitted_count", "22418"),
      ("4573人", "admitted_count", "4573"), ("12618人", "admitted_count", "12618"),
      ("5227人", "admitted_count", "5227"), ("39.7%", "admission_rate", "39.7"),
      ("32.13%", "admission_rate", "32.13"), ("20503人", "admitted_count", "20503")], []),
    ("a bracketed breakdown that exceeds its total", NESTED.replace("5227人", "5327人"),
     [("22418人", "admitted_count", "22418"), ("4573人", "admitted_count", "4573"),
      ("12618人", "admitted_count", "12618"), ("5327人", "admitted_count", "5327")], ["22518人"]),
    ("a parenthetical 其中 inside a part belongs to that part",
     "全区在校生20000人,其中小学在校生12000人(其中寄宿生3000人),初中在校生8000人",
     [("20000人", "enrolled_count", "20000"), ("12000人", "enrolled_count", "12000"),
      ("3000人", "enrolled_count", "3000"), ("8000人", "enrolled_count", "8000")], []),
    ("two breakdowns of one total (公办, 民办; 城区, 农村)",
     "全县共有幼儿园128所,其中公办幼儿园53所,民办幼儿园75所,城区幼儿园50所,农村幼儿园78所",
     [("128所", "enrolled_count", "128"), ("53所", "enrolled_count", "53"), ("75所", "enrolled_count", "75"),
      ("50所", "enrolled_count", "50"), ("78所", "enrolled_count", "78")], []),
    ("其中 may leave parts unsaid", "全县共有各级各类学校125所,其中小学90所,初中20所",
     [("125所", "enrolled_count", "125"), ("90所", "enrolled_count", "90"), ("20所", "enrolled_count", "20")], []),
    ("parts that exceed the total (the planted summary)", "全区中小学在校生共计20000人,其中小学在校生12000人,初中在校生9000人",
     [("20000人", "enrolled_count", "20000"), ("12000人", "enrolled_count", "12000"),
      ("9000人", "enrolled_count", "9000")], ["21000人"]),
    ("money with money: 投入 and 投资 are one family", "全区教育投入1.2亿元,其中基建投资1.5亿元",
     [("1.2亿元", "funding", "12000"), ("1.5亿元", "investment", "15000")], ["1.5亿元 exceeds"]),
    ("no marker, no total", "全县7814名考生赴考,取得了本科进线5099人的好成绩",
     [("7814名", "exam_takers", "7814"), ("5099人", "admitted_count", "5099")], []),
]


@pytest.mark.parametrize(("sentence", "stored", "figures"), [case[1:] for case in PARTS],
                         ids=[case[0] for case in PARTS])
def test_a_total_is_checked_against_its_parts_of_its_kind(sentence: str, stored: list[tuple[str, str, str]],
                                                          figures: list[str]) -> None:
    found = list(parts_findings(facts(claims_of(sentence, stored))))
    assert len(found) == len(figures), [f.message for f in found]
    for finding, figure in zip(found, figures, strict=True):
        assert figure in finding.message
        assert finding.message.count("\"") == 2 and "(claims #" in finding.message


# ---------------------------------------------------------------- shares of one whole

SAMPLE_SHARES = [  # data/samples/000, three sentences of one paragraph
    ("今年我区高考再创历史最好成绩,一本上线283人,占考生人数的7.32%,高出市1.27个百分点",
     [("283人", "admitted_count", "283"), ("7.32%", "admission_rate", "7.32"), ("1.27个百分点", "rate_change", "1.27")]),
    ("二本上线978人,占考生人数的24.96%,高出市2.88个百分点",
     [("978人", "admitted_count", "978"), ("24.96%", "admission_rate", "24.96"),
      ("2.88个百分点", "rate_change", "2.88")]),
    ("全区本科上线1769人,占考生人数的45.81%,比高出个18.72个百分点",
     [("1769人", "admitted_count", "1769"), ("45.81%", "admission_rate", "45.81"),
      ("18.72个百分点", "rate_change", "18.72")]),
]


def paragraph(sentences: list[tuple[str, list[tuple[str, str, str]]]], at: int = 7133,
              gap: int = 1) -> list[list[ClaimFact]]:
    """Consecutive sentences of one report, each starting `gap` characters after the last."""
    groups, first_id = [], 1
    for sentence, stored in sentences:
        groups.append(claims_of(sentence, stored, at=at, first_id=first_id, year=2015))
        at, first_id = at + len(sentence) + gap, first_id + len(stored)
    return groups


def test_the_samples_shares_of_one_candidate_count_disagree() -> None:
    [finding] = denominator_findings(facts(*paragraph(SAMPLE_SHARES)))
    assert finding.details["implied"] == [[3864, 3868], [3918, 3919], [3862, 3862]]
    assert finding.message == (
        "the shares of one 考生人数 imply different 考生人数: \"一本上线283人,占考生人数的7.32%\" gives 3864–3868, "
        "\"二本上线978人,占考生人数的24.96%\" gives 3918–3919, \"全区本科上线1769人,占考生人数的45.81%\" gives 3862 "
        "(claims #1, #2, #4, #5, #7, #8)")


def test_shares_that_agree_within_their_rounding_give_nothing() -> None:
    # 283 / 7.32% and 978 / 25.3%: 3864-3868 and 3864-3872 candidates
    agreeing = [SAMPLE_SHARES[0], (SAMPLE_SHARES[1][0].replace("24.96%", "25.3%"),
                                   [("978人", "admitted_count", "978"), ("25.3%", "admission_rate", "25.3")])]
    assert list(denominator_findings(facts(*paragraph(agreeing)))) == []


def test_shares_of_candidates_of_two_exams_are_not_compared() -> None:
    # 中考 (初中) and 高考 candidates side by side: two wholes
    zhongkao = claims_of("中考普高录取1500人,占考生人数的45%", [("1500人", "admitted_count", "1500"),
                                                      ("45%", "admission_rate", "45")], level="初中", year=2015)
    gaokao = claims_of(SAMPLE_SHARES[0][0], SAMPLE_SHARES[0][1][:2], at=20, first_id=3, year=2015)
    assert list(denominator_findings(facts(zhongkao, gaokao))) == []
    same_exam = [replace(c, level=None) for c in zhongkao]
    assert len(list(denominator_findings(facts(same_exam, gaokao)))) == 1


def test_shares_far_apart_are_not_compared() -> None:
    assert list(denominator_findings(facts(*paragraph(SAMPLE_SHARES, gap=500)))) == []


# dev2 b03: 应届生 and 往届生 of 46548 candidates; the bare 占 takes 考生总数 from before it
B03 = "今年,我市高考考生中应届生38564人,占考生总数的82.8%,往届生7984人,占17.2%"
B03_CLAIMS = [("38564人", "exam_takers", "38564"), ("82.8%", "admission_rate", "82.8"),
              ("7984人", "exam_takers", "7984"), ("17.2%", "admission_rate", "17.2")]


def test_a_bare_share_word_takes_the_whole_named_before_it() -> None:
    assert list(denominator_findings(facts(claims_of(B03, B03_CLAIMS)))) == []
    wrong = [*B03_CLAIMS[:3], ("27.2%", "admission_rate", "27.2")]
    [finding] = denominator_findings(facts(claims_of(B03.replace("17.2%", "27.2%"), wrong)))
    assert finding.details["name"] == "考生总数" and "往届生7984人,占27.2%" in finding.message


def test_a_share_of_another_whole_is_no_candidate_share() -> None:
    # dev2 a13: 占在校学生的28% and 31% of spring and autumn: not the same whole, not checked
    spring = claims_of("其中春季发放43.2万元,资助学生661人,占在校学生的28%",
                       [("661人", "enrolled_count", "661"), ("28%", "admission_rate", "28")], year=2015)
    autumn = claims_of("秋季发放45.8万元,资助学生695人,占在校学生的31%",
                       [("695人", "enrolled_count", "695"), ("31%", "admission_rate", "31")], at=40, first_id=3,
                       year=2015)
    assert list(denominator_findings(facts(spring, autumn))) == []


# ---------------------------------------------------------------- a rate and its counts

def test_the_samples_retention_rate_is_checked_against_its_counts() -> None:
    stored = [("12275人", "enrolled_count", "12275"), ("7人", "dropout_count", "7"), ("99.04%", "retention_rate", "99.04")]
    [finding] = rate_findings(facts(claims_of("初中生报到入学12275人,流失7人,巩固率99.04%", stored)))
    assert finding.message == ("the rate 99.04% is not what its counts give, (12275 - 7) / 12275 = 99.94%, "
                               "in \"初中生报到入学12275人,流失7人,巩固率99.04%\" (claims #3, #1, #2)")


def test_a_change_is_no_operand_of_a_rate() -> None:
    # a change stored as the base would give 7 / 1527 = 0.46%
    sentence = "初中在校生比上年增加1527人,辍学7人,辍学率0.3%"
    stored = [("1527人", "enrolled_count", "1527"), ("7人", "dropout_count", "7"), ("0.3%", "dropout_rate", "0.3")]
    assert list(rate_findings(facts(claims_of(sentence, stored)))) == []


# ---------------------------------------------------------------- bounds by scale

# (why, sentence, stored claim, region level of the report, implausible?)
BOUNDS = [
    ("national pupils in 亿 at the national scale", "全国共有各级各类学历教育在校生2.91亿人",
     ("2.91亿人", "enrolled_count", "291000000"), "national", False),
    ("the same quoted in a county report", "全国共有各级各类学历教育在校生2.91亿人",
     ("2.91亿人", "enrolled_count", "291000000"), "county", False),
    ("a county's pupils in 亿", "全县共有各级各类学历教育在校生2.91亿人",
     ("2.91亿人", "enrolled_count", "291000000"), "county", True),
    ("a province's figure in a county report is judged at the province scale", "全省在校生346.73万人",
     ("346.73万人", "enrolled_count", "3467300"), "county", False),
    ("a level not known is judged at the national scale", "全国共有各级各类学历教育在校生2.91亿人",
     ("2.91亿人", "enrolled_count", "291000000"), None, False),
    ("a province's pupils in 万 (dev2 b01)", "在校生346.73万人,比上年增加2.67万人,增长0.8%",
     ("346.73万人", "enrolled_count", "3467300"), "province", False),
    ("a county's 在校生 in 万", "全县在校生346.73万人", ("346.73万人", "enrolled_count", "3467300"), "county", True),
    ("a growth above 100% is a change, not a rate", "全年货物进出口总额增长150%",
     ("150%", "rate_change", "150"), "province", False),
    ("a fall beyond 100% is impossible", "全年货物进出口总额下降150%", ("150%", "rate_change", "150"), "province", True),
    ("a fall within 100% is not", "入园(班)幼儿377694人,比上年减少48729人,下降11.43%",
     ("11.43%", "rate_change", "11.43"), "province", False),
    ("a difference of rates above 100 points is impossible", "入学率比上年提高120个百分点",
     ("120个百分点", "rate_change", "120"), "county", True),
    ("a change stored as a count is judged as a change (dev2 b02)", "各级各类学历教育在校生6350107人,比上年减少55392人",
     ("55392人", "enrolled_count", "55392"), "county", False),
    ("a gross rate may pass 100", "小学毛入学率104.5%", ("104.5%", "enrollment_rate", "104.5"), None, False),
    ("a net rate may not (the planted 新华区)", "今年全区小学适龄儿童入学率达到105%",
     ("105%", "enrollment_rate", "105"), "county", True),
    ("a change of a rate stored as the rate", "学前三年毛入园率比上年提高5%", ("5%", "enrollment_rate", "5"), None, False),
    ("no school place added", "今年新增学位0个", ("0个", "degree_seats", "0"), "county", True),
    ("a retention rate of 30%", "初中巩固率30%", ("30%", "retention_rate", "30"), "county", True),
]


@pytest.mark.parametrize(("sentence", "stored", "level", "implausible"), [case[1:] for case in BOUNDS],
                         ids=[case[0] for case in BOUNDS])
def test_bounds_depend_on_the_indicator_the_scale_and_whether_it_is_a_change(
        sentence: str, stored: tuple[str, str, str], level: str | None, implausible: bool) -> None:
    found = list(bound_findings(facts(claims_of(sentence, [stored]), level=level)))
    assert bool(found) == implausible, [f.message for f in found]
    for finding in found:
        assert stored[0] in finding.message and f"\"{sentence}\"" in finding.message


def test_a_bound_message_says_the_scale() -> None:
    [finding] = bound_findings(facts(claims_of("全县在校生346.73万人", [("346.73万人", "enrolled_count", "3467300")]),
                                     level="county"))
    assert finding.message == ("346.73万人 is outside the plausible range 0 to 1000000人 of enrolled_count in a "
                               "county-level report, in \"全县在校生346.73万人\" (claim #1)")


# ---------------------------------------------------------------- printed figures

@pytest.mark.parametrize(("text", "value", "unit", "half"), [
    ("99.04%", "99.04", "%", "0.005"), ("98%", "98", "%", "0.5"), ("283人", "283", "人", "0"),
    ("12,275人", "12275", "人", "0"), ("1.2万人", "12000", "人", "500"), ("1.2亿元", "12000", "万元", "500"),
    ("4800元", "0.48", "万元", "0.00005"), ("1450万元", "1450", "万元", "0.5"),
])
def test_rounding_is_half_the_last_printed_digit_in_the_stored_unit(text: str, value: str, unit: str,
                                                                     half: str) -> None:
    claim = ClaimFact(id=1, report_id=1, indicator="enrolled_count", value=Decimal(value), unit=unit,
                      qualifier="exact", modality="actual", level=None, start=0, end=len(text), text=text,
                      sentence=text, sentence_start=0)
    assert rounding(claim) == Decimal(half)
    assert printed_interval(claim) == (Decimal(value) - Decimal(half), Decimal(value) + Decimal(half))


def test_a_sentence_stored_trimmed_still_finds_its_claims() -> None:
    # dev2 b02: the sentence is stored without its two leading spaces, sentence_start before them
    sentence = "全省共有各级各类学校15340所,比上年减少294所,下降1.88%"
    [claim] = claims_of(sentence, [("294所", "amount_change", "294")], at=100)
    shifted = replace(claim, start=claim.start + 2, end=claim.end + 2)
    assert shifted.offset == sentence.index("294所") and lead_in(shifted) == "比上年减少"


def test_every_check_runs_together_on_one_report() -> None:
    found: list[Finding] = all_findings(facts(*paragraph(SAMPLE_SHARES)))
    assert [f.kind for f in found] == ["arithmetic"]


def test_a_fall_is_judged_and_said_as_negative() -> None:
    [finding] = bound_findings(facts(claims_of("全年货物进出口总额下降150%", [("150%", "rate_change", "150")])))
    assert finding.message.startswith("150% (a fall, so -150) is outside the plausible range -100 to 10000% of "
                                      "rate_change")


# ---------------------------------------------------------------- across reports, by the claim's own year

def placed(report_id: int, kind: str, year: int, sentence: str, stored: list[tuple[str, str, str]],
           years: list[int], first_id: int) -> tuple[ReportFact, list[ClaimFact]]:
    report = ReportFact(id=report_id, document=f"r{report_id}.txt", title=f"娄星区{year}年{kind}", kind=kind,
                        year=year, year_alt=None, region="娄星区", canonical=True, region_level="county")
    claims = [replace(c, year=y, level="学前")
              for c, y in zip(claims_of(sentence, stored, report_id=report_id, first_id=first_id), years, strict=True)]
    return report, claims


def test_a_figure_quoted_for_another_year_is_compared_in_that_year() -> None:
    bulletin_2015 = placed(1, "summary", 2015, "学前三年幼儿入园率88%", [("88%", "enrollment_rate", "88")], [2015], 1)
    summary_2016 = placed(2, "summary", 2016, "学前三年幼儿入园率由2015年的85%提高到93%",
                          [("85%", "enrollment_rate", "85"), ("93%", "enrollment_rate", "93")], [2015, 2016], 2)
    bulletin_2016 = placed(3, "summary", 2016, "学前三年幼儿入园率93%", [("93%", "enrollment_rate", "93")], [2016], 4)
    archive = (bulletin_2015, summary_2016, bulletin_2016)
    found = list(conflict_findings(Facts([c for _, claims in archive for c in claims],
                                         {report.id: report for report, _ in archive})))
    # 85% is 2015's figure: against 2015's 88%, not against 2016's 93%
    assert [(f.kind, f.details["year"], f.details["values"]) for f in found] == [("conflict", 2015, ["88", "85"])]
