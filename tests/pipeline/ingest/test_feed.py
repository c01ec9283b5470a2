from __future__ import annotations

import json

import pytest

from storyline.pipeline.ingest.feed import (
    TRUNCATED_MIN_CHARS,
    FeedItem,
    FullText,
    is_truncated,
    item_record,
    parse_feed,
)

RSS1 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://x/"><title>One</title><link>http://x/</link></channel>
<item rdf:about="http://x/1"><title>First</title><link>http://x/1</link>
<description>Short.</description><dc:date>2026-03-01T10:00:00</dc:date></item>
</rdf:RDF>"""

RSS091 = b"""<?xml version="1.0"?><rss version="0.91"><channel><title>Old</title>
<item><title>Legacy</title><link>http://x/legacy</link><description>Hi</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Atom</title><entry><id>tag:x,2026:1</id><title>标题</title>
<link href="http://x/a1"/><updated>2026-03-02T09:30:00+08:00</updated>
<author><name>记者</name></author><category term="科技"/>
<content type="html">&lt;p&gt;正文&lt;/p&gt;</content></entry></feed>""".encode()

JSON_FEED = json.dumps(
    {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "JSON",
        "items": [
            {
                "id": "j1",
                "url": "http://x/j1",
                "title": "J",
                "content_text": "a < b",
                "date_published": "2026-03-03T00:00:00Z",
                "authors": [{"name": "Ann"}],
                "tags": ["t"],
            }
        ],
    }
).encode()


def _item(body: str, *, content: bool = True) -> FeedItem:
    return FeedItem(
        "g", "http://x/1", "T", None if content else body, body if content else None, None, None, ()
    )


@pytest.mark.parametrize("raw", [RSS1, RSS091, ATOM, JSON_FEED])
def test_every_feed_format_yields_items(raw: bytes) -> None:
    parsed = parse_feed(raw, timezone="Asia/Shanghai")
    assert parsed.broken is None and len(parsed.items) == 1
    assert parsed.items[0].link and parsed.items[0].link.startswith("http://x/")


def test_dates_without_zone_take_the_source_time_zone() -> None:
    item = parse_feed(RSS1, timezone="Asia/Taipei").items[0]
    assert item.published == "2026-03-01T10:00:00+08:00"
    atom = parse_feed(ATOM, timezone="UTC").items[0]
    assert atom.published == "2026-03-02T09:30:00+08:00"


def test_atom_fields() -> None:
    item = parse_feed(ATOM, timezone="UTC").items[0]
    assert (item.guid, item.title, item.author, item.tags) == (
        "tag:x,2026:1",
        "标题",
        "记者",
        ("科技",),
    )
    assert item.content_html and item.summary_html is None


def test_json_feed_text_is_escaped() -> None:
    item = parse_feed(JSON_FEED, timezone="UTC").items[0]
    assert item.content_html == "<p>a &lt; b</p>" and item.author == "Ann"


def test_encoding_override_beats_the_declaration() -> None:
    raw = (
        '<?xml version="1.0" encoding="utf-8"?><rss><channel><item><title>新闻</title>'
        "</item></channel></rss>"
    )
    parsed = parse_feed(raw.encode("gbk"), encoding="gbk", timezone="UTC")
    assert parsed.items[0].title == "新闻"


def test_truncation() -> None:
    long_text = "<p>" + "字" * TRUNCATED_MIN_CHARS + "</p>"
    assert not is_truncated(_item(long_text))
    assert is_truncated(_item("<p>" + "字" * (TRUNCATED_MIN_CHARS - 1) + "</p>"))
    assert is_truncated(_item(long_text[:-4] + "阅读全文</p>"))
    assert is_truncated(_item("<p>" + "word " * 100 + "[…]</p>"))


def test_record_keeps_summary_and_page() -> None:
    item = _item("<p>开头……</p>", content=False)
    page = FullText("http://x/1", "<html>…</html>", "全文", "页")
    record = item_record(item, outlet="报", page=page)
    assert (record["text"], record["summary"], record["outlet"]) == ("全文", "开头……", "报")
    assert record["page_html"] == "<html>…</html>"
    assert item_record(item, outlet=None, page=None)["text"] == "开头……"


def test_item_keys_cover_guid_url_and_content() -> None:
    keys = _item("<p>x</p>").keys()
    assert keys[0] == "url:http://x/1" and keys[1] == "guid:g" and keys[2].startswith("hash:")
