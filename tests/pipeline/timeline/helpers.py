"""Articles made from fixture text with the real facts step's extractors."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from storyline.pipeline.facts.dates import extract_dates
from storyline.pipeline.facts.entities import extract_entities
from storyline.pipeline.facts.figures import extract_figures
from storyline.records import Article, DocKind

CST = timezone(timedelta(hours=8))


def article(article_id: int, text: str, published: datetime | None) -> Article:
    art = Article(document=f"doc{article_id}", source="test", kind=DocKind.TEXT, text=text)
    art.id = article_id
    art.published = published
    art.lang = "zh"
    art.mentions = extract_entities(text)
    art.figures = extract_figures(text, "zh")
    art.dates = extract_dates(text, published or datetime(2030, 6, 1, tzinfo=CST))
    return art


def day(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d, 9, 0, tzinfo=CST)
