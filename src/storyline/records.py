"""Typed records that flow through the pipeline and out of the store.

The words follow the glossary in the README: a *document* is raw bytes as received; an *article*
is the clean text and metadata extracted from one document. Later stages add mentions, figures,
date expressions and events that cite spans of an article's text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from enum import StrEnum
from typing import Any


class DocKind(StrEnum):
    """How a document's bytes are to be read. Readers choose it; `sniff_kind` can refine it."""

    HUGO = "hugo"  # Markdown with YAML (---) or TOML (+++) front matter
    TEXT = "text"  # scraped plain text, possibly with Markdown artefacts
    HTML = "html"  # a whole web page
    JSONL = "jsonl"  # one JSON object: a record from a JSON Lines file
    FRAGMENT = "fragment"  # an HTML fragment (body markup only), e.g. a JSONL `html` field
    FEED = "feed"  # a crawled feed item: JSON with fixed field names and the fetched page
    WARC = "warc"  # the rest of a WARC file from where it stopped parsing: kept, never read


class State(StrEnum):
    """Where a document stands. A failed document keeps its bytes and a reason."""

    OK = "ok"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Document:
    """Raw bytes as received, with where and when they came from. Never altered."""

    raw: bytes
    origin: str  # a path, a URL, `stdin`, or `file.jsonl:12` for a line of a JSON Lines file
    kind: DocKind
    source: str  # the source name (a folder, feed or site the user added)
    received_at: datetime
    charset: str | None = None  # declared outside the bytes: HTTP header or source setting
    url: str | None = None  # where it was fetched from, when it was fetched

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()


@dataclass(frozen=True, slots=True)
class Failure:
    """Why a document could not become an article: a reason code and words for a person."""

    step: str
    reason: str  # a short code such as `undecodable`, `empty`, `bad-front-matter`
    message: str


@dataclass(frozen=True, slots=True)
class RemovedSpan:
    """A span cut from the extracted body, kept with the rule that cut it.

    `start`/`end` index the body as extracted (before cleaning), so the original can be rebuilt
    from the clean text and the removed spans.
    """

    start: int
    end: int
    text: str
    reason: str


@dataclass(slots=True)
class OffsetMap:
    """Maps offsets in a normalized text back to the original (and forward).

    Stored as breakpoints: from `norm[i]` on, an offset `n >= norm[i]` maps to
    `orig[i] + (n - norm[i])` until the next breakpoint. A 1:1 normalization has one breakpoint.
    """

    norm: list[int] = field(default_factory=lambda: [0])
    orig: list[int] = field(default_factory=lambda: [0])

    def to_orig(self, n: int) -> int:
        i = _bisect_right(self.norm, n) - 1
        return self.orig[i] + (n - self.norm[i])

    def to_norm(self, o: int) -> int:
        i = _bisect_right(self.orig, o) - 1
        return self.norm[i] + (o - self.orig[i])


def _bisect_right(seq: list[int], x: int) -> int:
    lo, hi = 0, len(seq)
    while lo < hi:
        mid = (lo + hi) // 2
        if x < seq[mid]:
            hi = mid
        else:
            lo = mid + 1
    return max(lo, 1)


@dataclass(slots=True)
class Article:
    """The clean text and metadata extracted from one document.

    `text` is the text as published (the reader's script); `norm_text` is the Simplified,
    half-width copy used for matching and search, linked to `text` by `offsets`.
    """

    document: str  # sha256 of the document
    source: str
    kind: DocKind
    text: str = ""
    title: str = ""
    title_derived: bool = False  # True when no headline was given and one was made from the text
    published: datetime | None = None  # timezone-aware when known
    author: str | None = None
    outlet: str | None = None
    # The outlet the article credits as its source (来源：新华社 on a portal's page): where the
    # story comes from, where `outlet` is who published this copy of it.
    credited: str | None = None
    url: str | None = None
    lang: str | None = None  # BCP 47 primary tag: zh, en, …
    script: str | None = None  # ISO 15924: Hans or Hant (Chinese only)
    thumbnail: str | None = None
    summary: str | None = None
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    external_id: str | None = None  # the id a JSON Lines record or feed item gave it
    encoding: str | None = None  # how the bytes were decoded
    removed: list[RemovedSpan] = field(default_factory=list)
    norm_title: str = ""
    norm_text: str = ""
    offsets: OffsetMap = field(default_factory=OffsetMap)
    # Space-separated segmented words of the normalized title and text, for the search index.
    title_tokens: str = ""
    body_tokens: str = ""
    keywords: dict[str, float] = field(default_factory=dict)  # TF-IDF, unit length
    # Facts, each citing its span of `text`.
    mentions: list[Mention] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    dates: list[DateExpr] = field(default_factory=list)
    id: int | None = None


@dataclass(slots=True)
class Work:
    """One unit flowing through the pipeline: a document, what has been made of it, or why not.

    Steps fill `decoded`, then `article`; a step that fails sets `failure`, and later steps
    pass the unit on untouched so the run can store it with its reason.
    """

    document: Document
    decoded: str | None = None
    article: Article | None = None
    failure: Failure | None = None


@dataclass(frozen=True, slots=True)
class SearchHit:
    article_id: int
    title: str
    snippet: str  # HTML-escaped text with <mark> around matched words
    score: float
    published: datetime | None
    source: str
    outlet: str | None


@dataclass(frozen=True, slots=True)
class DateRange:
    first: date | None = None
    last: date | None = None


class Qualifier(StrEnum):
    EXACT = "exact"
    APPROXIMATE = "approximate"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"


@dataclass(frozen=True, slots=True)
class Figure:
    """A quantity in the text: money (ISO currency code as unit), a count, a percent, …"""

    start: int
    end: int
    text: str
    low: float
    high: float
    unit: str  # ISO 4217 code for money (USD, CNY, …), `%`, or the counted unit (人, GW, …)
    qualifier: Qualifier = Qualifier.EXACT


class Granularity(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    SEASON = "season"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class DateExpr:
    """A span naming a time, resolved to the interval [first, last] at a granularity."""

    start: int
    end: int
    text: str
    first: date
    last: date
    granularity: Granularity
    future: bool = False  # the sentence speaks of something still to come


class EntityKind(StrEnum):
    PERSON = "person"
    ORG = "org"
    PLACE = "place"
    PRODUCT = "product"


@dataclass(frozen=True, slots=True)
class Mention:
    """A span naming an entity; `entity` is the entity's canonical name."""

    start: int
    end: int
    text: str
    kind: EntityKind
    entity: str


def field_values(record: Any) -> dict[str, Any]:
    """A dataclass instance's fields by name, not recursing into them as `dataclasses.asdict`
    does. Read through `dataclasses.fields`: the classes of compiled modules (storyline/native.py)
    have no `__slots__` to read."""
    return {f.name: getattr(record, f.name) for f in fields(record)}
