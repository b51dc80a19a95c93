"""Near-duplicate reports: copies in other encodings and scripts are linked to one
canonical report, and their claims are counted once (view claims_once)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import opencc
import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from extractor.ingest.batch import ingest_paths
from extractor.models.tables import ReportRow
from extractor.reconcile.duplicates import lean_minhash, link_near_duplicates
from extractor.store.database import open_database
from extractor.text.normalize import build_view
from extractor.text.signatures import NUM_PERM, SCHEME, SEED, report_signature, signature_of


def copies(folder: Path, sample: Path) -> Path:
    """The sample as UTF-8, GB18030 and traditional Big5 files."""
    folder.mkdir()
    original = sample.read_text(encoding="utf-8")
    (folder / "utf8.txt").write_text(original, encoding="utf-8")
    (folder / "gb18030.txt").write_bytes(original.encode("gb18030"))
    (folder / "big5.txt").write_bytes(opencc.OpenCC("s2tw").convert(original).encode("big5", "replace"))
    return folder


def ingested(database_url: str, *folders: Path) -> Engine:
    engine = open_database(database_url)
    summary = ingest_paths(engine, folders, jobs=1)
    assert not summary.failed
    with Session(engine) as session, session.begin():
        link_near_duplicates(session)
    return engine


def claim_counts(engine: Engine, view: str) -> dict[str, int]:
    with engine.connect() as connection:
        rows = connection.execute(text(f"select indicator, count(*) from {view} group by indicator"))
        return {indicator: count for indicator, count in rows}


def test_three_encodings_make_one_canonical_report_and_two_duplicates(database_url: str, tmp_path: Path,
                                                                      sample_paths: list[Path]) -> None:
    sample = sample_paths[2]  # 002: one report
    engine = ingested(database_url, copies(tmp_path / "copies", sample))
    try:
        with Session(engine) as session:
            reports = session.execute(select(ReportRow.id, ReportRow.canonical_report_id)
                                      .order_by(ReportRow.id)).all()
        assert len(reports) == 3
        canonical = [rid for rid, link in reports if link is None]
        assert len(canonical) == 1
        assert [link for rid, link in reports if link is not None] == canonical * 2
        once, every = claim_counts(engine, "claims_once"), claim_counts(engine, "claims")
        assert every == {indicator: 3 * n for indicator, n in once.items()} and once
    finally:
        engine.dispose()


def test_distinct_reports_are_not_linked(database_url: str, sample_paths: list[Path]) -> None:
    engine = ingested(database_url, sample_paths[0].parent)
    try:
        with Session(engine) as session:
            links = session.scalars(select(ReportRow.canonical_report_id)).all()
        assert len(links) == 12 and set(links) == {None}
        assert claim_counts(engine, "claims_once") == claim_counts(engine, "claims")
    finally:
        engine.dispose()


def test_linking_twice_changes_nothing(database_url: str, tmp_path: Path, sample_paths: list[Path]) -> None:
    engine = ingested(database_url, copies(tmp_path / "copies", sample_paths[4]))
    try:
        with Session(engine) as session, session.begin():
            summary = link_near_duplicates(session)
        assert (summary.groups, summary.duplicates) == (1, 2)
        with Session(engine) as session:
            assert len([link for link in session.scalars(select(ReportRow.canonical_report_id))
                        if link is not None]) == 2
    finally:
        engine.dispose()


def jaccard(a: str, b: str) -> float:
    first, second = report_signature(build_view(a).codes), report_signature(build_view(b).codes)
    assert first is not None and second is not None
    return float(lean_minhash(first).jaccard(lean_minhash(second)))


@pytest.mark.parametrize("index", range(5))
def test_signatures_see_scripts_alike_and_reports_apart(sample_paths: list[Path], index: int) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sample_paths]
    traditional = opencc.OpenCC("s2tw").convert(texts[index])
    assert jaccard(texts[index], traditional) >= 0.9
    others = [jaccard(texts[index], other) for i, other in enumerate(texts) if i != index]
    assert max(others) < 0.2


def test_a_report_too_short_to_compare_has_no_signature() -> None:
    assert report_signature(build_view("入学率100%").codes) is None


@pytest.mark.parametrize("size", [8, 57, 128])
def test_signature_is_the_datasketch_minhash_of_the_sample(size: int) -> None:
    """The writer computes the MinHash values with numpy (no datasketch, no scipy at
    ingest); they are exactly datasketch's for the same sample, seed and scheme."""
    from datasketch import MinHash

    sample = np.random.default_rng(size).integers(0, 2**32, size, dtype=np.uint32)
    expected = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=lambda v: v)
    expected.update_batch(sample.tolist())
    assert signature_of(sample.astype("<u4").tobytes()) == expected.hashvalues.astype("<u4").tobytes()
