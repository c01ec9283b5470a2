"""Acceptance: the samples' timeline of the Musk–OpenAI dispute, each happening cited, and the
disagreement over when the damages claim was filed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.api import Archive
from storyline.cli import main
from storyline.pipeline.timeline.merge import show_date
from storyline.pipeline.timeline.model import Entry, Timeline
from storyline.settings import Settings

YI = 1e8


@pytest.fixture(params=["together", "one by one"])
def timeline(request: pytest.FixtureRequest, archive: Archive, examples: Path) -> Timeline:
    # As a folder in one run (the README's demo) and one by one, as they would arrive.
    files = sorted(examples.glob("00[0-4]_*.txt"))
    if request.param == "together":
        archive.ingest(files)
    else:
        for file in files:
            archive.ingest([file])
    (story,) = archive.stories(limit=10)
    return archive.timeline(story.id)


def _entries(timeline: Timeline, shown: str, *words: str) -> list[Entry]:
    return [
        e
        for e in timeline.entries
        if show_date(e.first, e.last, e.granularity).startswith(shown)
        and any(w in c.text for c in e.citations for w in words)
    ]


def _one(timeline: Timeline, shown: str, *words: str) -> Entry:
    found = _entries(timeline, shown, *words)
    assert found, f"no entry at {shown} citing {words}"
    return found[0]


def test_the_founding_and_the_2019_restructuring_are_background(timeline: Timeline) -> None:
    founding = _one(timeline, "2015", "创建", "創辦")
    assert len({c.article_id for c in founding.citations}) >= 3
    assert founding.granularity == "year" and founding.background
    shift = _one(timeline, "2019", "轉型", "转型")
    assert "微软" in shift.actors and shift.background


def test_the_lawsuit_its_withdrawal_and_refiling(timeline: Timeline) -> None:
    lawsuit = _one(timeline, "2024-02", "起诉", "告上法庭")
    assert len({c.article_id for c in lawsuit.citations}) >= 2
    assert lawsuit.granularity == "month"
    assert _one(timeline, "2024-06", "撤回").predicate == "撤回"
    assert _one(timeline, "2024-08", "重新提起")


def test_the_bid_and_its_rejection(timeline: Timeline) -> None:
    bid = _one(timeline, "2025-02-10", "974亿")
    assert any(f.low == 974 * YI for f in bid.figures)
    assert len({c.article_id for c in bid.citations}) >= 2
    assert _one(timeline, "2025-02-10", "拒绝").predicate == "拒绝"


def test_the_damages_claim_and_the_scheduled_trial(timeline: Timeline) -> None:
    claim = _one(timeline, "2026", "索赔")
    assert any((f.low, f.high) == (790 * YI, 1340 * YI) for f in claim.figures)
    trial = _one(timeline, "2026-04", "开庭")
    assert trial.scheduled and not trial.background
    assert (trial.first.month, trial.last.month) == (4, 4)


def test_the_filing_date_of_the_damages_claim_is_disputed(timeline: Timeline) -> None:
    dates = [c for c in timeline.conflicts if c.what == "date"]
    assert any({s.value for s in c.sides} == {"2025-01-17", "2026"} for c in dates)


def test_entries_are_in_date_order_and_every_citation_quotes_its_article(
    archive: Archive, timeline: Timeline
) -> None:
    assert [(e.first, e.last) for e in timeline.entries] == sorted(
        (e.first, e.last) for e in timeline.entries
    )
    texts = {a.id: archive.article(a.id).text for a in archive.articles(limit=10)}
    for entry in timeline.entries:
        for c in entry.citations:
            assert texts[c.article_id][c.start : c.end] == c.text
    assert timeline.summary


def test_the_timeline_command_prints_json(settings: Settings, examples: Path) -> None:
    runner = CliRunner()
    db = settings.db
    for file in sorted(examples.glob("00[0-4]_*.txt")):
        assert runner.invoke(main, ["--db", db, "ingest", str(file)]).exit_code == 0
    result = runner.invoke(main, ["--db", db, "timeline", "1", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    entry = out["entries"][0]
    assert {"date", "granularity", "summary", "actors", "figures", "citations", "flags"} <= set(
        entry
    )
    assert {"background", "scheduled"} <= set(entry["flags"])
    assert out["conflicts"] and len(out["conflicts"][0]["sides"]) == 2
    missing = runner.invoke(main, ["--db", db, "timeline", "999"])
    assert missing.exit_code == 1 and "no story" in missing.output
