"""A digest of everything an ingest stores, to check that a faster ingest stores the same.

    python bench/ingest_digest.py                  # first 1,500 CCTV records + examples/
    python bench/ingest_digest.py --records 3000   # a larger subset
    python bench/ingest_digest.py --dump out.txt   # also write the rows, to diff two runs
    python bench/ingest_digest.py --db postgresql://...  # into a (fresh) PostgreSQL database
    python bench/ingest_digest.py --workers 2      # through a pool: must match in-process

The subset is ingested into a fresh database in one run (so reposts and grouping run in more
than one round once it passes ORGANISE_EVERY articles), then every table that carries a result
is read back in a fixed order, without the wall-clock columns (stored_at, created_at, run
times), and hashed per section. Two code versions store the same when the digests are equal.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "cctv-xwlb" / "stories.jsonl"
EXAMPLES = ROOT / "examples"
# Enough records for two rounds of repost detection and grouping (api.ORGANISE_EVERY = 1000)
# and a few hundred reposts, in about a minute on one core.
RECORDS = 1500
# Queries whose hits (ids, scores, snippets) are part of the digest: common and rare words of
# the CCTV bulletins and of the examples, a two-part word, a Latin name.
QUERIES = ["经济", "习近平", "航天员", "中华人民共和国", "OpenAI", "马斯克", "起诉", "台风"]

# Per table: the SELECT that reads its results in a fixed order (wall-clock columns left out).
SECTIONS = {
    "documents": "SELECT sha256, origin, kind, source_id, charset, url, state, step, reason, "
    "message FROM documents ORDER BY sha256",
    "sources": "SELECT id, name, kind, location, error_count, last_error FROM sources ORDER BY id",
    "articles": "SELECT id, document, source_id, kind, external_id, title, title_derived, "
    "published, published_utc, author, outlet, url, lang, script, thumbnail, summary, "
    "categories, tags, encoding, text, norm_title, norm_text, offsets, keywords FROM articles "
    "ORDER BY id",
    "reposts": "SELECT id, duplicate_of, similarity, repost_kind FROM articles ORDER BY id",
    # Sorted in Python by the band's bytes (see _bands): the table may keep them as integers.
    "repost_bands": "SELECT article_id, band FROM repost_bands",
    "article_tags": "SELECT article_id, tag FROM article_tags ORDER BY article_id, tag",
    "removed_spans": "SELECT article_id, span_start, span_end, text, reason FROM removed_spans "
    "ORDER BY article_id, span_start, span_end, reason, text",
    "mentions": "SELECT article_id, span_start, span_end, text, kind, entity FROM mentions "
    "ORDER BY article_id, span_start, span_end, kind, entity, text",
    "figures": "SELECT article_id, span_start, span_end, text, low, high, unit, qualifier "
    "FROM figures ORDER BY article_id, span_start, span_end, unit, low, high, qualifier",
    "date_exprs": "SELECT article_id, span_start, span_end, text, first_day, last_day, "
    "granularity, future FROM date_exprs ORDER BY article_id, span_start, span_end, first_day",
    "article_events": "SELECT article_id, event_id, score, how FROM article_events "
    "ORDER BY article_id",
    "events": "SELECT id, story_id, headline, centroid, first_utc, last_utc, size FROM events "
    "ORDER BY id",
    "stories": "SELECT id, headline, centroid, first_utc, last_utc, size FROM stories ORDER BY id",
    "run_steps": "SELECT position, step, total, forwarded, dropped FROM run_steps "
    "ORDER BY run_id, position",
}


# Every COPY_EVERY-th record of the subset is ingested again in a second run as a repost: an
# exact copy a day later, a copy without its last paragraph, or a copy a day earlier (which
# becomes the canonical one, so the original's verdicts move to it).
COPY_EVERY = 6


def _subset(records: int, folder: Path) -> tuple[Path, Path]:
    out, copies = folder / f"cctv-{records}.jsonl", folder / f"copies-{records}.jsonl"
    with CORPUS.open("rb") as src, out.open("wb") as dst, copies.open("w") as again:
        for i, line in enumerate(src):
            if i >= records:
                break
            dst.write(line)
            if i % COPY_EVERY == 0:
                again.write(json.dumps(_copy(json.loads(line), i // COPY_EVERY % 3)) + "\n")
    return out, copies


def _copy(record: dict[str, Any], how: int) -> dict[str, Any]:
    day = date.fromisoformat(record["date"])
    record["id"] += "-copy"
    if how == 1:
        paragraphs = record["raw_html"].split("</p>")
        record["raw_html"] = "</p>".join(paragraphs[:-2] + paragraphs[-1:])
    record["date"] = (day + timedelta(days=-1 if how == 2 else 1)).isoformat()
    return record


def _value(value: Any) -> Any:
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    if isinstance(value, float):
        return repr(value)
    return value


def _bands(rows: list[Any]) -> list[tuple[int, bytes]]:
    """(article id, band bytes) in that order, whether the store keeps a band as 8 big-endian
    bytes or as the signed 64-bit integer of those bits."""
    out = [
        (int(a), bytes(b) if not isinstance(b, int) else (b % 2**64).to_bytes(8, "big"))
        for a, b in rows
    ]
    return sorted(out)


def _lines(rows: list[Any]) -> Iterator[str]:
    for row in rows:
        yield json.dumps([_value(v) for v in row], ensure_ascii=False)


def _search_lines(archive: Any) -> Iterator[str]:
    for query in QUERIES:
        page = archive.search(query)
        hits = [[h.article_id, repr(h.score), h.title, h.snippet] for h in page.hits]
        yield json.dumps([query, page.total, hits], ensure_ascii=False)


def _report_lines(report: Any) -> Iterator[str]:
    g = report.grouping
    yield json.dumps(
        {
            "read": report.read,
            "new": report.new,
            "articles": report.articles,
            "failed": dict(sorted(report.failed.items())),
            "reposts": report.reposts,
            "grouping": [g.articles, g.joined_events, g.new_events, g.new_stories],
            "article_ids": report.article_ids,
        }
    )


def digest(db: str, records: int, dump: Path | None, workers: int = 1) -> dict[str, str]:
    """Ingest the subset into `db` (fresh) and return a hash per section, plus `all`."""
    from storyline.api import Archive
    from storyline.settings import load_settings

    settings = load_settings({"db": db, "workers": workers}, environ={})
    sections: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory() as tmp, Archive(settings) as archive:
        subset, copies = _subset(records, Path(tmp))
        report = archive.ingest([subset, EXAMPLES])
        again = archive.ingest([copies])
        sections["report"] = [*_report_lines(report), *_report_lines(again)]
        for name, sql in SECTIONS.items():
            rows = archive.store.execute(sql).fetchall()
            sections[name] = list(_lines(_bands(rows) if name == "repost_bands" else rows))
        sections["search"] = list(_search_lines(archive))
    # Origins and source locations name the temporary folder: keep them comparable.
    for lines in sections.values():
        lines[:] = [line.replace(tmp, "<tmp>").replace(Path(tmp).name, "<tmp>") for line in lines]
    hashes = {
        name: hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]
        for name, lines in sections.items()
    }
    hashes["all"] = hashlib.sha256(json.dumps(hashes, sort_keys=True).encode()).hexdigest()[:16]
    if dump is not None:
        with dump.open("w", encoding="utf-8") as out:
            for name, lines in sections.items():
                out.write(f"## {name} ({len(lines)} rows)\n")
                out.writelines(line + "\n" for line in lines)
    return hashes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=RECORDS, help="CCTV records to ingest")
    parser.add_argument("--db", help="a fresh database URL (default: a temporary SQLite file)")
    parser.add_argument("--dump", type=Path, help="write every digested row to this file")
    parser.add_argument("--workers", type=int, default=1, help="pipeline processes (default 1)")
    args = parser.parse_args()
    if not CORPUS.is_file():
        print(f"corpus not found at {CORPUS}; nothing to digest")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "digest.db")
        hashes = digest(db, args.records, args.dump, args.workers)
    for name, value in hashes.items():
        print(f"{name:<16}{value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
