"""Each failing fixture ends in the right state, keeps what was fetched before, and is reported
by `sources` in words."""

from __future__ import annotations

from collections import deque
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import httpx
from click.testing import CliRunner

from storyline.api import Archive
from storyline.cli_sources import sources
from storyline.crawl import service
from storyline.crawl.crawler import Crawler, backoff
from storyline.store import feeds as feed_store
from storyline.store.feeds import FeedSettings
from tests.crawl.fixtures import PARAGRAPH, page_html, rss
from tests.fetch.conftest import TEST_POLICY
from tests.fetch.server import LocalServer, Reply, Route

BIG5_PAGE = (
    "<html><head><meta http-equiv='Content-Type' content='text/html; charset=big5'>"
    "<title>繁體</title></head><body>"
    + "".join(f"<p>第{i}段：臺灣的新聞報導，內容完整無缺。</p>" for i in range(6))
    + "</body></html>"
)


def _add(archive: Archive, server: LocalServer, name: str, path: str, **extra: object) -> None:
    service.add_source(archive, FeedSettings(url=server.url(path), name=name, **extra))  # type: ignore[arg-type]


def _feed(archive: Archive, name: str) -> feed_store.FeedRow:
    return next(f for f in feed_store.list_feeds(archive.store) if f.settings.name == name)


def test_gbk_and_big5_feeds_and_a_meta_only_big5_page(
    server: LocalServer, archive: Archive, crawler: Crawler
) -> None:
    server.routes["/gbk.xml"] = Route(rss(server.base, 2, {2}, "gbk"), "application/xml")
    # This page names its encoding only in the HTTP header.
    gbk_page = page_html(2, charset="").encode("gbk")
    server.routes["/articles/2.html"] = Route(gbk_page, "text/html; charset=gbk")
    big5 = (
        '<?xml version="1.0" encoding="big5"?><rss version="2.0"><channel><title>繁體新聞</title>'
        f"<item><title>臺灣新聞</title><link>{server.base}/articles/1.html</link>"
        "<guid>tw-1</guid><description>臺灣新聞開頭……</description></item></channel></rss>"
    )
    server.routes["/big5.xml"] = Route(big5.encode("big5"), "application/xml")
    # The page declares its encoding only in <meta>; the HTTP header names none.
    server.routes["/articles/1.html"] = Route(BIG5_PAGE.encode("big5"), "text/html")
    _add(archive, server, "gbk", "/gbk.xml")
    _add(archive, server, "big5", "/big5.xml", full_text=True)
    report = crawler.run_once()
    assert report.failed == 0
    gbk = [archive.article(r.id) for r in archive.articles(source="gbk")]
    assert all(PARAGRAPH in a.text for a in gbk)
    assert any("全文第2篇" in a.text for a in gbk)
    big5_article = archive.article(archive.articles(source="big5")[0].id)
    assert "臺灣的新聞報導，內容完整無缺" in big5_article.text
    assert big5_article.title == "臺灣新聞" and big5_article.summary == "臺灣新聞開頭……"


def _fail_after_success(
    server: LocalServer, archive: Archive, crawler: Crawler, path: str, failing: Route
) -> str:
    """Crawl a good feed, make it fail, crawl again; return the source's last error."""
    server.routes[path] = Route(rss(server.base, 3, set()), "application/rss+xml", etag='"ok"')
    _add(archive, server, "flaky", path)
    assert crawler.run_once().articles == 3
    server.routes[path] = failing
    report = crawler.run_once(force=True)
    assert report.failed == 1 and report.articles == 0
    assert len(archive.articles(limit=10)) == 3  # nothing fetched before is lost
    feed = _feed(archive, "flaky")
    assert feed.failures == 1
    assert feed.next_fetch_at and feed.next_fetch_at > datetime.now(UTC).isoformat()
    assert feed_store.get_validators(archive.store, server.url(path))[0] == '"ok"'
    source = next(s for s in archive.sources() if s.name == "flaky")
    assert source.last_error is not None
    return source.last_error


def test_503_with_retry_after(server: LocalServer, archive: Archive, crawler: Crawler) -> None:
    busy = deque(Reply(503, b"", {"Retry-After": "0"}) for _ in range(3))
    error = _fail_after_success(server, archive, crawler, "/f.xml", Route(before=busy))
    assert error.startswith("the server answered 503 Service Unavailable 3 times; will retry after")


def test_slow_feed(server: LocalServer, archive: Archive, crawler: Crawler) -> None:
    error = _fail_after_success(server, archive, crawler, "/f.xml", Route(b"<rss/>", delay=1.2))
    assert error.startswith("127.0.0.1 sent nothing for 0.5 s")


def test_huge_feed(server: LocalServer, archive: Archive) -> None:
    # Generous timeouts: the size limit must be what stops the download, even on a machine so
    # busy that a 256 KiB read stalls past the tests' usual half second.
    patient = replace(TEST_POLICY, fetch_read_timeout_ms=10_000, fetch_total_timeout_ms=60_000)
    with httpx.Client() as client:
        crawler = service.crawler(archive, client, patient)
        error = _fail_after_success(server, archive, crawler, "/f.xml", Route(endless=True))
    assert "larger than the 256 KiB limit" in error


def test_redirect_loop(server: LocalServer, archive: Archive, crawler: Crawler) -> None:
    server.routes["/elsewhere"] = Route(status=302, headers={"Location": "/f.xml"})
    loop = Route(status=301, headers={"Location": "/elsewhere"})
    error = _fail_after_success(server, archive, crawler, "/f.xml", loop)
    assert error.startswith("the address redirects in a loop")


