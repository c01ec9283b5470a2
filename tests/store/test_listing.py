"""The index-ordered listing gives exactly the order of `list_articles` on every page."""

from __future__ import annotations

from pathlib import Path

from storyline.api import Archive
from storyline.store import articles, listing
from tests.web.conftest import write_documents


def test_latest_matches_list_articles_on_every_page(archive: Archive, tmp_path: Path) -> None:
    write_documents(tmp_path / "docs")
    (tmp_path / "docs" / "e.txt").write_text("没有日期的第二篇\n\n正文内容。\n", encoding="utf-8")
    archive.ingest([tmp_path / "docs"])
    store = archive.store
    everything = articles.list_articles(store, limit=100)
    assert any(r.published is None for r in everything)  # both runs are exercised
    assert listing.count_articles(store) == len(everything) == 5
    for limit in (1, 2, 3, 5):
        for offset in range(0, 6):
            got = [r.id for r in listing.latest_articles(store, limit=limit, offset=offset)]
            want = [r.id for r in articles.list_articles(store, limit=limit, offset=offset)]
            assert got == want, (limit, offset)
