"""A crawl: every due feed harvested in worker threads, each stored as it arrives.

Only this thread touches the database. A failing feed is scheduled later with exponential
backoff (capped, and never sooner than a Retry-After) while the others go on.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from storyline.api import Archive
from storyline.crawl.harvest import Harvest, NewItem, harvest
from storyline.fetch.errors import FetchError
from storyline.fetch.http import Fetcher, Validators
from storyline.fetch.policy import FetchPolicy
from storyline.pipeline.ingest.feed import item_record, record_bytes
from storyline.pipeline.ingest.readers import Origin
from storyline.records import DocKind, Document
from storyline.store import feeds as feed_store
from storyline.store import robots as robots_store
from storyline.store import sources as source_store
from storyline.store.clock import utc_iso
from storyline.store.feeds import FeedRow


@dataclass(slots=True)
class SourceSummary:
    """What one feed's crawl did, for the progress line and the run summary."""

    name: str
    outcome: str  # words: "12 new items", "not modified", or the error
    ok: bool
    new_items: int = 0
    skipped: int = 0
    articles: int = 0
    full_text: int = 0
    requests: int = 0
    next_fetch_at: datetime | None = None
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class CrawlReport:
    sources: list[SourceSummary] = field(default_factory=list)

    @property
    def articles(self) -> int:
        return sum(s.articles for s in self.sources)

    @property
    def failed(self) -> int:
        return sum(not s.ok for s in self.sources)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def backoff(interval: timedelta, failures: int, cap_s: int) -> timedelta:
    """interval × 2^failures, capped; computed in whole seconds so no count overflows."""
    seconds = int(interval.total_seconds()) * 2 ** min(failures, 64)
    return timedelta(seconds=min(seconds, cap_s))


