"""Small pure helpers for markup that arrives from feeds and fetched pages."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import lxml.html
from lxml import etree

# Elements after which a reader sees a line break.
BLOCKS = frozenset(
    {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section"}
)
# WHATWG's prescan looks at the first 1024 bytes for a <meta> charset; some Chinese portals put
# scripts before it, so we look a little further.
META_SCAN_BYTES = 4096

# Feed links sit in <head>; 256 KiB covers the heaviest portal heads seen (inline scripts).
FEED_LINK_SCAN_BYTES = 256 * 1024
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/feed+json", "application/json"}
)

_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""")


def fragment_plain_text(markup: str) -> str:
    """The text of an HTML fragment, one line per block, blank lines dropped."""
    if not markup.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return markup.strip()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in BLOCKS:
            element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def feed_link(raw: bytes, base: str) -> str | None:
    """The first feed a web page points to with <link rel="alternate" type="…rss/atom/json">."""
    head = raw[:FEED_LINK_SCAN_BYTES]
    if not head.strip():
        return None
    try:
        root = lxml.html.document_fromstring(head)
    except (etree.ParserError, ValueError):
        return None
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        href = str(link.get("href") or "").strip()
        if "alternate" in rel and kind in FEED_TYPES and href:
            return urljoin(base, href)
    return None


def declared_charset(raw: bytes) -> str | None:
    """The charset a page or feed declares inside its own bytes (<meta> or <?xml?>), if any."""
    head = raw[:META_SCAN_BYTES]
    found = _XML_ENCODING.match(head.lstrip()) or _META_CHARSET.search(head)
    return found.group(1).decode("ascii").lower() if found else None
