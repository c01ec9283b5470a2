"""Articles: clean text and metadata, removed spans, tags, and their search rows."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime

from storyline.errors import NotFoundError
from storyline.records import Article, DocKind, OffsetMap, RemovedSpan
from storyline.store import facts, search
from storyline.store.clock import now_iso, utc_iso
from storyline.store.db import Store


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """One line of an article listing."""

    id: int
    title: str
    title_derived: bool
    published: datetime | None
    source: str
    outlet: str | None
    external_id: str | None
    lang: str | None
    script: str | None
    url: str | None
    chars: int


def save_articles(
    store: Store, articles: list[tuple[Article, int]], *, replace: bool = False
) -> list[int]:
    """Insert each (article, source id) made from `article.document`, or with `replace` update
    the one made from it before (keeping its id); return their ids, in the same order.

    Tags, removed spans and facts of the whole batch are written at the end, one executemany
    per table (see `facts.FactRows`). With `replace` each article's rows are written before the
    next one's old rows are deleted, so that entity_stats passes through the same states.
    """
    rows = _ChildRows()
    ids = []
    for article, source_id in articles:
        ids.append(_save_one(store, article, source_id, replace, rows))
        if replace:
            rows.write(store)
    rows.write(store)
    return ids


@dataclass(slots=True)
class _ChildRows:
    """Rows of other tables that hang off a batch of articles, written together."""

    tags: list[tuple[int, str]] = field(default_factory=list)
    removed: list[tuple[int, int, int, str, str]] = field(default_factory=list)
    fact_rows: facts.FactRows = field(default_factory=facts.FactRows)

    def add(self, article_id: int, article: Article) -> None:
        self.tags += [(article_id, tag) for tag in article.tags]
        self.removed += [(article_id, s.start, s.end, s.text, s.reason) for s in article.removed]
        self.fact_rows.add(article_id, article)

    def write(self, store: Store) -> None:
        store.executemany(
            "INSERT INTO article_tags(article_id, tag) VALUES (?, ?) ON CONFLICT DO NOTHING",
            self.tags,
        )
        store.executemany(
            "INSERT INTO removed_spans(article_id, span_start, span_end, text, reason) "
            "VALUES (?, ?, ?, ?, ?)",
            self.removed,
        )
        self.fact_rows.write(store)
        self.tags, self.removed = [], []


def _save_one(
    store: Store, article: Article, source_id: int, replace: bool, rows: _ChildRows
) -> int:
    row = None
    if replace:
        sql = "SELECT id FROM articles WHERE document = ?"
        row = store.execute(sql, (article.document,)).fetchone()
    values = _values(article, source_id)
    if row is None:
        cols = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        sql = f"INSERT INTO articles({cols}) VALUES ({marks})"
        article_id = store.insert(sql, list(values.values()))
    else:
        article_id = int(row[0])
        sets = ", ".join(f"{c} = ?" for c in values)
        store.execute(f"UPDATE articles SET {sets} WHERE id = ?", [*values.values(), article_id])
        store.execute("DELETE FROM article_tags WHERE article_id = ?", (article_id,))
        store.execute("DELETE FROM removed_spans WHERE article_id = ?", (article_id,))
        search.remove_article(store, article_id)
        facts.delete_facts(store, article_id)
    rows.add(article_id, article)
    search.index_article(store, article_id, article)
    article.id = article_id
    return article_id


def _values(a: Article, source_id: int) -> dict[str, object]:
    return {
        "document": a.document,
        "source_id": source_id,
        "kind": str(a.kind),
        "external_id": a.external_id,
        "title": a.title,
        "title_derived": int(a.title_derived),
        "published": a.published.isoformat() if a.published else None,
        "published_utc": utc_iso(a.published),
        "author": a.author,
        "outlet": a.outlet,
        "credited": a.credited,
        "url": a.url,
        "lang": a.lang,
        "script": a.script,
        "thumbnail": a.thumbnail,
        "summary": a.summary,
        "categories": json.dumps(a.categories, ensure_ascii=False),
        "tags": json.dumps(a.tags, ensure_ascii=False),
        "encoding": a.encoding,
        "text": a.text,
        "norm_title": a.norm_title,
        "norm_text": a.norm_text,
        "offsets": json.dumps([a.offsets.norm, a.offsets.orig]),
        "keywords": json.dumps(a.keywords, ensure_ascii=False),
        "stored_at": now_iso(),
    }


def get_article(store: Store, article_id: int) -> Article:
    row = store.execute(
        "SELECT a.*, s.name AS source FROM articles a JOIN sources s ON s.id = a.source_id "
        "WHERE a.id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        raise NotFoundError(f"no article with id {article_id}")
    spans = store.execute(
        "SELECT span_start, span_end, text, reason FROM removed_spans WHERE article_id = ? "
        "ORDER BY span_start",
        (article_id,),
    ).fetchall()
    norm, orig = json.loads(row["offsets"])
    article = Article(
        id=row["id"],
        document=row["document"],
        source=row["source"],
        kind=DocKind(row["kind"]),
        external_id=row["external_id"],
        title=row["title"],
        title_derived=bool(row["title_derived"]),
        published=_parse_time(row["published"]),
        author=row["author"],
        outlet=row["outlet"],
        credited=row["credited"],
        url=row["url"],
        lang=row["lang"],
        script=row["script"],
        thumbnail=row["thumbnail"],
        summary=row["summary"],
        categories=json.loads(row["categories"]),
        tags=json.loads(row["tags"]),
        encoding=row["encoding"],
        text=row["text"],
        norm_title=row["norm_title"],
        norm_text=row["norm_text"],
        offsets=OffsetMap(norm, orig),
        removed=[RemovedSpan(s[0], s[1], s[2], s[3]) for s in spans],
        keywords=json.loads(row["keywords"]),
    )
    facts.load_facts(store, article, article_id)
    return article


def _parse_time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


_LIST_SQL = """
    SELECT a.id, a.title, a.title_derived, a.published, s.name AS source, a.outlet,
           a.external_id, a.lang, a.script, a.url, length(a.text) AS chars
    FROM articles a JOIN sources s ON s.id = a.source_id
