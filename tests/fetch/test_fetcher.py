from __future__ import annotations

import time
from collections import deque
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from storyline.fetch.errors import FetchError
from storyline.fetch.http import MAX_RETRY_AFTER, Fetcher, parse_retry_after
from tests.fetch.conftest import TEST_POLICY
from tests.fetch.server import LocalServer, Reply, Route


@pytest.mark.parametrize("compress", [None, "gzip", "deflate", "br"])
def test_compressed_bodies_arrive_decoded(
    server: LocalServer, fetcher: Fetcher, compress: str | None
) -> None:
    body = "<p>新闻正文</p>".encode() * 200
    server.routes["/doc"] = Route(body, compress=compress)
    result = fetcher.fetch(server.url("/doc"))
    assert result.body == body and result.charset == "utf-8"


def test_compressed_size_cannot_hide_a_huge_body(server: LocalServer, fetcher: Fetcher) -> None:
    bomb = b"0" * (TEST_POLICY.fetch_max_bytes * 4)  # compresses to a few KiB
    server.routes["/bomb"] = Route(bomb, compress="gzip")
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(server.url("/bomb"))
    assert caught.value.reason == "too-large"


def test_robots_crawl_delay_slows_the_host(server: LocalServer, client: httpx.Client) -> None:
    # Python's robots.txt parser reads whole seconds only, as most sites write them.
    server.routes["/robots.txt"] = Route(b"User-agent: *\nCrawl-delay: 1\n", "text/plain")
    server.routes["/p"] = Route(b"x")
    fetcher = Fetcher(client, TEST_POLICY)
    started = time.monotonic()
    for _ in range(2):
        fetcher.fetch(server.url("/p"))
    # The second request starts a crawl delay after the first: a lower bound that holds however
    # busy the machine (arrival times at the server can jitter either way).
    assert time.monotonic() - started >= 1.0 and len(server.hits("/p")) == 2


def test_user_agent_is_sent(server: LocalServer, fetcher: Fetcher) -> None:
    server.routes["/a"] = Route(b"ok")
    fetcher.fetch(server.url("/a"))
    assert server.hits("/a")[0].headers["User-Agent"] == TEST_POLICY.user_agent


def test_conditional_get_returns_304_with_the_stored_etag(
    server: LocalServer, fetcher: Fetcher
) -> None:
    server.routes["/feed"] = Route(b"<rss/>", etag='"v1"')
    first = fetcher.fetch(server.url("/feed"))
    assert first.status == 200 and first.validators.etag == '"v1"'
    second = fetcher.fetch(server.url("/feed"), first.validators)
    assert second.not_modified and second.body == b""
    assert server.hits("/feed")[1].headers["If-None-Match"] == '"v1"'


def test_429_waits_out_retry_after_then_succeeds(server: LocalServer, fetcher: Fetcher) -> None:
    server.routes["/busy"] = Route(b"done", before=deque([Reply(429, b"", {"Retry-After": "1"})]))
    started = time.monotonic()
    result = fetcher.fetch(server.url("/busy"))
    hits = server.hits("/busy")
    assert result.body == b"done" and result.requests == 2
    assert len(hits) == 2 and 1.0 <= time.monotonic() - started < 3


def test_503_three_times_fails_in_words(server: LocalServer, fetcher: Fetcher) -> None:
    busy = [Reply(503, b"", {"Retry-After": "0"}) for _ in range(5)]
    server.routes["/down"] = Route(b"never", before=deque(busy))
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(server.url("/down"))
    assert caught.value.message == "the server answered 503 Service Unavailable 3 times"
    assert len(server.hits("/down")) == TEST_POLICY.fetch_retries + 1


def test_a_long_retry_after_ends_the_fetch_and_is_reported(
    server: LocalServer, fetcher: Fetcher
) -> None:
    server.routes["/later"] = Route(b"", before=deque([Reply(503, b"", {"Retry-After": "3600"})]))
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(server.url("/later"))
    assert caught.value.retry_after is not None
    assert len(server.hits("/later")) == 1


def test_slow_response_times_out(server: LocalServer, fetcher: Fetcher) -> None:
    server.routes["/slow"] = Route(b"late", delay=1.5)
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(server.url("/slow"))
    assert caught.value.reason == "timeout"
    assert "sent nothing for 0.5 s" in caught.value.message


