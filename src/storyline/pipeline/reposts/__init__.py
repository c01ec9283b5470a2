"""Repost detection: exact and near-duplicate articles, and which copy is canonical.

signatures.py shingles a normalized text and computes its MinHash; candidates.py proposes
candidates with LSH; decision.py decides on exact shingle sets; find.py runs them over a
stream of articles. The modules may run compiled (storyline/native.py).
"""

# ruff: noqa: E402  (the submodules are imported after `activate`, which picks their copies)
from storyline import native

native.activate(__name__, __path__)

from storyline.pipeline.reposts.candidates import BandLookup, BandStore, MemoryBands, RepostIndex
from storyline.pipeline.reposts.decision import RepostCandidate, candidate_of, decide
from storyline.pipeline.reposts.find import find_reposts, prepare
from storyline.pipeline.reposts.items import RepostItem, Verdict
from storyline.pipeline.reposts.signatures import Signature, signature

__all__ = [
    "BandLookup",
    "BandStore",
    "MemoryBands",
    "RepostCandidate",
    "RepostIndex",
    "RepostItem",
    "Signature",
    "Verdict",
    "candidate_of",
    "decide",
    "find_reposts",
    "prepare",
    "signature",
]
