"""robots.txt files kept between crawls, so a site is not asked for it on every run."""

from __future__ import annotations

from collections.abc import Iterable

from storyline.fetch.robots import RobotsEntry
from storyline.store.db import Store


def load_robots(store: Store) -> list[RobotsEntry]:
    rows = store.execute("SELECT site, status, body, fetched_at FROM robots").fetchall()
    return [RobotsEntry(r[0], int(r[1]), bytes(r[2]), float(r[3])) for r in rows]


def save_robots(store: Store, entries: Iterable[RobotsEntry]) -> None:
    store.executemany(
        "INSERT INTO robots(site, status, body, fetched_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(site) DO UPDATE SET status = excluded.status, body = excluded.body, "
        "fetched_at = excluded.fetched_at",
        [(e.site, e.status, e.body, e.fetched_at) for e in entries],
    )
