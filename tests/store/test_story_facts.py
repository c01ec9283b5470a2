"""A story's key entities and figures come from its own articles, on both engines."""

from __future__ import annotations

from pathlib import Path

from storyline.api import Archive
from storyline.store import story_facts
from storyline.store.stories import event_of_article
from tests.web.conftest import write_documents


def test_key_entities_and_figures_of_a_story(archive: Archive, tmp_path: Path) -> None:
    write_documents(tmp_path / "docs")
    (tmp_path / "docs" / "e.txt").write_text(
        "微软裁员\n\n微软宣布裁员3000人，北京办公室受影响。\n", encoding="utf-8"
    )
    archive.ingest([tmp_path / "docs"])
    by_headline = {s.headline: s.id for s in archive.stories()}
    court = by_headline["法院受理起诉"]
    assert story_facts.key_entities(archive.store, court, limit=10) == []
    article = next(r.id for r in archive.articles() if r.title == "微软裁员")
    grouped = event_of_article(archive.store, article)
    assert grouped is not None
    layoffs = grouped[1]
    named = story_facts.key_entities(archive.store, layoffs, limit=10)
    assert {e.name for e in named} >= {"微软"} and named[0].mentions >= named[-1].mentions
    figures = story_facts.story_figures(archive.store, layoffs, limit=10)
    assert [(f.low, f.unit) for _, f in figures] == [(3000, "人")]
