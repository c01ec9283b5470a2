"""Facts gathered over a story's articles: its key entities and the figures its articles give."""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class Grouping:
    """The event and story an article belongs to, as an article page links them."""

    event_id: int
    event_headline: str
    story_id: int
    story_headline: str


def article_grouping(store: Store, article_id: int) -> Grouping | None:
    """An article's event and story in one indexed lookup (None before grouping): the full
    cluster rows gather every member's outlet, tens of ms for a large story."""
    row = store.execute(
        "SELECT e.id, e.headline, s.id, s.headline FROM article_events x "
        "JOIN events e ON e.id = x.event_id JOIN stories s ON s.id = e.story_id "
        "WHERE x.article_id = ?",
        (article_id,),
    ).fetchone()
    return Grouping(int(row[0]), str(row[1]), int(row[2]), str(row[3])) if row else None
