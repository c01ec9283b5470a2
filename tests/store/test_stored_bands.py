"""Stored repost bands answer the same whether asked with band bytes or band hashes."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from storyline.pipeline.reposts import RepostIndex, signature
from storyline.store import open_store
from storyline.store.reposts import StoredBands
from tests.store.test_repost_bands_migration import _article

# Long enough (over 20 shingles) for MinHash bands rather than one exact band.
TEXTS = [
    "今天上午国务院召开常务会议，研究部署稳就业工作，会议指出要加大对中小企业的支持力度。",
    "明天下午举行新闻发布会，介绍航天员训练进展情况，并回答记者关于空间站建设的提问。",
]


def test_hashes_and_bytes_find_the_same_keys_before_and_after_a_flush(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "b.db")) as store:
        first = _article(store)
        bands = StoredBands(store)
        index = RepostIndex(bands)
        sig = signature(TEXTS[0])
        index.add(str(first), sig)
        as_bytes = index.bands(sig)
        hashes = np.frombuffer(b"".join(as_bytes), dtype=">u8").astype(np.uint64)
        for _ in range(2):  # pending in memory, then written to the table
            assert bands.keys_for(as_bytes) == bands.keys_for_hashes(hashes) == {str(first)}
            assert index.candidates(sig) == [str(first)]
            assert index.candidates(signature(TEXTS[1])) == []
            with store.transaction():
                bands.flush()
        written = store.execute("SELECT count(*) FROM repost_bands").fetchone()[0]
        assert written == len(as_bytes) > 1


def test_articles_sharing_bands_are_all_found(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "b.db")) as store:
        first = _article(store)
        store.execute(
            "INSERT INTO documents(sha256, raw, origin, kind, source_id, received_at) "
            "SELECT 'd2', raw, 'o2', kind, source_id, received_at FROM documents"
        )
        second = store.insert(
            "INSERT INTO articles(document, source_id, kind, title, text, norm_title, norm_text, "
            "offsets, stored_at) SELECT 'd2', source_id, kind, title, text, norm_title, "
            "norm_text, offsets, stored_at FROM articles"
        )
        bands = StoredBands(store)
        index = RepostIndex(bands)
        sig = signature(TEXTS[0])
        index.add(str(first), sig)
        index.add(str(second), sig)  # a copy: every band shared
        for _ in range(2):  # pending in memory, then written to the table
            assert index.candidates(sig) == sorted([str(first), str(second)])
            with store.transaction():
                bands.flush()
