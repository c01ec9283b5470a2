"""Tag counts, and both ways of listing a tag's articles give the listing order."""

from __future__ import annotations

from pathlib import Path

from storyline.api import Archive
from storyline.store import tags


def _post(folder: Path, name: str, date: str | None, tag_list: list[str]) -> None:
    dated = f'date: "{date}"\n' if date else ""
    listed = "".join(f'  - "{t}"\n' for t in tag_list)
    text = f'---\ntitle: "稿件{name}"\n{dated}tags:\n{listed}---\n\n正文{name}，内容不同。\n'
    (folder / f"{name}.md").write_text(text, encoding="utf-8")


def test_tag_listing_order_on_both_paths(archive: Archive, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(12):
        date = None if i % 4 == 0 else f"2024-0{1 + i % 9}-1{i % 10} 08:00:00"
        _post(folder, str(i), date, ["常见"] + (["少见"] if i in (3, 8) else []))
    archive.ingest([folder])
    store = archive.store
    assert [(c.tag, c.articles) for c in tags.tag_counts(store)] == [("常见", 12), ("少见", 2)]
    assert tags.count_tagged(store, "少见") == 2
    for tag in ("常见", "少见"):
        for limit in (1, 3, 5):
            for offset in range(0, 13, 2):
                got = [r.id for r in tags.articles_by_tag(store, tag, limit=limit, offset=offset)]
                assert got == tags._sorted_ids(store, tag, limit, offset), (tag, limit, offset)
    assert tags.articles_by_tag(store, "没有", limit=5) == []
