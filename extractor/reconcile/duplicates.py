"""Near-duplicate reports: MinHash signatures at ingest, LSH linking at reconcile.

The workers sample shingles and turn each sample into the hash values of a datasketch
MinHash (scheme affine32), computed here with numpy as datasketch computes them (a
test checks they are equal): importing datasketch pulls in scipy, about 45 MB, which
ingest then never carries. `reconcile` reads the stored values back into datasketch
LeanMinHash objects for its LSH index.

A report's signature is the MinHash of the character 5-grams of its matching view
(simplified, half-width) with everything but letters and digits dropped, so UTF-8,
GB18030 and traditional Big5 copies of one report, or a copy with other web chrome
around it, come out alike. Shingles are hashed with numpy and only the `SAMPLE_SIZE`
smallest hash values (a bottom-k sample: the same shingles in every copy) go into the
MinHash, so the signature costs a few percent of extraction.

`link_near_duplicates` puts all signatures in a MinHashLSH index, joins reports whose
estimated Jaccard similarity reaches `THRESHOLD` into groups, and points every
report of a group but the first stored at that one (reports.canonical_report_id).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from extractor.text.codepoints import CharacterSet, code_points

if TYPE_CHECKING:
    from datasketch import LeanMinHash
    from sqlalchemy.orm import Session

NUM_PERM = 64
SHINGLE = 5  # characters per shingle
SAMPLE_SIZE = 128  # a report's smallest shingle hashes that go into its MinHash
THRESHOLD = 0.8  # estimated Jaccard similarity for two reports to be copies
MIN_SHINGLES = 8  # a report with fewer shingles is too short to compare
SEED = 1
SCHEME = "affine32"  # datasketch's permutation scheme, fixed so stored signatures stay comparable
# uint32 arithmetic wraps around: a polynomial hash modulo 2**32, then a multiplicative
# mix that spreads it before the smallest are taken
_BASE = np.uint32(1_000_003)
_MULTIPLIER = np.uint32(0x9E3779B1)
# code points kept: digits, ASCII letters, CJK ideographs (extension A and unified)
_KEPT_RANGES = ((0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A), (0x3400, 0x4DBF), (0x4E00, 0x9FFF))


@dataclass(frozen=True)
class DuplicateSummary:
    reports: int  # with a signature
    groups: int  # groups of two or more copies
    duplicates: int  # reports pointed at a canonical one


@lru_cache(maxsize=1)
def _kept() -> CharacterSet:
    return CharacterSet(chr(cp) for low, high in _KEPT_RANGES for cp in range(low, high + 1))


def shingle_hashes(codes: np.ndarray) -> np.ndarray:
    """The smallest distinct 32-bit hashes of the 5-grams of letters and digits of a text,
    given as its code points (codepoints.code_points)."""
    codes = codes[_kept().mask_of(codes)]
    if len(codes) < SHINGLE:
        return np.empty(0, dtype=np.uint32)
    count = len(codes) - SHINGLE + 1
    hashed = codes[:count].copy()
    for i in range(1, SHINGLE):
        hashed *= _BASE
        hashed += codes[i:i + count]
    hashed *= _MULTIPLIER
    if len(hashed) > 2 * SAMPLE_SIZE:  # the smallest few, without sorting them all
        hashed = np.partition(hashed, 2 * SAMPLE_SIZE)[:2 * SAMPLE_SIZE]
    hashed.sort()  # then the distinct values: what np.unique gives, in a fraction of its time
    return hashed[np.concatenate(([True], hashed[1:] != hashed[:-1]))][:SAMPLE_SIZE]


def shingle_sample(codes: np.ndarray) -> bytes | None:
    """A report's sampled shingle hashes as bytes (at most 512), for `signature_of`, from
    the code points of its view text; None when the report is too short to compare."""
    hashes = shingle_hashes(codes)
    return hashes.astype("<u4").tobytes() if len(hashes) >= MIN_SHINGLES else None


def signature_of(sample: bytes | None) -> bytes | None:
    """The MinHash hash values of a shingle sample, as bytes.

    datasketch's MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32") updated with
    the sample's values: each value pre-mixed by MurmurHash3's 32-bit finalizer, then
    a * h + b modulo 2**32 for each permutation, and the minimum kept.
    """
    if sample is None:
        return None
    hashed = np.frombuffer(sample, dtype="<u4").astype(np.uint32).reshape(-1, 1)
    shift1, multiplier1, shift2, multiplier2, shift3 = _FMIX32
    hashed = hashed ^ (hashed >> shift1)
    hashed = hashed * multiplier1
    hashed = hashed ^ (hashed >> shift2)
    hashed = hashed * multiplier2
    hashed = hashed ^ (hashed >> shift3)
    a, b = _permutations()
    return (hashed * a + b).min(axis=0).astype("<u4").tobytes()


def report_signature(view_text: str) -> bytes | None:
    """The MinHash signature of a report's view text (sample and signature in one)."""
    return signature_of(shingle_sample(code_points(view_text)))


