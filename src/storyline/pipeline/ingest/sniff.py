"""Choosing how to read a file: by its name first, then by its first bytes."""

from __future__ import annotations

import codecs
import re

from storyline.records import DocKind

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
# Files a news folder may hold that are never documents: skipped, not failed.
SKIP_SUFFIXES = frozenset(
    {
        ".jpg",
        ".jpeg",
        ".png",
        ".gif",
        ".webp",
        ".svg",
        ".ico",
        ".css",
        ".js",
        ".map",
        ".woff",
        ".woff2",
        ".ttf",
        ".mp3",
        ".mp4",
        ".zip",
        ".gz",
        ".tar",
        ".pdf",
        ".pyc",
        ".db",
        ".sqlite",
        # A database's write-ahead log, shared memory and journal sit beside it (an archive
        # kept inside the folder it ingests).
        ".db-wal",
        ".db-shm",
        ".db-journal",
        ".sqlite-wal",
        ".sqlite-shm",
        ".sqlite-journal",
    }
)
# Enough of the head to see front matter or a doctype behind a BOM, comments or blank lines.
SNIFF_BYTES = 2048

_HTML_HEAD = re.compile(r"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>])", re.I | re.S)
_FRONT_MATTER = re.compile(r"^(---|\+\+\+)[ \t]*\r?\n")
# JSON Feed (jsonfeed.org) states its version first: {"version": "https://jsonfeed.org/version/1.1"
_JSON_FEED_HEAD = re.compile(r'^\s*\{\s*"version"\s*:\s*"https?://jsonfeed\.org/version/')
_FEED_HEAD = re.compile(
    r"^\s*(<\?xml[^>]*>\s*)?(<\?xml-stylesheet[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)[\s>]",
    re.I | re.S,
)


def _head_text(raw: bytes) -> str:
    head = raw[:SNIFF_BYTES]
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom) :].decode(enc, errors="ignore")
    return head.decode("utf-8", errors="ignore").lstrip("\ufeff")


def sniff_kind(raw: bytes, suffix: str) -> DocKind:
    """The kind of a document from its file suffix (lower case, with dot) and its first bytes."""
    if suffix in HTML_SUFFIXES:
        return DocKind.HTML
    head = _head_text(raw)
    if _FRONT_MATTER.match(head):
        return DocKind.HUGO
    if _HTML_HEAD.match(head):
        return DocKind.HTML
    return DocKind.TEXT


def looks_like_feed(raw: bytes, suffix: str) -> bool:
    """An RSS, Atom or RDF feed by its suffix or its root element; a JSON Feed by the version
    URL it opens with."""
    head = _head_text(raw)
    if suffix == ".json":
        return _JSON_FEED_HEAD.match(head) is not None
    return suffix in FEED_SUFFIXES or _FEED_HEAD.match(head) is not None
