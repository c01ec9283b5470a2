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


def _counted(archive: Archive) -> set[tuple[str, str, int, int]]:
    """Every entity's counts, counted from the mentions themselves."""
    sql = (
        "SELECT entity, kind, count(*), count(DISTINCT article_id) FROM mentions "
        "GROUP BY entity, kind"
    )
    return {(r[0], r[1], int(r[2]), int(r[3])) for r in archive.store.execute(sql).fetchall()}


def _kept(archive: Archive) -> set[tuple[str, str, int, int]]:
    sql = "SELECT entity, kind, mentions, articles FROM entity_stats"
    return {(r[0], r[1], int(r[2]), int(r[3])) for r in archive.store.execute(sql).fetchall()}


def test_kept_entity_counts_follow_ingest_and_reprocess(archive: Archive, tmp_path: Path) -> None:
    write_documents(tmp_path / "docs")
    archive.ingest([tmp_path / "docs"])
    assert _kept(archive) == _counted(archive) != set()
    # An article whose facts change on reprocess: its old mentions must leave the counts.
    store = archive.store
    with store.transaction():
        store.execute(
            "UPDATE mentions SET entity = 'x-gone' "
            "WHERE article_id = (SELECT min(article_id) FROM mentions)"
        )
        store.execute("DELETE FROM entity_stats")
        store.execute(
            "INSERT INTO entity_stats SELECT entity, kind, count(*), count(DISTINCT article_id) "
            "FROM mentions GROUP BY entity, kind"
        )
    assert "x-gone" in {e for e, *_ in _kept(archive)}
    archive.reprocess()
    assert _kept(archive) == _counted(archive)
    assert "x-gone" not in {e for e, *_ in _kept(archive)}
    top = facts.top_entities(store, limit=3, kind="org")
    by_articles = sorted(
        (c for c in _counted(archive) if c[1] == "org"), key=lambda c: (-c[3], c[0])
    )
    assert [(e.name, e.articles) for e in top] == [(c[0], c[3]) for c in by_articles[:3]]
