"""Events and stories, the two levels of Story Forest, grown one article at a time.

An *event* gathers articles reporting the same happening: close in time and close in keywords.
A *story* chains events of one developing matter: a looser keyword match over a longer window.
Assignment is incremental and final: a new article joins the best event (or opens one); a new
event joins the best story (or opens one). Nothing already assigned is moved by later articles,
so stories grow instead of being reshuffled; only a curator's merge or split moves articles.

Clusters keep the sum of their members' keyword vectors (trimmed to the strongest terms) and
their time span; similarity is the cosine between an article's vector and that sum.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta

# An article joins an event whose span lies within this distance of its time: reports of one
# happening cluster within a few days (Story Forest uses a similar short window for events).
EVENT_WINDOW = timedelta(days=4)
# Cosine between an article and an event's centroid needed to join it. Write-ups of one
# happening by different outlets share their names and key nouns; on the sample reports of
# one bid (two outlets, one day apart) the cosine was 0.55–0.65, while reports of a different
# happening in the same dispute scored 0.30–0.45.
EVENT_THRESHOLD = 0.5
# A new event joins a story whose last event lies within this distance: developing matters
# (a lawsuit, a takeover) surface again over months.
STORY_WINDOW = timedelta(days=400)
# Cosine between an event's centroid and a story's centroid needed to join the story: looser
# than events, since a story's events share actors and topic but not the happening itself.
STORY_THRESHOLD = 0.3
# Terms kept in a centroid: enough to represent several write-ups, bounded for speed.
CENTROID_TERMS = 60


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    if dot == 0.0:
        return 0.0
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb)


@dataclass(slots=True)
class Cluster:
    """An event or a story as grouping sees it."""

    id: int
    centroid: dict[str, float] = field(default_factory=dict)
    first: datetime | None = None
    last: datetime | None = None
    size: int = 0

    def absorb(self, vector: dict[str, float], when: datetime | None, weight: int = 1) -> None:
        merged = dict(self.centroid)
        for term, value in vector.items():
            merged[term] = merged.get(term, 0.0) + value * weight
        strongest = sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))[:CENTROID_TERMS]
        self.centroid = dict(strongest)
        if when is not None:
            self.first = when if self.first is None else min(self.first, when)
            self.last = when if self.last is None else max(self.last, when)
        self.size += weight

    def near(self, when: datetime | None, window: timedelta) -> bool:
        """Within `window` of the cluster's span; undated on either side counts as near."""
        if when is None or self.first is None or self.last is None:
            return True
        return self.first - window <= when <= self.last + window


def best_cluster(
    vector: dict[str, float],
    when: datetime | None,
    candidates: list[Cluster],
    *,
    threshold: float,
    window: timedelta,
) -> tuple[Cluster, float] | None:
    """The most similar cluster in the window at or above the threshold (ties: the older)."""
    best: tuple[Cluster, float] | None = None
    for cluster in candidates:
        if not cluster.near(when, window):
            continue
        score = cosine(vector, cluster.centroid)
        if score >= threshold and (best is None or score > best[1]):
            best = (cluster, score)
    return best


@dataclass(frozen=True, slots=True)
class Limits:
    """The thresholds and windows of one grouping run (the named constants, unless a benchmark
    sweeps them)."""

    event_threshold: float = EVENT_THRESHOLD
    story_threshold: float = STORY_THRESHOLD
    event_days: float = EVENT_WINDOW.total_seconds() / 86400
    story_days: float = STORY_WINDOW.total_seconds() / 86400


@dataclass(frozen=True, slots=True)
class Placement:
    """Where an article goes: an existing event (or None for a new one) and, for a new event,
    an existing story (or None for a new one)."""

    event_id: int | None
    event_score: float
    story_id: int | None
    story_score: float


def place(
    vector: dict[str, float],
    when: datetime | None,
    events: list[Cluster],
    stories: list[Cluster],
    limits: Limits = Limits(),
) -> Placement:
    """Decide an article's event and, if it opens a new event, that event's story."""
    event_window = timedelta(days=limits.event_days)
    event = best_cluster(
        vector, when, events, threshold=limits.event_threshold, window=event_window
    )
    if event is not None:
        return Placement(event[0].id, event[1], None, 0.0)
    story_window = timedelta(days=limits.story_days)
    story = best_cluster(
        vector, when, stories, threshold=limits.story_threshold, window=story_window
    )
    if story is not None:
        return Placement(None, 0.0, story[0].id, story[1])
    return Placement(None, 0.0, None, 0.0)
