"""Migration 8 turns stored repost bands (8-byte blobs) into the integers the store now keys on."""

from __future__ import annotations

import pytest

from storyline.store import db, open_store
from storyline.store.migrations import MIGRATIONS
from storyline.store.reposts import StoredBands

# The sign bit set and clear, the extremes, and a mixed pattern of every hex digit.
BANDS = [
    bytes.fromhex("0000000000000000"),
    bytes.fromhex("0000000000000001"),
    bytes.fromhex("7fffffffffffffff"),
    bytes.fromhex("8000000000000000"),
    bytes.fromhex("ffffffffffffffff"),
    bytes.fromhex("0123456789abcdef"),
    bytes.fromhex("fedcba9876543210"),
]


def _article(store: db.Store) -> int:
    source = store.execute(
        "INSERT INTO sources(name, created_at) VALUES ('s', 'now') RETURNING id"
    ).fetchone()[0]
    store.execute(
        "INSERT INTO documents(sha256, raw, origin, kind, source_id, received_at) "
        "VALUES ('d', ?, 'o', 'text', ?, 'now')",
        (b"raw", source),
    )
    return int(
        store.execute(
            "INSERT INTO articles(document, source_id, kind, title, text, norm_title, "
            "norm_text, offsets, stored_at) VALUES ('d', ?, 'text', 't', 'x', 't', 'x', "
            "'[[], []]', 'now') RETURNING id",
            (source,),
        ).fetchone()[0]
    )


def test_blob_bands_become_the_integers_of_their_bits(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "MIGRATIONS", MIGRATIONS[:7])
    with open_store(db_url) as store:
        article = _article(store)
        store.executemany(
            "INSERT INTO repost_bands(band, article_id) VALUES (?, ?)",
            [(band, article) for band in BANDS + BANDS[:2]],  # old tables allowed repeats
        )
    monkeypatch.setattr(db, "MIGRATIONS", MIGRATIONS)
    with open_store(db_url) as store:
        rows = store.execute("SELECT band, article_id FROM repost_bands").fetchall()
        assert sorted((r[0], r[1]) for r in rows) == sorted(
            (int.from_bytes(b, "big", signed=True), article) for b in BANDS
        )
        # What the store writes and looks up now meets what the migration wrote.
        assert StoredBands(store).keys_for([BANDS[4]]) == {str(article)}
