"""Listings for the web: the latest articles (through the publication-time index, see
`articles.list_articles`), totals, and source names."""

from __future__ import annotations

from storyline.store.articles import ArticleRow, list_articles
from storyline.store.db import POSTGRES, Store


def latest_articles(store: Store, *, limit: int, offset: int = 0) -> list[ArticleRow]:
    """Latest first by publication time, undated last, then by id (as `list_articles`)."""
    return list_articles(store, limit=limit, offset=offset)


def count_articles(store: Store) -> int:
    return int(store.execute("SELECT count(*) FROM articles").fetchone()[0])


def source_names(store: Store) -> list[str]:
    """Source names for a filter menu, without the per-source counts `list_sources` makes."""
    return [str(r[0]) for r in store.execute("SELECT name FROM sources ORDER BY name")]


def data_version(store: Store) -> int | None:
    """A number that changes whenever another connection (of any process) commits to the
    database: SQLite's `PRAGMA data_version`. Only values read on one connection compare.
    None on PostgreSQL, which keeps no such counter."""
    if store.dialect == POSTGRES:
        return None
    return int(store.execute("PRAGMA data_version").fetchone()[0])
