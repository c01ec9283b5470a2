"""The records a timeline is made of: a cited happening, an entry, a conflict, a timeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from storyline.records import Figure, Granularity


@dataclass(frozen=True, slots=True)
class Citation:
    """A sentence of an article: offsets into `article.text`, and the sentence itself."""

    article_id: int
    external_id: str | None
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Happening:
    """What one sentence says happened (or will happen) at a date, and who did it."""

    first: date
    last: date
    granularity: Granularity
    actors: tuple[str, ...]
    predicate: str  # the wording, e.g. 提起诉讼
    kind: str  # the predicate's class from predicates.toml, "" when unlisted
    kinds: frozenset[str]  # every listed class in the stretch the date governs
    figures: tuple[Figure, ...]
    citation: Citation
    background: bool = False  # dated long before the article was published
    scheduled: bool = False  # still to come when the article was published
    inferred: bool = False  # dated by the sentence before it (对此，某某拒绝…), not by its own


@dataclass(slots=True)
class Entry:
    """One happening as one or more sources state it, dated by the finest compatible date."""

    first: date
    last: date
    granularity: Granularity
    summary: str
    predicate: str
    kind: str  # the predicate's class, "" when unlisted
    actors: list[str]
    figures: list[Figure]
    citations: list[Citation]
    weight: int  # distinct wordings among the citations: a repost adds none
    background: bool
    scheduled: bool
    inferred: bool  # no source dates it in its own sentence


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a disagreement: what it says (a date or a figure) and who says it."""

    value: str
    citation: Citation


@dataclass(frozen=True, slots=True)
class Conflict:
    """Sources giving one happening incompatible dates or figures."""

    what: str  # "date" or "figure"
    about: str  # the predicate and actors the sides share
    sides: tuple[Side, Side]


@dataclass(slots=True)
class Timeline:
    story_id: int
    headline: str
    entries: list[Entry] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    summary: list[Citation] = field(default_factory=list)
