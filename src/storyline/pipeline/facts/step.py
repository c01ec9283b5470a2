"""The Facts step: entity mentions, figures and date expressions of an article, with spans."""

from __future__ import annotations

from storyline.errors import StepError
from storyline.pipeline.base import UnitStep
from storyline.pipeline.facts.dates import extract_absolute_dates, extract_dates
from storyline.pipeline.facts.entities import extract_entities
from storyline.pipeline.facts.figures import extract_figures
from storyline.records import Work


class Facts(UnitStep):
    name = "facts"

    def process(self, unit: Work) -> None:
        article = unit.article
        if article is None:
            raise StepError("internal", "no article draft reached this step")
        article.mentions = extract_entities(article.text)
        article.figures = extract_figures(article.text, article.lang)
        # Relative and partial dates (昨日, 去年3月, 2月10日) resolve against publication; an
        # undated article keeps only the dates it states in full.
        if article.published is None:
            article.dates = extract_absolute_dates(article.text)
        else:
            article.dates = extract_dates(article.text, article.published)
