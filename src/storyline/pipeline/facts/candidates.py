"""A candidate mention before overlaps are settled, and the ranks that settle them."""

from __future__ import annotations

from dataclasses import dataclass

from storyline.records import EntityKind

# When candidates overlap, the higher rank wins, then the longer span. A compound ("南非" +
# "政府") outranks the listed name inside it; listed names outrank rules; rules outrank bare
# part-of-speech tags, which are the least reliable source (F1 ~0.58 alone, see bench/entities.py).
# The name model only fills text that no other source claims: alone it is right less often
# than the rules (F1 ~0.8 on persons), but it finds names that have no cue at all.
RANK_COMPOUND = 4
RANK_LISTED = 3
RANK_RULE = 2
RANK_TAG = 1
RANK_MODEL = 0


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    kind: EntityKind
    rank: int
    entity: str | None = None  # canonical name when a listed alias was matched
    # Which rule proposed it ("module.function"): a feature of the reranker (rerank.py).
    source: str = ""

    @property
    def length(self) -> int:
        return self.end - self.start


def settle(candidates: list[Candidate]) -> list[Candidate]:
    """Keep a non-overlapping set: by rank, then length, then leftmost."""
    taken: list[Candidate] = []
    # One byte per character, 1 where a kept candidate lies: `find` tests a span in C.
    occupied = bytearray(max((c.end for c in candidates), default=0))
    for cand in sorted(candidates, key=lambda c: (-c.rank, -c.length, c.start)):
        if cand.length > 0 and occupied.find(1, cand.start, cand.end) < 0:
            taken.append(cand)
            occupied[cand.start : cand.end] = b"\x01" * cand.length
    return sorted(taken, key=lambda c: c.start)
