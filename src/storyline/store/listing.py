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
    database. Only values read on one connection compare.

    SQLite: `PRAGMA data_version`, which counts commits by other connections. PostgreSQL: the
    write-ahead log's insert position, which every commit that changes data moves before the
    change becomes visible (and which reads leave alone, unlike the commit counters of
    `pg_stat_database`). Other databases of the server move it too: a change there merely
    makes a reader start afresh. None where the position cannot be read (a standby server in
    recovery)."""
    if store.dialect == POSTGRES:
        return _wal_position(store)
    return int(store.execute("PRAGMA data_version").fetchone()[0])


def _wal_position(store: Store) -> int | None:
    import psycopg  # present whenever a PostgreSQL store is open

    try:
        row = store.execute("SELECT pg_current_wal_insert_lsn() - '0/0'::pg_lsn").fetchone()
    except psycopg.Error:  # "recovery is in progress": a standby writes no log of its own
        return None
    return int(row[0])
