"""A batch of articles saved at once stores the rows that saving them one by one stores."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from storyline.records import Article, DocKind, Document, EntityKind, Mention, RemovedSpan
from storyline.store import Store, open_store
from storyline.store import articles as article_store
from storyline.store import documents as document_store
from storyline.store import sources as source_store

# Child tables in a fixed order, with the rowid where it tells the order rows were written in.
TABLES = {
    "mentions": "SELECT rowid, * FROM mentions ORDER BY rowid",
    "entity_stats": "SELECT * FROM entity_stats ORDER BY entity, kind",
    "article_tags": "SELECT * FROM article_tags ORDER BY article_id, tag",
    "removed_spans": "SELECT * FROM removed_spans ORDER BY article_id, span_start",
    "search": "SELECT rowid, title, body FROM search ORDER BY rowid",
}


def _articles(store: Store) -> list[tuple[Article, int]]:
    source = source_store.ensure_source(store, "s", "folder", None)
    made = []
    for n, names in enumerate([["微软", "马斯克"], ["微软"], []]):
        doc = Document(
            f"doc {n}".encode(), f"o{n}", DocKind.TEXT, "s", datetime(2025, 2, 1, tzinfo=UTC)
        )
        document_store.add_document(store, doc, doc.sha256, source)
        text = "".join(names) + "宣布"
        article = Article(
            document=doc.sha256,
            source="s",
            kind=DocKind.TEXT,
            text=text,
            norm_text=text,
            title=f"标题{n}",
            published=datetime(2025, 1, n + 1, tzinfo=UTC),
            tags=[f"t{n}", "共同"],
            removed=[RemovedSpan(0, 2, "广告", "spam")] if n != 1 else [],
            mentions=[
                Mention(i * 2, i * 2 + 2, name, EntityKind.ORG, name)
                for i, name in enumerate(names)
            ],
            title_tokens=f"标题{n}",
            body_tokens=" ".join(names),
        )
        made.append((article, source))
    return made


def _rows(store: Store) -> dict[str, list[tuple[object, ...]]]:
    return {t: [tuple(r) for r in store.execute(sql).fetchall()] for t, sql in TABLES.items()}


def test_a_batch_stores_what_single_saves_store(tmp_path: Path) -> None:
    stored = []
    for name, batch in (("one", False), ("batch", True)):
        with open_store(str(tmp_path / f"{name}.db")) as store:
            with store.transaction():
                made = _articles(store)
                if batch:
                    ids = article_store.save_articles(store, made)
                else:
                    ids = [article_store.save_articles(store, [m])[0] for m in made]
            assert ids == [a.id for a, _ in made] == [1, 2, 3]
            stored.append(_rows(store))
    assert stored[0] == stored[1]
    assert stored[1]["entity_stats"] == [("微软", "org", 2, 2), ("马斯克", "org", 1, 1)]
    assert len(stored[1]["mentions"]) == 3 and len(stored[1]["removed_spans"]) == 2


def test_replacing_a_batch_keeps_ids_and_counts(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "r.db")) as store:
        with store.transaction():
            made = _articles(store)
            article_store.save_articles(store, made)
            first = _rows(store)
            ids = article_store.save_articles(store, _articles_again(made), replace=True)
        assert ids == [1, 2, 3]
        again = _rows(store)
        # Replaced mentions are new rows: compare them without their rowids.
        for rows in (first, again):
            rows["mentions"] = [r[1:] for r in rows["mentions"]]
        assert again == first


def _articles_again(made: list[tuple[Article, int]]) -> list[tuple[Article, int]]:
    """The same articles as new objects, as a reprocess makes them."""
    again = []
    for article, source in made:
        copy = Article(**{f: getattr(article, f) for f in Article.__dataclass_fields__})
        copy.id = None
        again.append((copy, source))
    return again


def test_an_article_reads_back_its_outlet_and_the_source_it_credits(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "c.db")) as store:
        with store.transaction():
            made = _articles(store)
            made[0][0].outlet, made[0][0].credited = "示例网", "示例日报"
            ids = article_store.save_articles(store, made)
        first, second = (article_store.get_article(store, i) for i in ids[:2])
    assert (first.outlet, first.credited) == ("示例网", "示例日报")
    assert (second.outlet, second.credited) == (None, None)
