import pytest

from storyline.errors import InputError
from storyline.pipeline.ingest.opml import Outline, read_opml, write_opml

OPML = b"""<?xml version="1.0"?><opml version="1.0"><head><title>x</title></head><body>
<outline text="News"><outline text="A" title="Feed A" type="rss" xmlUrl="http://a/feed"
 htmlUrl="http://a/"/><outline text="B" xmlUrl="http://b/rss"/></outline>
<outline text="folder only"/></body></opml>"""


def test_nested_outlines_are_read() -> None:
    assert read_opml(OPML) == [
        Outline("http://a/feed", "Feed A", "http://a/"),
        Outline("http://b/rss", "B", None),
    ]


def test_round_trip() -> None:
    outlines = [Outline("http://a/feed", "中文源", "http://a/"), Outline("http://b/rss")]
    assert read_opml(write_opml(outlines).encode()) == [
        outlines[0],
        Outline("http://b/rss", "http://b/rss"),
    ]


def test_not_opml_is_refused() -> None:
    with pytest.raises(InputError):
        read_opml(b"<rss/>")
    with pytest.raises(InputError):
        read_opml(b"<opml><body>")
