"""Sources: where documents come from, with their error count and last error."""

from __future__ import annotations

from dataclasses import dataclass

from storyline.store.clock import now_iso
from storyline.store.db import Store


@dataclass(frozen=True, slots=True)
class SourceRow:
    id: int
    name: str
    kind: str
    location: str | None
    error_count: int
    last_error: str | None
    last_error_at: str | None
    last_success_at: str | None
    documents: int
    articles: int


def ensure_source(store: Store, name: str, kind: str, location: str | None) -> int:
    """The id of the source called `name`, created if new."""
    row = store.execute("SELECT id FROM sources WHERE name = ?", (name,)).fetchone()
    if row is not None:
        return int(row[0])
    cur = store.execute(
        "INSERT INTO sources(name, kind, location, created_at) VALUES (?, ?, ?, ?) RETURNING id",
        (name, kind, location, now_iso()),
    )
    return int(cur.fetchone()[0])


def record_error(store: Store, source_id: int, message: str) -> None:
    store.execute(
        "UPDATE sources SET error_count = error_count + 1, last_error = ?, last_error_at = ? "
        "WHERE id = ?",
        (message, now_iso(), source_id),
    )


def record_success(store: Store, source_id: int) -> None:
    store.execute("UPDATE sources SET last_success_at = ? WHERE id = ?", (now_iso(), source_id))


def list_sources(store: Store) -> list[SourceRow]:
    rows = store.execute(
        """
        SELECT s.*,
               (SELECT count(*) FROM documents d WHERE d.source_id = s.id) AS documents,
               (SELECT count(*) FROM articles a WHERE a.source_id = s.id) AS articles
        FROM sources s ORDER BY s.name
        """
    ).fetchall()
    return [
        SourceRow(
            id=r["id"],
            name=r["name"],
            kind=r["kind"],
            location=r["location"],
            error_count=r["error_count"],
            last_error=r["last_error"],
            last_error_at=r["last_error_at"],
            last_success_at=r["last_success_at"],
            documents=r["documents"],
            articles=r["articles"],
        )
        for r in rows
    ]
