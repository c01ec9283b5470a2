"""Watch lists: a saved query's matches as an Atom feed, and a webhook told of new ones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
from lxml import etree

from storyline.fetch.errors import FetchError
from storyline.fetch.guard import check_url, parse_networks
from storyline.fetch.policy import FetchPolicy
from storyline.pipeline.clean.tokens import query_terms, word_parts
from storyline.records import Article
from storyline.store import Store
from storyline.store import articles as article_store
from storyline.store import search as search_store
from storyline.store import watches as watch_store
from storyline.store.search import SearchFilters
from storyline.store.watches import WatchRow

ATOM = "http://www.w3.org/2005/Atom"
# Entries in a watch feed and matches in one webhook call: a feed reader shows the latest
# few dozen, and a burst past this is better read in the archive than in a notification.
WATCH_LIMIT = 50
SUMMARY_CHARS = 280  # an entry's summary: about two sentences, a tweet's length
WEBHOOK_TIMEOUT_S = 10.0


@dataclass(frozen=True, slots=True)
class WebhookResult:
    watch: str
    matches: int
    error: str | None = None


def matches(store: Store, watch: WatchRow, *, after_id: int = 0) -> list[Article]:
    """The watch's matching articles, newest stored first (by id), above `after_id`."""
    terms = [(t, word_parts(t)) for t in query_terms(watch.query)]
    ids: set[int] = set()
    for source in watch.sources or (None,):
        _total, ranked = search_store.search(
            store, terms, SearchFilters(source=source), limit=10_000, offset=0
        )
        ids.update(i for i, _ in ranked if i > after_id)
    newest = sorted(ids, reverse=True)[:WATCH_LIMIT]
    return [article_store.get_article(store, i) for i in newest]


def _summary(article: Article) -> str:
    text = article.summary or article.text
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1] + "…"


def _stamp(moment: datetime | None) -> str:
    return (moment or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def atom_feed(watch: WatchRow, articles: list[Article]) -> str:
    """An Atom 1.0 document (RFC 4287) listing the articles."""
    feed = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
    etree.SubElement(feed, f"{{{ATOM}}}id").text = f"urn:storyline:watch:{watch.name}"
    etree.SubElement(feed, f"{{{ATOM}}}title").text = f"{watch.name}: {watch.query}"
    newest = max((a.published for a in articles if a.published), default=None)
    etree.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(newest)
    author = etree.SubElement(feed, f"{{{ATOM}}}author")
    etree.SubElement(author, f"{{{ATOM}}}name").text = "Storyline"
    for art in articles:
        entry = etree.SubElement(feed, f"{{{ATOM}}}entry")
        etree.SubElement(entry, f"{{{ATOM}}}id").text = f"urn:storyline:article:{art.id}"
        etree.SubElement(entry, f"{{{ATOM}}}title").text = art.title
        etree.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(art.published)
        if art.url:
            etree.SubElement(entry, f"{{{ATOM}}}link", href=art.url)
        if art.outlet or art.source:
            by = etree.SubElement(entry, f"{{{ATOM}}}author")
            etree.SubElement(by, f"{{{ATOM}}}name").text = art.outlet or art.source
        etree.SubElement(entry, f"{{{ATOM}}}summary").text = _summary(art)
    xml: bytes = etree.tostring(feed, encoding="utf-8", xml_declaration=True, pretty_print=True)
    return xml.decode("utf-8")


def match_json(art: Article) -> dict[str, object]:
    return {
        "id": art.id,
        "title": art.title,
        "url": art.url,
        "published": art.published.isoformat() if art.published else None,
        "source": art.source,
        "outlet": art.outlet,
        "summary": _summary(art),
    }


def notify(store: Store, client: httpx.Client, policy: FetchPolicy) -> list[WebhookResult]:
    """POST each watch's new matches to its webhook; a watch is advanced only on a 2xx."""
    results = []
    for watch in watch_store.list_watches(store):
        if watch.webhook:
            results.append(_notify_one(store, client, policy, watch))
    return results


def _notify_one(
    store: Store, client: httpx.Client, policy: FetchPolicy, watch: WatchRow
) -> WebhookResult:
    found = matches(store, watch, after_id=watch.last_article_id)
    if not found or not watch.webhook:
        return WebhookResult(watch.name, 0)
    payload = {"watch": watch.name, "query": watch.query, "matches": [match_json(a) for a in found]}
    try:
        check_url(watch.webhook, parse_networks(policy.fetch_allow_networks))
        response = client.post(
            watch.webhook,
            json=payload,
            headers={"User-Agent": policy.user_agent},
            timeout=WEBHOOK_TIMEOUT_S,
        )
    except FetchError as exc:
        return WebhookResult(watch.name, len(found), exc.message)
    except httpx.HTTPError as exc:
        return WebhookResult(watch.name, len(found), f"the webhook could not be reached: {exc}")
    if not response.is_success:
        return WebhookResult(watch.name, len(found), f"the webhook answered {response.status_code}")
    with store.transaction():
        watch_store.set_last_article(store, watch.name, max(a.id or 0 for a in found))
    return WebhookResult(watch.name, len(found))
