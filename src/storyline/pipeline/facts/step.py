"""The Facts step: entity mentions, figures and date expressions of an article, with spans."""

from __future__ import annotations

from storyline.errors import StepError
from storyline.pipeline.base import UnitStep
from storyline.pipeline.facts.dates import extract_dates
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
        # Relative dates (昨日, 去年3月) resolve against publication; an undated article
        # resolves them against when its document arrived, the nearest known bound.
        reference = article.published or unit.document.received_at
        article.dates = extract_dates(article.text, reference)
