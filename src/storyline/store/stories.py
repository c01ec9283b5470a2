"""Events and stories: clusters of articles, their assignments, and curator decisions."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storyline.errors import NotFoundError
from storyline.pipeline.stories.grouping import Cast, Cluster
from storyline.store.clock import now_iso, utc_iso
from storyline.store.db import Store

# Keywords shown for an event or a story: the strongest terms of its centroid.
SHOWN_KEYWORDS = 8


@dataclass(frozen=True, slots=True)
class Ungrouped:
    id: int
    title: str
    when: datetime | None
    keywords: dict[str, float]
    duplicate_of: int | None = None


@dataclass(frozen=True, slots=True)
class ClusterRow:
    """An event or a story as listed: headline, keywords, span, outlets, counts."""

    id: int
    kind: str  # "event" or "story"
    headline: str
    keywords: list[str]
    first: datetime | None
    last: datetime | None
    articles: int
    events: int
    outlets: list[str]
    story_id: int | None = None


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None


def ungrouped(store: Store) -> list[Ungrouped]:
    """Articles not yet in an event, oldest first (undated last, in storing order)."""
    rows = store.execute(
        "SELECT a.id, a.title, a.published_utc, a.duplicate_of, a.keywords FROM articles a "
        "WHERE NOT EXISTS (SELECT 1 FROM article_events x WHERE x.article_id = a.id) "
        "ORDER BY a.published_utc IS NULL, a.published_utc, a.id"
    ).fetchall()
    return [Ungrouped(r[0], r[1], _time(r[2]), json.loads(r[4]), r[3]) for r in rows]


def _clusters(store: Store, table: str, since: datetime | None) -> list[Cluster]:
    sql = f"SELECT id, centroid, first_utc, last_utc, size FROM {table}"
    params: list[Any] = []
    if since is not None:
        sql += " WHERE last_utc IS NULL OR last_utc >= ?"
        params.append(utc_iso(since))
    rows = store.execute(sql + " ORDER BY id", params).fetchall()
    return [Cluster(r[0], json.loads(r[1]), _time(r[2]), _time(r[3]), r[4]) for r in rows]


def events_since(store: Store, since: datetime | None) -> list[Cluster]:
    return _clusters(store, "events", since)


def stories_since(store: Store, since: datetime | None) -> list[Cluster]:
    return _clusters(store, "stories", since)


def create_story(store: Store, headline: str) -> int:
    return store.insert(
        "INSERT INTO stories(headline, centroid, size, created_at) VALUES (?, '{}', 0, ?)",
        (headline, now_iso()),
    )


def create_event(store: Store, story_id: int, headline: str) -> int:
    return store.insert(
        "INSERT INTO events(story_id, headline, centroid, size, created_at) "
        "VALUES (?, ?, '{}', 0, ?)",
        (story_id, headline, now_iso()),
    )


def save_cluster(store: Store, table: str, cluster: Cluster) -> None:
    store.execute(
        f"UPDATE {table} SET centroid = ?, first_utc = ?, last_utc = ?, size = ? WHERE id = ?",
        (
            json.dumps(cluster.centroid, ensure_ascii=False),
            utc_iso(cluster.first),
            utc_iso(cluster.last),
            cluster.size,
            cluster.id,
        ),
    )


def assign(store: Store, article_id: int, event_id: int, score: float, how: str) -> None:
    store.execute(
        "INSERT INTO article_events(article_id, event_id, score, how) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (article_id) DO UPDATE SET event_id = excluded.event_id, "
        "score = excluded.score, how = excluded.how",
        (article_id, event_id, score, how),
    )


def story_of_event(store: Store, event_id: int) -> int:
    row = store.execute("SELECT story_id FROM events WHERE id = ?", (event_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no event with id {event_id}")
    return int(row[0])


def refresh_headlines(store: Store, event_ids: set[int], story_ids: set[int]) -> None:
    """Event headline: its earliest article's title; story headline: its largest event's."""
    for event_id in event_ids:
        store.execute(
            "UPDATE events SET headline = COALESCE((SELECT a.title FROM articles a "
            "JOIN article_events x ON x.article_id = a.id WHERE x.event_id = ? "
            "ORDER BY a.published_utc IS NULL, a.published_utc, a.id LIMIT 1), headline) "
            "WHERE id = ?",
            (event_id, event_id),
        )
    for story_id in story_ids:
        store.execute(
            "UPDATE stories SET headline = COALESCE((SELECT e.headline FROM events e "
            "WHERE e.story_id = ? ORDER BY e.size DESC, e.id LIMIT 1), headline) WHERE id = ?",
            (story_id, story_id),
        )


_EVENT_ROWS = """
    SELECT e.id, e.headline, e.centroid, e.first_utc, e.last_utc, e.story_id,
           (SELECT count(*) FROM article_events x WHERE x.event_id = e.id) AS articles
    FROM events e
