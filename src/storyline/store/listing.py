"""Listings for the web: the latest articles through the publication-time index, and totals.

`articles.list_articles` sorts with `published_utc IS NULL` first, which SQLite cannot serve
from the `articles_published` index: it reads and sorts every row (0.3–2 s at 119k articles,
measured by bench/web.py). Here dated and undated articles are read as two index-ordered runs,
giving the same order at the cost of a few index steps.
"""

from __future__ import annotations

from storyline.store.articles import ArticleRow, rows_by_ids
from storyline.store.db import Store


def _dated_ids(store: Store, limit: int, offset: int) -> list[int]:
    rows = store.execute(
        "SELECT id FROM articles WHERE published_utc IS NOT NULL "
        "ORDER BY published_utc DESC, id DESC LIMIT ? OFFSET ?",
        (limit, offset),
    )
    return [int(r[0]) for r in rows]


def _undated_ids(store: Store, limit: int, offset: int) -> list[int]:
    rows = store.execute(
        "SELECT id FROM articles WHERE published_utc IS NULL ORDER BY id DESC LIMIT ? OFFSET ?",
        (limit, offset),
    )
    return [int(r[0]) for r in rows]


def latest_articles(store: Store, *, limit: int, offset: int = 0) -> list[ArticleRow]:
    """Latest first by publication time, undated last, then by id (as `list_articles`)."""
    ids = _dated_ids(store, limit, offset)
    if len(ids) < limit:
        dated = int(
            store.execute(
                "SELECT count(*) FROM articles WHERE published_utc IS NOT NULL"
            ).fetchone()[0]
        )
        ids += _undated_ids(store, limit - len(ids), max(0, offset - dated))
    rows = rows_by_ids(store, ids)
    return [rows[i] for i in ids]


def count_articles(store: Store) -> int:
    return int(store.execute("SELECT count(*) FROM articles").fetchone()[0])


def source_names(store: Store) -> list[str]:
    """Source names for a filter menu, without the per-source counts `list_sources` makes."""
    return [str(r[0]) for r in store.execute("SELECT name FROM sources ORDER BY name")]
