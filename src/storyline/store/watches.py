"""Watch lists: saved queries with an optional webhook and the last article they reported."""

from __future__ import annotations

import json
from dataclasses import dataclass

from storyline.errors import InputError, NotFoundError
from storyline.store.clock import now_iso
from storyline.store.db import Store


@dataclass(frozen=True, slots=True)
class WatchRow:
    name: str
    query: str
    sources: tuple[str, ...]
    webhook: str | None
    last_article_id: int


def add_watch(store: Store, name: str, query: str, sources: list[str], webhook: str | None) -> None:
    if store.execute("SELECT 1 FROM watches WHERE name = ?", (name,)).fetchone():
        raise InputError(f"a watch named {name!r} already exists")
    # "New" matches are those stored after the watch was made: start from the newest article.
    newest = store.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]
    store.execute(
        "INSERT INTO watches(name, query, sources, webhook, last_article_id, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (name, query, json.dumps(sources, ensure_ascii=False), webhook, int(newest), now_iso()),
    )


def _row(r: tuple[str, str, str, str | None, int]) -> WatchRow:
    return WatchRow(r[0], r[1], tuple(json.loads(r[2])), r[3], int(r[4]))


_SELECT = "SELECT name, query, sources, webhook, last_article_id FROM watches"


def get_watch(store: Store, name: str) -> WatchRow:
    row = store.execute(f"{_SELECT} WHERE name = ?", (name,)).fetchone()
    if row is None:
        raise NotFoundError(f"no watch named {name!r}")
    return _row(tuple(row))


def list_watches(store: Store) -> list[WatchRow]:
    return [_row(tuple(r)) for r in store.execute(f"{_SELECT} ORDER BY name")]


def set_last_article(store: Store, name: str, article_id: int) -> None:
    store.execute("UPDATE watches SET last_article_id = ? WHERE name = ?", (article_id, name))