"""


def _outlets(store: Store, where: str, param: int) -> list[str]:
    rows = store.execute(
        "SELECT DISTINCT COALESCE(a.outlet, s.name) FROM articles a "
        "JOIN sources s ON s.id = a.source_id JOIN article_events x ON x.article_id = a.id "
        f"JOIN events e ON e.id = x.event_id WHERE {where} = ? ORDER BY 1",
        (param,),
    ).fetchall()
    return [r[0] for r in rows]


def _top_terms(centroid: str) -> list[str]:
    terms: dict[str, float] = json.loads(centroid)
    return sorted(terms, key=lambda t: (-terms[t], t))[:SHOWN_KEYWORDS]


def list_events(
    store: Store, *, limit: int, offset: int = 0, story_id: int | None = None
) -> list[ClusterRow]:
    where, params = ("WHERE e.story_id = ?", [story_id]) if story_id else ("", [])
    order = (
        "ORDER BY e.last_utc IS NULL, e.first_utc, e.id"
        if story_id
        else ("ORDER BY e.last_utc IS NULL, e.last_utc DESC, e.id DESC")
    )
    rows = store.execute(
        f"{_EVENT_ROWS} {where} {order} LIMIT ? OFFSET ?", [*params, limit, offset]
    ).fetchall()
    return [_event_row(store, r) for r in rows]


def _event_row(store: Store, r: Any) -> ClusterRow:
    """A row of `_EVENT_ROWS` as a ClusterRow."""
    return ClusterRow(
        id=r[0],
        kind="event",
        headline=r[1],
        keywords=_top_terms(r[2]),
        first=_time(r[3]),
        last=_time(r[4]),
        articles=r[6],
        events=1,
        outlets=_outlets(store, "e.id", r[0]),
        story_id=r[5],
    )


def list_stories(
    store: Store, *, limit: int, offset: int = 0, story_id: int | None = None
) -> list[ClusterRow]:
    where, params = ("AND s.id = ?", [story_id]) if story_id else ("", [])
    rows = store.execute(
        "SELECT s.id, s.headline, s.centroid, s.first_utc, s.last_utc, "
        "(SELECT count(*) FROM events e WHERE e.story_id = s.id) AS events, "
        "(SELECT count(*) FROM article_events x JOIN events e ON e.id = x.event_id "
        " WHERE e.story_id = s.id) AS articles "
        f"FROM stories s WHERE EXISTS (SELECT 1 FROM events e WHERE e.story_id = s.id) {where} "
        "ORDER BY s.last_utc IS NULL, s.last_utc DESC, s.id DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return [
        ClusterRow(
            id=r[0],
            kind="story",
            headline=r[1],
            keywords=_top_terms(r[2]),
            first=_time(r[3]),
            last=_time(r[4]),
            articles=r[6],
            events=r[5],
            outlets=_outlets(store, "e.story_id", r[0]),
        )
        for r in rows
    ]


def get_story(store: Store, story_id: int) -> ClusterRow:
    rows = list_stories(store, limit=1, story_id=story_id)
    if not rows:
        raise NotFoundError(f"no story with id {story_id}")
    return rows[0]


def get_event(store: Store, event_id: int) -> ClusterRow:
    rows = store.execute(f"{_EVENT_ROWS} WHERE e.id = ?", (event_id,)).fetchall()
    if not rows:
        raise NotFoundError(f"no event with id {event_id}")
    return _event_row(store, rows[0])


def member_vectors(store: Store, event_id: int) -> list[tuple[dict[str, float], datetime | None]]:
    """Keyword vectors and times of an event's articles, to rebuild its centroid."""
    rows = store.execute(
        "SELECT a.keywords, a.published_utc FROM articles a "
        "JOIN article_events x ON x.article_id = a.id WHERE x.event_id = ?",
        (event_id,),
    ).fetchall()
    return [(json.loads(r[0]), _time(r[1])) for r in rows]


def story_events(store: Store, story_id: int) -> list[Cluster]:
    rows = store.execute(
        "SELECT id, centroid, first_utc, last_utc, size FROM events WHERE story_id = ?",
        (story_id,),
    ).fetchall()
    return [Cluster(r[0], json.loads(r[1]), _time(r[2]), _time(r[3]), r[4]) for r in rows]


