"""Repost runs: check newly stored articles against the archive's bands, record the verdicts.

Detection decides (pure, `pipeline/reposts`); this module feeds it stored articles in
publication order and writes duplicate_of, in one transaction.
"""

from __future__ import annotations

from storyline.pipeline.reposts import RepostIndex, find_reposts
from storyline.store import Store
from storyline.store import reposts as repost_store

# Articles checked per transaction and held in memory at once.
CHUNK = 1000


def detect_reposts(store: Store, article_ids: list[int]) -> int:
    """Check the given (new) articles; return how many verdicts were recorded."""
    bands = repost_store.StoredBands(store)
    index = RepostIndex(bands)
    count = 0
    # In chunks, so that a whole archive (reprocess) never sits in memory at once; the canonical
    # copy is chosen by date and completeness, not by the order articles are checked in.
    for start in range(0, len(article_ids), CHUNK):
        items = repost_store.unchecked(store, article_ids[start : start + CHUNK])
        seen = repost_store.StoredCandidates(store)
        with store.transaction():
            for verdict in find_reposts(items, index, seen):
                repost_store.record(store, verdict)
                count += 1
            bands.flush()
    return count
