"""The index-ordered listing gives exactly the order of `list_articles` on every page."""

from __future__ import annotations

from dataclasses import replace
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


def test_source_listing_keeps_the_order_and_the_source(archive: Archive, tmp_path: Path) -> None:
    write_documents(tmp_path / "docs")
    (tmp_path / "docs" / "e.txt").write_text("没有日期的第二篇\n\n正文内容。\n", encoding="utf-8")
    archive.ingest([tmp_path / "docs"])
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "f.txt").write_text("另一个来源\n\n正文。\n", encoding="utf-8")
    archive.settings = replace(archive.settings, source="more")
    archive.ingest([tmp_path / "more"])
    every = articles.list_articles(archive.store, limit=100)
    docs = [r.id for r in every if r.source == "docs"]
    assert len(docs) == 5 and len(every) == 6
    for limit in (1, 2, 5):
        for offset in range(0, 6):
            got = articles.list_articles(archive.store, limit=limit, offset=offset, source="docs")
            assert [r.id for r in got] == docs[offset : offset + limit], (limit, offset)
