"""Grouping runs: place new articles into events and stories, and apply curator decisions.

`pipeline/stories/grouping.py` decides (pure); this module loads the candidate clusters from the
store, applies the decisions and writes them back, in one transaction per run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from storyline.errors import InputError
from storyline.pipeline.stories.grouping import (
    EVENT_WINDOW,
    STORY_WINDOW,
    Cast,
    Cluster,
    ClusterIndex,
    place,
)
from storyline.store import Store
from storyline.store import stories as story_store


@dataclass(slots=True)
class GroupReport:
    articles: int = 0
    joined_events: int = 0
    new_events: int = 0
    new_stories: int = 0
    touched_events: set[int] = field(default_factory=set)
    touched_stories: set[int] = field(default_factory=set)

    def add(self, other: GroupReport) -> None:
        self.articles += other.articles
        self.joined_events += other.joined_events
        self.new_events += other.new_events
        self.new_stories += other.new_stories


# Articles whose casts are read in one query while placing them.
CAST_CHUNK = 500


class _Casts:
    """What the same-actors rule reads during one grouping run, read once each.

    Within a run no article or mention is added, so an entity's rarity stays fixed; a story's
    cast changes only when an article joins it, and is read again after that."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.articles: dict[int, Cast] = {}
        self.loaded: set[int] = set()
        self._stories: dict[int, Cast] = {}
        self._rarity: dict[str, float] = {}
        self._asked: set[str] = set()

    def load_articles(self, ids: list[int]) -> None:
        self.articles = story_store.articles_cast(self.store, ids)
        self.loaded = set(ids)

    def article(self, article_id: int) -> Cast:
        if article_id in self.loaded:
            return self.articles.get(article_id, Cast())
        # A repost whose original is not grouped: not loaded with the others.
        return story_store.article_cast(self.store, article_id)

    def story(self, story_id: int) -> Cast:
        if story_id not in self._stories:
            self._stories[story_id] = story_store.story_cast(self.store, story_id)
        return self._stories[story_id]

    def joined(self, story_id: int) -> None:
        self._stories.pop(story_id, None)

    def rarity(self, names: list[str]) -> dict[str, float]:
        new = [name for name in names if name not in self._asked]
        if new:
            self._rarity.update(story_store.entity_rarity(self.store, new))
            self._asked.update(new)
        return self._rarity


def group_new_articles(store: Store) -> GroupReport:
    """Place every article not yet in an event; earlier placements never move."""
    report = GroupReport()
    todo = story_store.ungrouped(store)
    if not todo:
        return report
    dated = [a.when for a in todo if a.when is not None]
    start = min(dated) if dated and len(dated) == len(todo) else None
    with store.transaction():
        events = ClusterIndex(
            story_store.events_since(store, start - EVENT_WINDOW if start else None)
        )
        stories = ClusterIndex(
            story_store.stories_since(store, start - STORY_WINDOW if start else None)
        )
        casts = _Casts(store)
        story_of: dict[int, int] = {}
        for first in range(0, len(todo), CAST_CHUNK):
            chunk = todo[first : first + CAST_CHUNK]
            casts.load_articles([a.id for a in chunk if a.duplicate_of is None])
            for article in chunk:
                if article.when is not None:  # dated articles come first, oldest first
                    events.retire(article.when, EVENT_WINDOW)
                    stories.retire(article.when, STORY_WINDOW)
                else:  # undated ones last: near every cluster, retired or not
                    events.restore()
                    stories.restore()
                _place_one(store, article, events, stories, report, casts, story_of)
        for event_id in report.touched_events:
            story_store.save_cluster(store, "events", events.by_id[event_id])
        for story_id in report.touched_stories:
            story_store.save_cluster(store, "stories", stories.by_id[story_id])
        story_store.refresh_headlines(store, report.touched_events, report.touched_stories)
    return report


