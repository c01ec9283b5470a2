"""Clean, Metadata, Normalize and Index: from a draft to a finished, searchable article; then
Keywords, what grouping reads."""

from __future__ import annotations

from storyline.errors import StepError
from storyline.pipeline.base import UnitStep
from storyline.pipeline.clean.metadata import fill_metadata
from storyline.pipeline.clean.noise import clean_text
from storyline.pipeline.clean.normalize import normalize
from storyline.pipeline.clean.tokens import index_tokens
from storyline.pipeline.stories.keywords import keywords
from storyline.records import Article, Work


def _article(unit: Work) -> Article:
    if unit.article is None:  # every step after Decode has one
        raise StepError("internal", "no article draft reached this step")
    return unit.article


class Clean(UnitStep):
    """Cuts noise and spam, keeping each cut span with its reason."""

    name = "clean"

    def process(self, unit: Work) -> None:
        article = _article(unit)
        cleaned = clean_text(article.text, article.title or None)
        article.text = cleaned.text
        article.removed = list(cleaned.removed)
        if not article.text.strip():
            raise StepError("all-noise", "nothing but boilerplate or spam was left after cleaning")


class Metadata(UnitStep):
    name = "metadata"

    def __init__(self, timezone: str) -> None:
        self.timezone = timezone

    def process(self, unit: Work) -> None:
        fill_metadata(_article(unit), self.timezone)


class Normalize(UnitStep):
    name = "normalize"

    def process(self, unit: Work) -> None:
        article = _article(unit)
        article.norm_text, article.offsets = normalize(article.text)
        article.norm_title = normalize(article.title)[0]


class Index(UnitStep):
    name = "index"

    def process(self, unit: Work) -> None:
        article = _article(unit)
        article.title_tokens = index_tokens(article.norm_title)
        article.body_tokens = index_tokens(article.norm_text)


class Keywords(UnitStep):
    """The article's weighted words, which grouping compares: a step of its own, so its time
    is counted apart from what search needs (run counts, bench/ingest.py)."""

    name = "keywords"

    def process(self, unit: Work) -> None:
        article = _article(unit)
        article.keywords = keywords(article.title_tokens, article.body_tokens)