def when_words(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


class Crawler:
    def __init__(self, archive: Archive, fetcher: Fetcher, policy: FetchPolicy) -> None:
        self.archive = archive
        self.fetcher = fetcher
        self.policy = policy
        self.store = archive.store

    def run_once(
        self, *, force: bool = False, progress: Callable[[SourceSummary], None] | None = None
    ) -> CrawlReport:
        """Crawl every feed that is due (every feed with `force`), once."""
        now = datetime.now(UTC)
        feeds = (
            feed_store.list_feeds(self.store)
            if force
            else feed_store.due_feeds(self.store, utc_iso(now) or "")
        )
        report = CrawlReport()
        self.fetcher.robots.load(robots_store.load_robots(self.store))
        workers = max(1, self.policy.crawl_workers)
        with ThreadPoolExecutor(workers, "feed") as feed_pool:
            futures: list[Future[Harvest]] = [
                feed_pool.submit(
                    harvest,
                    feed,
                    self.fetcher,
                    validators=Validators(
                        *feed_store.get_validators(self.store, feed.settings.url)
                    ),
                    seen=feed_store.seen_keys(self.store, feed.source_id),
                    timezone=self.archive.settings.timezone,
                )
                for feed in feeds
            ]
            for future in as_completed(futures):
                summary = self._absorb(future.result())
                report.sources.append(summary)
                if progress:
                    progress(summary)
        with self.store.transaction():
            robots_store.save_robots(self.store, self.fetcher.robots.fetched())
        return report

    def next_due(self) -> datetime | None:
        times = [f.next_fetch_at for f in feed_store.list_feeds(self.store) if f.next_fetch_at]
        if not times:
            return None
        return min(datetime.fromisoformat(t.replace("Z", "+00:00")) for t in times)

    def _interval(self, feed: FeedRow) -> timedelta:
        return timedelta(seconds=feed.settings.interval_s or self.policy.crawl_interval_s)

    def _absorb(self, got: Harvest) -> SourceSummary:
        if got.error is not None:
            return self._failed(got.feed, got.error)
        feed = got.feed
        summary = SourceSummary(feed.settings.name, "", ok=True, requests=got.requests)
        if got.result is not None and got.result.not_modified:
            summary.outcome = "not modified since the last crawl"
        else:
            self._store_items(got, summary)
        now = datetime.now(UTC)
        summary.next_fetch_at = now + self._interval(feed)
        with self.store.transaction():
            if got.result is not None and not got.result.not_modified and got.parsed:
                self._remember(got, summary)
            for note in summary.notes:
                source_store.record_error(self.store, feed.source_id, note)
            source_store.record_success(self.store, feed.source_id)
            feed_store.record_outcome(
                self.store,
                feed.source_id,
                ok=True,
                outcome=summary.outcome,
                next_fetch_at=utc_iso(summary.next_fetch_at) or "",
                fetched_at=utc_iso(now) or "",
            )
        return summary

    def _remember(self, got: Harvest, summary: SourceSummary) -> None:
        """Validators for the next conditional GET, the site link, and a discovered feed URL."""
        feed = got.feed
        if got.discovered:
            moved = feed_store.move_feed(self.store, feed.source_id, got.discovered)
            summary.outcome += f"; the address is a web page, and its feed {got.discovered} " + (
                "is fetched from now on" if moved else "is already another source's"
            )
        # A broken feed, or one with items left over, is read again in full next time.
        complete = got.parsed is not None and not got.parsed.broken and not got.deferred
        if got.result is not None and complete:
            v = got.result.validators
            feed_store.set_validators(self.store, got.url, v.etag, v.last_modified)
        feed_store.set_site(self.store, feed.source_id, got.parsed.site if got.parsed else None)

    def _store_items(self, got: Harvest, summary: SourceSummary) -> None:
        feed = got.feed
        docs = [(self._document(got, new), new) for new in got.items]
        origin = Origin(feed.settings.name, "feed", feed.settings.url)
        report = self.archive.ingest_documents(((origin, d) for d, _ in docs), "crawl")
        with self.store.transaction():
            for doc, new in docs:
                feed_store.mark_seen(self.store, feed.source_id, new.keys, doc.sha256)
        summary.new_items = len(docs)
        summary.skipped = got.skipped
        summary.articles = report.articles
        summary.full_text = sum(1 for _, n in docs if n.page is not None)
        summary.requests += sum(1 for _, n in docs if n.page is not None or n.page_error)
        summary.notes = [n.page_error for _, n in docs if n.page_error]
        if got.parsed and got.parsed.broken:
            summary.notes.insert(0, f"{got.parsed.broken} (the items read before it were kept)")
        failed = sum(report.failed.values())
        summary.outcome = (
            f"{_count(len(docs), 'new item')} ({summary.full_text} with full text fetched), "
            f"{got.skipped} already seen" + (f", {failed} could not be read" if failed else "")
        )
        if got.deferred:
            summary.outcome += (
                f"; {_count(got.deferred, 'item')} left for the next crawl "
                f"(at most {self.policy.crawl_max_pages} pages per feed per crawl)"
            )

    def _document(self, got: Harvest, new: NewItem) -> Document:
        feed = got.feed.settings
        outlet = feed.outlet or (got.parsed.title if got.parsed else None)
        record = item_record(new.item, outlet=outlet, page=new.page)
        origin = new.item.link or f"{feed.url}#{new.item.guid or new.keys[-1]}"
        return Document(
            record_bytes(record),
            origin,
            DocKind.FEED,
            feed.name,
            datetime.now(UTC),
            charset="utf-8",
            url=new.item.link,
        )

    def _failed(self, feed: FeedRow, error: FetchError) -> SourceSummary:
        now = datetime.now(UTC)
        next_at = now + backoff(
            self._interval(feed), feed.failures + 1, self.policy.crawl_backoff_cap_s
        )
        if error.retry_after and error.retry_after > next_at:
            next_at = error.retry_after
        message = f"{error.message}; will retry after {when_words(next_at)}"
        with self.store.transaction():
            source_store.record_error(self.store, feed.source_id, message)
            feed_store.record_outcome(
                self.store,
                feed.source_id,
                ok=False,
                outcome=message,
                next_fetch_at=utc_iso(next_at) or "",
                fetched_at=utc_iso(now) or "",
            )
        return SourceSummary(feed.settings.name, message, ok=False, next_fetch_at=next_at)


def watch_loop(
    crawler: Crawler,
    *,
    max_cycles: int | None,
    after_cycle: Callable[[int, CrawlReport], None],
    sleep: Callable[[float], None] = time.sleep,
    progress: Callable[[SourceSummary], None] | None = None,
) -> int:
    """Crawl due feeds, sleep until the next is due, repeat; returns the cycles run."""
    cycle = 0
    while max_cycles is None or cycle < max_cycles:
        cycle += 1
        after_cycle(cycle, crawler.run_once(progress=progress))
        if max_cycles is not None and cycle >= max_cycles:
            break
        due = crawler.next_due()
        wait = (due - datetime.now(UTC)).total_seconds() if due else crawler.policy.crawl_interval_s
        sleep(max(0.0, wait))
    return cycle
