"""The Facts step: entity mentions, figures and date expressions of an article, with spans."""

from __future__ import annotations

from storyline.errors import StepError
from storyline.pipeline.base import UnitStep
from storyline.pipeline.facts.entities import extract_entities
from storyline.records import Work


class Facts(UnitStep):
    name = "facts"

    def process(self, unit: Work) -> None:
        article = unit.article
        if article is None:
            raise StepError("internal", "no article draft reached this step")
        article.mentions = extract_entities(article.text)
