"""The repost step's core: each new article against everything seen before it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, MutableMapping
from datetime import datetime

from storyline.pipeline.reposts.candidates import RepostIndex, band_hashes
from storyline.pipeline.reposts.decision import (
    RepostCandidate,
    candidate_from,
    canonical_order,
    decide,
)
from storyline.pipeline.reposts.items import RepostItem, Verdict
from storyline.pipeline.reposts.signatures import (
    Signature,
    shingle_hashes,
    signature_of_hashes,
    skeleton,
)


def prepare(item: RepostItem) -> tuple[Signature, RepostCandidate]:
    """The signature to index and the candidate to remember, from one pass over the text."""
    skel = skeleton(item.text)
    hashes = shingle_hashes(skel)
    return signature_of_hashes(hashes), candidate_from(item, skel, hashes)


def best_verdict(new: RepostCandidate, seen: Iterable[RepostCandidate]) -> Verdict | None:
    """The strongest verdict between `new` and earlier articles: exact first, then closest."""
    best: tuple[tuple[bool, float], tuple[datetime, int, str], Verdict] | None = None
    for old in seen:
        verdict = decide(new, old)
        if verdict is None:
            continue
        rank = (verdict.kind == "exact", verdict.similarity)
        # Among equals, prefer pairing with the most canonical earlier article.
        tie = canonical_order(old)
        if best is None or rank > best[0] or (rank == best[0] and tie < best[1]):
            best = (rank, tie, verdict)
    return None if best is None else best[2]


def find_reposts(
    items: Iterable[RepostItem],
    index: RepostIndex,
    seen: MutableMapping[str, RepostCandidate] | None = None,
) -> Iterator[Verdict]:
    """Yield a verdict for each item that reposts (or is reposted by) an earlier one.

    Items are taken in order, each compared with the index's candidates among those seen
    before it, then added. `seen` holds the candidates by key; a store may pass a mapping
    backed by its own table (it must hold every key the index returns that it still knows).
    """
    memory: MutableMapping[str, RepostCandidate] = {} if seen is None else seen
    for item in items:
        signature, candidate = prepare(item)
        bands = band_hashes(signature)
        earlier = (memory[k] for k in index.candidates_of_hashes(bands) if k in memory)
        verdict = best_verdict(candidate, earlier)
        if verdict is not None:
            yield verdict
        index.add_hashes(item.key, bands)
        memory[item.key] = candidate
