"""Repost runs: check newly stored articles against the archive's bands, record the verdicts.

Detection decides (pure, `pipeline/reposts`); this module feeds it stored articles in
publication order and writes duplicate_of, in one transaction.
"""

from __future__ import annotations

from storyline.pipeline.reposts import RepostIndex, find_reposts
from storyline.store import Store
from storyline.store import reposts as repost_store


def detect_reposts(store: Store, article_ids: list[int]) -> int:
    """Check the given (new) articles; return how many verdicts were recorded."""
    if not article_ids:
        return 0
    items = repost_store.unchecked(store, article_ids)
    index = RepostIndex(repost_store.StoredBands(store))
    seen = repost_store.StoredCandidates(store)
    count = 0
    with store.transaction():
        for verdict in find_reposts(items, index, seen):
            repost_store.record(store, verdict)
            count += 1
    return count
