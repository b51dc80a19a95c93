"""Near-duplicate signatures of reports: the MinHash of their text, computed at extraction.

A report's signature is the MinHash of the character 5-grams of its matching view
(simplified, half-width) with everything but letters and digits dropped, so UTF-8,
GB18030 and traditional Big5 copies of one report, or a copy with other web chrome
around it, come out alike. Shingles are hashed with numpy and only the `SAMPLE_SIZE`
smallest hash values (a bottom-k sample: the same shingles in every copy) go into the
MinHash, so the signature costs a few percent of extraction.

The hash values are those of a datasketch MinHash (scheme affine32), computed here with
numpy as datasketch computes them (tests/test_duplicates.py checks they are equal):
importing datasketch pulls in scipy, about 45 MB, which the ingest workers then never
carry. extractor/reconcile/duplicates.py reads them back into datasketch objects.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from extractor.text.codepoints import CharacterSet
from extractor.text.han import CJK_EXTENSION_A, CJK_UNIFIED

NUM_PERM = 64
SHINGLE = 5  # characters per shingle
SAMPLE_SIZE = 128  # a report's smallest shingle hashes that go into its MinHash
MIN_SHINGLES = 8  # a report with fewer shingles is too short to compare
SEED = 1
SCHEME = "affine32"  # datasketch's permutation scheme, fixed so stored signatures stay comparable
# uint32 arithmetic wraps around: a polynomial hash modulo 2**32, then a multiplicative
# mix that spreads it before the smallest are taken
_BASE = np.uint32(1_000_003)
_MULTIPLIER = np.uint32(0x9E3779B1)
# code points kept: digits, ASCII letters, CJK ideographs (extension A and unified)
_KEPT_RANGES = ((0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A), CJK_EXTENSION_A, CJK_UNIFIED)


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
    return bytes((hashed * a + b).min(axis=0).astype("<u4").tobytes())


def report_signature(codes: np.ndarray) -> bytes | None:
    """The MinHash signature of a report, from the code points of its view text."""
    return signature_of(shingle_sample(codes))


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
