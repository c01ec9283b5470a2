import pytest

from storyline.errors import ParseError
from storyline.pipeline.ingest.feed import FeedItem, FullText, item_record, record_bytes
from storyline.pipeline.ingest.feed_record import read_feed_record
from storyline.records import Article, DocKind

ITEM = FeedItem(
    "g1",
    "http://x/1",
    "标题",
    "<p>开头……</p>",
    None,
    "2026-03-01T10:00:00+08:00",
    "记者",
    ("科技",),
)


def _read(page: FullText | None) -> Article:
    article = Article(document="d", source="s", kind=DocKind.JSONL)
    raw = record_bytes(item_record(ITEM, outlet="报", page=page))
    read_feed_record(article, raw.decode(), "UTC")
    return article


def test_page_is_extracted_again_and_summary_kept() -> None:
    body = "页面正文：市政府今天召开新闻发布会，介绍城市更新项目的进展和下一步安排。" * 3
    html = f"<html><body><article><p>{body}</p><p>{body}</p></article></body></html>"
    page = FullText("http://x/1", html, "旧的正文", None)
    art = _read(page)
    assert art.text.startswith("页面正文：") and art.summary == "开头……"
    assert (art.title, art.outlet, art.author, art.tags) == ("标题", "报", "记者", ["科技"])
    assert art.published is not None and art.published.utcoffset() is not None
    assert art.external_id == "g1" and art.url == "http://x/1"


def test_item_without_page_reads_its_own_text() -> None:
    assert _read(None).text == "开头……"


def test_empty_record_fails() -> None:
    with pytest.raises(ParseError):
        read_feed_record(Article(document="d", source="s", kind=DocKind.JSONL), "{}", "UTC")