def _place_one(
    store: Store,
    article: story_store.Ungrouped,
    events: ClusterIndex,
    stories: ClusterIndex,
    report: GroupReport,
    casts: _Casts,
    story_of: dict[int, int],
) -> None:
    vector = article.keywords
    if article.duplicate_of is not None:
        home = story_store.event_of_article(store, article.duplicate_of)
        if home is not None:
            # A repost joins its original's event and adds no weight to it.
            story_store.assign(store, article.id, home[0], 1.0, "repost")
            casts.joined(home[1])
            report.articles += 1
            report.joined_events += 1
            return
    cast = casts.article(article.id)

    def actors(story_id: int) -> float:
        if not cast.actors:
            return 0.0
        theirs = casts.story(story_id)
        return cast.similarity(theirs, casts.rarity(sorted(cast.names() | theirs.names())))

    placement = place(
        vector, article.when, events.candidates(vector), stories.candidates(vector), actors=actors
    )
    report.articles += 1
    if placement.event_id is not None:
        event = events.by_id[placement.event_id]
        if event.id not in story_of:
            story_of[event.id] = story_store.story_of_event(store, event.id)
        story_id = story_of[event.id]
        score, how = placement.event_score, "joined"
        report.joined_events += 1
    else:
        if placement.story_id is not None:
            story_id = placement.story_id
        else:
            story_id = story_store.create_story(store, article.title)
            stories.update(Cluster(story_id))
            report.new_stories += 1
        event = Cluster(story_store.create_event(store, story_id, article.title))
        story_of[event.id] = story_id
        score, how = placement.story_score, "new"
        report.new_events += 1
    story_store.assign(store, article.id, event.id, score, how)
    casts.joined(story_id)
    event.absorb(vector, article.when)
    events.update(event)
    story = stories.by_id[story_id]
    story.absorb(vector, article.when)
    stories.update(story)
    report.touched_events.add(event.id)
    report.touched_stories.add(story_id)


def _rebuild_event(store: Store, event_id: int) -> Cluster:
    cluster = Cluster(event_id)
    for vector, when in story_store.member_vectors(store, event_id):
        cluster.absorb(vector, when)
    story_store.save_cluster(store, "events", cluster)
    return cluster


def _rebuild_story(store: Store, story_id: int) -> None:
    cluster = Cluster(story_id)
    for event in story_store.story_events(store, story_id):
        for vector, when in story_store.member_vectors(store, event.id):
            cluster.absorb(vector, when)
    story_store.save_cluster(store, "stories", cluster)


def merge(store: Store, kind: str, into: int, others: list[int]) -> None:
    """Merge events (their articles) or stories (their events) into the first one given."""
    if into in others or not others:
        raise InputError("merge needs a target and at least one other, all different")
    with store.transaction():
        if kind == "event":
            story_store.get_event(store, into)
            stories = {story_store.story_of_event(store, e) for e in [into, *others]}
            for other in others:
                story_store.move_articles(store, story_store.event_articles(store, other), into)
            _rebuild_event(store, into)
        elif kind == "story":
            story_store.get_story(store, into)
            moved = []
            for other in others:
                story_store.get_story(store, other)
                moved += [e.id for e in story_store.story_events(store, other)]
            story_store.move_events(store, moved, into)
            stories = {into}
        else:
            raise InputError(f"cannot merge {kind!r}: say event or story")
        story_store.record_curation(store, "merge", kind, {"into": into, "others": others})
        story_store.delete_empty(store)
        for story_id in stories:
            _rebuild_story(store, story_id)
        story_store.refresh_headlines(store, {into} if kind == "event" else set(), stories)


def split(store: Store, kind: str, source_id: int, members: list[int]) -> int:
    """Move some articles of an event (or events of a story) into a new event (story)."""
    if not members:
        raise InputError("split needs the articles (or events) to move out")
    with store.transaction():
        if kind == "event":
            new_id = _split_event(store, source_id, members)
        elif kind == "story":
            new_id = _split_story(store, source_id, members)
        else:
            raise InputError(f"cannot split {kind!r}: say event or story")
        story_store.record_curation(
            store, "split", kind, {"from": source_id, "members": members, "new": new_id}
        )
    return new_id


def _split_event(store: Store, event_id: int, articles: list[int]) -> int:
    story_store.get_event(store, event_id)
    present = set(story_store.event_articles(store, event_id))
    missing = [a for a in articles if a not in present]
    if missing:
        raise InputError(f"articles {missing} are not in event {event_id}")
    if len(articles) == len(present):
        raise InputError("a split must leave at least one article behind")
    story_id = story_store.story_of_event(store, event_id)
    new_id = story_store.create_event(store, story_id, "")
    story_store.move_articles(store, articles, new_id)
    _rebuild_event(store, event_id)
    _rebuild_event(store, new_id)
    story_store.refresh_headlines(store, {event_id, new_id}, {story_id})
    return new_id


def _split_story(store: Store, story_id: int, events: list[int]) -> int:
    story_store.get_story(store, story_id)
    present = {e.id for e in story_store.story_events(store, story_id)}
    missing = [e for e in events if e not in present]
    if missing:
        raise InputError(f"events {missing} are not in story {story_id}")
    if len(events) == len(present):
        raise InputError("a split must leave at least one event behind")
    new_id = story_store.create_story(store, "")
    story_store.move_events(store, events, new_id)
    _rebuild_story(store, story_id)
    _rebuild_story(store, new_id)
    story_store.refresh_headlines(store, set(), {story_id, new_id})
    return new_id