def test_huge_response_is_cut_off_at_the_cap(server: LocalServer, fetcher: Fetcher) -> None:
    server.routes["/huge"] = Route(endless=True)
    server.routes["/big"] = Route(b"x" * (TEST_POLICY.fetch_max_bytes + 1))
    for path in ("/huge", "/big"):
        with pytest.raises(FetchError) as caught:
            fetcher.fetch(server.url(path))
        assert caught.value.reason == "too-large"
        assert "256 KiB limit" in caught.value.message


def test_redirects_are_followed_and_loops_refused(server: LocalServer, fetcher: Fetcher) -> None:
    server.routes["/old"] = Route(status=301, headers={"Location": "/new"})
    server.routes["/new"] = Route(b"moved here")
    result = fetcher.fetch(server.url("/old"))
    assert result.body == b"moved here" and result.final_url == server.url("/new")
    server.routes["/a"] = Route(status=302, headers={"Location": "/b"})
    server.routes["/b"] = Route(status=302, headers={"Location": "/a"})
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(server.url("/a"))
    assert caught.value.reason == "redirect-loop"


def test_redirect_limit(server: LocalServer, fetcher: Fetcher) -> None:
    for n in range(10):
        server.routes[f"/r{n}"] = Route(status=302, headers={"Location": f"/r{n + 1}"})
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(server.url("/r0"))
    assert caught.value.reason == "too-many-redirects"


def test_robots_txt_is_honoured_and_fetched_once(server: LocalServer, fetcher: Fetcher) -> None:
    server.routes["/robots.txt"] = Route(
        b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"
    )
    server.routes["/private/page"] = Route(b"secret")
    server.routes["/public"] = Route(b"open")
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(server.url("/private/page"))
    assert caught.value.message == "127.0.0.1's robots.txt disallows /private/page"
    assert fetcher.fetch(server.url("/public")).body == b"open"
    assert server.hits("/private/page") == []
    assert len(server.hits("/robots.txt")) == 1


def test_robots_txt_that_fails_closes_the_site(server: LocalServer, fetcher: Fetcher) -> None:
    server.routes["/robots.txt"] = Route(status=500)
    server.routes["/page"] = Route(b"x")
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(server.url("/page"))
    assert caught.value.reason == "robots-unavailable"
    assert server.hits("/page") == []


def test_loopback_is_refused_unless_allowed(server: LocalServer, client: httpx.Client) -> None:
    server.routes["/x"] = Route(b"x")
    strict = Fetcher(client, replace(TEST_POLICY, fetch_allow_networks=""))
    with pytest.raises(FetchError) as caught:
        strict.fetch(server.url("/x"))
    assert caught.value.reason == "private-address"
    assert server.log == []


def test_every_resolved_address_is_checked(client: httpx.Client) -> None:
    mixed = Fetcher(client, TEST_POLICY, resolve=lambda host, port: ["93.184.216.34", "10.0.0.7"])
    with pytest.raises(FetchError) as caught:
        mixed.fetch("http://news.example/feed")
    assert "10.0.0.7" in caught.value.message


def test_per_host_interval_spaces_requests(server: LocalServer, client: httpx.Client) -> None:
    server.routes["/p"] = Route(b"x")
    paced = Fetcher(client, replace(TEST_POLICY, fetch_host_interval_ms=100))
    start = time.monotonic()
    for _ in range(5):
        paced.fetch(server.url("/p"))
    elapsed = time.monotonic() - start
    # Five requests to one host 100 ms apart take at least 400 ms; unpaced, they take a few ms
    # against this local server. Gaps between single arrivals are not compared: on a busy
    # machine one request can reach the server late and the next on time.
    assert elapsed >= 4 * 0.1
    assert len(server.hits("/p")) == 5


def test_retry_after_forms_and_bounds() -> None:
    now = datetime(2026, 3, 1, tzinfo=UTC)
    assert parse_retry_after("120", now) == now + timedelta(seconds=120)
    assert parse_retry_after("Sun, 01 Mar 2026 00:10:00 GMT", now) == now + timedelta(minutes=10)
    assert parse_retry_after("9" * 40, now) == now + MAX_RETRY_AFTER
    assert parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", now) == now + MAX_RETRY_AFTER
    assert parse_retry_after("soon", now) is None
