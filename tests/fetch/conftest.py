from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from storyline.fetch.http import Fetcher
from storyline.fetch.policy import FetchPolicy
from tests.fetch.server import LocalServer

# Short limits so failures show within a second; loopback allowed for the local server only.
TEST_POLICY = FetchPolicy(
    user_agent="StorylineTest/1.0",
    fetch_allow_networks="127.0.0.0/8",
    fetch_connect_timeout_ms=1_000,
    fetch_read_timeout_ms=500,
    fetch_total_timeout_ms=3_000,
    fetch_max_bytes=256 * 1024,
    fetch_max_redirects=4,
    fetch_retries=2,
    fetch_backoff_ms=20,
    fetch_retry_after_cap_s=2,
    fetch_host_interval_ms=0,
    fetch_host_concurrency=4,
    crawl_interval_s=60,
    crawl_backoff_cap_s=3_600,
)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        yield running


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client() as opened:
        yield opened


@pytest.fixture
def fetcher(client: httpx.Client) -> Fetcher:
    return Fetcher(client, TEST_POLICY)