"""


def list_articles(
    store: Store, *, limit: int, offset: int = 0, source: str | None = None
) -> list[ArticleRow]:
    """Latest first (by publication time, undated last), then by id.

    `published_utc IS NULL` in an ORDER BY keeps SQLite from using the publication-time index
    (it would read and sort every article: 0.3–2 s at 119k, bench/web.py), so dated and undated
    articles are read as two index-ordered runs instead, giving the same order.
    """
    where, params = (
        ("source_id = (SELECT id FROM sources WHERE name = ?) AND ", [source])
        if source
        else ("", [])
    )
    ids = [
        int(r[0])
        for r in store.execute(
            f"SELECT id FROM articles WHERE {where}published_utc IS NOT NULL "
            "ORDER BY published_utc DESC, id DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
    ]
    if len(ids) < limit:
        dated = int(
            store.execute(
                f"SELECT count(*) FROM articles WHERE {where}published_utc IS NOT NULL", params
            ).fetchone()[0]
        )
        ids += [
            int(r[0])
            for r in store.execute(
                f"SELECT id FROM articles WHERE {where}published_utc IS NULL "
                "ORDER BY id DESC LIMIT ? OFFSET ?",
                [*params, limit - len(ids), max(0, offset - dated)],
            )
        ]
    rows = rows_by_ids(store, ids)
    return [rows[i] for i in ids]


def rows_by_ids(store: Store, ids: list[int]) -> dict[int, ArticleRow]:
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    rows = store.execute(f"{_LIST_SQL} WHERE a.id IN ({marks})", ids).fetchall()
    return {int(r["id"]): _row(r) for r in rows}


def _row(r: sqlite3.Row) -> ArticleRow:
    return ArticleRow(
        id=r["id"],
        title=r["title"],
        title_derived=bool(r["title_derived"]),
        published=_parse_time(r["published"]),
        source=r["source"],
        outlet=r["outlet"],
        external_id=r["external_id"],
        lang=r["lang"],
        script=r["script"],
        url=r["url"],
        chars=r["chars"],
    )


def count_articles(store: Store) -> int:
    return int(store.execute("SELECT count(*) FROM articles").fetchone()[0])


def ids_after(store: Store, last: int, limit: int) -> list[int]:
    """Up to `limit` article ids greater than `last`, ascending (keyset paging for exports)."""
    rows = store.execute(
        "SELECT id FROM articles WHERE id > ? ORDER BY id LIMIT ?", (last, limit)
    ).fetchall()
    return [int(r[0]) for r in rows]
