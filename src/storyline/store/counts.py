"""Totals the web listings page by, and the names a filter menu offers."""

from __future__ import annotations

from storyline.store.db import Store


def count_articles(store: Store, source: str | None = None) -> int:
    if source is None:
        return int(store.conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    row = store.conn.execute(
        "SELECT count(*) FROM articles a JOIN sources s ON s.id = a.source_id WHERE s.name = ?",
        (source,),
    ).fetchone()
    return int(row[0])


def source_names(store: Store) -> list[str]:
    """Source names for a filter menu, without the per-source counts `list_sources` makes."""
    return [str(r[0]) for r in store.conn.execute("SELECT name FROM sources ORDER BY name")]
