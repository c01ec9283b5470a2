"""Keeping hostile scraped content inert: link targets, search snippets, response headers.

Templates autoescape everything; the two helpers here cover what autoescaping cannot: a URL
that is well escaped but still runs script (`javascript:`), and snippets, the one piece of
pre-escaped HTML, which are re-checked rather than trusted.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from markupsafe import Markup, escape

_MARK_TAG = re.compile(r"(</?mark>)")
SAFE_SCHEMES = ("http", "https")

# Pages load only their own stylesheet and script; no inline script, no framing, and forms
# post only back to the site.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def safe_url(url: str | None) -> str | None:
    """The URL when it is an absolute http(s) link with a host, else None (never `javascript:`)."""
    if not url:
        return None
    cleaned = url.strip()
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_SCHEMES or not parts.netloc:
        return None
    if any(ch.isspace() or ord(ch) < 0x20 for ch in cleaned):
        return None
    return cleaned


def safe_snippet(snippet: str) -> Markup:
    """A snippet as markup in which <mark> and </mark> are the only tags.

    Between the mark tags the text is unescaped and escaped again, so correctly escaped text
    comes out the same and anything unescaped (a `<script>`) comes out as text.
    """
    pieces = _MARK_TAG.split(snippet)
    out = [p if _MARK_TAG.fullmatch(p) else str(escape(html.unescape(p))) for p in pieces]
    opened = sum(1 for p in pieces if p == "<mark>")
    closed = sum(1 for p in pieces if p == "</mark>")
    if opened != closed:
        return Markup(escape(html.unescape(_MARK_TAG.sub("", snippet))))
    return Markup("".join(out))
