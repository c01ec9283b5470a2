"""Reading a stored feed item back into an article draft, whatever `jsonl_fields` says.

Feed items are stored as JSON objects with fixed field names (see `feed.item_record`). While
they travel as JSON Lines records, a user's own `jsonl_fields` mapping could misread them; this
reader uses the fixed names, and extracts the kept page again, so a better extractor improves
old items on `reprocess`.
"""

from __future__ import annotations

import contextlib

from storyline.errors import ParseError
from storyline.pipeline.clean.html import extract_page
from storyline.pipeline.clean.published import parse_published
from storyline.pipeline.ingest.jsonl import as_list, as_text, load_record
from storyline.records import Article


def read_feed_record(article: Article, text: str, timezone: str) -> None:
    """Fill `article` from a stored feed item; ParseError when it has no text at all."""
    record = load_record(text)
    page_html = as_text(record.get("page_html"))
    body = as_text(record.get("text")) or ""
    if page_html:
        # When the page yields nothing now, the text extracted at crawl time stands.
        with contextlib.suppress(ParseError):
            body = extract_page(page_html, as_text(record.get("page_url"))).text or body
    if not body:
        raise ParseError("no-text", "the feed item has no text")
    published = as_text(record.get("date"))
    article.text = body
    article.external_id = as_text(record.get("id"))
    article.title = as_text(record.get("title")) or ""
    article.published = parse_published(published, timezone) if published else None
    article.url = as_text(record.get("url")) or article.url
    article.author = as_text(record.get("author"))
    article.outlet = as_text(record.get("outlet"))
    article.summary = as_text(record.get("summary"))
    article.tags = as_list(record.get("tags"))
