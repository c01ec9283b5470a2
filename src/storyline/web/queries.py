"""Every page's data, as JSON-ready dicts: the HTML page and its `.json` twin both render these.

`WebQueries` wraps an `Archive`; the queries the API lacks (tag counts, articles by tag, totals)
call store modules of their own, so routes never see SQL.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, is_dataclass
from datetime import date, datetime, time
from functools import partial
from typing import Any

from storyline.api import (
    Archive,
    article_json,
    cluster_json,
    figure_json,
    iso,
    row_json,
)
from storyline.errors import InputError, NotFoundError
from storyline.records import Article, EntityKind, Figure, SearchHit, field_values
from storyline.store import articles as article_store
from storyline.store import listing, story_facts
from storyline.store import stories as story_store
from storyline.store import tags as tag_store
from storyline.store.facts import EntityRow
from storyline.store.search import RANKED_MATCHES, SearchFilters
from storyline.store.stories import ClusterRow
from storyline.timeline import timeline_json
from storyline.web.burst import BurstCache
from storyline.web.marks import article_marks, figure_title, segments
from storyline.web.script import Script, convert

# Tags shown in the home page's tag widget: enough for a sidebar, the rest are one click away.
HOME_TAGS = 30
# Stories above the latest articles on the home page: one screen's worth of headlines.
HOME_STORIES = 5
# Key entities and figures on a story page: a sidebar's worth; the entity pages hold the rest.
STORY_ENTITIES = 12
STORY_FIGURES = 20
# Events per story page: the largest stories on bench/web.py run to 550 events and 2000
# articles (180 ms to gather, far more to read); 50 events make a long but readable page.
STORY_EVENTS = 50
# Stories up to this many articles show their timeline on the story page itself. It is built on
# request: ~1 ms a short CCTV item and ~7 ms a long feature article (the samples' 5-article
# story: 33 ms of CPU), so 40 articles stay under about a quarter of a second once, after which
# the response cache answers. Larger stories link to their timeline page.
TIMELINE_INLINE_ARTICLES = 40
# Entities listed per kind on the entities page.
ENTITIES_PER_KIND = 30
# Deepest page a listing serves: past it OFFSET scans grow linearly and nobody reads that far.
MAX_PAGE = 1000


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A search as the web receives it: words, optional filters, and a page."""

    q: str = ""
    source: str | None = None
    since: date | None = None
    until: date | None = None
    tag: str | None = None
    page: int = 1

    def filters(self) -> SearchFilters:
        return SearchFilters(
            source=self.source or None,
            since=datetime.combine(self.since, time()) if self.since else None,
            until=datetime.combine(self.until, time()) if self.until else None,
            tag=self.tag or None,
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "q": self.q,
            "source": self.source,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "tag": self.tag,
            "page": self.page,
        }


def entity_json(e: EntityRow) -> dict[str, Any]:
    return {"name": e.name, "kind": e.kind, "mentions": e.mentions, "articles": e.articles}


def said_json(article_id: int, f: Figure) -> dict[str, Any]:
    """A figure with the article it comes from and its value as a page shows it."""
    return {"article_id": article_id, "value": figure_title(f), **figure_json(f)}


def jsonable(value: Any) -> Any:
    """A value of unknown shape (a later module's records) as JSON-ready data."""
    if is_dataclass(value) and not isinstance(value, type):
        return jsonable(asdict(value))
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def hit_json(h: SearchHit) -> dict[str, Any]:
    return {
        "id": h.article_id,
        "title": h.title,
        "snippet": h.snippet,
        "score": round(h.score, 4),
        "published": iso(h.published),
        "source": h.source,
        "outlet": h.outlet,
    }


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def check_page(page: int) -> int:
    if not 1 <= page <= MAX_PAGE:
        raise InputError(f"page must be between 1 and {MAX_PAGE}")
    return page


def page_count(total: int, size: int) -> int:
    return max(1, math.ceil(total / size))


