"""The crawl API the CLI (and later the web app) calls: subscriptions, crawls, watch lists."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import httpx

from storyline.api import Archive
from storyline.crawl import watch as watch_ops
from storyline.crawl.crawler import Crawler
from storyline.errors import InputError
from storyline.fetch.http import Fetcher
from storyline.fetch.policy import FetchPolicy
from storyline.pipeline.ingest.opml import Outline, read_opml, write_opml
from storyline.store import feeds as feed_store
from storyline.store import watches as watch_store
from storyline.store.feeds import FeedRow, FeedSettings
from storyline.store.sources import SourceRow
from storyline.store.watches import WatchRow


@dataclass(frozen=True, slots=True)
class SourceStatus:
    source: SourceRow
    feed: FeedRow | None


def name_for(url: str) -> str:
    """A default source name for a feed URL: its host and path."""
    rest = url.split("://", 1)[-1].rstrip("/")
    return rest or url


def check_feed_settings(feed: FeedSettings) -> None:
    """Refuse settings that would only fail at crawl time: a bad URL, encoding or time zone."""
    if not feed.url.startswith(("http://", "https://")):
        raise InputError(f"{feed.url} is not an http or https address")
    if feed.encoding:
        try:
            codecs.lookup(feed.encoding)
        except LookupError as exc:
            raise InputError(f"{feed.encoding!r} is not an encoding Python knows") from exc
    if feed.timezone:
        try:
            ZoneInfo(feed.timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise InputError(f"{feed.timezone!r} is not an IANA time zone name") from exc


def add_source(archive: Archive, feed: FeedSettings) -> int:
    check_feed_settings(feed)
    with archive.store.transaction():
        return feed_store.add_feed(archive.store, feed)


def import_opml(archive: Archive, path: Path) -> tuple[list[str], list[str]]:
    """Subscribe to every feed in an OPML file: (names added, messages for those skipped)."""
    if not path.is_file():
        raise InputError(f"no such file: {path}")
    added, skipped = [], []
    for outline in read_opml(path.read_bytes()):
        name = outline.title or name_for(outline.url)
        try:
            add_source(archive, FeedSettings(url=outline.url, name=name))
        except InputError as exc:
            skipped.append(str(exc))
            continue
        added.append(name)
    return added, skipped


def export_opml(archive: Archive) -> str:
    feeds = feed_store.list_feeds(archive.store)
    return write_opml(Outline(f.settings.url, f.settings.name, f.site_url) for f in feeds)


def source_status(archive: Archive) -> list[SourceStatus]:
    feeds = {f.source_id: f for f in feed_store.list_feeds(archive.store)}
    return [SourceStatus(s, feeds.get(s.id)) for s in archive.sources()]


def crawler(archive: Archive, client: httpx.Client, policy: FetchPolicy | None = None) -> Crawler:
    chosen = policy or FetchPolicy.from_settings(archive.settings)
    return Crawler(archive, Fetcher(client, chosen), chosen)


def add_watch(
    archive: Archive, name: str, query: str, sources: list[str], webhook: str | None
) -> None:
    if not query.strip():
        raise InputError("a watch needs a query")
    with archive.store.transaction():
        watch_store.add_watch(archive.store, name, query, sources, webhook)


def watches(archive: Archive) -> list[WatchRow]:
    return watch_store.list_watches(archive.store)


def watch_feed(archive: Archive, name: str) -> str:
    """The watch's matches as an Atom document."""
    watch = watch_store.get_watch(archive.store, name)
    return watch_ops.atom_feed(watch, watch_ops.matches(archive.store, watch))
