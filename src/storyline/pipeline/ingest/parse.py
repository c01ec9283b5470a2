"""Decode and Parse: bytes to text, text to an article draft, by document kind."""

from __future__ import annotations

import re
from datetime import datetime

from storyline.errors import ParseError, StepError
from storyline.pipeline.base import UnitStep
from storyline.pipeline.clean.encoding import decode
from storyline.pipeline.clean.html import extract_page, fragment_text
from storyline.pipeline.clean.published import parse_published
from storyline.pipeline.ingest.feed_record import read_feed_record
from storyline.pipeline.ingest.frontmatter import parse_front_matter
from storyline.pipeline.ingest.jsonl import FieldMap, as_list, as_text, load_record
from storyline.records import Article, DocKind, Work

# Documents above this size are kept but not parsed: no news article is this long, and parsing
# a runaway file would hold the whole run. 32 MiB is ~300× the largest page in the corpora.
MAX_DOCUMENT_BYTES = 32 * 1024 * 1024


class Decode(UnitStep):
    name = "decode"

    def process(self, unit: Work) -> None:
        raw = unit.document.raw
        if unit.document.kind is DocKind.WARC:
            raise StepError(
                "bad-warc", "these bytes of a WARC file are not WARC records (corrupt or cut)"
            )
        if not raw.strip():
            raise StepError("empty", "the document is empty")
        if len(raw) > MAX_DOCUMENT_BYTES:
            raise StepError(
                "too-large",
                f"the document is {len(raw) // 2**20} MiB, over the "
                f"{MAX_DOCUMENT_BYTES // 2**20} MiB limit",
            )
        markup = unit.document.kind is DocKind.HTML
        decoded = decode(raw, unit.document.charset, markup=markup)
        unit.decoded = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
        unit.article = Article(
            document=unit.document.sha256,
            source=unit.document.source,
            kind=unit.document.kind,
            encoding=decoded.encoding,
            url=unit.document.url,
        )


# What no store can write: NUL (a stray byte, under the share that marks binary data; PostgreSQL
# refuses it in text) and lone surrogates (half of a pair escaped in a JSON or YAML string,
# which no encoder writes at all).
_UNWRITABLE = re.compile("[\x00\ud800-\udfff]")
_TEXT_FIELDS = (
    "text", "title", "author", "outlet", "credited", "url", "thumbnail", "summary", "external_id",
)  # fmt: skip


def _writable(match: re.Match[str]) -> str:
    return "" if match.group() == "\x00" else "\ufffd"


def _scrub(article: Article) -> None:
    """Drop NULs and mark lone surrogates as U+FFFD in every text field the reader filled."""
    for name in _TEXT_FIELDS:
        value = getattr(article, name)
        if value and _UNWRITABLE.search(value):
            setattr(article, name, _UNWRITABLE.sub(_writable, value))
    for name in ("categories", "tags"):
        values: list[str] = getattr(article, name)
        if any(_UNWRITABLE.search(v) for v in values):
            cleaned = (_UNWRITABLE.sub(_writable, v).strip() for v in values)
            setattr(article, name, [v for v in cleaned if v])


def _primary_lang(tag: str | None) -> str | None:
    return tag.split("-")[0].split("_")[0].lower() if tag else None


class Parse(UnitStep):
    """Fills the draft article's text and the metadata the document states outright."""

    name = "parse"

    def __init__(self, timezone: str, fields: FieldMap) -> None:
        self.timezone = timezone
        self.fields = fields

    def process(self, unit: Work) -> None:
        article, text = unit.article, unit.decoded
        if article is None or text is None:  # Decode sets both or fails the unit
            raise StepError("internal", "parse reached before decode")
        kind = unit.document.kind
        if kind is DocKind.HUGO:
            self._hugo(article, text, unit.document.received_at)
        elif kind is DocKind.HTML:
            self._html(article, text, unit.document.received_at)
        elif kind is DocKind.JSONL:
            self._jsonl(article, text, unit.document.received_at)
        elif kind is DocKind.FEED:
            read_feed_record(article, text, self.timezone)
        elif kind is DocKind.FRAGMENT:
            article.text = fragment_text(text)
        else:
            article.text = text
        _scrub(article)
        if not article.text.strip():
            raise ParseError("no-text", "the document has no text once read")

    def _when(self, text: str, now: datetime) -> datetime | None:
        # Dates after the document arrived are implausible; judge them against its arrival,
        # not the clock, so that re-processing gives the same result.
        return parse_published(text, self.timezone, now=now)

    def _hugo(self, article: Article, text: str, now: datetime) -> None:
        fm = parse_front_matter(text)
        article.text = fm.body
        article.title = fm.title or ""
        article.published = self._when(fm.date, now) if fm.date else None
        article.summary = fm.summary
        article.categories = fm.categories
        article.tags = fm.tags
        article.thumbnail = fm.thumbnail
        article.lang = _primary_lang(fm.lang)
        article.author = fm.author
        article.url = article.url or fm.url

    def _html(self, article: Article, text: str, now: datetime) -> None:
        page = extract_page(text, article.url)
        article.text = page.text
        article.title = page.title or ""
        article.published = self._when(page.published, now) if page.published else None
        article.author = page.author
        article.outlet = page.outlet
        article.credited = page.credited
        article.url = page.url or article.url
        article.lang = _primary_lang(page.lang)
        article.thumbnail = page.thumbnail
        article.summary = page.summary
        article.tags = list(page.tags)

    def _jsonl(self, article: Article, text: str, now: datetime) -> None:
        record = load_record(text)
        get = self.fields.get
        body = as_text(get(record, "text"))
        markup = as_text(get(record, "html"))
        article.text = body or (fragment_text(markup) if markup else "")
        article.external_id = as_text(get(record, "id"))
        article.title = as_text(get(record, "title")) or ""
        published = as_text(get(record, "published"))
        article.published = self._when(published, now) if published else None
        article.url = as_text(get(record, "url")) or article.url
        article.author = as_text(get(record, "author"))
        article.outlet = as_text(get(record, "outlet")) or as_text(get(record, "source"))
        article.summary = as_text(get(record, "summary"))
        article.tags = as_list(get(record, "tags"))
