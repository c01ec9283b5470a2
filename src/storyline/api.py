"""The public Python API. The CLI and the web app call this and nothing below it.

with Archive(load_settings()) as archive:
    report = archive.ingest([Path("examples")])
    page = archive.search("起诉")

and, on any text, without an archive: `figures(text)`, `dates(text, published)`, `entities(text)`.
"""

from __future__ import annotations

import gc
import math
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

import httpx

from storyline import grouper
from storyline.abstract import SummaryEndpoint, abstract_summary
from storyline.engines.local import run_batches
from storyline.errors import InputError, NotFoundError
from storyline.grouper import GroupReport
from storyline.pipeline.base import StepStats, batched
from storyline.pipeline.clean.tokens import query_terms, word_parts
from storyline.pipeline.facts.dates import extract_dates
from storyline.pipeline.facts.entities import extract_entities
from storyline.pipeline.facts.figures import extract_figures
from storyline.pipeline.ingest.readers import Origin, read_paths, read_stream
from storyline.pipeline.timeline.model import Timeline
from storyline.records import (
    Article,
    DateExpr,
    Document,
    Failure,
    Figure,
    Mention,
    SearchHit,
    Work,
)
from storyline.repost_run import detect_reposts
from storyline.settings import Settings
from storyline.snippets import highlight
from storyline.store import Store, open_store
from storyline.store import articles as article_store
from storyline.store import documents as document_store
from storyline.store import facts as fact_store
from storyline.store import reposts as repost_store
from storyline.store import runs as run_store
from storyline.store import search as search_store
from storyline.store import sources as source_store
from storyline.store import stories as story_store
from storyline.store.articles import ArticleRow
from storyline.store.facts import EntityPage, EntityRow
from storyline.store.search import SearchFilters
from storyline.store.sources import SourceRow
from storyline.store.stories import ClusterRow
from storyline.timeline import story_timeline

Progress = Callable[[int], None]
# Articles stored between two rounds of repost detection and grouping: large enough that the
# per-round cost (loading the clusters of the time window) is shared by many articles, small
# enough that one round's working set stays a few MB.
ORGANISE_EVERY = 1000
# A language model may take a while to write a paragraph; past this the summary is given up.
SUMMARY_TIMEOUT_S = 120.0
# How many failures a report lists by name; the rest are counted by reason.
REPORT_FAILURES = 20
# Allocations between sweeps of the collector's youngest generation during a run (Python's
# default is 700).
YOUNG_GC_THRESHOLD = 50_000


@dataclass(slots=True)
class IngestReport:
    """What a run did: documents read, new, already stored, articles made, failures by reason."""

    read: int = 0
    new: int = 0
    already_stored: int = 0
    articles: int = 0
    failed: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # origin, reason, message
    steps: list[StepStats] = field(default_factory=list)
    grouping: GroupReport = field(default_factory=GroupReport)
    article_ids: list[int] = field(default_factory=list)  # articles stored by this run
    organised: int = 0  # how many of them reposts and grouping have seen
    reposts: int = 0  # of them, found to repost another article
    # Work done beside the steps, in this process: "store" (articles and their rows), "reposts"
    # and "group", each as wall and CPU seconds.
    after_steps: dict[str, StepStats] = field(default_factory=dict)

    @contextmanager
    def timed(self, name: str) -> Iterator[None]:
        """Count the time of the block into `after_steps[name]`."""
        stats = self.after_steps.setdefault(name, StepStats(name))
        start, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            stats.seconds += time.perf_counter() - start
            stats.cpu_seconds += time.process_time() - cpu

    def absorb(self, other: IngestReport) -> None:
        """Add another run's counts to this one (one command that read files and URLs)."""
        self.read += other.read
        self.new += other.new
        self.already_stored += other.already_stored
        self.articles += other.articles
        self.failed.update(other.failed)
        self.failures += other.failures
        if other.steps:
            self.add_steps(other.steps)
        self.grouping.add(other.grouping)
        self.article_ids += other.article_ids
        self.organised += other.organised
        self.reposts += other.reposts
        for name, stats in other.after_steps.items():
            self.after_steps.setdefault(name, StepStats(name)).merge(stats)

    def add_steps(self, stats: list[StepStats]) -> None:
        if not self.steps:
            self.steps = [StepStats(s.name) for s in stats]
        for mine, theirs in zip(self.steps, stats, strict=True):
            mine.merge(theirs)


