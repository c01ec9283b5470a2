"""Timelines of stories, computed on demand from the stored facts; their JSON shape."""

from __future__ import annotations

from typing import Any

from storyline.pipeline.timeline.build import build_timeline
from storyline.pipeline.timeline.merge import show_date
from storyline.pipeline.timeline.model import Citation, Conflict, Entry, Timeline
from storyline.store import Store
from storyline.store import articles as article_store
from storyline.store import stories as story_store


def story_timeline(store: Store, story_id: int) -> Timeline:
    """The timeline of a story: every article of every event, read from the store."""
    row = story_store.get_story(store, story_id)
    events = story_store.list_events(store, limit=10**6, story_id=story_id)
    ids = [i for e in events for i in story_store.event_articles(store, e.id)]
    articles = [article_store.get_article(store, i) for i in dict.fromkeys(ids)]
    return build_timeline(story_id, row.headline, row.keywords, articles)


def timeline_json(timeline: Timeline) -> dict[str, Any]:
    return {
        "story_id": timeline.story_id,
        "headline": timeline.headline,
        "summary": [citation_json(c) for c in timeline.summary],
        "entries": [entry_json(e) for e in timeline.entries],
        "conflicts": [conflict_json(c) for c in timeline.conflicts],
    }


def entry_json(entry: Entry) -> dict[str, Any]:
    return {
        "date": {"first": entry.first.isoformat(), "last": entry.last.isoformat()},
        "shown": show_date(entry.first, entry.last, entry.granularity),
        "granularity": str(entry.granularity),
        "summary": entry.summary,
        "predicate": entry.predicate,
        "kind": entry.kind,
        "actors": entry.actors,
        "figures": [
            {"text": f.text, "low": f.low, "high": f.high, "unit": f.unit} for f in entry.figures
        ],
        "weight": entry.weight,
        "citations": [citation_json(c) for c in entry.citations],
        "flags": {
            "background": entry.background,
            "scheduled": entry.scheduled,
            "inferred": entry.inferred,
        },
    }


def citation_json(c: Citation) -> dict[str, Any]:
    return {
        "article_id": c.article_id,
        "external_id": c.external_id,
        "start": c.start,
        "end": c.end,
        "text": c.text,
    }


def conflict_json(c: Conflict) -> dict[str, Any]:
    return {
        "what": c.what,
        "about": c.about,
        "sides": [{"value": s.value, "citation": citation_json(s.citation)} for s in c.sides],
    }
