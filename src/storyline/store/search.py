"""The search index: pre-segmented normalized words in an FTS5 table, ranked by BM25.

Rows share their rowid with `articles.id`. Titles weigh more than bodies in BM25.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storyline.records import Article
from storyline.store.clock import utc_iso
from storyline.store.db import Store

# BM25 column weights (title, body): a title word says more about the article than a body word.
# 4:1 follows the common practice of weighting title fields several times the body.
TITLE_WEIGHT = 4.0
BODY_WEIGHT = 1.0
# Tokens allowed between the parts of a split query word: jieba's search mode emits overlapping
# sub-words (中华 华人 人民 …) between the parts of one word; two spare positions absorb them.
NEAR_SLACK = 2


@dataclass(frozen=True, slots=True)
class SearchFilters:
    source: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    tag: str | None = None


def index_article(store: Store, article_id: int, article: Article) -> None:
    store.conn.execute("DELETE FROM search WHERE rowid = ?", (article_id,))
    store.conn.execute(
        "INSERT INTO search(rowid, title, body) VALUES (?, ?, ?)",
        (article_id, article.title_tokens, article.body_tokens),
    )


def _quote(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _match_expression(terms: list[tuple[str, list[str]]]) -> str:
    """Every query word must match, whole or as its parts near each other."""
    clauses = []
    for word, parts in terms:
        if parts:
            near = f"NEAR({' '.join(_quote(p) for p in parts)}, {len(parts) + NEAR_SLACK})"
            clauses.append(f"({_quote(word)} OR {near})")
        else:
            clauses.append(_quote(word))
    return " AND ".join(clauses)


def _filters(filters: SearchFilters) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if filters.source:
        clauses.append("a.source_id = (SELECT id FROM sources WHERE name = ?)")
        params.append(filters.source)
    if filters.since:
        clauses.append("a.published_utc >= ?")
        params.append(utc_iso(filters.since))
    if filters.until:
        clauses.append("a.published_utc < ?")
        params.append(utc_iso(filters.until))
    if filters.tag:
        clauses.append("a.id IN (SELECT article_id FROM article_tags WHERE tag = ?)")
        params.append(filters.tag)
    return "".join(" AND " + c for c in clauses), params


def search(
    store: Store,
    terms: list[tuple[str, list[str]]],
    filters: SearchFilters,
    *,
    limit: int,
    offset: int,
) -> tuple[int, list[tuple[int, float]]]:
    """(total, [(article id, score)]) for articles matching every (word, parts) term, best first."""
    if not terms:
        return 0, []
    where, params = _filters(filters)
    match = _match_expression(terms)
    # The join is only for filters: without one FTS5 counts and ranks alone, twice as fast.
    joined = "JOIN articles a ON a.id = search.rowid" if where else ""
    base = f"FROM search {joined} WHERE search MATCH ? {where}"
    total = int(store.conn.execute(f"SELECT count(*) {base}", [match, *params]).fetchone()[0])
    rows = store.conn.execute(
        f"SELECT search.rowid, bm25(search, {TITLE_WEIGHT}, {BODY_WEIGHT}) AS rank {base} "
        "ORDER BY rank LIMIT ? OFFSET ?",
        [match, *params, limit, offset],
    ).fetchall()
    # FTS5's bm25() is lower-is-better; report the usual higher-is-better score.
    return total, [(int(r[0]), -float(r[1])) for r in rows]