@dataclass(frozen=True, slots=True)
class SearchPage:
    query: str
    terms: list[str]
    total: int
    page: int
    pages: int
    hits: list[SearchHit]


@dataclass(frozen=True, slots=True)
class StoryDetail:
    story: ClusterRow
    events: list[tuple[ClusterRow, list[ArticleRow]]]


class Archive:
    """An open archive: the store plus the settings it was opened with."""

    def __init__(self, settings: Settings, *, store: Store | None = None) -> None:
        self.settings = settings
        self.store = store or open_store(settings.db)

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    # ---- ingest -------------------------------------------------------------------------

    def ingest(self, paths: Iterable[Path], progress: Progress | None = None) -> IngestReport:
        """Store every document under `paths` and make articles of the new ones."""
        docs = read_paths(paths, self.settings.source, self.settings.timezone)
        return self._ingest(docs, "ingest", progress)

    def ingest_stream(
        self, stream: BinaryIO, *, jsonl: bool = False, progress: Progress | None = None
    ) -> IngestReport:
        name = self.settings.source or "stdin"
        docs = ((Origin(name, "stdin", "stdin"), d) for d in read_stream(stream, name, jsonl=jsonl))
        return self._ingest(docs, "ingest -", progress)

    def ingest_documents(
        self,
        docs: Iterable[tuple[Origin, Document]],
        command: str = "ingest",
        progress: Progress | None = None,
    ) -> IngestReport:
        """Store documents a caller has read itself (fetched pages, feed items)."""
        return self._ingest(docs, command, progress)

    def _ingest(
        self, docs: Iterable[tuple[Origin, Document]], command: str, progress: Progress | None
    ) -> IngestReport:
        report = IngestReport()
        run_id = run_store.start_run(self.store, command)
        sources: dict[str, int] = {}

        def stored_batches() -> Iterator[list[Work]]:
            # Raw first: a batch's documents are committed before any step looks at them.
            for chunk in batched(docs, self.settings.batch_size):
                with self.store.transaction():
                    units = [Work(d) for o, d in chunk if self._keep(o, d, sources, report)]
                if progress:
                    progress(len(chunk))
                if units:
                    yield units

        self._process(stored_batches(), sources, report, organise=True)
        run_store.finish_run(self.store, run_id, report.steps)
        return report

    def _keep(
        self, origin: Origin, doc: Document, sources: dict[str, int], report: IngestReport
    ) -> bool:
        """Store a document's bytes; True when they are new and should be processed."""
        report.read += 1
        if origin.name not in sources:
            sources[origin.name] = source_store.ensure_source(
                self.store, origin.name, origin.kind, origin.location
            )
        if document_store.add_document(self.store, doc, doc.sha256, sources[origin.name]):
            report.new += 1
            return True
        report.already_stored += 1
        return False

    def _process(
        self,
        batches: Iterable[list[Work]],
        sources: dict[str, int],
        report: IngestReport,
        *,
        replace: bool = False,
        organise: bool = False,
    ) -> None:
        """Run the steps over the batches and store the results; with `organise`, also find
        reposts and group the new articles every ORGANISE_EVERY articles, so that memory stays
        bounded however large the input."""
        pending = 0
        # A run makes and drops millions of small objects, nearly all freed by reference
        # counting; the collector's youngest generation need not be swept every 700 of them
        # (its time in a 2,000-article run: 0.3 s → 0.08 s CPU). Restored when the run ends.
        thresholds = gc.get_threshold()
        gc.set_threshold(YOUNG_GC_THRESHOLD, *thresholds[1:])
        try:
            for done, stats in run_batches(batches, self.settings):
                report.add_steps(stats)
                with report.timed("store"), self.store.transaction():
                    self._save_batch(done, sources, report, replace)
                pending += len(done)
                if organise and pending >= ORGANISE_EVERY:
                    self._organise(report)
                    pending = 0
                # What outlives a batch (dictionaries, rules, caches loaded on first use) is
                # kept out of the collector's full passes, which would otherwise walk it again
                # every few thousand allocations; the run's own objects still come and go.
                gc.freeze()
            if organise:
                self._organise(report)
        finally:
            gc.unfreeze()  # hand everything back to the collector once the run is over
            gc.set_threshold(*thresholds)

    def _organise(self, report: IngestReport) -> None:
        """Reposts, then events and stories, for the articles stored since the last call."""
        with report.timed("reposts"):
            report.reposts += detect_reposts(self.store, report.article_ids[report.organised :])
        report.organised = len(report.article_ids)
        with report.timed("group"):
            report.grouping.add(grouper.group_new_articles(self.store))

    def _save_batch(
        self, done: list[Work], sources: dict[str, int], report: IngestReport, replace: bool
    ) -> None:
        made: list[tuple[Article, int]] = []
        stored: list[str] = []
        succeeded: set[int] = set()
        for unit in done:
            doc, source_id = unit.document, sources[unit.document.source]
            if unit.failure is None and unit.article is not None:
                made.append((unit.article, source_id))
                stored.append(unit.article.document)  # the document's sha256, already computed
                succeeded.add(source_id)
                continue
            failure = unit.failure or Failure("store", "internal", "no article was made")
            document_store.mark_failed(self.store, doc.sha256, failure)
            report.failed[failure.reason] += 1
            if len(report.failures) < REPORT_FAILURES:
                report.failures.append((doc.origin, failure.reason, failure.message))
            source_store.record_error(self.store, source_id, f"{doc.origin}: {failure.message}")
        # Failures touch only documents and sources, so writing the articles after them stores
        # the same rows as writing each unit in turn.
        report.article_ids += article_store.save_articles(self.store, made, replace=replace)
        document_store.mark_ok(self.store, stored)
        for source_id in succeeded:
            source_store.record_success(self.store, source_id)
        report.articles += len(stored)

    def reprocess(self, progress: Progress | None = None) -> IngestReport:
        """Rebuild every article from its stored document (after the rules changed)."""
        report = IngestReport()
        run_id = run_store.start_run(self.store, "reprocess")
        sources = {s.name: s.id for s in source_store.list_sources(self.store)}

        def units() -> Iterator[Work]:
            for doc, _source in document_store.iter_documents(self.store):
                report.read += 1
                if progress:
                    progress(1)
                yield Work(doc)

        # Documents are read a page at a time between the batches' commits (iter_documents), so
        # a whole archive is never in memory at once.
        batches = batched(units(), self.settings.batch_size)
        self._process(batches, sources, report, replace=True)
        # Signatures follow the text: re-detect reposts over the rebuilt articles.
        with self.store.transaction():
            repost_store.reset(self.store)
        report.reposts = detect_reposts(self.store, repost_store.all_ids(self.store))
        run_store.finish_run(self.store, run_id, report.steps)
        return report

    # ---- events and stories -------------------------------------------------------------

    def group(self) -> GroupReport:
        """Place articles not yet grouped into events and stories (ingest does this itself)."""
        return grouper.group_new_articles(self.store)

    def events(
        self, *, limit: int | None = None, offset: int = 0, story_id: int | None = None
    ) -> list[ClusterRow]:
        size = limit or self.settings.page_size
        return story_store.list_events(self.store, limit=size, offset=offset, story_id=story_id)

    def stories(self, *, limit: int | None = None, offset: int = 0) -> list[ClusterRow]:
        size = limit or self.settings.page_size
        return story_store.list_stories(self.store, limit=size, offset=offset)

    def story(self, story_id: int) -> StoryDetail:
        """A story with its events in date order, each with its articles."""
        row = story_store.get_story(self.store, story_id)
        events = story_store.list_events(self.store, limit=10**6, story_id=story_id)
        return StoryDetail(row, [(e, self._event_articles(e.id)) for e in events])

    def timeline(self, story_id: int) -> Timeline:
        """A story's dated happenings with citations, its disagreements and a cited summary."""
        return story_timeline(self.store, story_id)

    def abstract_summary(self, story_id: int) -> str:
        """An abstractive summary of the story's timeline from the endpoint in the settings."""
        if not self.settings.summary_endpoint:
            raise InputError("no summary endpoint is configured (setting summary_endpoint)")
        endpoint = SummaryEndpoint(
            self.settings.summary_endpoint,
            self.settings.summary_model,
            self.settings.summary_api_key or None,
        )
        with httpx.Client(timeout=SUMMARY_TIMEOUT_S) as client:
            return abstract_summary(client, endpoint, self.timeline(story_id))

    def event(self, event_id: int) -> tuple[ClusterRow, list[ArticleRow]]:
        return story_store.get_event(self.store, event_id), self._event_articles(event_id)

    def _event_articles(self, event_id: int) -> list[ArticleRow]:
        ids = story_store.event_articles(self.store, event_id)
        rows = article_store.rows_by_ids(self.store, ids)
        return [rows[i] for i in ids]

    def reposts(self, article_id: int) -> tuple[ArticleRow, list[tuple[ArticleRow, float, str]]]:
        """The canonical article of `article_id`'s group and its reposts (similarity, kind)."""
        article_store.get_article(self.store, article_id)  # NotFoundError for unknown ids
        canonical, rows = repost_store.reposts_of(self.store, article_id)
        found = article_store.rows_by_ids(self.store, [canonical, *[r.id for r in rows]])
        return found[canonical], [
            (found[r.id], r.similarity or 0.0, r.kind or "") for r in rows if r.id in found
        ]

    def merge(self, kind: str, into: int, others: list[int]) -> None:
        grouper.merge(self.store, kind, into, others)

    def split(self, kind: str, source_id: int, members: list[int]) -> int:
        return grouper.split(self.store, kind, source_id, members)

    # ---- entities -----------------------------------------------------------------------

    def entities(self, *, limit: int | None = None, kind: str | None = None) -> list[EntityRow]:
        """The entities named in the most articles."""
        size = limit or self.settings.page_size
        return fact_store.top_entities(self.store, limit=size, kind=kind)

    def entity(self, name: str) -> EntityPage:
        """An entity's page: its articles, the entities named with it, figures said of it."""
        page = fact_store.entity_page(self.store, name, limit=self.settings.page_size)
        if page is None:
            raise NotFoundError(f"no entity named {name!r}")
        return page

    # ---- read ---------------------------------------------------------------------------

    def articles(
        self, *, limit: int | None = None, offset: int = 0, source: str | None = None
    ) -> list[ArticleRow]:
        size = limit or self.settings.page_size
        return article_store.list_articles(self.store, limit=size, offset=offset, source=source)

    def articles_by_ids(self, ids: list[int]) -> list[ArticleRow]:
        rows = article_store.rows_by_ids(self.store, ids)
        return [rows[i] for i in ids if i in rows]

    def article(self, article_id: int) -> Article:
        return article_store.get_article(self.store, article_id)

    def sources(self) -> list[SourceRow]:
        return source_store.list_sources(self.store)

    def failures(self) -> list[tuple[str, str, str, str]]:
        return document_store.failures(self.store)

    def search(
        self, query: str, filters: SearchFilters | None = None, *, page: int = 1
    ) -> SearchPage:
        terms = query_terms(query)
        size = self.settings.page_size
        page = max(1, page)
        total, ranked = search_store.search(
            self.store,
            [(t, word_parts(t)) for t in terms],
            filters or SearchFilters(),
            limit=size,
            offset=(page - 1) * size,
        )
        ids = [i for i, _ in ranked]
        rows = article_store.rows_by_ids(self.store, ids)
        # Snippets from one batched read of the hits' texts: a full article per hit would also
        # load its facts and removed spans (~1 ms each, unused here).
        texts = search_store.snippet_sources(self.store, ids)
        hits = [
            SearchHit(
                article_id=i,
                title=rows[i].title,
                snippet=highlight(texts[i].text, texts[i].norm_text, texts[i].offsets, terms),
                score=score,
                published=rows[i].published,
                source=rows[i].source,
                outlet=rows[i].outlet,
            )
            for i, score in ranked
        ]
        return SearchPage(query, terms, total, page, max(1, math.ceil(total / size)), hits)


