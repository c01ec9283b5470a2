import io
import json
from pathlib import Path

import pytest

from storyline.errors import InputError
from storyline.pipeline.ingest.readers import read_path, read_paths, read_stream, source_for
from storyline.pipeline.ingest.sniff import sniff_kind
from storyline.records import DocKind


def test_folder_is_read_recursively_skipping_hidden_and_media(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("正文一", encoding="utf-8")
    (tmp_path / "two.html").write_text("<html><body><p>正文</p></body></html>", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("x", encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    docs = list(read_path(tmp_path, "src"))
    assert sorted(Path(d.origin).name for d in docs) == ["one.txt", "two.html"]
    kinds = {Path(d.origin).name: d.kind for d in docs}
    assert kinds == {"one.txt": DocKind.TEXT, "two.html": DocKind.HTML}


def test_jsonl_gives_one_document_per_line_with_line_origin(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": 1}\n\n{"id": 2}\n', encoding="utf-8")
    docs = list(read_path(path, "s"))
    assert [d.origin for d in docs] == [f"{path}:1", f"{path}:3"]
    assert all(d.kind is DocKind.JSONL for d in docs)


def test_missing_path_is_a_clear_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        list(read_paths([tmp_path / "nope"]))


def test_source_is_the_folder_given_or_the_override(tmp_path: Path) -> None:
    folder = tmp_path / "weibo"
    folder.mkdir()
    assert source_for(folder).name == "weibo"
    assert source_for(folder, "mine").name == "mine"


@pytest.mark.parametrize(
    ("head", "suffix", "kind"),
    [
        (b"---\ntitle: x\n---\nbody", ".txt", DocKind.HUGO),
        (b"+++\ntitle = 'x'\n+++\nbody", ".md", DocKind.HUGO),
        (b"\xef\xbb\xbf<!DOCTYPE html><html>", ".txt", DocKind.HTML),
        (b"<!-- saved --><html lang=zh>", "", DocKind.HTML),
        (b"1. 2. 3.\nplain text", ".txt", DocKind.TEXT),
        (b"x", ".htm", DocKind.HTML),
    ],
)
def test_sniffing_by_suffix_and_head(head: bytes, suffix: str, kind: DocKind) -> None:
    assert sniff_kind(head, suffix) is kind


def test_stdin_reads_one_document_or_json_lines() -> None:
    (doc,) = read_stream(io.BytesIO("一篇文章".encode()), "stdin")
    assert doc.origin == "stdin" and doc.kind is DocKind.TEXT
    docs = list(read_stream(io.BytesIO(b'{"a":1}\n{"a":2}\n'), "stdin", jsonl=True))
    assert len(docs) == 2


FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>示例日报</title>
<item><title>地铁新线下月开通</title><link>https://example.cn/a/1.html</link><guid>a1</guid>
<pubDate>Tue, 17 Jan 2012 10:00:00 +0800</pubDate>
<description><![CDATA[<p>市交通委员会今天宣布，地铁新线将于下月正式开通运营。</p>]]></description>
</item>
<item><title>第二篇</title><guid>a2</guid><description>第二篇的正文内容。</description></item>
</channel></rss>"""


def test_a_saved_feed_gives_one_record_per_item(tmp_path: Path) -> None:
    (tmp_path / "daily.rss").write_text(FEED, encoding="utf-8")
    (tmp_path / "notes.xml").write_text("<notes><note>不是订阅源</note></notes>", "utf-8")
    docs = {d.origin.rsplit("/", 1)[1]: d for d in read_path(tmp_path, "s")}
    assert sorted(docs) == ["daily.rss#a1", "daily.rss#a2", "notes.xml"]
    item = json.loads(docs["daily.rss#a1"].raw)
    assert (docs["daily.rss#a1"].kind, item["title"], item["outlet"]) == (
        DocKind.FEED, "地铁新线下月开通", "示例日报",
    )  # fmt: skip
    assert docs["daily.rss#a1"].url == "https://example.cn/a/1.html"
    assert docs["notes.xml"].kind is DocKind.TEXT  # XML that is no feed is read as text


def test_a_saved_json_feed_gives_its_items(tmp_path: Path) -> None:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "示例日报",
        "items": [{"id": "j1", "title": "地铁新线下月开通", "content_text": "今天宣布。"}],
    }
    (tmp_path / "feed.json").write_text(json.dumps(feed, ensure_ascii=False), "utf-8")
    (tmp_path / "data.json").write_text('{"rows": [1, 2]}', "utf-8")
    docs = {d.origin.rsplit("/", 1)[1]: d for d in read_path(tmp_path, "s")}
    assert sorted(docs) == ["data.json", "feed.json#j1"]
    assert docs["feed.json#j1"].kind is DocKind.FEED
    assert json.loads(docs["feed.json#j1"].raw)["title"] == "地铁新线下月开通"
