"""Writing the archive out in other forms: a Hugo site, Atom feeds, JSON Lines."""

from __future__ import annotations

from collections.abc import Iterator

from storyline.api import Archive
from storyline.records import Article
from storyline.store import articles as article_store

# Articles listed per query while exporting: bounded memory on archives of any size.
EXPORT_BATCH = 500


def all_articles(archive: Archive) -> Iterator[Article]:
    """Every article, oldest id first, read a page of ids at a time (keyset paging: each page
    costs the same however deep into the archive it is)."""
    last = 0
    while ids := article_store.ids_after(archive.store, last, EXPORT_BATCH):
        for article_id in ids:
            yield archive.article(article_id)
        last = ids[-1]