def figures(text: str, lang: str | None = None) -> list[Figure]:
    """Money and other quantities in `text`: value interval, unit or currency, qualifier, span.

    `lang` ("zh", "en") picks the reading of ambiguous forms; None lets the text decide."""
    return extract_figures(text, lang)


def dates(text: str, published: date | datetime) -> list[DateExpr]:
    """Date expressions in `text`, each resolved to an interval against `published` (partial and
    relative dates such as 2月10日 or 去年3月 need it)."""
    return extract_dates(text, published)


def entities(text: str) -> list[Mention]:
    """People, organisations, places and products named in `text`, each with its span and the
    canonical name of its entity (普京, 弗拉基米尔·普京 and Vladimir Putin share one)."""
    return extract_entities(text)


def extract(paths: Iterable[Path], settings: Settings) -> Iterator[dict[str, Any]]:
    """Run the pipeline without storing: one JSON-ready object per document."""
    units = (Work(doc) for _origin, doc in read_paths(paths, settings.source, settings.timezone))
    for done, _stats in run_batches(batched(units, settings.batch_size), settings):
        for unit in done:
            yield extract_record(unit)


def extract_record(unit: Work) -> dict[str, Any]:
    doc, art = unit.document, unit.article
    out: dict[str, Any] = {"origin": doc.origin, "sha256": doc.sha256, "kind": str(doc.kind)}
    if unit.failure is not None or art is None:
        failure = unit.failure
        out["state"] = "failed"
        out["reason"] = failure.reason if failure else "internal"
        out["message"] = failure.message if failure else "no article was made"
        return out
    out.update(article_json(art))
    return out


