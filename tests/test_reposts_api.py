"""Reposts through the archive: detected at ingest, kept incremental, folded into events."""

from pathlib import Path

import opencc

from storyline.api import Archive


def _body(examples: Path, name: str) -> str:
    text = next(examples.glob(f"{name}_*.txt")).read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1] if text.startswith("---") else text


def test_the_five_samples_are_five_write_ups(archive: Archive, examples: Path) -> None:
    report = archive.ingest([examples])
    assert report.reposts == 0
    for row in archive.articles(limit=10):
        canonical, copies = archive.reposts(row.id)
        assert canonical.id == row.id and copies == []


def test_traditional_truncated_copy_with_boilerplate_is_a_repost(
    archive: Archive, examples: Path, tmp_path: Path
) -> None:
    archive.ingest([examples])
    original = _body(examples, "000")
    lines = [line for line in original.splitlines() if line.strip()]
    kept = lines[: len(lines) * 2 // 3]
    traditional = opencc.OpenCC("s2t.json").convert("\n\n".join(kept))
    copy = (
        "轉載自某入口網站 2025-02-13 09:00\n\n"
        + traditional
        + "\n\n責任編輯：王小明\n版權所有 翻印必究\n"
    )
    later = tmp_path / "later"
    later.mkdir()
    (later / "copy.txt").write_text(copy, encoding="utf-8")
    report = archive.ingest([later])  # a later run: the bands in the store find the original
    assert report.reposts == 1
    new_id = report.article_ids[0]
    canonical, copies = archive.reposts(new_id)
    assert canonical.title == "马斯克欲以千亿美元收购OpenAI"
    assert [row.id for row, _sim, _kind in copies] == [new_id]
    event_of = {
        a.id: e.id
        for e, arts in archive.story(archive.stories(limit=10)[0].id).events
        for a in arts
    }
    assert new_id not in event_of or event_of[new_id] == event_of[canonical.id]
