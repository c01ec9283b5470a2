from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from storyline.api import Archive
from storyline.crawl import service
from storyline.crawl.crawler import Crawler
from tests.fetch.conftest import TEST_POLICY
from tests.fetch.server import LocalServer, Route


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        running.routes["/robots.txt"] = Route(
            b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"
        )
        yield running


@pytest.fixture
def crawler(archive: Archive) -> Iterator[Crawler]:
    with httpx.Client() as client:
        yield service.crawler(archive, client, TEST_POLICY)
