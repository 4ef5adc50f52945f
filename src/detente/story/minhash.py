"""MinHash signatures and LSH band keys of article texts, for near-duplicate detection.

A text is its set of word 5-shingles (case-folded), each hashed with CRC-32 (stable across
processes and platforms, and four times cheaper than a cryptographic hash). Its MinHash signature
holds, for each of :data:`NUM_PERM` multiply-shift hash functions ``((a·h + b) mod 2^64) >> 32``
over those hashes, the smallest value; two texts agree on a signature position with probability equal to the
Jaccard similarity of their shingle sets. The signature is cut into :data:`BANDS` bands of
:data:`ROWS` positions and each band hashed to one 64-bit key: texts that share a key are
candidates. With 20 bands of 6 rows a pair at Jaccard 0.8 shares a key with probability 0.998,
a pair at 0.3 with 0.014, so almost every true copy is proposed and few others are; candidates are
then checked on their exact shingle Jaccard.

Everything here is derived from fixed seeds with BLAKE2 (no random generator whose stream could
change between library versions): the keys are stored (``article_bands``) and must mean the same
in every process and release. Changing a parameter changes :data:`SCHEME`, which is folded into
every key, so old and new keys never match by accident; after such a change, empty ``article_bands``
and run ``detente.story.dedup.backfill``, which keys every article that has no keys.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from functools import cache, lru_cache

import numpy as np

SHINGLE = 5
BANDS = 20
ROWS = 6
NUM_PERM = BANDS * ROWS
SCHEME = f"minhash-crc32-ms-{SHINGLE}-{BANDS}x{ROWS}"
_WORD = re.compile(r"\w+", re.UNICODE)
_SHIFT = np.uint64(32)


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """Word ``size``-grams of the case-folded text (the whole text when it is shorter)."""
    words = _WORD.findall(text.casefold())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    """Exact Jaccard similarity of two shingle sets (0.0 when both are empty)."""
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def _hash64(data: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The multipliers (odd, so each is a bijection mod 2^64) and offsets of the hash functions."""
    a = np.array([_hash64(f"{SCHEME}:a:{i}".encode()) | 1 for i in range(NUM_PERM)], dtype=np.uint64)
    b = np.array([_hash64(f"{SCHEME}:b:{i}".encode()) for i in range(NUM_PERM)], dtype=np.uint64)
    return a[:, None], b[:, None]


def signature(shingle_set: set[str]) -> np.ndarray:
    """The MinHash signature (``NUM_PERM`` values) of a shingle set; all-ones for an empty set."""
    if not shingle_set:
        return np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint64)
    h = np.fromiter((zlib.crc32(s.encode("utf-8")) for s in shingle_set), dtype=np.uint64, count=len(shingle_set))
    a, b = _permutations()
    with np.errstate(over="ignore"):  # arithmetic mod 2^64 is the point; the high half is well mixed
        return ((a * h[None, :] + b) >> _SHIFT).min(axis=1)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per band (signed, so any SQL BIGINT column holds it)."""
    keys = []
    for band in range(BANDS):
        chunk = sig[band * ROWS:(band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, key=f"{SCHEME}:{band}".encode()).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


@lru_cache(maxsize=1024)
def text_keys(text: str) -> tuple[int, ...]:
    """The band keys of a text; none for a text without words (it can duplicate nothing).

    Cached: an ingest asks for the keys of one text twice, when it screens the article for copies
    and when the store writes them.
    """
    sh = shingles(text)
    return tuple(band_keys(signature(sh))) if sh else ()
