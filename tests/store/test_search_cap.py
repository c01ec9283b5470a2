"""A word found in many articles: all are counted, only the newest RANKED_MATCHES are ranked."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.api import Archive
from storyline.store import search


def test_common_words_rank_the_newest_matches(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for n in range(5):
        # More repetitions in older articles: uncapped, the oldest would rank first.
        body = "台风" * (5 - n) + f"登陆第{n}次。"
        (folder / f"{n}.txt").write_text(f"消息{n}\n\n{body}\n", encoding="utf-8")
    archive.ingest(sorted(folder.glob("*.txt")))
    everything = archive.search("台风")
    assert everything.total == 5
    monkeypatch.setattr(search, "RANKED_MATCHES", 2)
    capped = archive.search("台风")
    assert capped.total == 5  # still counted in full
    newest = sorted((h.article_id for h in everything.hits), reverse=True)[:2]
    assert sorted(h.article_id for h in capped.hits) == sorted(newest)
    scores = [h.score for h in capped.hits]
    assert scores == sorted(scores, reverse=True)
