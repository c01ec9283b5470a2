"""The archive as JSON Lines: one article a line, with its facts and where it belongs.

Each line is the article's JSON shape (the one `show --json` and the web API give: metadata,
text as published, removed spans, mentions, figures, dates) plus `story_id`, `event_id` and
`duplicate_of`. Articles are read in id order, a page of ids at a time, so memory stays flat on
any archive. The file reads back in: `storyline ingest FILE --jsonl-fields published=published`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

from storyline.api import Archive, article_json
from storyline.export import all_articles
from storyline.store import reposts as repost_store
from storyline.store import stories as story_store


def export_records(archive: Archive) -> Iterator[dict[str, Any]]:
    """Every article's export record, oldest id first."""
    for art in all_articles(archive):
        assert art.id is not None  # stored articles have ids
        record = article_json(art)
        placed = story_store.event_of_article(archive.store, art.id)
        record["event_id"], record["story_id"] = placed if placed else (None, None)
        record["duplicate_of"] = repost_store.original_of(archive.store, art.id)
        yield record


def export_jsonl(archive: Archive, out: TextIO) -> int:
    """Write every article to `out`, one JSON object a line; returns how many."""
    count = 0
    for record in export_records(archive):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count