def article_json(art: Article) -> dict[str, Any]:
    """The JSON shape of an article, shared by `extract`, `show --json` and the web API."""
    return {
        "state": "ok",
        "id": art.id,
        "external_id": art.external_id,
        "title": art.title,
        "title_derived": art.title_derived,
        "published": art.published.isoformat() if art.published else None,
        "author": art.author,
        "source": art.source,
        "outlet": art.outlet,
        "credited": art.credited,
        "url": art.url,
        "lang": art.lang,
        "script": art.script,
        "encoding": art.encoding,
        "thumbnail": art.thumbnail,
        "summary": art.summary,
        "categories": art.categories,
        "tags": art.tags,
        "text": art.text,
        "removed": [
            {"start": s.start, "end": s.end, "reason": s.reason, "text": s.text}
            for s in art.removed
        ],
        "mentions": [
            {
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "kind": str(m.kind),
                "entity": m.entity,
            }
            for m in art.mentions
        ],
        "figures": [figure_json(f) for f in art.figures],
        "dates": [
            {
                "start": d.start,
                "end": d.end,
                "text": d.text,
                "first": d.first.isoformat(),
                "last": d.last.isoformat(),
                "granularity": str(d.granularity),
                "future": d.future,
            }
            for d in art.dates
        ],
    }


def figure_json(f: Figure) -> dict[str, Any]:
    return {
        "start": f.start,
        "end": f.end,
        "text": f.text,
        "low": f.low,
        "high": f.high,
        "unit": f.unit,
        "qualifier": str(f.qualifier),
    }


def iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def row_json(r: ArticleRow) -> dict[str, Any]:
    return {
        "id": r.id,
        "title": r.title,
        "title_derived": r.title_derived,
        "published": iso(r.published),
        "source": r.source,
        "outlet": r.outlet,
        "external_id": r.external_id,
        "lang": r.lang,
        "script": r.script,
        "url": r.url,
        "chars": r.chars,
    }


def cluster_json(c: ClusterRow) -> dict[str, Any]:
    """An event or a story as listed: headline, keywords, date span, outlets, counts."""
    return {
        "id": c.id,
        "kind": c.kind,
        "headline": c.headline,
        "keywords": c.keywords,
        "first": iso(c.first),
        "last": iso(c.last),
        "articles": c.articles,
        "events": c.events,
        "outlets": c.outlets,
        "story_id": c.story_id,
    }
