"""A story's timeline from its articles: happenings, entries, disagreements, summary."""

from __future__ import annotations

from storyline.pipeline.timeline.happenings import extract_happenings
from storyline.pipeline.timeline.merge import find_conflicts, merge_happenings
from storyline.pipeline.timeline.model import Timeline
from storyline.pipeline.timeline.summary import summarize
from storyline.records import Article


def build_timeline(
    story_id: int, headline: str, keywords: list[str], articles: list[Article]
) -> Timeline:
    happenings = [h for art in articles for h in extract_happenings(art)]
    return Timeline(
        story_id=story_id,
        headline=headline,
        entries=merge_happenings(happenings),
        conflicts=find_conflicts(happenings),
        summary=summarize(articles, keywords),
    )