# MurmurHash3's 32-bit finalizer: shift, multiplier, shift, multiplier, shift
_FMIX32 = tuple(np.uint32(v) for v in (16, 0x85EBCA6B, 13, 0xC2B2AE35, 16))


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """datasketch's affine32 permutations for SEED (MinHash._init_permutations): an odd
    multiplier and an offset per permutation, drawn from numpy's RandomState(SEED)."""
    generator = np.random.RandomState(SEED)
    a = generator.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def lean_minhash(signature: bytes) -> LeanMinHash:
    """A stored signature as a datasketch MinHash (for LSH and Jaccard estimates)."""
    from datasketch import LeanMinHash

    return LeanMinHash(seed=SEED, hashvalues=np.frombuffer(signature, dtype="<u4"), scheme=SCHEME)


def link_near_duplicates(session: Session) -> DuplicateSummary:
    """Point every near-duplicate report at the first stored of its group; idempotent."""
    from sqlalchemy import select

    from extractor.models.tables import ReportRow

    rows = session.execute(
        select(ReportRow.id, ReportRow.signature).where(ReportRow.signature.is_not(None))
        .order_by(ReportRow.id)).all()
    signatures = {report_id: lean_minhash(signature) for report_id, signature in rows}
    parent = {report_id: report_id for report_id in signatures}

    def root(report_id: int) -> int:
        while parent[report_id] != report_id:
            parent[report_id] = parent[parent[report_id]]
            report_id = parent[report_id]
        return report_id

    from datasketch import MinHashLSH

    index = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    for report_id, minhash in signatures.items():
        for other in index.query(minhash):
            if minhash.jaccard(signatures[other]) >= THRESHOLD:
                a, b = root(report_id), root(other)
                parent[max(a, b)] = min(a, b)
        index.insert(report_id, minhash)
    canonical = {report_id: root(report_id) for report_id in signatures}
    _write_links(session, canonical)
    duplicates = sum(1 for report_id, first in canonical.items() if report_id != first)
    groups = len({first for report_id, first in canonical.items() if report_id != first})
    return DuplicateSummary(len(signatures), groups, duplicates)


def _write_links(session: Session, canonical: dict[int, int]) -> None:
    """Set canonical_report_id where it changed (NULL on a canonical report)."""
    from sqlalchemy import select, update

    from extractor.models.tables import ReportRow

    current = dict(session.execute(select(ReportRow.id, ReportRow.canonical_report_id)).all())
    for report_id, first in canonical.items():
        wanted = None if first == report_id else first
        if current.get(report_id) != wanted:
            session.execute(update(ReportRow).where(ReportRow.id == report_id)
                            .values(canonical_report_id=wanted))
    stale = [rid for rid, link in current.items() if link is not None and rid not in canonical]
    if stale:
        session.execute(update(ReportRow).where(ReportRow.id.in_(stale)).values(canonical_report_id=None))
