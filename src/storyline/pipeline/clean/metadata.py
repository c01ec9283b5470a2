"""Metadata completion (minimal version: derived title)."""

from __future__ import annotations

from storyline.records import Article


def fill_metadata(article: Article, tz: str) -> None:
    del tz
    if not article.title:
        article.title = article.text.split("\n", 1)[0][:30]
        article.title_derived = True
