"""50 items, 10 truncated → 50 articles with full text; then only 304s; then exactly 5 more."""

from __future__ import annotations

from dataclasses import replace

import httpx

from storyline.api import Archive
from storyline.crawl import service
from storyline.crawl.crawler import Crawler
from storyline.store.feeds import FeedSettings
from tests.crawl.fixtures import PARAGRAPH, page_html, rss, teaser
from tests.fetch.conftest import TEST_POLICY
from tests.fetch.server import LocalServer, Route

# Every fifth item carries only a teaser: ten of the first 50 (1, 6, …, 46), and item 51.
TRUNCATED = {n for n in range(1, 56) if n % 5 == 1}


def _serve(server: LocalServer, count: int, version: str) -> None:
    server.routes["/feed.xml"] = Route(
        rss(server.base, count, TRUNCATED),
        "application/rss+xml",
        etag=f'"{version}"',
        compress="gzip",
    )
    for n in range(1, count + 1):
        server.routes[f"/articles/{n}.html"] = Route(page_html(n).encode())


def _page_hits(server: LocalServer) -> int:
    return sum(1 for h in server.log if h.path.startswith("/articles/"))


def test_crawl_fetches_full_text_then_costs_304s_then_adds_only_new(
    server: LocalServer, archive: Archive, crawler: Crawler
) -> None:
    _serve(server, 50, "v1")
    service.add_source(archive, FeedSettings(url=server.url("/feed.xml"), name="local"))

    first = crawler.run_once()
    assert first.articles == 50 and first.failed == 0
    assert _page_hits(server) == 10
    rows = archive.articles(limit=100)
    assert len(rows) == 50
    for row in rows:
        art = archive.article(row.id)
        n = int((row.url or "").rsplit("/", 1)[1].split(".")[0])
        assert PARAGRAPH in art.text
        if n in TRUNCATED:
            assert f"全文第{n}篇" in art.text and art.summary == teaser(n)

    before = len(server.log)
    second = crawler.run_once(force=True)
    assert second.articles == 0
    assert [h.path for h in server.log[before:]] == ["/feed.xml"]  # one request: a 304
    feed_hits = server.hits("/feed.xml")
    assert len(feed_hits) == 2 and feed_hits[1].headers["If-None-Match"] == '"v1"'
    assert second.sources[0].outcome == "not modified since the last crawl"
    assert _page_hits(server) == 10

    _serve(server, 55, "v2")
    third = crawler.run_once(force=True)
    assert third.articles == 5
    assert len(archive.articles(limit=100)) == 55
    assert _page_hits(server) == 11  # item 51 is the one new truncated item


def test_robots_txt_is_kept_between_crawlers(
    server: LocalServer, archive: Archive, crawler: Crawler
) -> None:
    _serve(server, 3, "v1")
    service.add_source(archive, FeedSettings(url=server.url("/feed.xml"), name="local"))
    crawler.run_once()
    with httpx.Client() as client:
        later = service.crawler(archive, client, TEST_POLICY)  # as a new `storyline crawl` would
        before = len(server.log)
        later.run_once(force=True)
    assert [h.path for h in server.log[before:]] == ["/feed.xml"]
    assert len(server.hits("/robots.txt")) == 1


def test_a_source_is_not_crawled_before_its_interval(
    server: LocalServer, archive: Archive, crawler: Crawler
) -> None:
    _serve(server, 3, "v1")
    service.add_source(archive, FeedSettings(url=server.url("/feed.xml"), name="local"))
    crawler.run_once()
    assert crawler.run_once().sources == []
    assert len(server.hits("/feed.xml")) == 1


def test_pages_over_the_budget_wait_for_the_next_crawl(
    server: LocalServer, archive: Archive
) -> None:
    _serve(server, 12, "v1")  # items 1, 6 and 11 are truncated
    service.add_source(archive, FeedSettings(url=server.url("/feed.xml"), name="local"))
    with httpx.Client() as client:
        crawler = service.crawler(archive, client, replace(TEST_POLICY, crawl_max_pages=2))
        first = crawler.run_once()
        # Newest first: 12 … 2 are taken (two pages: 11 and 6); item 1 needs a third and waits.
        assert first.articles == 11 and _page_hits(server) == 2
        assert "1 item left for the next crawl" in first.sources[0].outcome
        second = crawler.run_once(force=True)
        assert second.articles == 1 and _page_hits(server) == 3
        assert crawler.run_once(force=True).sources[0].outcome.startswith("not modified")
