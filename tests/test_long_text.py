"""A damaged copy can run thousands of clauses into one "sentence" (no full stop for pages).
Every look-up around a number stays within `sentence_reach` characters of it, so such a
text costs each number what a real sentence costs (the benchmark measures the time; these
tests check the behaviour the bound must keep)."""

from __future__ import annotations

from extractor.extract.claims import extract_text
from extractor.extract.lexicon import lexicon

# a real clause run (dev2 b03-like wording), repeated without a full stop
CLAUSE = "全县小学入学率达到99.5%,初中巩固率98.2%,投入资金300万元新建幼儿园,新增学位900个,"


def _facts(text: str) -> list[tuple[str, str, str | None, str]]:
    return [(c.indicator, c.text, c.level, c.modality) for c in extract_text(text, education_report=True)]


def test_a_run_on_sentence_gives_each_clause_the_claims_of_a_short_one() -> None:
    alone = _facts(CLAUSE + "。")
    run_on = _facts(CLAUSE * 300 + "。")
    assert len(alone) == 4
    assert run_on == alone * 300


def test_the_sentence_kept_with_a_claim_is_bounded() -> None:
    reach = lexicon().sentence_reach
    claims = extract_text(CLAUSE * 300 + "。", education_report=True)
    assert max(len(c.sentence) for c in claims) <= 2 * reach + len("300万元")
    middle = claims[len(claims) // 2]
    assert middle.text in middle.sentence



# dev2 b11: an infographic's text, one phrase per line
PHRASES = "今年秋季开学\n全市义务教育阶段学校中\n新建有6所,改扩建有48所\n共增加学位15700个\n其中城区新建学校2所\n改扩建学校5所\n增加学位9200个\n"


def test_a_page_set_in_phrases_reads_as_sentences() -> None:
    claims = extract_text(PHRASES, education_report=True)
    assert [(c.text, c.level) for c in claims] == [("15700个", "义务教育"), ("9200个", "义务教育")]


def test_a_few_short_lines_stay_lines() -> None:
    # four lines are a heading and a list, not a phrase page: the stage does not pass on
    claims = extract_text("全市义务教育阶段学校中\n新建有6所\n改扩建学校5所\n增加学位9200个\n", education_report=True)
    assert [(c.text, c.level) for c in claims] == [("9200个", None)]