def event_articles(store: Store, event_id: int) -> list[int]:
    rows = store.execute(
        "SELECT x.article_id FROM article_events x JOIN articles a ON a.id = x.article_id "
        "WHERE x.event_id = ? ORDER BY a.published_utc IS NULL, a.published_utc, a.id",
        (event_id,),
    ).fetchall()
    return [int(r[0]) for r in rows]


def event_of_article(store: Store, article_id: int) -> tuple[int, int] | None:
    """(event id, story id) of an article, if grouped."""
    row = store.execute(
        "SELECT e.id, e.story_id FROM article_events x JOIN events e ON e.id = x.event_id "
        "WHERE x.article_id = ?",
        (article_id,),
    ).fetchone()
    return (int(row[0]), int(row[1])) if row else None


def record_curation(store: Store, action: str, target: str, detail: dict[str, Any]) -> None:
    store.execute(
        "INSERT INTO curation(action, target, detail, at) VALUES (?, ?, ?, ?)",
        (action, target, json.dumps(detail), now_iso()),
    )


def move_articles(store: Store, article_ids: list[int], event_id: int) -> None:
    store.executemany(
        "UPDATE article_events SET event_id = ?, how = 'curated' WHERE article_id = ?",
        [(event_id, a) for a in article_ids],
    )


def move_events(store: Store, event_ids: list[int], story_id: int) -> None:
    store.executemany(
        "UPDATE events SET story_id = ? WHERE id = ?", [(story_id, e) for e in event_ids]
    )


def delete_empty(store: Store) -> None:
    """Drop events without articles and stories without events (after a merge or split)."""
    store.execute(
        "DELETE FROM events WHERE NOT EXISTS "
        "(SELECT 1 FROM article_events x WHERE x.event_id = events.id)"
    )
    store.execute(
        "DELETE FROM stories WHERE NOT EXISTS "
        "(SELECT 1 FROM events e WHERE e.story_id = stories.id)"
    )


# Kinds of entity that make a story's cast (see `grouping.Cast`).
_CAST_KINDS = ("person", "org", "place")


def article_cast(store: Store, article_id: int) -> Cast:
    """An article's people, organisations and places with their mention counts (by name)."""
    return articles_cast(store, [article_id]).get(article_id, Cast())


def articles_cast(store: Store, article_ids: list[int]) -> dict[int, Cast]:
    """`article_cast` of several articles in one query; an article without any is absent.

    Ordered by name, as one article's GROUP BY gave them: a cosine over these counts sums its
    products in this order."""
    if not article_ids:
        return {}
    marks = ", ".join("?" * len(article_ids))
    rows = store.execute(
        "SELECT article_id, kind, entity, count(*) FROM mentions "
        f"WHERE article_id IN ({marks}) AND kind IN (?, ?, ?) "
        "GROUP BY article_id, kind, entity ORDER BY article_id, entity",
        (*article_ids, *_CAST_KINDS),
    ).fetchall()
    found: dict[int, Cast] = {}
    for r in rows:
        found.setdefault(int(r[0]), Cast()).add(r[1], r[2], float(r[3]))
    return found


def story_cast(store: Store, story_id: int) -> Cast:
    """A story's people, organisations and places with their mention counts over its articles."""
    rows = store.execute(
        "SELECT m.kind, m.entity, count(*) FROM mentions m "
        "JOIN article_events x ON x.article_id = m.article_id "
        "JOIN events e ON e.id = x.event_id "
        "WHERE e.story_id = ? AND m.kind IN (?, ?, ?) GROUP BY m.kind, m.entity "
        "ORDER BY m.entity",
        (story_id, *_CAST_KINDS),
    ).fetchall()
    cast = Cast()
    for r in rows:
        cast.add(r[0], r[1], float(r[2]))
    return cast


def entity_rarity(store: Store, names: list[str]) -> dict[str, float]:
    """log(1 + N/df) of each entity over the archive: a cast named everywhere says little."""
    if not names:
        return {}
    total = int(store.execute("SELECT count(*) FROM articles").fetchone()[0]) or 1
    marks = ", ".join("?" for _ in names)
    rows = store.execute(
        f"SELECT entity, count(DISTINCT article_id) FROM mentions WHERE entity IN ({marks}) "
        "GROUP BY entity",
        names,
    ).fetchall()
    return {r[0]: math.log1p(total / max(1, int(r[1]))) for r in rows}
