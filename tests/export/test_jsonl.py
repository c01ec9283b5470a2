"""The JSON Lines export: every article with its facts and story, read back by `ingest`."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from storyline.api import Archive
from storyline.cli import main
from storyline.settings import load_settings


def test_export_lists_every_article_with_facts_and_places_and_reads_back(
    archive: Archive, examples: Path, tmp_path: Path
) -> None:
    archive.ingest([examples])
    out = tmp_path / "archive.jsonl"
    done = CliRunner().invoke(main, ["export", "jsonl", str(out)], obj={"db": archive.settings.db})
    assert done.exit_code == 0, done.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    rows = {r.id: r for r in archive.articles()}
    assert sorted(r["id"] for r in records) == sorted(rows)
    for record in records:
        art = archive.article(record["id"])
        assert record["text"] == art.text and record["title"] == art.title
        assert record["story_id"] is not None and record["event_id"] is not None
        spans = [(m["start"], m["end"], m["text"]) for m in record["mentions"]]
        assert all(art.text[s:e] == t for s, e, t in spans)
    assert any(r["figures"] for r in records) and any(r["dates"] for r in records)
    # Read back into a fresh archive: same titles and publication times.
    again = load_settings({"db": str(tmp_path / "again.db")}, environ={})
    with Archive(again) as fresh:
        runner = CliRunner()
        args = ["ingest", str(out), "--jsonl-fields", "published=published,id=external_id"]
        back = runner.invoke(main, args, obj={"db": again.db})
        assert back.exit_code == 0, back.output
        got = {(r.title, r.published) for r in fresh.articles()}
    assert got == {(r.title, r.published) for r in rows.values()}
