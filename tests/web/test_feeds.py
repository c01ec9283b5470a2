"""Atom feeds parse as valid feeds and carry the right entries."""

from __future__ import annotations

from urllib.parse import quote

import feedparser
from fastapi.testclient import TestClient

from tests.web.conftest import HOSTILE_TITLE


def _parse(client: TestClient, path: str) -> feedparser.FeedParserDict:
    # Unsanitized, so the test sees exactly what a reader receives (feedparser drops <mark>).
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content, sanitize_html=False)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def test_latest_feed_lists_every_article_newest_first(client: TestClient) -> None:
    feed = _parse(client, "/feeds/latest.atom")
    titles = [e.title for e in feed.entries]
    assert len(titles) == 4
    assert titles[:2] == [HOSTILE_TITLE, "法院受理起诉"]  # as text, unharmed
    for entry in feed.entries:
        assert entry.link.startswith("http://testserver/articles/")
        assert entry.id == entry.link


def test_tag_feed_has_only_that_tag(client: TestClient) -> None:
    feed = _parse(client, "/feeds/tags/" + quote("法律", safe="") + ".atom")
    assert [e.title for e in feed.entries] == ["法院受理起诉"]
    assert client.get("/feeds/tags/nothing.atom").status_code == 404


def test_search_feed_summaries_are_highlighted_snippets(client: TestClient) -> None:
    feed = _parse(client, "/feeds/search.atom?q=" + quote("起诉"))
    assert len(feed.entries) == 2
    assert all("<mark>起诉</mark>" in e.summary for e in feed.entries)
    assert not any("<script" in e.summary for e in feed.entries)
    assert client.get("/feeds/search.atom").json()["status"] == 422
