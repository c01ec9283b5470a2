"""Atom feeds: the latest articles, under a tag, of a story, and the best matches of a search."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Query, Request, Response

from storyline.export.atom import FeedEntry, FeedMeta, atom_feed
from storyline.records import Article
from storyline.web.deps import queries
from storyline.web.queries import SearchQuery
from storyline.web.routes.search import MAX_QUERY_CHARS

router = APIRouter()

ATOM_TYPE = "application/atom+xml; charset=utf-8"
# Entries per feed: what a reader polling daily needs, and small enough to build per request.
FEED_ENTRIES = 30
# Characters of text in an entry's summary when the article gives no summary of its own.
SUMMARY_CHARS = 200


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def _entry(base: str, art: Article) -> FeedEntry:
    link = f"{base}/articles/{art.id}"
    text = art.summary or art.text[:SUMMARY_CHARS]
    return FeedEntry(
        id=link,
        title=art.title,
        link=link,
        updated=art.published,
        author=art.outlet or art.source,
        summary=text,
        categories=list(art.tags),
    )


def _atom(meta: FeedMeta, entries: list[FeedEntry]) -> Response:
    return Response(atom_feed(meta, entries), media_type=ATOM_TYPE)


def _meta(request: Request, title: str, alternate: str) -> FeedMeta:
    base = _base(request)
    self_link = str(request.url)
    return FeedMeta(id=self_link, title=title, self_link=self_link, alternate_link=base + alternate)


@router.get("/feeds/latest.atom", tags=["feeds"], response_class=Response)
def latest(request: Request) -> Response:
    """The latest articles as an Atom feed."""
    base = _base(request)
    arts = queries(request).latest_articles(FEED_ENTRIES)
    meta = _meta(request, "Storyline: latest", "/")
    return _atom(meta, [_entry(base, a) for a in arts])


@router.get("/feeds/tags/{tag:path}.atom", tags=["feeds"], response_class=Response)
def tagged(request: Request, tag: str) -> Response:
    """The latest articles carrying `tag` as an Atom feed."""
    base = _base(request)
    arts = queries(request).tagged_articles(tag, FEED_ENTRIES)
    meta = _meta(request, f"Storyline: {tag}", f"/tags/{quote(tag, safe='')}")
    return _atom(meta, [_entry(base, a) for a in arts])


@router.get("/feeds/stories/{story_id}.atom", tags=["feeds"], response_class=Response)
def story(request: Request, story_id: int) -> Response:
    """The latest articles of a story as an Atom feed."""
    base = _base(request)
    row, arts = queries(request).story_articles(story_id, FEED_ENTRIES)
    meta = _meta(request, f"Storyline: {row.headline}", f"/stories/{story_id}")
    return _atom(meta, [_entry(base, a) for a in arts])


@router.get("/feeds/search.atom", tags=["feeds"], response_class=Response)
def search(
    request: Request, q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS)]
) -> Response:
    """The best matches of a search as an Atom feed; summaries are the highlighted snippets."""
    base = _base(request)
    data = queries(request).search(SearchQuery(q=q))
    entries = [
        FeedEntry(
            id=f"{base}/articles/{h['id']}",
            title=h["title"],
            link=f"{base}/articles/{h['id']}",
            updated=None if h["published"] is None else _parse(h["published"]),
            author=h["outlet"] or h["source"],
            summary=h["snippet"],
            summary_is_html=True,
        )
        for h in data["hits"]
    ]
    meta = _meta(request, f"Storyline: {q}", "/search?" + urlencode({"q": q}))
    return _atom(meta, entries)


def _parse(value: str) -> datetime:
    return datetime.fromisoformat(value)
