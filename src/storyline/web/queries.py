"""Every page's data, as JSON-ready dicts: the HTML page and its `.json` twin both render these.

`WebQueries` wraps an `Archive`; the queries the API lacks (tag counts, articles by tag, totals)
call store modules of their own, so routes never see SQL.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from storyline.api import Archive, article_json
from storyline.errors import InputError, NotFoundError
from storyline.records import Article, SearchHit
from storyline.store import listing
from storyline.store import tags as tag_store
from storyline.store.articles import ArticleRow
from storyline.store.search import SearchFilters
from storyline.web.script import Script, convert

# Tags shown in the home page's tag widget: enough for a sidebar, the rest are one click away.
HOME_TAGS = 30
# Deepest page a listing serves: past it OFFSET scans grow linearly and nobody reads that far.
MAX_PAGE = 1000


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A search as the web receives it: words, optional filters, and a page."""

    q: str = ""
    source: str | None = None
    since: date | None = None
    until: date | None = None
    tag: str | None = None
    page: int = 1

    def filters(self) -> SearchFilters:
        return SearchFilters(
            source=self.source or None,
            since=datetime.combine(self.since, time()) if self.since else None,
            until=datetime.combine(self.until, time()) if self.until else None,
            tag=self.tag or None,
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "q": self.q,
            "source": self.source,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "tag": self.tag,
            "page": self.page,
        }


def iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def row_json(r: ArticleRow) -> dict[str, Any]:
    return {
        "id": r.id,
        "title": r.title,
        "title_derived": r.title_derived,
        "published": iso(r.published),
        "source": r.source,
        "outlet": r.outlet,
        "external_id": r.external_id,
        "lang": r.lang,
        "script": r.script,
        "url": r.url,
        "chars": r.chars,
    }


def hit_json(h: SearchHit) -> dict[str, Any]:
    return {
        "id": h.article_id,
        "title": h.title,
        "snippet": h.snippet,
        "score": round(h.score, 4),
        "published": iso(h.published),
        "source": h.source,
        "outlet": h.outlet,
    }


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def check_page(page: int) -> int:
    if not 1 <= page <= MAX_PAGE:
        raise InputError(f"page must be between 1 and {MAX_PAGE}")
    return page


def page_count(total: int, size: int) -> int:
    return max(1, math.ceil(total / size))


class WebQueries:
    """The data behind each page, from one open archive."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self.size = archive.settings.page_size

    def home(self, page: int = 1) -> dict[str, Any]:
        offset = (check_page(page) - 1) * self.size
        # One row past the page says whether a next page exists without counting the archive.
        rows = listing.latest_articles(self.archive.store, limit=self.size + 1, offset=offset)
        return {
            "articles": [row_json(r) for r in rows[: self.size]],
            "page": page,
            "has_next": len(rows) > self.size,
            "tags": self.tag_list(HOME_TAGS)["tags"],
        }

    def latest_articles(self, limit: int) -> list[Article]:
        rows = listing.latest_articles(self.archive.store, limit=limit)
        return [self.archive.article(r.id) for r in rows]

    def tagged_articles(self, tag: str, limit: int) -> list[Article]:
        rows = tag_store.articles_by_tag(self.archive.store, tag, limit=limit)
        if not rows:
            raise NotFoundError(f"no articles are tagged {tag!r}")
        return [self.archive.article(r.id) for r in rows]

    def source_names(self) -> list[str]:
        return listing.source_names(self.archive.store)

    def article(self, article_id: int, script: Script = Script.ORIGINAL) -> dict[str, Any]:
        art = self.archive.article(article_id)
        return {
            "article": article_json(art),
            "display": {
                "script": str(script),
                "title": convert(art.title, script),
                "paragraphs": [convert(p, script) for p in paragraphs(art.text)],
            },
        }

    def tag_list(self, limit: int | None = None) -> dict[str, Any]:
        counts = tag_store.tag_counts(self.archive.store, limit=limit)
        return {"tags": [{"tag": c.tag, "articles": c.articles} for c in counts]}

    def tag(self, tag: str, page: int = 1) -> dict[str, Any]:
        total = tag_store.count_tagged(self.archive.store, tag)
        if total == 0:
            raise NotFoundError(f"no articles are tagged {tag!r}")
        offset = (check_page(page) - 1) * self.size
        rows = tag_store.articles_by_tag(self.archive.store, tag, limit=self.size, offset=offset)
        return {
            "tag": tag,
            "total": total,
            "page": page,
            "pages": page_count(total, self.size),
            "articles": [row_json(r) for r in rows],
            "has_next": page * self.size < total,
        }

    def sources(self) -> dict[str, Any]:
        return {
            "sources": [{k: getattr(r, k) for k in r.__slots__} for r in self.archive.sources()]
        }

    def search(self, query: SearchQuery) -> dict[str, Any]:
        check_page(query.page)
        if not query.q.strip():
            return {
                "query": query.as_json(),
                "terms": [],
                "total": 0,
                "page": 1,
                "pages": 1,
                "hits": [],
            }
        result = self.archive.search(query.q, query.filters(), page=query.page)
        return {
            "query": query.as_json(),
            "terms": result.terms,
            "total": result.total,
            "page": result.page,
            "pages": result.pages,
            "has_next": result.page < result.pages,
            "hits": [hit_json(h) for h in result.hits],
        }
