"""WARC files (plain or gzipped per record, as crawlers write them): one document per page.

Only what a reader would call a page becomes a document: `response` records with a successful
HTTP status, and `resource` records, whose content type is HTML, XHTML or plain text. Each keeps
the URL it was captured from, the charset its HTTP headers declared and the capture time (the
honest `received_at`: when the bytes were fetched, not when the file was read).

A WARC file that stops parsing part-way (truncated download, bytes that are not a record) keeps
what it read so far; the unreadable rest becomes one document of kind `warc` that fails with the
reason `bad-warc`, its bytes stored like any other, so nothing is lost and the run goes on.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from storyline.fetch.headers import HTML_TYPES, charset_param, media_type
from storyline.pipeline.ingest.sniff import sniff_kind
from storyline.records import DocKind, Document

WARC_SUFFIXES = (".warc", ".warc.gz")
# Content types that can hold an article; images, scripts and styles in a crawl are skipped.
PAGE_TYPES = HTML_TYPES | {"text/plain"}
# Record kinds that carry a captured page: `response` (with HTTP headers) and `resource`
# (the bytes alone, e.g. a file captured without HTTP).
PAGE_RECORDS = frozenset({"response", "resource"})


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def read_warc(stream: BinaryIO, origin: str, source: str) -> Iterator[Document]:
    """The pages of a WARC stream, in order; origins are `file@offset` of each record."""
    records = ArchiveIterator(stream)
    try:
        for record in records:
            document = _page(record, source)
            if document is not None:
                # Asked only once the content is read: warcio reads to the record's end for it.
                where = f"{origin}@{records.get_record_offset()}"
                yield replace(document, origin=where)
    except ArchiveLoadFailed:
        yield _unreadable(stream, records, origin, source)


def _page(record: Any, source: str) -> Document | None:
    if record.rec_type not in PAGE_RECORDS:
        return None
    content_type, charset = _content_type(record)
    http = record.http_headers
    if http is not None and not str(http.get_statuscode() or "").startswith("2"):
        return None  # a redirect or an error page is not the article
    if content_type and content_type not in PAGE_TYPES:
        return None
    raw = record.content_stream().read()
    url = record.rec_headers.get_header("WARC-Target-URI")
    suffix = ".html" if content_type in HTML_TYPES else ""
    kind = sniff_kind(raw, suffix)
    when = _captured(record.rec_headers.get_header("WARC-Date"))
    return Document(raw, url or "", kind, source, when, charset=charset, url=url)


def _content_type(record: Any) -> tuple[str, str | None]:
    """The page's media type and declared charset, from its HTTP headers (else the WARC's)."""
    value = (record.http_headers or record.rec_headers).get_header("Content-Type")
    return media_type(value), charset_param(value)


def _captured(stamp: str | None) -> datetime:
    """The WARC-Date (ISO 8601, UTC); now when it is missing or malformed."""
    if stamp:
        try:
            when = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
            return when if when.tzinfo else when.replace(tzinfo=UTC)
        except ValueError:
            pass
    return datetime.now(UTC)


def _unreadable(stream: BinaryIO, records: Any, origin: str, source: str) -> Document:
    """The bytes from the record that failed to the end of the file, kept as one document."""
    offset = records.offset if isinstance(getattr(records, "offset", None), int) else 0
    stream.seek(offset)
    rest = stream.read()
    return Document(rest, f"{origin}@{offset}", DocKind.WARC, source, datetime.now(UTC))
