"""The five sample write-ups of one dispute end in one story, each happening in its own event."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from storyline.api import Archive


def _ingest_one_by_one(archive: Archive, files: list[Path]) -> dict[str, int]:
    """Each sample's article id, keyed by the file's number (000 … 004)."""
    ids: dict[str, int] = {}
    for file in files:
        before = {a.id for a in archive.articles(limit=1000)}
        archive.ingest([file])
        (new,) = {a.id for a in archive.articles(limit=1000)} - before
        ids[file.name[:3]] = new
    return ids


def _assignments(archive: Archive) -> tuple[dict[int, int], dict[int, int]]:
    event_of: dict[int, int] = {}
    story_of: dict[int, int] = {}
    for story in archive.stories(limit=1000):
        for event, articles in archive.story(story.id).events:
            for article in articles:
                event_of[article.id] = event.id
                story_of[article.id] = story.id
    return event_of, story_of


def _ingest_together(archive: Archive, files: list[Path]) -> dict[str, int]:
    report = archive.ingest(files)
    return {f.name[:3]: i for f, i in zip(files, report.article_ids, strict=True)}


@pytest.mark.parametrize("ingest", [_ingest_together, _ingest_one_by_one])
def test_the_samples_form_one_story_with_the_bid_apart_from_the_lawsuit(
    archive: Archive, examples: Path, ingest: Callable[[Archive, list[Path]], dict[str, int]]
) -> None:
    files = sorted(examples.glob("00[0-4]_*.txt"))
    assert len(files) == 5
    ids = ingest(archive, files)
    event_of, story_of = _assignments(archive)
    assert len({story_of[i] for i in ids.values()}) == 1
    bid = event_of[ids["000"]]
    assert event_of[ids["001"]] == bid  # February 2025 bid, two outlets a day apart
    assert event_of[ids["002"]] != bid and event_of[ids["003"]] != bid  # the lawsuit
