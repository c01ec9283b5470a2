"""Atom (RFC 4287) feeds, built with ElementTree so every text is escaped by the serializer."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import UTC, datetime

ATOM_NS = "http://www.w3.org/2005/Atom"
# Atom requires `updated` on every entry; an undated article gets this stand-in.
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# Characters XML 1.0 forbids (C0 controls but tab, LF and CR; U+FFFE/FFFF): scraped text has them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    id: str  # an absolute URL or URN that never changes for this article
    title: str
    link: str
    updated: datetime | None
    author: str
    summary: str
    summary_is_html: bool = False  # search snippets are HTML (escaped text with <mark>)
    categories: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class FeedMeta:
    id: str
    title: str
    self_link: str
    alternate_link: str


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _stamp(moment: datetime | None) -> str:
    moment = moment or EPOCH
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _child(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _clean(v) for k, v in attrs.items()})
    if text is not None:
        element.text = _clean(text)
    return element


def _entry(feed: ET.Element, entry: FeedEntry) -> None:
    node = _child(feed, "entry")
    _child(node, "id", entry.id)
    _child(node, "title", entry.title or entry.id)
    _child(node, "updated", _stamp(entry.updated))
    if entry.updated:
        _child(node, "published", _stamp(entry.updated))
    _child(node, "link", rel="alternate", type="text/html", href=entry.link)
    author = _child(node, "author")
    _child(author, "name", entry.author or "unknown")
    for term in entry.categories:
        _child(node, "category", term=term)
    _child(node, "summary", entry.summary, type="html" if entry.summary_is_html else "text")


def atom_feed(meta: FeedMeta, entries: list[FeedEntry]) -> bytes:
    """The feed document, UTF-8 with an XML declaration."""
    # Plain tag names under a default xmlns: ElementTree would otherwise invent an ns0: prefix.
    feed = ET.Element("feed", {"xmlns": ATOM_NS})
    _child(feed, "id", meta.id)
    _child(feed, "title", meta.title)
    newest = max((e.updated for e in entries if e.updated), default=None, key=_stamp)
    _child(feed, "updated", _stamp(newest))
    _child(feed, "link", rel="self", type="application/atom+xml", href=meta.self_link)
    _child(feed, "link", rel="alternate", type="text/html", href=meta.alternate_link)
    _child(feed, "generator", "Storyline")
    for entry in entries:
        _entry(feed, entry)
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True))
