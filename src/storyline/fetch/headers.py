"""Reading a Content-Type header: its media type and charset (HTTP responses, WARC records)."""

from __future__ import annotations

# Media types whose bytes are an HTML page.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def media_type(content_type: str | None) -> str:
    """`text/html; charset=gbk` → `text/html` (lower case; empty when there is none)."""
    return (content_type or "").split(";")[0].strip().lower()


def charset_param(content_type: str | None) -> str | None:
    """The declared charset, lower case, or None."""
    for part in (content_type or "").split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'").lower()
    return None
