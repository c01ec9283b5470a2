"""Read a page's metadata: <meta> tags, Open Graph, JSON-LD, <time>, <html lang>, canonical link.

Values are returned raw (dates are parsed by another step). URLs are made absolute against the
page URL when one is known.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from lxml.html import HtmlElement

# JSON-LD blocks past this size are not read (a hostile page could hold megabytes of JSON).
MAX_JSON_LD_CHARS = 200_000

# Article objects sit at most a list and an @graph deep; deeper nesting is not searched.
MAX_JSON_LD_DEPTH = 4

# Splits a keywords list on commas (ASCII, full-width), the enumeration comma and semicolons; on
# spaces only when none of those occur (`韩国 女主播` lists, but not `New York, Paris`).
_TAG_SPLIT = re.compile(r"\s*[,，、;；|]+\s*")
_SPACE_SPLIT = re.compile(r"\s+")

_ARTICLE_TYPES = frozenset(
    [
        "Article",
        "NewsArticle",
        "ReportageNewsArticle",
        "BlogPosting",
        "WebPage",
        "AnalysisNewsArticle",
    ]
)


@dataclass(frozen=True, slots=True)
class Meta:
    html_title: str | None
    og_title: str | None
    published: str | None
    author: str | None
    outlet: str | None
    url: str | None
    lang: str | None
    thumbnail: str | None
    summary: str | None
    tags: tuple[str, ...]


def meta_values(root: HtmlElement) -> dict[str, str]:
    """`name`, `property`, `itemprop` and `http-equiv` of every <meta>, lower-cased, first wins."""
    values: dict[str, str] = {}
    for meta in root.iter("meta"):
        content = meta.get("content")
        if content is None or not content.strip():
            continue
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            key = meta.get(attribute)
            if key:
                values.setdefault(key.strip().lower(), " ".join(content.split()))
    return values


def _first(values: Mapping[str, str], *keys: str) -> str | None:
    for key in keys:
        if values.get(key):
            return values[key]
    return None


def _json_ld_objects(root: HtmlElement) -> Iterator[dict[str, Any]]:
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        text = script.text or ""
        if len(text) > MAX_JSON_LD_CHARS:
            continue
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):  # malformed, or nested deep enough to blow the stack
            continue
        yield from _flatten(data, MAX_JSON_LD_DEPTH)


def _flatten(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth <= 0:
        return
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item, depth - 1)
    elif isinstance(data, dict):
        yield data
        if isinstance(data.get("@graph"), list):
            yield from _flatten(data["@graph"], depth - 1)


def _name_of(value: Any) -> str | None:
    """A JSON-LD person or organisation, or a list of them, as display text."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _name_of(value.get("name"))
    if isinstance(value, list):
        names = [n for n in (_name_of(v) for v in value) if n]
        return "、".join(names) if names else None
    return None


def _url_of(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _url_of(value.get("url") or value.get("contentUrl"))
    if isinstance(value, list) and value:
        return _url_of(value[0])
    return None


def json_ld(root: HtmlElement) -> dict[str, str]:
    """The fields of the first article-like JSON-LD object, as meta-style keys."""
    for obj in _json_ld_objects(root):
        kind = obj.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if not any(isinstance(k, str) and k in _ARTICLE_TYPES for k in kinds):
            continue
        found = {
            "headline": _name_of(obj.get("headline")),
            "published": _name_of(obj.get("datePublished")),
            "author": _name_of(obj.get("author")),
            "outlet": _name_of(obj.get("publisher")),
            "url": _url_of(obj.get("url")) or _url_of(obj.get("mainEntityOfPage")),
            "image": _url_of(obj.get("image")),
            "description": _name_of(obj.get("description")),
            "keywords": _name_of(obj.get("keywords")),
        }
        return {k: v for k, v in found.items() if v}
    return {}


def split_tags(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    splitter = _TAG_SPLIT if _TAG_SPLIT.search(text) else _SPACE_SPLIT
    seen: dict[str, None] = {}
    for part in splitter.split(text.strip()):
        if part:
            seen.setdefault(part, None)
    return tuple(seen)


def _article_tags(root: HtmlElement) -> tuple[str, ...]:
    found = (
        " ".join((meta.get("content") or "").split())
        for meta in root.iter("meta")
        if (meta.get("property") or "").lower() == "article:tag"
    )
    return tuple(dict.fromkeys(tag for tag in found if tag))


def _absolute(link: str | None, base: str | None) -> str | None:
    if not link:
        return None
    if base is None:
        return link if re.match(r"(?i)https?://", link) else None
    try:
        return urljoin(base, link)
    except ValueError:
        return None


def _canonical(root: HtmlElement) -> str | None:
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            return str(link.get("href")).strip()
    return None


def _time_element(root: HtmlElement) -> str | None:
    for time in root.iter("time"):
        value = time.get("datetime") or (time.text or "").strip()
        if value:
            return value
    return None


def _html_title(root: HtmlElement) -> str | None:
    for title in root.iter("title"):
        text = " ".join(title.text_content().split())
        if text:
            return text
    return None


def read_meta(root: HtmlElement, url: str | None) -> Meta:
    values = meta_values(root)
    ld = json_ld(root)
    base = url or None
    page_url = _absolute(_canonical(root) or values.get("og:url") or ld.get("url"), base)
    return Meta(
        html_title=_html_title(root),
        og_title=_first(values, "og:title", "twitter:title") or ld.get("headline"),
        published=_first(
            values,
            "article:published_time",
            "og:published_time",
            "datepublished",
            "pubdate",
            "publishdate",
            "publish_date",
            "date",
            "dc.date",
            "dc.date.issued",
        )
        or ld.get("published")
        or _time_element(root),
        author=_first(values, "author", "article:author", "dc.creator") or ld.get("author"),
        outlet=_first(values, "og:site_name", "application-name", "publisher") or ld.get("outlet"),
        url=page_url or url,
        lang=(root.get("lang") or root.get("xml:lang") or values.get("content-language") or None),
        thumbnail=_absolute(
            _first(values, "og:image", "twitter:image", "image") or ld.get("image"),
            page_url or base,
        ),
        summary=_first(values, "description", "og:description", "twitter:description")
        or ld.get("description"),
        tags=split_tags(_first(values, "keywords", "news_keywords") or ld.get("keywords"))
        or _article_tags(root),
    )
