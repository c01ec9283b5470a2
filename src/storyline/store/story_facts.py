"""Facts gathered over a story's articles: its key entities and the figures its articles give."""

from __future__ import annotations

from storyline.records import Figure, Qualifier
from storyline.store.db import Store
from storyline.store.facts import EntityRow

_STORY_MENTIONS = (
    "FROM mentions m JOIN article_events x ON x.article_id = m.article_id "
    "JOIN events e ON e.id = x.event_id WHERE e.story_id = ?"
)


def key_entities(store: Store, story_id: int, *, limit: int) -> list[EntityRow]:
    """The entities mentioned most often across a story's articles."""
    rows = store.execute(
        f"SELECT m.entity, m.kind, count(*), count(DISTINCT m.article_id) {_STORY_MENTIONS} "
        "GROUP BY m.entity, m.kind ORDER BY count(*) DESC, m.entity LIMIT ?",
        (story_id, limit),
    ).fetchall()
    return [EntityRow(r[0], r[1], r[2], r[3]) for r in rows]


def story_figures(store: Store, story_id: int, *, limit: int) -> list[tuple[int, Figure]]:
    """(article id, figure) from a story's articles, in article then text order."""
    rows = store.execute(
        "SELECT f.article_id, f.span_start, f.span_end, f.text, f.low, f.high, f.unit, "
        "f.qualifier FROM figures f JOIN article_events x ON x.article_id = f.article_id "
        "JOIN events e ON e.id = x.event_id WHERE e.story_id = ? "
        "ORDER BY f.article_id, f.span_start LIMIT ?",
        (story_id, limit),
    ).fetchall()
    return [(r[0], Figure(r[1], r[2], r[3], r[4], r[5], r[6], Qualifier(r[7]))) for r in rows]


def event_position(store: Store, story_id: int, event_id: int) -> int:
    """Where an event comes in its story's date order (as `stories.list_events`), from 0."""
    rows = store.execute(
        "SELECT id FROM events WHERE story_id = ? ORDER BY last_utc IS NULL, first_utc, id",
        (story_id,),
    ).fetchall()
    return next((n for n, r in enumerate(rows) if int(r[0]) == event_id), 0)
