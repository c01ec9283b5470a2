"""One feed's harvest: fetch it, parse it, fetch full text for new truncated items.

This runs in worker threads and touches no database: what it needs from the store (validators,
keys already seen) is handed in, and what it found goes back as a Harvest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field

from storyline.errors import StepError
from storyline.fetch.errors import FetchError
from storyline.fetch.http import Fetcher, FetchResult, Validators
from storyline.pipeline.clean.encoding import decode
from storyline.pipeline.clean.html import extract_page
from storyline.pipeline.ingest.feed import FeedItem, FullText, ParsedFeed, is_truncated, parse_feed
from storyline.pipeline.ingest.markup import declared_charset, feed_link
from storyline.store.feeds import FeedRow

PageFetch = Callable[[str], FullText]


@dataclass(slots=True)
class NewItem:
    item: FeedItem
    keys: list[str]
    page: FullText | None = None
    page_error: str | None = None


@dataclass(slots=True)
class Harvest:
    feed: FeedRow
    result: FetchResult | None = None
    parsed: ParsedFeed | None = None
    items: list[NewItem] = field(default_factory=list)
    error: FetchError | None = None
    skipped: int = 0  # items already seen
    discovered: str | None = None  # the feed a web page pointed to, when given a web page
    deferred: int = 0  # new items left for the next crawl: their pages were over the budget

    @property
    def url(self) -> str:
        """Where the feed was read from."""
        return self.discovered or self.feed.settings.url

    @property
    def requests(self) -> int:
        return self.result.requests if self.result else 0


def page_text(fetcher: Fetcher, url: str, encoding: str | None) -> FullText:
    """Fetch a page and extract its main text. FetchError or StepError when it cannot."""
    result = fetcher.fetch(url)
    charset = encoding or result.charset or declared_charset(result.body)
    markup = decode(result.body, charset, markup=True).text
    page = extract_page(markup, result.final_url)
    return FullText(result.final_url, markup, page.text, page.title)


def harvest(
    feed: FeedRow,
    fetcher: Fetcher,
    *,
    validators: Validators,
    seen: set[str],
    timezone: str,
) -> Harvest:
    """Everything new in one feed. Failures are returned in the Harvest, never raised."""
    out = Harvest(feed)
    try:
        _harvest(out, fetcher, validators, seen, timezone)
    except Exception as exc:  # one feed's surprise must not end the whole crawl
        out.error = FetchError("internal", f"reading the feed failed unexpectedly: {exc!r}")
    return out


def _harvest(
    out: Harvest, fetcher: Fetcher, validators: Validators, seen: set[str], timezone: str
) -> None:
    settings = out.feed.settings
    try:
        out.result = fetcher.fetch(settings.url, validators)
    except FetchError as exc:
        out.error = exc
        return
    if out.result.not_modified:
        return
    out.parsed = _parse(out.result, settings.encoding, settings.timezone or timezone)
    link = None if out.parsed.recognised else feed_link(out.result.body, out.result.final_url)
    if link:
        out.discovered = link
        try:
            out.result = fetcher.fetch(link)
        except FetchError as exc:
            out.error = exc
            return
        out.parsed = _parse(out.result, settings.encoding, settings.timezone or timezone)
    if out.parsed.broken and not out.parsed.items:
        out.error = FetchError("broken-feed", out.parsed.broken)
        return
    if not out.parsed.recognised:
        out.error = FetchError(
            "not-a-feed", "the address gave no RSS, Atom or JSON feed (perhaps a web page)"
        )
        return
    out.items = _new_items(out.parsed.items, seen, out)
    if settings.full_text:
        out.items, out.deferred = _within_page_budget(out.items, fetcher.policy.crawl_max_pages)
        # A pool per feed, as wide as one host allows: pages of a slow host then wait in their
        # own queue and never hold the threads another feed's pages need.
        with ThreadPoolExecutor(fetcher.policy.fetch_host_concurrency, "page") as pages:
            _fill_pages(out.items, lambda url: page_text(fetcher, url, settings.encoding), pages)


def _parse(result: FetchResult, encoding: str | None, timezone: str) -> ParsedFeed:
    return parse_feed(
        result.body, content_type=result.content_type, encoding=encoding, timezone=timezone
    )


def _new_items(items: Iterable[FeedItem], seen: set[str], out: Harvest) -> list[NewItem]:
    fresh: list[NewItem] = []
    known = set(seen)
    for item in items:
        keys = item.keys()
        if known.intersection(keys):
            out.skipped += 1
            continue
        known.update(keys)
        fresh.append(NewItem(item, keys))
    return fresh


def _needs_page(new: NewItem) -> bool:
    return bool(new.item.link) and is_truncated(new.item)


def _within_page_budget(items: list[NewItem], budget: int) -> tuple[list[NewItem], int]:
    """The items to take now: all, unless more than `budget` need their page fetched; then
    items past the budget-th such item wait (unseen) for the next crawl."""
    taken: list[NewItem] = []
    pages = 0
    for position, new in enumerate(items):
        if _needs_page(new):
            if pages == budget:
                return taken, len(items) - position
            pages += 1
        taken.append(new)
    return taken, 0


def _fill_pages(items: list[NewItem], fetch: PageFetch, pages: Executor) -> None:
    wanted = [n for n in items if _needs_page(n)]
    futures = [(n, pages.submit(fetch, n.item.link or "")) for n in wanted]
    for new, future in futures:
        try:
            new.page = future.result()
        except (FetchError, StepError) as exc:
            new.page_error = f"full text of {new.item.link}: {exc}; the item's summary was kept"
        except Exception as exc:  # a page the extractor chokes on keeps its item
            new.page_error = (
                f"full text of {new.item.link}: the page could not be read ({exc!r}); "
                "the item's summary was kept"
            )