def test_broken_xml(server: LocalServer, archive: Archive, crawler: Crawler) -> None:
    broken = Route(b'<?xml version="1.0"?>\n<rss>\n<channel><title>x</title>\n<<<</rss>')
    error = _fail_after_success(server, archive, crawler, "/f.xml", broken)
    assert error.startswith("the feed's XML is broken at line 4: not well-formed")


def test_robots_disallowed_feed(server: LocalServer, archive: Archive, crawler: Crawler) -> None:
    server.routes["/private/feed.xml"] = Route(rss(server.base, 2, set()))
    _add(archive, server, "closed", "/private/feed.xml")
    crawler.run_once()
    assert server.hits("/private/feed.xml") == []
    source = next(s for s in archive.sources() if s.name == "closed")
    assert (source.last_error or "").startswith("127.0.0.1's robots.txt disallows /private/feed")


def test_failing_source_backs_off_exponentially_without_holding_others(
    server: LocalServer, archive: Archive, crawler: Crawler
) -> None:
    server.routes["/good.xml"] = Route(rss(server.base, 2, set()))
    server.routes["/bad.xml"] = Route(status=500)
    _add(archive, server, "good", "/good.xml")
    _add(archive, server, "bad", "/bad.xml")
    delays = []
    for _ in range(3):
        report = crawler.run_once(force=True)
        bad = next(s for s in report.sources if s.name == "bad")
        assert bad.next_fetch_at is not None
        delays.append((bad.next_fetch_at - datetime.now(UTC)).total_seconds())
    assert delays[0] < delays[1] < delays[2] <= crawler.policy.crawl_backoff_cap_s
    assert len(archive.articles(source="good", limit=10)) == 2


def test_sources_listing_shows_errors_in_words(
    server: LocalServer, archive: Archive, crawler: Crawler
) -> None:
    server.routes["/down.xml"] = Route(before=deque(Reply(503) for _ in range(3)))
    server.routes["/private/feed.xml"] = Route(b"")
    server.routes["/broken.xml"] = Route(b"<rss><channel><<<")
    _add(archive, server, "down", "/down.xml")
    _add(archive, server, "closed", "/private/feed.xml")
    _add(archive, server, "broken", "/broken.xml")
    crawler.run_once()
    result = CliRunner().invoke(sources, [], obj={"db": archive.settings.db})
    assert result.exit_code == 0, result.output
    out = result.output
    assert "the server answered 503 Service Unavailable 3 times; will retry after" in out
    assert "robots.txt disallows /private/feed.xml" in out
    assert "the feed's XML is broken at line 1" in out


def test_a_long_retry_after_schedules_the_source_no_sooner(
    server: LocalServer, archive: Archive, crawler: Crawler
) -> None:
    server.routes["/f.xml"] = Route(before=deque([Reply(429, b"", {"Retry-After": "7200"})]))
    _add(archive, server, "limited", "/f.xml")
    summary = crawler.run_once().sources[0]
    assert summary.next_fetch_at is not None
    assert (summary.next_fetch_at - datetime.now(UTC)).total_seconds() > 7100
    assert summary.outcome.startswith("the server answered 429 Too Many Requests once")


def test_a_page_robots_txt_disallows_keeps_the_summary(
    server: LocalServer, archive: Archive, crawler: Crawler
) -> None:
    feed = rss(server.base, 1, {1}).replace(b"/articles/1.html", b"/private/1.html")
    server.routes["/f.xml"] = Route(feed)
    _add(archive, server, "teasers", "/f.xml")
    assert crawler.run_once().articles == 1
    assert server.hits("/private/1.html") == []
    article = archive.article(archive.articles()[0].id)
    assert article.text == "第1篇的开头：新建公园进展顺利……"
    source = next(s for s in archive.sources() if s.name == "teasers")
    assert "robots.txt disallows /private/1.html; the item's summary was kept" in (
        source.last_error or ""
    )


def test_a_web_page_instead_of_a_feed_is_an_error_in_words(
    server: LocalServer, archive: Archive, crawler: Crawler
) -> None:
    server.routes["/f.xml"] = Route(b"<html><body><p>Welcome</p></body></html>")
    _add(archive, server, "page", "/f.xml")
    summary = crawler.run_once().sources[0]
    assert not summary.ok
    assert summary.outcome.startswith("the address gave no RSS, Atom or JSON feed")


def test_backoff_is_capped_however_long_a_feed_fails() -> None:
    hour = timedelta(hours=1)
    assert backoff(hour, 1, 86_400) == 2 * hour
    assert backoff(hour, 3, 86_400) == 8 * hour
    assert backoff(hour, 10_000, 86_400) == timedelta(days=1)


def test_a_web_page_that_links_its_feed_is_followed_and_remembered(
    server: LocalServer, archive: Archive, crawler: Crawler
) -> None:
    server.routes["/feed.xml"] = Route(rss(server.base, 2, set()), "application/rss+xml")
    server.routes["/site"] = Route(
        b'<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml">'
        b"<title>Site</title></head><body><p>Home</p></body></html>"
    )
    _add(archive, server, "site", "/site")
    summary = crawler.run_once().sources[0]
    assert summary.articles == 2
    assert summary.outcome.endswith(f"its feed {server.url('/feed.xml')} is fetched from now on")
    assert _feed(archive, "site").settings.url == server.url("/feed.xml")
    crawler.run_once(force=True)
    assert len(server.hits("/site")) == 1 and len(server.hits("/feed.xml")) == 2
