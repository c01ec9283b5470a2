"""robots.txt, fetched once per site and kept for a while (RFC 9309).

A robots.txt that is missing (any 4xx) allows everything; one the server fails to give (5xx,
network error) disallows everything for now, and is asked for again next time.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from storyline.fetch.errors import FetchError

# RFC 9309 §2.5: crawlers should parse at least 500 KiB of a robots.txt; we read no more.
ROBOTS_MAX_BYTES = 500 * 1024

# Fetches robots.txt: (status, body) or FetchError.
RobotsFetch = Callable[[str], tuple[int, bytes]]


@dataclass(frozen=True, slots=True)
class RobotsEntry:
    """A site's robots.txt as fetched: what the store keeps between crawls."""

    site: str
    status: int
    body: bytes
    fetched_at: float  # seconds since the epoch


@dataclass(frozen=True, slots=True)
class Rules:
    parser: RobotFileParser
    entry: RobotsEntry


def site_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _rules(entry: RobotsEntry) -> Rules:
    parser = RobotFileParser()
    if entry.status == 200:
        text = entry.body[:ROBOTS_MAX_BYTES].decode("utf-8", errors="replace")
        parser.parse(text.splitlines())
    else:
        parser.parse([])  # 4xx: no rules, everything allowed
    return Rules(parser, entry)


class RobotsCache:
    """robots.txt rules per site (scheme and host), refreshed after `ttl_s`.

    Wall-clock times, so entries kept in the store between crawls age correctly.
    """

    def __init__(self, agent: str, ttl_s: float, clock: Callable[[], float] = time.time):
        self.agent = agent
        self.ttl_s = ttl_s
        self._clock = clock
        self._rules: dict[str, Rules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()
        self._fetched: dict[str, RobotsEntry] = {}

    def load(self, entries: Iterable[RobotsEntry]) -> None:
        """Take entries fetched in earlier crawls; stale ones are fetched again when needed."""
        with self._lock:
            for entry in entries:
                self._rules[entry.site] = _rules(entry)

    def fetched(self) -> list[RobotsEntry]:
        """Entries this cache fetched itself (to keep for later crawls)."""
        with self._lock:
            return list(self._fetched.values())

    def rules(self, url: str, fetch: RobotsFetch) -> Rules:
        site = site_of(url)
        with self._lock:
            site_lock = self._locks.setdefault(site, threading.Lock())
        with site_lock:
            cached = self._rules.get(site)
            if cached is not None and self._clock() - cached.entry.fetched_at < self.ttl_s:
                return cached
            status, body = self._fetch(site, fetch)
            entry = RobotsEntry(site, status, body, self._clock())
            rules = _rules(entry)
            with self._lock:
                self._rules[site] = rules
                self._fetched[site] = entry
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
