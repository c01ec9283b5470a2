"""The Facts step: entity mentions, figures and date expressions of an article, with spans."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator

from storyline.errors import StepError
from storyline.pipeline.base import StepStats, UnitStep
from storyline.pipeline.facts.dates import extract_absolute_dates, extract_dates
from storyline.pipeline.facts.entities import extract_entities, norm_model_reads
from storyline.pipeline.facts.figures import extract_figures
from storyline.pipeline.facts.normalize import simplified
from storyline.pipeline.facts.person_model import Reading
from storyline.records import Work


class Facts(UnitStep):
    name = "facts"

    def __init__(self, rerank: bool = True) -> None:
        self._named: dict[int, tuple[str, Reading]] = {}
        self.rerank = rerank  # see Settings.entity_rerank

    def run(self, units: Iterable[Work], stats: StepStats) -> Iterator[Work]:
        # The name model reads the whole batch in one pass first (see norm_model_reads);
        # each article then takes its own reading, and the Simplified text it was read in.
        batch = list(units)
        live = [(id(u), u.article) for u in batch if u.failure is None and u.article is not None]
        start, cpu = time.perf_counter(), time.process_time()
        norms = [simplified(article.text) for _, article in live]
        reads = norm_model_reads(norms, self.rerank)
        self._named = {
            key: (norm, named) for (key, _), norm, named in zip(live, norms, reads, strict=True)
        }
        stats.seconds += time.perf_counter() - start
        stats.cpu_seconds += time.process_time() - cpu
        try:
            yield from super().run(batch, stats)
        finally:
            self._named = {}

    def process(self, unit: Work) -> None:
        article = unit.article
        if article is None:
            raise StepError("internal", "no article draft reached this step")
        norm, named = self._named.pop(id(unit), (None, None))
        article.mentions = extract_entities(
            article.text, named=named, rerank=self.rerank, norm=norm
        )
        article.figures = extract_figures(article.text, article.lang)
        # Relative and partial dates (昨日, 去年3月, 2月10日) resolve against publication; an
        # undated article keeps only the dates it states in full.
        if article.published is None:
            article.dates = extract_absolute_dates(article.text)
        else:
            article.dates = extract_dates(article.text, article.published)
