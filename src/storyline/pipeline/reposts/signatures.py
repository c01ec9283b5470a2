"""Character shingles and MinHash signatures of a normalized text.

Everything here is deterministic across processes and runs: shingles are hashed with fixed
64-bit arithmetic over code points (never Python's salted `hash()`), and the MinHash
permutations come from a fixed seed. A signature can therefore be stored and compared later.

The text is reduced to its letters, digits and ideographs before shingling (`skeleton`), so
re-wrapped paragraphs, changed spacing and punctuation edits do not change the shingles.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

U64 = npt.NDArray[np.uint64]
U32 = npt.NDArray[np.uint32]

# Five characters per shingle. A Chinese word is one to four characters, so a 5-gram spans
# about two words: specific enough that unrelated news shares under 2% of its shingles, while
# one edited character only breaks five shingles (3% edits keep ~85% of them). Tuning half of
# bench/reposts.py with the thresholds of decision.py: k=4 recall 0.992, k=5 0.989, k=6 0.987,
# precision 1.0 for all three; 5 was kept as the middle, the thresholds having been set on it.
SHINGLE_CHARS = 5

# 42 bands x 3 rows (see candidates.py for the S-curve); 126 permutations in all.
NUM_PERM = 126

# The lead signature covers the first 200 shingles (about the first 200 characters). A repost
# cut to its first half or two thirds keeps the lead of its source almost whole even when its
# Jaccard over the whole text falls to ~0.4; 200 is under half of the median CCTV story (422
# characters) yet long enough that a 40-character header line leaves lead Jaccard >= 0.65.
LEAD_SHINGLES = 200

# Below 20 shingles (~25 characters: a headline, a caption, a one-line flash) a text can only
# be an exact copy (decision.py). Such texts get one exact band instead of MinHash bands: at
# Jaccard 0.14, which two one-line CCTV flashes reach through their shared opening formula
# alone, the 42x3 S-curve still gives P = 0.11, and thousands of them made every short text a
# candidate of every other.
MIN_SHINGLES = 20

_SEED = 20_260_323  # any fixed value; changing it invalidates stored signatures
_BASE = np.uint64(0x100000001B3)  # the 64-bit FNV prime, odd: a bijective step per character
_NON_WORD = re.compile(r"[\W_]+")


def skeleton(text: str) -> str:
    """The text without spacing or punctuation, lower-cased: what shingles are taken from."""
    return _NON_WORD.sub("", text).lower()


def _mix64(x: U64) -> U64:
    """The splitmix64 finalizer: spreads a polynomial hash over all 64 bits."""
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def shingle_hashes(skel: str, k: int = SHINGLE_CHARS) -> U64:
    """64-bit hashes of the k-character shingles of `skel`, in text order (repeats kept).

    A text shorter than k is one shingle; an empty text has none.
    """
    if not skel:
        return np.zeros(0, dtype=np.uint64)
    codes = np.frombuffer(skel.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = max(len(codes) - k + 1, 1)
    h = np.zeros(n, dtype=np.uint64)
    for j in range(min(k, len(codes))):
        h *= _BASE  # in place: the same wrapping arithmetic as `h = h * _BASE + ...`
        h += codes[j : j + n]
    return _mix64(h)


def _permutations() -> tuple[U64, U64]:
    rng = np.random.default_rng(_SEED)
    high = np.uint64(1 << 63)
    # Odd multipliers make each `a*h + b` a bijection of the 64-bit words; the top 32 bits of
    # the product are the multiply-shift hash, whose order is close to a random permutation.
    a = rng.integers(0, 1 << 63, NUM_PERM, dtype=np.uint64) | np.uint64(1) | high
    b = rng.integers(0, 1 << 63, NUM_PERM, dtype=np.uint64)
    return a, b


_A, _B = _permutations()  # constants derived from a fixed seed; never mutated


@dataclass(frozen=True, slots=True, eq=False)
class Signature:
    """MinHash of the whole text and of its lead, NUM_PERM 32-bit values each."""

    full: U32 = field(repr=False)
    lead: U32 = field(repr=False)
    exact_only: bool = False  # a text under MIN_SHINGLES: indexed for exact copies only

    def to_bytes(self) -> bytes:
        flag = b"\x01" if self.exact_only else b"\x00"
        return flag + self.full.astype("<u4").tobytes() + self.lead.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        values = np.frombuffer(data[1:], dtype="<u4").astype(np.uint32)
        return cls(values[:NUM_PERM], values[NUM_PERM:], exact_only=data[:1] == b"\x01")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Signature):
            return NotImplemented
        return self.to_bytes() == other.to_bytes()

    def __hash__(self) -> int:
        return int.from_bytes(hashlib.blake2b(self.to_bytes(), digest_size=8).digest(), "big")


def _minhash(hashes: U64) -> U32:
    if hashes.size == 0:
        return np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
    # In place on one (shingles x permutations) array: the same wrapping uint64 arithmetic as
    # `(h * a + b) >> 32`, without a temporary of that size per operation (several times faster).
    permuted = np.multiply.outer(hashes, _A)
    permuted += _B
    permuted >>= np.uint64(32)
    smallest: U32 = permuted.min(axis=0).astype(np.uint32)
    return smallest


def signature_of_hashes(hashes: U64) -> Signature:
    """The signature of shingle hashes in text order (see `shingle_hashes`)."""
    lead = _minhash(hashes[:LEAD_SHINGLES])
    rest = _minhash(hashes[LEAD_SHINGLES:])
    return Signature(np.minimum(lead, rest), lead, exact_only=hashes.size < MIN_SHINGLES)


def signature(text: str) -> Signature:
    """The signature of a normalized (Simplified, half-width) text."""
    return signature_of_hashes(shingle_hashes(skeleton(text)))


def shingle_sequence(hashes: U64) -> U32:
    """The shingles kept compactly for the decision: top 32 bits, in text order.

    With ~1,000 shingles a side, two unrelated texts share a 32-bit value by chance with
    probability ~1e6 / 4.3e9 = 2e-4: negligible against the thresholds in decision.py.
    """
    top: U32 = (hashes >> np.uint64(32)).astype(np.uint32)
    return top
