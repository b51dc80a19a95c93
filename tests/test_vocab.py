"""Every data file is validated when it loads: a renamed, missing or unknown key, or a
reference another file does not have, stops the command at start with the file and the
key named; nothing is ever lost in silence."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from extractor.errors import VocabularyError
from extractor.vocab import clear_caches, load_all
from extractor.vocab.checked import digest, known_to_compile
from extractor.vocab.loader import DATA_DIR_VARIABLE, compiles, every_pattern_compiled

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "extractor" / "data"
SAMPLE = ROOT / "data" / "samples" / "000_f472a60a5901be7c.txt"


def rename_top(old: str, new: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data[new] = data.pop(old)
    return change


def rename_inner(outer: str, old: str, new: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data[outer][new] = data[outer].pop(old)
    return change


# (file, change, what the message must name): a key renamed in every data file, and the
# cross-file references
CASES = [
    ("lexicon.yaml", rename_top("rate_nouns", "rate_noun"), ["lexicon.yaml", "rate_nouns", "rate_noun"]),
    ("lexicon.yaml", rename_inner("levels", "小学", "小學"), ["lexicon.yaml", "levels.小學"]),
    ("lexicon.yaml", rename_inner("person_triggers", "admitted_count", "admited_count"),
     ["lexicon.yaml", "person_triggers", "admited_count", "indicators.yaml"]),
    ("numbers.yaml", rename_top("scales", "scale"), ["numbers.yaml", "scales", "scale"]),
    ("numbers.yaml", lambda data: data["units"]["个"].update(kind=data["units"]["个"].pop("class")),
     ["numbers.yaml", "units.个.class", "units.个.kind"]),
    ("numbers.yaml", rename_inner("prefix_qualifiers", "近", "接近"), ["numbers.yaml", "prefix_in_token", "近"]),
    ("segmentation.yaml", rename_top("title_nouns", "title_noun"), ["segmentation.yaml", "title_nouns"]),
    ("reconcile.yaml", rename_top("rate_checks", "rate_check"), ["reconcile.yaml", "rate_checks"]),
    ("reconcile.yaml", rename_inner("severity", "conflict", "conflicts"), ["reconcile.yaml", "severity.conflicts"]),
    ("reconcile.yaml", rename_inner("claim_kinds", "staff", "teachers"), ["reconcile.yaml", "claim_kinds.teachers"]),
    ("reconcile.yaml", lambda data: data["shared_denominators"].update(window=0),
     ["reconcile.yaml", "shared_denominators.window"]),
    ("plausibility.yaml", rename_top("rules", "rule"), ["plausibility.yaml", "rules", "rule"]),
    ("plausibility.yaml", lambda data: data["rules"][0].update(indicator="retention_rates"),
     ["plausibility.yaml", "'retention_rates' is not an indicator code", "'retention_rate' has no rule"]),
    ("plausibility.yaml", lambda data: data["rules"][-1]["by_level"].pop("county"),
     ["plausibility.yaml", "rules", "by_level lacks county"]),
    ("plausibility.yaml", lambda data: data["rules"][0].update(by_level={}),
     ["plausibility.yaml", "either `range` or `by_level`"]),
    ("indicators.yaml", rename_inner("retention_rate", "bounds", "bound"),
     ["indicators.yaml", "retention_rate.bounds", "retention_rate.bound"]),
    ("indicators.yaml", rename_top("admitted_count", "admissions"), ["lexicon.yaml", "admitted_count"]),
    # a pattern that does not compile, named with its key (and its place in a list)
    ("lexicon.yaml", lambda data: data.update(claim_year="(?P<year>\\d{4}年"),
     ["lexicon.yaml", "claim_year", "bad pattern"]),
    ("lexicon.yaml", lambda data: data["target_cues"].append("将("), ["lexicon.yaml", "target_cues.", "bad pattern"]),
    ("segmentation.yaml", lambda data: data.update(dateline="[0-9"), ["segmentation.yaml", "dateline", "bad pattern"]),
    ("normalize.yaml", lambda data: data["unwrap"].update(masked_number="x("),
     ["normalize.yaml", "unwrap.masked_number", "bad pattern"]),
    # this stop's keys: a scale that is none, a debris kind following one that is not there,
    # a share out of range
    ("numbers.yaml", lambda data: data["measure_before_scale"].update(scales=["兆"]),
     ["numbers.yaml", "measure_before_scale", "兆"]),
    ("normalize.yaml", lambda data: data["debris"][-1].update(after=["pinyin with tones"]),
     ["normalize.yaml", "after", "pinyin with tones"]),
    ("normalize.yaml", lambda data: data.update(letter_spaced_share=0), ["normalize.yaml", "letter_spaced_share"]),
    ("lexicon.yaml", lambda data: data.update(plan_time="(?:20"), ["lexicon.yaml", "plan_time", "bad pattern"]),
    ("numbers.yaml", lambda data: data.update(range_low_end="(?P<low>\\d+(?:{joiners}"),
     ["numbers.yaml", "range_low_end", "bad pattern"]),
    ("numbers.yaml", lambda data: data.update(range_low_end="(?P<low>\\d+)$"), ["numbers.yaml", "{joiners}"]),
    ("lexicon.yaml", lambda data: data.update(dated_opening="(?P<plan>{plan_periods}"),
     ["lexicon.yaml", "dated_opening", "bad pattern"]),
    ("lexicon.yaml", lambda data: data.update(dated_opening="(?P<year>\\d{4})年"), ["lexicon.yaml", "{plan_periods}"]),
    # a header pattern that lost the group of a header counting people (辍学人数)
    ("numbers.yaml", lambda data: data.update(header_unit="(?m)\\((?P<unit>{units})\\)"),
     ["numbers.yaml", "header_unit", "group counted"]),
    # a soft word guarded by two entries, where one would silently shadow the other's guards
    ("lexicon.yaml", lambda data: data["soft_non_education"].append(dict(data["soft_non_education"][0])),
     ["lexicon.yaml", "soft_non_education", "guarded twice"]),
]


def broken_data_dir(tmp_path: Path, name: str, change: Callable[[dict[str, Any]], None]) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    data = yaml.safe_load((folder / name).read_text(encoding="utf-8"))
    change(data)
    (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


@pytest.fixture
def data_dir(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Point the loaders at a folder for one test, and forget what they loaded after."""
    def use(folder: Path) -> None:
        monkeypatch.setenv(DATA_DIR_VARIABLE, str(folder))
        clear_caches()
    yield use
    monkeypatch.delenv(DATA_DIR_VARIABLE, raising=False)
    clear_caches()


