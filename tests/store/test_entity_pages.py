"""An entity's latest articles: walking the time index and sorting agree, on both engines."""

from __future__ import annotations

from pathlib import Path

from storyline.api import Archive
from storyline.store import articles, facts
from tests.web.conftest import write_documents


def test_walk_and_sort_give_the_latest_naming_articles(archive: Archive, tmp_path: Path) -> None:
    write_documents(tmp_path / "docs")
    (tmp_path / "docs" / "e.txt").write_text("微软新闻\n\n微软宣布裁员。\n", encoding="utf-8")
    archive.ingest([tmp_path / "docs"])
    store = archive.store
    sql = "SELECT article_id FROM mentions WHERE entity = ?"
    naming = {int(r[0]) for r in store.execute(sql, ("微软",)).fetchall()}
    order = [r.id for r in articles.list_articles(store, limit=100)]
    want = [i for i in order if i in naming]  # latest first, undated last
    assert len(want) == 3
    for limit in (1, 2, 3, 5):
        walked = facts.latest_naming(store, "微软", 10**6, limit)  # many: walks the index
        sorted_ = facts.latest_naming(store, "微软", 1, limit)  # few: sorts them
        assert walked == sorted_ == want[:limit], limit
    page = facts.entity_page(store, "微软", limit=2)
    assert page is not None and page.article_ids == want[:2]
    assert page.entity.articles == 3
