"""Hostile markup: a start tag with a huge number of attributes is cut to its name before the
parsers see it (libxml2 and feedparser check each attribute against all the earlier ones)."""

from __future__ import annotations

from storyline.pipeline.clean.html import extract_page
from storyline.pipeline.clean.markup_guard import MAX_ATTRIBUTES, tame_long_tags
from storyline.pipeline.ingest.feed import parse_feed

TEXT = "市交通委员会今天宣布，地铁新线将于下月正式开通运营，全长三十二公里，设车站二十座。"


def _attributes(n: int) -> str:
    return " ".join(f'data-field-{i}="value"' for i in range(n))


def test_a_tag_with_too_many_attributes_keeps_its_name_only() -> None:
    many = f"<p {_attributes(MAX_ATTRIBUTES + 1)}>正文</p>".encode()
    assert tame_long_tags(many) == "<p>正文</p>".encode()


def test_ordinary_and_long_single_attributes_stay() -> None:
    image = b'<img src="data:image/png;base64,' + b"A" * 40000 + b'" alt="x">'
    few = f"<p {_attributes(MAX_ATTRIBUTES)}>正文</p>".encode()
    assert tame_long_tags(image) == image
    assert tame_long_tags(few) == few


def test_a_page_and_a_feed_with_a_hostile_tag_still_give_their_text() -> None:
    page = f"<html><body><article><p {_attributes(50000)}>{TEXT}</p><p>{TEXT}</p></article>"
    assert TEXT in extract_page(page + "</body></html>").text
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        f"<item {_attributes(50000)}><title>标题</title><description>{TEXT}</description>"
        "</item></channel></rss>"
    )
    items = parse_feed(feed.encode(), timezone="Asia/Shanghai").items
    assert [item.title for item in items] == ["标题"]