def test_the_packaged_data_loads() -> None:
    load_all()


def test_a_copy_of_the_data_loads(tmp_path: Path, data_dir: Any) -> None:
    data_dir(broken_data_dir(tmp_path, "lexicon.yaml", lambda data: None))
    load_all()


@pytest.mark.parametrize(("name", "change", "named"), CASES,
                         ids=[f"{name}-{'-'.join(named[1:]) or 'file'}" for name, _, named in CASES])
def test_a_broken_file_is_named_with_its_key(tmp_path: Path, data_dir: Any, name: str,
                                             change: Callable[[dict[str, Any]], None],
                                             named: list[str]) -> None:
    data_dir(broken_data_dir(tmp_path, name, change))
    with pytest.raises(VocabularyError) as raised:
        load_all()
    for word in named:
        assert word in str(raised.value)


# one key renamed per file, and what the command must say
AT_START = [
    ("lexicon.yaml", rename_top("sentence_delimiters", "sentence_delimiter"),
     "lexicon.yaml: sentence_delimiter: Extra inputs are not permitted"),
    ("numbers.yaml", rename_top("chinese_digits", "digits"), "numbers.yaml: chinese_digits: Field required"),
    ("segmentation.yaml", rename_top("title_nouns", "title_words"),
     "segmentation.yaml: title_words: Extra inputs are not permitted"),
    ("reconcile.yaml", rename_top("part_markers", "parts"), "reconcile.yaml: part_markers: Field required"),
    ("plausibility.yaml", rename_top("unknown_level", "level"), "plausibility.yaml: unknown_level: Field required"),
    ("indicators.yaml", rename_inner("funding", "scored", "score"), "indicators.yaml: funding.scored: Field required"),
]


@pytest.mark.parametrize(("name", "change", "message"), AT_START, ids=[case[0] for case in AT_START])
def test_a_command_stops_at_start_naming_the_file(tmp_path: Path, name: str,
                                                  change: Callable[[dict[str, Any]], None], message: str) -> None:
    folder = broken_data_dir(tmp_path, name, change)
    env = {**os.environ, DATA_DIR_VARIABLE: str(folder)}
    result = subprocess.run([sys.executable, "-m", "extractor.cli", "extract", str(SAMPLE)],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert message in result.stderr
    assert result.stdout == ""  # no claim printed from a half-read vocabulary


def test_duplicate_keys_are_refused(tmp_path: Path, data_dir: Any) -> None:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    with (folder / "numbers.yaml").open("a", encoding="utf-8") as handle:
        handle.write("\nmask_characters: \"x\"\n")
    data_dir(folder)
    with pytest.raises(VocabularyError, match=r"numbers\.yaml: duplicate key 'mask_characters'"):
        load_all()


def test_every_packaged_pattern_compiles_and_is_listed_as_known() -> None:
    """The list of patterns known to compile (extractor/vocab/checked.py) spares start-up
    their check: here each is compiled again, and one missing from the list (a pattern
    changed since it was written) fails with the command that writes it anew."""
    clear_caches()
    try:
        with every_pattern_compiled() as patterns:
            load_all()
    finally:
        clear_caches()
    assert len(patterns) > 200
    unlisted = sorted(pattern for pattern in patterns if digest(pattern) not in known_to_compile())
    assert not unlisted, f"run `python -m extractor.vocab.checked`: {len(unlisted)} patterns not listed"


def test_a_pattern_not_listed_is_compiled_to_be_checked() -> None:
    assert digest("将(") not in known_to_compile()
    with pytest.raises(ValueError, match="bad pattern"):
        compiles("将(")
    assert compiles("将(?=建)") == "将(?=建)"
