"""Feed subscriptions: per-source settings as data, crawl schedule, validators, items seen."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from storyline.errors import InputError
from storyline.store.clock import now_iso
from storyline.store.db import Store


@dataclass(frozen=True, slots=True)
class FeedSettings:
    """What a user sets per feed; None means "use the global setting"."""

    url: str
    name: str
    encoding: str | None = None
    timezone: str | None = None
    interval_s: int | None = None
    full_text: bool = True
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class FeedRow:
    source_id: int
    settings: FeedSettings
    site_url: str | None
    failures: int  # consecutive failed crawls; 0 after a success
    next_fetch_at: str | None
    last_fetch_at: str | None
    last_outcome: str | None


def add_feed(store: Store, feed: FeedSettings) -> int:
    """Subscribe: a source of kind `feed` with these settings. Refuses a URL already added."""

    taken = store.execute(
        "SELECT s.name FROM feeds f JOIN sources s ON s.id = f.source_id WHERE f.url = ?",
        (feed.url,),
    ).fetchone()
    if taken is not None:
        raise InputError(f"{feed.url} is already subscribed as {taken[0]!r}")
    if store.execute("SELECT 1 FROM sources WHERE name = ?", (feed.name,)).fetchone():
        raise InputError(f"a source named {feed.name!r} already exists; pick another --name")
    cur = store.execute(
        "INSERT INTO sources(name, kind, location, created_at) VALUES (?, 'feed', ?, ?) "
        "RETURNING id",
        (feed.name, feed.url, now_iso()),
    )
    source_id = int(cur.fetchone()[0])
    store.execute(
        "INSERT INTO feeds(source_id, url, encoding, timezone, interval_s, full_text, outlet) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            source_id,
            feed.url,
            feed.encoding,
            feed.timezone,
            feed.interval_s,
            int(feed.full_text),
            feed.outlet,
        ),
    )
    return source_id


_SELECT = """
    SELECT f.*, s.name FROM feeds f JOIN sources s ON s.id = f.source_id
"""


def _row(r: sqlite3.Row) -> FeedRow:
    get = r.__getitem__
    settings = FeedSettings(
        url=get("url"),
        name=get("name"),
        encoding=get("encoding"),
        timezone=get("timezone"),
        interval_s=get("interval_s"),
        full_text=bool(get("full_text")),
        outlet=get("outlet"),
    )
    return FeedRow(
        source_id=get("source_id"),
        settings=settings,
        site_url=get("site_url"),
        failures=get("failures"),
        next_fetch_at=get("next_fetch_at"),
        last_fetch_at=get("last_fetch_at"),
        last_outcome=get("last_outcome"),
    )


def list_feeds(store: Store) -> list[FeedRow]:
    return [_row(r) for r in store.execute(f"{_SELECT} ORDER BY s.name").fetchall()]


def due_feeds(store: Store, now: str) -> list[FeedRow]:
    """Feeds never fetched or whose next fetch time has come, the longest-waiting first."""
    rows = store.execute(
        f"{_SELECT} WHERE f.next_fetch_at IS NULL OR f.next_fetch_at <= ? "
        "ORDER BY f.next_fetch_at IS NOT NULL, f.next_fetch_at, s.name",
        (now,),
    ).fetchall()
    return [_row(r) for r in rows]


def record_outcome(
    store: Store, source_id: int, *, ok: bool, outcome: str, next_fetch_at: str, fetched_at: str
) -> None:
    """After a crawl of one feed: reset or count failures, and schedule the next fetch."""
    failures = "0" if ok else "failures + 1"
    store.execute(
        f"UPDATE feeds SET failures = {failures}, last_outcome = ?, next_fetch_at = ?, "
        "last_fetch_at = ? WHERE source_id = ?",
        (outcome, next_fetch_at, fetched_at, source_id),
    )


def move_feed(store: Store, source_id: int, url: str) -> bool:
    """Point a subscription at a new feed URL; False when another subscription has it."""
    taken = store.execute(
        "SELECT 1 FROM feeds WHERE url = ? AND source_id != ?", (url, source_id)
    ).fetchone()
    if taken:
        return False
    store.execute("UPDATE feeds SET url = ? WHERE source_id = ?", (url, source_id))
    store.execute("UPDATE sources SET location = ? WHERE id = ?", (url, source_id))
    return True


def set_site(store: Store, source_id: int, site_url: str | None) -> None:
    store.execute("UPDATE feeds SET site_url = ? WHERE source_id = ?", (site_url, source_id))


def get_validators(store: Store, url: str) -> tuple[str | None, str | None]:
    row = store.execute(
        "SELECT etag, last_modified FROM http_validators WHERE url = ?", (url,)
    ).fetchone()
    return (row[0], row[1]) if row else (None, None)


def set_validators(store: Store, url: str, etag: str | None, last_modified: str | None) -> None:
    store.execute(
        "INSERT INTO http_validators(url, etag, last_modified, stored_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, "
        "last_modified = excluded.last_modified, stored_at = excluded.stored_at",
        (url, etag, last_modified, now_iso()),
    )


def seen_keys(store: Store, source_id: int) -> set[str]:
    rows = store.execute("SELECT key FROM feed_items WHERE source_id = ?", (source_id,))
    return {str(r[0]) for r in rows}


def mark_seen(store: Store, source_id: int, keys: Iterable[str], document: str | None) -> None:
    now = now_iso()
    store.executemany(
        "INSERT INTO feed_items(source_id, key, document, seen_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT DO NOTHING",
        [(source_id, key, document, now) for key in keys],
    )
