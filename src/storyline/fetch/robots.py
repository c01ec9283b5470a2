"""robots.txt, fetched once per site and kept for a while (RFC 9309).

A robots.txt that is missing (any 4xx) allows everything; one the server fails to give (5xx,
network error) disallows everything for now, and is asked for again next time.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from storyline.fetch.errors import FetchError

# RFC 9309 §2.5: crawlers should parse at least 500 KiB of a robots.txt; we read no more.
ROBOTS_MAX_BYTES = 500 * 1024

# Fetches robots.txt: (status, body) or FetchError.
RobotsFetch = Callable[[str], tuple[int, bytes]]


@dataclass(frozen=True, slots=True)
class Rules:
    parser: RobotFileParser
    fetched_at: float


def site_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _rules(status: int, body: bytes, now: float) -> Rules:
    parser = RobotFileParser()
    if status == 200:
        parser.parse(body[:ROBOTS_MAX_BYTES].decode("utf-8", errors="replace").splitlines())
    else:
        parser.parse([])  # 4xx: no rules, everything allowed
    return Rules(parser, now)


class RobotsCache:
    """robots.txt rules per site (scheme and host), refreshed after `ttl_s`."""

    def __init__(self, agent: str, ttl_s: float, clock: Callable[[], float] = time.monotonic):
        self.agent = agent
        self.ttl_s = ttl_s
        self._clock = clock
        self._rules: dict[str, Rules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def rules(self, url: str, fetch: RobotsFetch) -> Rules:
        site = site_of(url)
        with self._lock:
            site_lock = self._locks.setdefault(site, threading.Lock())
        with site_lock:
            cached = self._rules.get(site)
            if cached is not None and self._clock() - cached.fetched_at < self.ttl_s:
                return cached
            status, body = self._fetch(site, fetch)
            rules = _rules(status, body, self._clock())
            self._rules[site] = rules
            return rules

    def _fetch(self, site: str, fetch: RobotsFetch) -> tuple[int, bytes]:
        host = urlsplit(site).hostname
        try:
            status, body = fetch(site + "/robots.txt")
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                return exc.status, b""
            raise FetchError(
                "robots-unavailable",
                f"{host}'s robots.txt could not be read ({exc.message}); the site is left alone "
                "until it can be",
                retry_after=exc.retry_after,
            ) from exc
        return status, body

    def check(self, url: str, fetch: RobotsFetch) -> float | None:
        """Raise FetchError when robots.txt disallows `url`; return its Crawl-delay if any."""
        rules = self.rules(url, fetch)
        if not rules.parser.can_fetch(self.agent, url):
            parts = urlsplit(url)
            path = parts.path or "/"
            raise FetchError("robots", f"{parts.hostname}'s robots.txt disallows {path}")
        delay = rules.parser.crawl_delay(self.agent)
        return float(delay) if delay is not None else None
