"""Documents: raw bytes, content-addressed by sha256, with origin, time and processing state."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from storyline.records import DocKind, Document, Failure, State
from storyline.store.clock import utc_iso
from storyline.store.db import Store


def has_document(store: Store, sha256: str) -> bool:
    row = store.execute("SELECT 1 FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
    return row is not None


def add_document(store: Store, doc: Document, sha256: str, source_id: int) -> bool:
    """Store the bytes unless already there; True when they were new."""
    cur = store.execute(
        """
        INSERT INTO documents(sha256, raw, origin, kind, source_id, received_at, charset, url)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (sha256) DO NOTHING
        """,
        (
            sha256,
            doc.raw,
            doc.origin,
            str(doc.kind),
            source_id,
            utc_iso(doc.received_at),
            doc.charset,
            doc.url,
        ),
    )
    return cur.rowcount == 1


def mark_ok(store: Store, shas: list[str]) -> None:
    store.executemany(
        "UPDATE documents SET state = ?, step = NULL, reason = NULL, message = NULL "
        "WHERE sha256 = ?",
        [(State.OK.value, sha) for sha in shas],
    )


def mark_failed(store: Store, sha256: str, failure: Failure) -> None:
    store.execute(
        "UPDATE documents SET state = ?, step = ?, reason = ?, message = ? WHERE sha256 = ?",
        (State.FAILED.value, failure.step, failure.reason, failure.message, sha256),
    )


# Documents read per page by `iter_documents`.
PAGE_ROWS = 200


def iter_documents(store: Store, page_rows: int | None = None) -> Iterator[tuple[Document, str]]:
    """Every stored document with its source name, oldest first, a page at a time.

    Each page is one finished SELECT that starts after the last row of the one before (on the
    documents_received index), so the caller may commit writes between pages, which a cursor
    held open across them would not allow in SQLite, and only a page is held in memory.
    `page_rows` defaults to PAGE_ROWS, read at each call."""
    size = PAGE_ROWS if page_rows is None else page_rows
    after: tuple[str, str, str] | None = None
    while True:
        where = "" if after is None else "WHERE (d.received_at, d.origin, d.sha256) > (?, ?, ?)"
        rows = store.execute(
            f"""
            SELECT d.raw, d.origin, d.kind, s.name AS source, d.received_at, d.charset, d.url,
                d.sha256
            FROM documents d JOIN sources s ON s.id = d.source_id
            {where}
            ORDER BY d.received_at, d.origin, d.sha256
            LIMIT {int(size)}
            """,
            () if after is None else after,
        ).fetchall()
        for r in rows:
            doc = Document(
                raw=bytes(r["raw"]),
                origin=r["origin"],
                kind=DocKind(r["kind"]),
                source=r["source"],
                received_at=datetime.fromisoformat(r["received_at"]),
                charset=r["charset"],
                url=r["url"],
            )
            yield doc, r["source"]
        if len(rows) < size:
            return
        last = rows[-1]
        after = (last["received_at"], last["origin"], last["sha256"])


def failures(store: Store) -> list[tuple[str, str, str, str]]:
    """(sha256, origin, reason, message) of every failed document."""
    rows = store.execute(
        "SELECT sha256, origin, reason, message FROM documents WHERE state = ? "
        "ORDER BY received_at, origin",
        (State.FAILED.value,),
    ).fetchall()
    return [(r[0], r[1], r[2], r[3]) for r in rows]


def count_documents(store: Store) -> int:
    return int(store.execute("SELECT count(*) FROM documents").fetchone()[0])
