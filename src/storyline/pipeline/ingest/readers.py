"""Readers: turn paths and streams into documents. The only I/O before the store.

A folder is read recursively in name order; a JSON Lines file yields one document per line, a
WARC file one per captured page and a feed file one per item, so each record is
content-addressed, stored and re-processed on its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from storyline.errors import InputError
from storyline.pipeline.ingest.sniff import (
    JSONL_SUFFIXES,
    SKIP_SUFFIXES,
    looks_like_feed,
    sniff_kind,
)
from storyline.pipeline.ingest.warc import is_warc, read_warc
from storyline.records import DocKind, Document


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a run's documents come from: the source name and its kind and location."""

    name: str
    kind: str
    location: str


def source_for(path: Path, override: str = "") -> Origin:
    """The source a path belongs to: the folder given, or the folder holding the file given."""
    folder = path if path.is_dir() else path.parent
    name = override or folder.resolve().name or str(folder)
    return Origin(name, "folder", str(folder))


def iter_files(path: Path) -> Iterator[Path]:
    if not path.exists():
        raise InputError(f"no such file or folder: {path}")
    if path.is_file():
        yield path
        return
    for child in sorted(path.rglob("*")):
        hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
        skipped = child.suffix.lower() in SKIP_SUFFIXES and not is_warc(child)
        if child.is_file() and not hidden and not skipped:
            yield child


def read_path(path: Path, source: str, timezone: str = "Asia/Shanghai") -> Iterator[Document]:
    """Documents from one file or every file under a folder; `timezone` reads a feed item's
    date that states no zone."""
    for file in iter_files(path):
        if file.suffix.lower() in JSONL_SUFFIXES:
            with file.open("rb") as stream:
                yield from read_jsonl(stream, str(file), source)
            continue
        if is_warc(file):
            with file.open("rb") as stream:
                yield from read_warc(stream, str(file), source)
            continue
        raw = file.read_bytes()
        if looks_like_feed(raw, file.suffix.lower()):
            items = list(read_feed_file(raw, str(file), source, timezone))
            if items:
                yield from items
                continue  # else an XML file that is no feed: read as text below
        kind = sniff_kind(raw, file.suffix.lower())
        yield Document(raw, str(file), kind, source, datetime.now(UTC))


def read_feed_file(raw: bytes, origin: str, source: str, timezone: str) -> Iterator[Document]:
    """The items of a saved RSS, Atom or JSON feed, each stored as the record a subscribed
    feed's item is stored as (its own text: a file brings no pages to fetch). Nothing when the
    bytes are no feed."""
    from storyline.pipeline.ingest.feed import item_record, parse_feed, record_bytes

    parsed = parse_feed(raw, timezone=timezone)
    if not parsed.recognised:
        return
    now = datetime.now(UTC)
    for number, item in enumerate(parsed.items, start=1):
        record = item_record(item, outlet=parsed.title, page=None)
        where = f"{origin}#{item.guid or number}"
        yield Document(
            record_bytes(record), where, DocKind.FEED, source, now, charset="utf-8", url=item.link
        )


def read_jsonl(stream: BinaryIO, origin: str, source: str) -> Iterator[Document]:
    """One document per non-blank line, streamed; the origin names the line."""
    for number, line in enumerate(stream, start=1):
        raw = line.rstrip(b"\r\n")
        if raw.strip():
            yield Document(raw, f"{origin}:{number}", DocKind.JSONL, source, datetime.now(UTC))


def read_stream(stream: BinaryIO, source: str, *, jsonl: bool = False) -> Iterator[Document]:
    """Documents from standard input: one whole document, or JSON Lines."""
    if jsonl:
        yield from read_jsonl(stream, "stdin", source)
        return
    raw = stream.read()
    yield Document(raw, "stdin", sniff_kind(raw, ""), source, datetime.now(UTC))


def read_paths(
    paths: Iterable[Path], source: str = "", timezone: str = "Asia/Shanghai"
) -> Iterator[tuple[Origin, Document]]:
    for path in paths:
        origin = source_for(path, source)
        for doc in read_path(path, origin.name, timezone):
            yield origin, doc
