"""Feeds: RSS 0.9x/1.0/2.0, Atom and JSON Feed items as records the pipeline reads.

`parse_feed` is pure: bytes in, items out. Each item becomes one document, a JSON object in the
JSON Lines record shape (id, title, text, raw_html, date, url, author, tags, summary, outlet), so
it is stored, content-addressed and re-processed like any other record.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import tomllib
import xml.sax
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

import feedparser

from storyline.pipeline.clean.markup_guard import tame_long_tags
from storyline.pipeline.ingest.markup import fragment_plain_text

# An item whose text (content, else summary) is shorter than this is a teaser, not an article:
# Chinese portal feeds give 60-150 character descriptions, while the shortest wire story in the
# sample documents runs past 400 characters; 200 sits between the two.
TRUNCATED_MIN_CHARS = 200
_XML_DECLARATION = re.compile(rb"^(\xef\xbb\xbf)?<\?xml[^>]*>")
JSON_FEED_TYPES = ("application/feed+json", "application/json")


@dataclass(frozen=True, slots=True)
class FeedItem:
    guid: str | None
    link: str | None
    title: str
    summary_html: str | None
    content_html: str | None
    published: str | None  # ISO 8601 with offset
    author: str | None
    tags: tuple[str, ...]

    @property
    def body_html(self) -> str:
        return self.content_html or self.summary_html or ""

    def keys(self) -> list[str]:
        """What identifies the item for "already seen": its GUID, its link, its content hash."""
        digest = hashlib.sha256(f"{self.title}\n{self.body_html}".encode()).hexdigest()[:32]
        keys = [f"hash:{digest}"]
        if self.guid:
            keys.insert(0, f"guid:{self.guid}")
        if self.link:
            keys.insert(0, f"url:{self.link}")
        return keys


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str | None
    site: str | None
    items: list[FeedItem]
    broken: str | None = None  # what is wrong with the XML, in words, when it is broken
    recognised: bool = True  # False when the bytes are no feed format feedparser knows


@lru_cache(maxsize=1)
def truncation_endings() -> tuple[str, ...]:
    text = resources.files("storyline").joinpath("data/feeds/truncation.toml").read_text("utf-8")
    return tuple(e.lower() for e in tomllib.loads(text)["endings"])


def is_truncated(item: FeedItem) -> bool:
    """True when the item carries only a teaser of the article its link points to."""
    text = fragment_plain_text(item.body_html).strip()
    if len(text) < TRUNCATED_MIN_CHARS:
        return True
    return text.lower().endswith(truncation_endings())


def parse_feed(
    raw: bytes, *, content_type: str | None = None, encoding: str | None = None, timezone: str
) -> ParsedFeed:
    """Items of an RSS, Atom or JSON feed. `encoding` overrides what the feed declares."""
    if _looks_like_json(raw, content_type):
        return _parse_json_feed(raw, timezone)
    tamed = tame_long_tags(raw)
    data: bytes | str = tamed.decode(encoding, errors="replace") if encoding else tamed
    headers = {"content-type": content_type} if content_type else {}
    parsed = feedparser.parse(data, response_headers=headers, sanitize_html=True)
    items = [_item(entry, timezone) for entry in parsed.entries]
    feed = parsed.feed
    # feedparser re-encodes to UTF-8 and, when the feed has no XML declaration, puts one on a
    # line of its own in front: the parser's line numbers are then one too high.
    shift = 0 if _XML_DECLARATION.match(data if isinstance(data, bytes) else data.encode()) else 1
    recognised = bool(parsed.get("version")) or bool(items)
    return ParsedFeed(
        feed.get("title"), feed.get("link"), items, _broken(parsed, shift), recognised
    )


def _broken(parsed: Any, shift: int) -> str | None:
    exc = parsed.get("bozo_exception")
    if not parsed.get("bozo") or not isinstance(exc, xml.sax.SAXParseException):
        return None  # other bozo flags (a charset mismatch, a text/plain type) are harmless
    line = max(1, (exc.getLineNumber() or 1) - shift)
    return f"the feed's XML is broken at line {line}: {exc.getMessage()}"


def _item(entry: Any, timezone: str) -> FeedItem:
    content = None
    for part in entry.get("content") or []:
        if part.get("value"):
            content = part["value"]
            break
    summary = entry.get("summary")
    if summary and summary == content:  # feedparser copies Atom content into summary
        summary = None
    return FeedItem(
        guid=entry.get("id") or None,
        link=entry.get("link") or None,
        title=(entry.get("title") or "").strip(),
        summary_html=summary or None,
        content_html=content,
        published=_when(entry.get("published") or entry.get("updated"), timezone),
        author=entry.get("author") or None,
        tags=tuple(t["term"] for t in entry.get("tags") or [] if t.get("term")),
    )


def _when(text: str | None, timezone: str) -> str | None:
    """A feed date (RFC 822 or ISO 8601) as ISO 8601; a date stating no zone is in `timezone`."""
    if not text:
        return None
    moment: datetime | None
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        moment = None
    if moment is None:
        try:
            moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(timezone))
    return moment.isoformat()


def _looks_like_json(raw: bytes, content_type: str | None) -> bool:
    if content_type and content_type.split(";")[0].strip().lower() in JSON_FEED_TYPES:
        return True
    return raw.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def _parse_json_feed(raw: bytes, timezone: str) -> ParsedFeed:
    """JSON Feed 1.0/1.1 (jsonfeed.org): `items` with id, url, title, content_html, summary."""
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return ParsedFeed(None, None, [], f"the JSON feed is not valid JSON: {exc}")
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        return ParsedFeed(None, None, [], "the JSON feed has no list of items")
    items = [_json_item(i, timezone) for i in data["items"] if isinstance(i, dict)]
    return ParsedFeed(data.get("title"), data.get("home_page_url"), items)


def _json_item(item: dict[str, Any], timezone: str) -> FeedItem:
    authors = item.get("authors") or ([item["author"]] if item.get("author") else [])
    author = next((a.get("name") for a in authors if isinstance(a, dict) and a.get("name")), None)
    text = item.get("content_text")
    return FeedItem(
        guid=str(item["id"]) if item.get("id") is not None else None,
        link=item.get("url") or item.get("external_url"),
        title=str(item.get("title") or "").strip(),
        summary_html=item.get("summary"),
        content_html=item.get("content_html") or (f"<p>{html.escape(text)}</p>" if text else None),
        published=_when(item.get("date_published") or item.get("date_modified"), timezone),
        author=author,
        tags=tuple(str(t) for t in item.get("tags") or []),
    )


@dataclass(frozen=True, slots=True)
class FullText:
    """The page an item links to, as fetched and extracted."""

    url: str
    html: str
    text: str
    title: str | None


def item_record(item: FeedItem, *, outlet: str | None, page: FullText | None) -> dict[str, Any]:
    """The JSON object stored as the item's document (field names: the JSON Lines defaults).

    With a fetched page, its main text is the article text and the item's own text becomes the
    summary; the page's markup is kept too, so the text can be extracted again later.
    """
    own_text = fragment_plain_text(item.body_html)
    record: dict[str, Any] = {
        "id": item.guid or item.link,
        "title": item.title or (page.title if page else None),
        "text": page.text if page else own_text,
        "raw_html": item.body_html or None,
        "date": item.published,
        "url": item.link,
        "author": item.author,
        "tags": list(item.tags),
        "summary": own_text if page else fragment_plain_text(item.summary_html or "") or None,
        "outlet": outlet,
    }
    if page is not None:
        record["page_url"] = page.url
        record["page_html"] = page.html
    return {k: v for k, v in record.items() if v not in (None, "", [])}


def record_bytes(record: dict[str, Any]) -> bytes:
    """Stable bytes for a record, so the same item always hashes to the same document."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")