class WebQueries:
    """The data behind each page, from one open archive."""

    def __init__(self, archive: Archive, burst: BurstCache | None = None) -> None:
        self.archive = archive
        self.size = archive.settings.page_size
        # Without a shared cache (scripts, tests) every value is made afresh.
        self.burst = burst or BurstCache(seconds=0)

    def home(self, page: int = 1) -> dict[str, Any]:
        offset = (check_page(page) - 1) * self.size
        # One row past the page says whether a next page exists without counting the archive.
        rows = listing.latest_articles(self.archive.store, limit=self.size + 1, offset=offset)
        return {
            "articles": [row_json(r) for r in rows[: self.size]],
            "page": page,
            "has_next": len(rows) > self.size,
            "tags": self.burst.get("home-tags", lambda: self.tag_list(HOME_TAGS)["tags"]),
            "stories": self.burst.get("home-stories", self._home_stories) if page == 1 else [],
        }

    def _home_stories(self) -> list[dict[str, Any]]:
        return [cluster_json(c) for c in self.archive.stories(limit=HOME_STORIES)]

    def latest_articles(self, limit: int) -> list[Article]:
        rows = listing.latest_articles(self.archive.store, limit=limit)
        return [self.archive.article(r.id) for r in rows]

    def tagged_articles(self, tag: str, limit: int) -> list[Article]:
        rows = tag_store.articles_by_tag(self.archive.store, tag, limit=limit)
        if not rows:
            raise NotFoundError(f"no articles are tagged {tag!r}")
        return [self.archive.article(r.id) for r in rows]

    def source_names(self) -> list[str]:
        return listing.source_names(self.archive.store)

    def article(self, article_id: int, script: Script = Script.ORIGINAL) -> dict[str, Any]:
        art = self.archive.article(article_id)
        data = article_json(art)
        return {
            "article": data,
            "display": {
                "script": str(script),
                "title": convert(art.title, script),
                "paragraphs": [convert(p, script) for p in paragraphs(art.text)],
                "segments": segments(art.text, article_marks(data), lambda t: convert(t, script)),
            },
            **self._grouping(article_id),
        }

    def _grouping(self, article_id: int) -> dict[str, Any]:
        """The event and story an article belongs to (None before grouping)."""
        found = story_facts.article_grouping(self.archive.store, article_id)
        if found is None:
            return {"event": None, "story": None}
        position = story_facts.event_position(self.archive.store, found.story_id, found.event_id)
        return {
            "event": {
                "id": found.event_id,
                "headline": found.event_headline,
                "story_page": position // STORY_EVENTS + 1,  # the story page listing it
            },
            "story": {"id": found.story_id, "headline": found.story_headline},
        }

    def stories(self, page: int = 1) -> dict[str, Any]:
        offset = (check_page(page) - 1) * self.size
        rows = self.archive.stories(limit=self.size + 1, offset=offset)
        return {
            "stories": [cluster_json(c) for c in rows[: self.size]],
            "page": page,
            "has_next": len(rows) > self.size,
        }

    def story(self, story_id: int, page: int = 1) -> dict[str, Any]:
        """A story, one page of its events (date order) with their articles, key entities,
        figures and, for a story of a few articles, its timeline (always on a page of its own
        too: `timeline`)."""
        store = self.archive.store
        row = story_store.get_story(store, story_id)
        offset = (check_page(page) - 1) * STORY_EVENTS
        events = story_store.list_events(
            store, limit=STORY_EVENTS, offset=offset, story_id=story_id
        )
        members = {e.id: story_store.event_articles(store, e.id) for e in events}
        rows = article_store.rows_by_ids(store, [i for ids in members.values() for i in ids])
        pages = page_count(row.events, STORY_EVENTS)
        return {
            "story": cluster_json(row),
            "page": page,
            "pages": pages,
            "has_next": page < pages,
            "events": [
                {"event": cluster_json(e), "articles": [row_json(rows[i]) for i in members[e.id]]}
                for e in events
            ],
            "entities": [
                entity_json(e)
                for e in story_facts.key_entities(store, story_id, limit=STORY_ENTITIES)
            ],
            "figures": [
                said_json(a, f)
                for a, f in story_facts.story_figures(store, story_id, limit=STORY_FIGURES)
            ],
            "timeline": self._inline_timeline(row),
            "timeline_url": f"/stories/{story_id}/timeline",
        }

    def _inline_timeline(self, row: ClusterRow) -> dict[str, Any] | None:
        if row.articles > TIMELINE_INLINE_ARTICLES:
            return None
        return timeline_json(self.archive.timeline(row.id))

    def timeline(self, story_id: int) -> dict[str, Any]:
        """A story's timeline: dated entries with citations, disagreements, a cited summary.

        Built from every article of the story on request (1-7 ms an article, seconds for a
        story of thousands), which is why large stories link to it rather than embed it.
        """
        row = story_store.get_story(self.archive.store, story_id)
        return {
            "story": cluster_json(row),
            "timeline": timeline_json(self.archive.timeline(story_id)),
        }

    def story_articles(self, story_id: int, limit: int) -> tuple[ClusterRow, list[Article]]:
        """A story and its latest articles, newest first (for its feed)."""
        detail = self.archive.story(story_id)
        # Events come in date order and their articles too, so the reverse is newest first.
        rows = [r for _event, members in detail.events for r in members][::-1]
        return detail.story, [self.archive.article(r.id) for r in rows[:limit]]

    def entities(self, kind: str | None = None) -> dict[str, Any]:
        kinds = [str(k) for k in EntityKind]
        if kind is not None and kind not in kinds:
            raise InputError(f"kind must be one of {', '.join(kinds)}")
        chosen = [kind] if kind else kinds
        # Counting every mention takes 50-90 ms a kind at 40k articles: share it in a burst.
        return {
            "kinds": [
                {"kind": k, "entities": self.burst.get(f"entities-{k}", partial(self._top, k))}
                for k in chosen
            ]
        }

    def _top(self, kind: str) -> list[dict[str, Any]]:
        return [entity_json(e) for e in self.archive.entities(limit=ENTITIES_PER_KIND, kind=kind)]

    def entity(self, name: str) -> dict[str, Any]:
        found = self.archive.entity(name)
        return {
            "entity": entity_json(found.entity),
            "articles": [row_json(r) for r in self.archive.articles_by_ids(found.article_ids)],
            "co_mentioned": [entity_json(e) for e in found.co_mentioned],
            "figures": [said_json(a, f) for a, f in found.figures],
        }

    def tag_list(self, limit: int | None = None) -> dict[str, Any]:
        counts = tag_store.tag_counts(self.archive.store, limit=limit)
        return {"tags": [{"tag": c.tag, "articles": c.articles} for c in counts]}

    def tag(self, tag: str, page: int = 1) -> dict[str, Any]:
        total = tag_store.count_tagged(self.archive.store, tag)
        if total == 0:
            raise NotFoundError(f"no articles are tagged {tag!r}")
        offset = (check_page(page) - 1) * self.size
        rows = tag_store.articles_by_tag(self.archive.store, tag, limit=self.size, offset=offset)
        return {
            "tag": tag,
            "total": total,
            "page": page,
            "pages": page_count(total, self.size),
            "articles": [row_json(r) for r in rows],
            "has_next": page * self.size < total,
        }

    def sources(self) -> dict[str, Any]:
        return {"sources": [field_values(r) for r in self.archive.sources()]}

    def search(self, query: SearchQuery) -> dict[str, Any]:
        """Matches of a query; pages stop where the ranked matches end (`RANKED_MATCHES`)."""
        check_page(query.page)
        if not query.q.strip():
            return {
                "query": query.as_json(),
                "terms": [],
                "total": 0,
                "page": 1,
                "pages": 1,
                "hits": [],
            }
        result = self.archive.search(query.q, query.filters(), page=query.page)
        pages = min(result.pages, page_count(RANKED_MATCHES, self.size))
        return {
            "query": query.as_json(),
            "terms": result.terms,
            "total": result.total,
            "page": result.page,
            "pages": pages,
            "has_next": result.page < pages,
            "hits": [hit_json(h) for h in result.hits],
        }
