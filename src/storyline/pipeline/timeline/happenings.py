"""Happenings read from an article's sentences: a usable date, actors, a predicate, figures.

A sentence with several dates yields one happening per date, each reading the stretch of the
sentence from its date to the next one (2024年2月起诉…指控他违反2015年订立的协议). News prose
drops what the previous sentence said: a dated sentence without a named actor takes the actors
of the sentence before it (这一起诉案即将于4月下旬开庭), and an undated sentence right after a
dated one, with a listed predicate, takes its date (对此，某某拒绝) and is marked inferred.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from storyline.pipeline.timeline.dating import usable_dates
from storyline.pipeline.timeline.model import Citation, Happening
from storyline.pipeline.timeline.predicates import Predicate, find_predicates, is_weak, nearest
from storyline.pipeline.timeline.sentences import Sentence, split_sentences
from storyline.records import Article, DateExpr, EntityKind, Mention

# Entities that can do something: places are where, not who.
ACTOR_KINDS = frozenset({EntityKind.PERSON, EntityKind.ORG, EntityKind.PRODUCT})
# A happening dated entirely more than this before publication is background, told to explain
# the news rather than being it: a year covers the "last year" recaps news runs as current.
BACKGROUND_GAP = timedelta(days=366)


@dataclass(slots=True)
class _Reading:
    """One sentence as read: its span, dates, actors and predicates (offsets in the article)."""

    sentence: Sentence
    dates: list[DateExpr]
    actors: tuple[str, ...]
    predicates: list[Predicate]
    names_time: bool  # names a time, usable or not: such a sentence is not dated by another

    def strong(self) -> bool:
        return any(p.kind and not is_weak(p.kind) for p in self.predicates)


def extract_happenings(article: Article) -> list[Happening]:
    """Every dated happening with an actor in `article`, in text order."""
    if article.id is None:
        return []
    dates = usable_dates(article)
    reference = _reference_day(article, dates)
    out: list[Happening] = []
    previous: _Reading | None = None
    previous_dated: list[Happening] = []
    for sentence in split_sentences(article.text):
        reading = _read(article, sentence, dates)
        if reading.dates and not reading.actors and previous and reading.strong():
            reading.actors = previous.actors
        found = _happenings(article, reading, reference)
        if not reading.names_time and previous_dated and reading.actors and reading.strong():
            found = [_carried(article, reading, previous_dated[-1])]
        out.extend(found)
        previous, previous_dated = reading, [h for h in found if not h.inferred]
    return out


def _read(article: Article, sentence: Sentence, dates: list[DateExpr]) -> _Reading:
    inside = [d for d in dates if sentence.start <= d.start and d.end <= sentence.end]
    found = find_predicates(article.text[sentence.start : sentence.end])
    shifted = [
        replace(p, start=p.start + sentence.start, end=p.end + sentence.start) for p in found
    ]
    actors = _actors(article.mentions, sentence.start, sentence.end)
    names_time = any(sentence.start <= d.start < sentence.end for d in article.dates)
    return _Reading(sentence, inside, actors, shifted, names_time)


def _reference_day(article: Article, dates: list[DateExpr]) -> date | None:
    """The publication day, or for an undated article the latest past date it names."""
    if article.published is not None:
        return article.published.date()
    past = [d.last for d in dates if not d.future]
    return max(past) if past else None


def _happenings(article: Article, reading: _Reading, reference: date | None) -> list[Happening]:
    if not reading.dates or not reading.actors:
        return []
    sentence, dates = reading.sentence, reading.dates
    out = []
    for index, expr in enumerate(dates):
        lo = sentence.start if index == 0 else expr.start
        hi = dates[index + 1].start if index + 1 < len(dates) else sentence.end
        stretch = [p for p in reading.predicates if lo <= p.start < hi] or reading.predicates
        chosen = nearest(stretch, expr.end)
        out.append(
            Happening(
                first=expr.first,
                last=expr.last,
                granularity=expr.granularity,
                actors=_actors(article.mentions, lo, hi) or reading.actors,
                predicate=chosen.word if chosen else "",
                kind=chosen.kind if chosen else "",
                kinds=frozenset(p.kind for p in stretch if p.kind),
                figures=tuple(f for f in article.figures if lo <= f.start and f.end <= hi),
                citation=_citation(article, sentence),
                background=reference is not None and expr.last < reference - BACKGROUND_GAP,
                scheduled=expr.future,
            )
        )
    return out


def _carried(article: Article, reading: _Reading, dated: Happening) -> Happening:
    """An undated sentence's happening, at the date of the sentence before it."""
    sentence = reading.sentence
    chosen = nearest(reading.predicates, sentence.start)
    return replace(
        dated,
        actors=reading.actors,
        predicate=chosen.word if chosen else "",
        kind=chosen.kind if chosen else "",
        kinds=frozenset(p.kind for p in reading.predicates if p.kind),
        figures=tuple(
            f for f in article.figures if sentence.start <= f.start and f.end <= sentence.end
        ),
        citation=_citation(article, sentence),
        inferred=True,
    )


def _actors(mentions: list[Mention], lo: int, hi: int) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for m in mentions:
        if lo <= m.start and m.end <= hi and m.kind in ACTOR_KINDS:
            seen.setdefault(m.entity, None)
    return tuple(seen)


def _citation(article: Article, sentence: Sentence) -> Citation:
    assert article.id is not None
    text = article.text[sentence.start : sentence.end]
    return Citation(article.id, article.external_id, sentence.start, sentence.end, text)
