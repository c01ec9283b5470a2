"""Single pages by URL (`storyline ingest https://…`): fetched politely, stored like files.

Each page goes through the same fetcher as feeds (robots.txt, per-host pacing, size caps,
private-address refusal). A page that cannot be fetched has no bytes to keep: the run reports it
with the fetcher's reason, its source records the error, and the other URLs go on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from urllib.parse import urlsplit

from storyline.api import Archive, IngestReport, Progress
from storyline.fetch.errors import FetchError
from storyline.fetch.headers import HTML_TYPES, media_type
from storyline.fetch.http import Fetcher, FetchResult
from storyline.pipeline.ingest.readers import Origin
from storyline.pipeline.ingest.sniff import sniff_kind
from storyline.records import Document
from storyline.store import sources as source_store


def is_url(arg: str) -> bool:
    return urlsplit(arg).scheme in {"http", "https"}


def origin_of(url: str, source: str = "") -> Origin:
    """A page's source: the name given, or the host it was fetched from."""
    parts = urlsplit(url)
    return Origin(source or parts.hostname or url, "web", f"{parts.scheme}://{parts.netloc}")


def page_document(result: FetchResult, source: str) -> Document:
    """The fetched bytes as a document: its final URL, the HTTP charset, fetched now."""
    html = media_type(result.content_type) in HTML_TYPES
    kind = sniff_kind(result.body, ".html" if html else "")
    now = datetime.now(UTC)
    return Document(
        result.body, result.final_url, kind, source, now, result.charset, result.final_url
    )


def ingest_urls(
    archive: Archive, urls: Iterable[str], fetcher: Fetcher, progress: Progress | None = None
) -> IngestReport:
    """Fetch and store each page; failures are reported and recorded on the page's source."""
    failures: list[tuple[str, FetchError]] = []

    def fetched() -> Iterator[tuple[Origin, Document]]:
        for url in urls:
            origin = origin_of(url, archive.settings.source)
            try:
                result = fetcher.fetch(url)
            except FetchError as exc:
                failures.append((url, exc))
                _record_failure(archive, origin, exc)
                continue
            yield origin, page_document(result, origin.name)

    report = archive.ingest_documents(fetched(), "ingest", progress)
    for url, exc in failures:
        report.failed[exc.reason] += 1
        report.failures.append((url, exc.reason, exc.message))
    return report


def _record_failure(archive: Archive, origin: Origin, exc: FetchError) -> None:
    with archive.store.transaction():
        source_id = source_store.ensure_source(
            archive.store, origin.name, origin.kind, origin.location
        )
        source_store.record_error(archive.store, source_id, exc.message)
